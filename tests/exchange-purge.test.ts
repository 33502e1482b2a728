import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { as, startTestApp, type TestApp } from "./helpers.js";
import { CARSAT, M, SSTRN, run, sentFiche } from "./exchange-helpers.js";
import {
  CANDIDATE_PROJECTION,
  PURGED_STATS,
  contributionOf,
  purgeClosedFiches,
  purgedStatId,
  retentionCutoff,
  type Candidate,
  type PurgedStatDoc,
} from "../src/sources/pdp/purge/purge.js";
import { startPurgeSchedule } from "../src/sources/pdp/purge/schedule.js";
import type { FicheDoc, MedicalDoc } from "../src/sources/pdp/documents.js";
import { graphql } from "./generated/index.js";

/**
 * Retention: closed fiches past the period are deleted with their medical
 * group by `npm run purge` (and the server's schedule); their anonymous
 * yearly statistics stay, so the CPOM indicators are the same before and
 * after, after a re-run, and after a crash in the middle of a purge.
 */

let t: TestApp;
beforeAll(async () => {
  // Exact counts (no small-count masking) so that "unchanged" compares numbers, not masks.
  t = await startTestApp(import.meta.url, { config: { smallCountThreshold: 1 } });
});
afterAll(() => t.close());

const fiches = () => t.database.db.collection<FicheDoc>("pdp_fiches");
const medical = () => t.database.db.collection<MedicalDoc>("pdp_fiches_medical");
const stats = () => t.database.db.collection<PurgedStatDoc>(PURGED_STATS);
const INDICATORS = graphql(`query PurgeIndicators {
  all: pdpSignalements(years: { from: 2015, to: 2035 }) { year direction origin { id } recipient { id } count suppressed }
  sstrn: pdpSignalements(years: { from: 2015, to: 2035 }, org: "sstrn") { year direction origin { id } recipient { id } count }
  measures: pdpMeasures(years: { from: 2015, to: 2035 }) { year type count suppressed }
  sstrnMeasures: pdpMeasures(years: { from: 2015, to: 2035 }, org: "sstrn") { year type count }
}`);
async function indicators() {
  const res = await t.gql(INDICATORS, undefined, await as(SSTRN));
  expect(res.errors).toBeUndefined();
  return res.data!;
}

const exec = promisify(execFile);
/** `npm run purge` against this test's database, as an operator would run it. */
async function purgeTool(): Promise<string> {
  const env = { ...process.env, MONGODB_URI: inject("mongoUri"), MONGODB_DB: t.config.dbName };
  const { stdout } = await exec("npm", ["run", "-s", "purge"], { env, cwd: process.cwd() });
  return stdout.trim();
}

