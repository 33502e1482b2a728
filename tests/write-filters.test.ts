import type { CommandStartedEvent, Document } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { atomicUpdateFilter, isFerretDb } from "../src/db/conditional-write.js";
import { pushdownShape } from "../src/db/filter-shape.js";
import { FICHES } from "../src/sources/pdp/types.js";
import { startTestApp, type TestApp } from "./helpers.js";
import { ALL_GROUPS, CARSAT, CARSAT_ID, M, SSTRN, dayOffset, draftInput, run } from "./exchange-helpers.js";

/**
 * Several server processes may share one MongoDB: there each write of the
 * exchange is ONE `updateOne(atomicUpdateFilter(id, conditions))`, and
 * MongoDB's single-document atomicity makes it a compare-and-set. No real
 * MongoDB runs here, so this proves the shapes: for each write the exchange
 * makes, the conditions it checks (captured from the database commands)
 * give a filter that matches the fiche as it was just before the write, and
 * no longer matches it just after. So of two processes racing with the same
 * expected version, the second one's update matches nothing (CONFLICT). The
 * filter is evaluated by the database's own matcher, on copies of the two
 * states.
 */

let t: TestApp;
const captured: Document[] = [];
const listener = (e: CommandStartedEvent) => {
  const pipeline = (e.command as { pipeline?: Document[] }).pipeline;
  // updateOneWhere's check on FerretDB: [{$match: {_id}}, {$match: conditions}, {$project: {_id: 1}}]
  if (e.commandName === "aggregate" && e.command.aggregate === FICHES && pipeline?.length === 3)
    if (JSON.stringify(pipeline[2]) === JSON.stringify({ $project: { _id: 1 } }))
      captured.push({ id: pipeline[0].$match._id, condition: pipeline[1].$match });
};

beforeAll(async () => {
  t = await startTestApp(import.meta.url);
  t.database.client.on("commandStarted", listener);
});
afterAll(async () => {
  t.database.client.off("commandStarted", listener);
  await t.close();
});

const state = (id: string) => t.database.db.collection(FICHES).findOne({ _id: id as never });

/** How many of the documents `docs` the filter matches, by the database's matcher. */
async function matches(filter: Document, doc: Document): Promise<number> {
  const scratch = t.database.db.collection(`scratch_${captured.length}_${Date.now()}`);
  await scratch.insertOne(doc);
  const n = (await scratch.find(filter).toArray()).length;
  await scratch.drop();
  return n;
}