describe("the retention purge", () => {
  let before: Awaited<ReturnType<typeof indicators>>;
  let purgedIds: string[];
  let recent: { id: string };

  beforeAll(async () => {
    // A fiche closed today: within retention whatever happens.
    const sent = await sentFiche(t, "purge-recent-0001");
    await run(t, CARSAT, M.acknowledge, { id: sent.id, expectedVersion: sent.version });
    recent = await run(t, CARSAT, M.close, {
      id: sent.id,
      expectedVersion: sent.version + 1,
      outcome: "RECLASSEMENT",
    });
    const cutoff = retentionCutoff(new Date(), 2);
    purgedIds = (
      await fiches()
        .find({ "header.status": "CLOSED", "header.closedAt": { $lt: cutoff } }, { projection: { _id: 1 } })
        .toArray()
    ).map((d) => d._id);
    expect(purgedIds.length).toBeGreaterThan(50);
    before = await indicators();
    expect(before.all!.length).toBeGreaterThan(20);
  });

  it("`npm run purge` deletes the closed fiches past two years and their medical groups, and keeps their statistics", async () => {
    const medicalBefore = await medical().countDocuments({ _id: { $in: purgedIds } });
    expect(medicalBefore).toBeGreaterThan(0);
    expect(await purgeTool()).toMatch(
      new RegExp(
        `^Purged ${purgedIds.length} fiches de liaison closed before \\d{4}-\\d{2}-\\d{2} \\(retention 2 years\\)`,
      ),
    );
    expect(await fiches().countDocuments({ _id: { $in: purgedIds } })).toBe(0);
    expect(await medical().countDocuments({ _id: { $in: purgedIds } })).toBe(0);
    expect(await fiches().countDocuments({ _id: recent.id })).toBe(1);
    expect(await stats().countDocuments()).toBe(purgedIds.length);
    expect(
      (
        await stats()
          .find({}, { projection: { _id: 1 } })
          .toArray()
      )
        .map((d) => d._id)
        .sort(),
    ).toEqual(purgedIds.map(purgedStatId).sort());
    expect(await indicators()).toEqual(before);
  });

  it("keeps nothing that points at a person, an establishment or a fiche", async () => {
    const docs = await stats().find({}).toArray();
    const allowed = [
      "_id",
      "closedYear",
      "direction",
      "measures",
      "orgIds",
      "origin",
      "outcome",
      "recipient",
      "sentYear",
    ];
    for (const d of docs) for (const k of Object.keys(d)) expect(allowed, k).toContain(k);
    const text = JSON.stringify(docs.map(({ _id, ...rest }) => rest));
    for (const id of purgedIds) expect(text).not.toContain(id);
    expect(text).not.toMatch(/PS-[0-9A-Z]{10}|PDP-\d{4}|\d{14}/);
    for (const d of docs) for (const m of d.measures) expect(Object.keys(m).sort()).toEqual(["type", "year"]);
  });

  it("is idempotent: a second run purges nothing and changes nothing", async () => {
    const count = await stats().countDocuments();
    expect(await purgeClosedFiches(t.database.db, { retentionYears: 2 })).toMatchObject({ purged: 0 });
    expect(await stats().countDocuments()).toBe(count);
    expect(await indicators()).toEqual(before);
  });

  it("counts a fiche once after a crash between its statistics and its deletion, and finishes on the next run", async () => {
    // A later run (half a year on) finds more fiches; it crashes after steps 1 and 2 for one of them.
    const later = new Date(Date.now() + 182 * 86_400_000);
    const [victim] = (await fiches()
      .find(
        { "header.status": "CLOSED", "header.closedAt": { $lt: retentionCutoff(later, 2) } },
        { projection: CANDIDATE_PROJECTION },
      )
      .limit(1)
      .toArray()) as Candidate[];
    expect(victim).toBeDefined();
    await fiches().updateOne({ _id: victim._id }, { $set: { purging: true } });
    await stats().insertOne(contributionOf(victim));
    expect(await indicators()).toEqual(before);
    const { purged } = await purgeClosedFiches(t.database.db, {
      retentionYears: 2,
      now: later,
      batchSize: 7,
    });
    expect(purged).toBeGreaterThan(1);
    expect(await fiches().countDocuments({ _id: victim._id })).toBe(0);
    expect(await stats().countDocuments({ _id: purgedStatId(victim._id) })).toBe(1);
    expect(await indicators()).toEqual(before);
  });

  it("runs on a schedule inside the server, once at start then at each interval, and stops cleanly", async () => {
    const lines: string[] = [];
    const schedule = startPurgeSchedule(t.database.db, { retentionYears: 1, intervalHours: 24 }, (l) =>
      lines.push(l),
    );
    const result = await schedule.last();
    await schedule.stop();
    expect(result!.purged).toBeGreaterThan(0);
    expect(lines).toEqual([expect.stringMatching(/^Purged \d+ fiches de liaison closed before/)]);
    expect(await indicators()).toEqual(before);
    expect(await fiches().countDocuments({ _id: recent.id })).toBe(1);
  });
});