describe("the MongoDB path's conditional updates", () => {
  it("each write's filter holds its _id, its expected version and its rule, and admits only the state it was checked on", async () => {
    expect(await isFerretDb(t.database.db)).toBe(true); // the capture reads FerretDB's check of the conditions
    const draft = await run(t, SSTRN, M.create, draftInput("write-filters"));
    const steps: { who: typeof SSTRN; mutation: (typeof M)[keyof typeof M]; input: (v: number) => object }[] =
      [
        {
          who: SSTRN,
          mutation: M.consent,
          input: (v) => ({
            id: draft.id,
            expectedVersion: v,
            givenAt: new Date(Date.now() - 3600_000).toISOString(),
            how: "ECRIT",
            recipients: [{ type: "CARSAT", id: CARSAT_ID }],
            groups: ALL_GROUPS,
          }),
        },
        {
          who: SSTRN,
          mutation: M.send,
          input: (v) => ({
            id: draft.id,
            expectedVersion: v,
            recipient: { type: "CARSAT", id: CARSAT_ID },
            idempotencyKey: "write-filters-send",
          }),
        },
        { who: CARSAT, mutation: M.acknowledge, input: (v) => ({ id: draft.id, expectedVersion: v }) },
        {
          who: CARSAT,
          mutation: M.action,
          input: (v) => ({
            id: draft.id,
            expectedVersion: v,
            type: "ESSAI_ENCADRE",
            date: dayOffset(0),
            partner: { type: "CARSAT", id: CARSAT_ID },
          }),
        },
        {
          who: SSTRN,
          mutation: M.message,
          input: (v) => ({ id: draft.id, expectedVersion: v, text: "Essai validé." }),
        },
        {
          who: CARSAT,
          mutation: M.close,
          input: (v) => ({ id: draft.id, expectedVersion: v, outcome: "MAINTIEN_POSTE" }),
        },
      ];
    let version = draft.version;
    for (const step of steps) {
      const before = await state(draft.id);
      captured.length = 0;
      // biome-ignore lint/suspicious/noExplicitAny: each step's input fits its own mutation
      const after = await run(t, step.who, step.mutation as any, step.input(version) as any);
      expect(captured, "one conditional write per mutation").toHaveLength(1);
      const { id, condition } = captured[0];
      const filter = atomicUpdateFilter(id, [condition]);
      expect(filter._id).toBe(draft.id);
      expect(JSON.stringify(filter)).toContain(`"header.version":${version}`);
      expect(JSON.stringify(filter)).toContain('"header.status"');
      expect(await matches(filter, before!), "the filter admits the state it was checked on").toBe(1);
      expect(
        await matches(filter, (await state(draft.id))!),
        "a second writer with the same version matches nothing",
      ).toBe(0);
      version = (after as { version: number }).version;
    }
    expect(version).toBe(draft.version + steps.length);
  });

  it("keeps every condition's key: a rule at the root is never dropped by the merge", () => {
    const filter = atomicUpdateFilter("f1", [
      { "header.version": 3 },
      { "header.status": "SENT", "header.recipient.id": "carsat-x" },
      { orgIds: "carsat-x", $or: [{ a: 1 }, { b: 2 }] },
      { "header.status": { $ne: "DRAFT" } },
    ]);
    expect(filter).toEqual({
      _id: "f1",
      "header.version": 3,
      "header.status": "SENT",
      "header.recipient.id": "carsat-x",
      orgIds: "carsat-x",
      $or: [{ a: 1 }, { b: 2 }],
      $and: [{ "header.status": { $ne: "DRAFT" } }],
    });
  });
});

describe("the shape of imported-data reads (pushdownShape)", () => {
  it("turns a one-value $in into an equality and lifts $and's conditions to the root, meaning the same", async () => {
    const filter = {
      year: { $gte: 2019, $lte: 2024 },
      caisse: { $in: ["carsat-pays-de-la-loire"] },
      naf4: { $in: ["4110", "4120"] },
      flag: { $in: [null] },
      $and: [{ section: { $in: ["F"] } }, { year: { $ne: 2020 } }],
    };
    const shaped = pushdownShape(filter);
    expect(shaped).toEqual({
      year: { $gte: 2019, $lte: 2024 },
      caisse: "carsat-pays-de-la-loire",
      naf4: { $in: ["4110", "4120"] },
      flag: { $in: [null] },
      section: "F",
      $and: [{ year: { $ne: 2020 } }],
    });
    // The database's own matcher agrees on both shapes, arrays included.
    const scratch = t.database.db.collection<{ _id: string }>(`scratch_shape_${Date.now()}`);
    const docs = [
      { _id: "a", year: 2021, caisse: "carsat-pays-de-la-loire", naf4: "4110", flag: null, section: "F" },
      { _id: "b", year: 2020, caisse: "carsat-pays-de-la-loire", naf4: "4110", flag: null, section: "F" },
      { _id: "c", year: 2021, caisse: ["carsat-pays-de-la-loire", "x"], naf4: "4120", section: ["F", "G"] },
      { _id: "d", year: 2021, caisse: "carsat-nord-est", naf4: "4110", section: "F" },
    ];
    await scratch.insertMany(docs);
    const ids = async (f: object) => (await scratch.find(f).toArray()).map((d) => d._id).sort();
    expect(await ids(shaped)).toEqual(await ids(filter));
    expect(await ids(shaped)).toEqual(["a", "c"]);
    await scratch.drop();
  });
});
