import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, startTestApp, type TestApp, type ViewerSpec } from "./helpers.js";

/**
 * The annex-4 campaign played as each party over HTTP: the SSTRN fills in its
 * 2025 report (its new CPOM, radon in the "Volet 3 (éventuel)" column),
 * submits it; the DREETS returns it; the SSTRN corrects and submits again; the
 * DREETS and the Carsat validate; the row is then published in `annex4`.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(import.meta.url, { seed: "region" });
});
afterAll(() => t.close());

const SSTRN: ViewerSpec = { role: "SPSTI_DIRECTION", org: "SPSTI:sstrn" };
const DREETS: ViewerSpec = { role: "DREETS_INGENIEUR_PREVENTION", org: "DREETS:dreets-52" };
const CARSAT: ViewerSpec = { role: "CARSAT_INGENIEUR_CONSEIL", org: "CARSAT:carsat-pays-de-la-loire" };
const CPOM = "cpom-sstrn-2025";
const YEAR = 2025;

const REPORT = `id state version year themes dueBy late daysLate submittedAt firstSubmittedAt validatedAt
  rows { theme volet formes formesSuivisCog accompagnes accompagnesSuivisCog cibles ciblesSuivisCog commentaire }
  reviews { organisation { type id } decision comment version }
  history { action organisation { type id } roles comment version }`;
const SAVE = `mutation Save($input: SaveAnnex4ReportInput!) { saveAnnex4Report(input: $input) { ${REPORT} } }`;
const SUBMIT = `mutation Submit($input: SubmitAnnex4ReportInput!) { submitAnnex4Report(input: $input) { ${REPORT} } }`;
const REVIEW = `mutation Review($input: ReviewAnnex4ReportInput!) { reviewAnnex4Report(input: $input) { ${REPORT} } }`;
const CAMPAIGN = `query Campaign($year: Year!) { annex4Campaign(year: $year) {
  cpom { id } spsti { id } state dueBy late daysLate submittedAt report { version } } }`;

type Report = {
  id: string;
  state: string;
  version: number;
  rows: Record<string, unknown>[];
  reviews: { organisation: { type: string }; decision: string; version: number }[];
  history: { action: string; organisation: { type: string; id: string }; roles: string[]; version: number }[];
  late: boolean;
  daysLate: number;
  firstSubmittedAt: string | null;
};
type Entry = { cpom: { id: string }; spsti: { id: string }; state: string; late: boolean; daysLate: number };

const radon = (over: Record<string, unknown> = {}) => ({
  theme: "RADON",
  formes: 12,
  formesSuivisCog: 4,
  accompagnes: 30,
  accompagnesSuivisCog: 9,
  cibles: 420,
  ciblesSuivisCog: 60,
  commentaire:
    "Journée radon avec la Carsat et la DREETS ; lettres d'information aux adhérents des zones 2 et 3.",
  ...over,
});

async function call<T>(who: ViewerSpec, doc: string, variables: Record<string, unknown>) {
  return t.gql<T>(doc, variables, await as(who));
}
async function step(who: ViewerSpec, doc: string, input: Record<string, unknown>): Promise<Report> {
  const res = await call<Record<string, Report>>(who, doc, { input });
  expect(res.errors).toBeUndefined();
  return Object.values(res.data!)[0];
}
async function refusal(who: ViewerSpec, doc: string, input: Record<string, unknown>) {
  const res = await call(who, doc, { input });
  expect(res.errors).toHaveLength(1);
  return res.errors![0].extensions as { code: string; argument?: string };
}
const stored = () =>
  t.database.db.collection("spsti_annex4_reports").findOne({ _id: `${CPOM}:${YEAR}` as never });
const campaign = async (who: ViewerSpec) =>
  (await call<{ annex4Campaign: Entry[] }>(who, CAMPAIGN, { year: YEAR })).data!.annex4Campaign;

describe("the annex-4 campaign", () => {
  it("lists, for the DREETS and the Carsat, each SPSTI of their territory with its state and lateness", async () => {
    for (const who of [DREETS, CARSAT]) {
      const entries = await campaign(who);
      const byCpom = new Map(entries.map((e) => [e.cpom.id, e]));
      expect(byCpom.get(CPOM)).toMatchObject({ spsti: { id: "sstrn" }, state: "NOT_STARTED", late: true });
      // Not started on 4 December 2026 or later: at least 157 days past 30 June 2026.
      expect(byCpom.get(CPOM)!.daysLate).toBeGreaterThanOrEqual(157);
      expect(byCpom.get("cpom-sstrn-2020")!.state).toBe("VALIDATED");
      expect(entries.map((e) => e.state)).toContain("RETURNED");
      expect(new Set(entries.map((e) => e.spsti.id))).toEqual(new Set(["sstrn", "stam", "stvo"]));
    }
    // Another region's DREETS signed none of them; the SSTRN sees its own CPOMs only.
    expect(await campaign({ ...DREETS, org: "DREETS:dreets-53" })).toEqual([]);
    expect(new Set((await campaign(SSTRN)).map((e) => e.spsti.id))).toEqual(new Set(["sstrn"]));
  });

  it("refuses impossible rows, naming the field, and writes nothing", async () => {
    const base = { cpomId: CPOM, year: YEAR, idempotencyKey: "refused-rows-0001" };
    expect(await refusal(SSTRN, SAVE, { ...base, rows: [radon({ theme: "TMS" })] })).toMatchObject({
      code: "BAD_USER_INPUT",
      argument: "input.rows[0].theme",
    });
    expect(
      await refusal(SSTRN, SAVE, { ...base, rows: [radon({ accompagnesSuivisCog: 31 })] }),
    ).toMatchObject({
      code: "BAD_USER_INPUT",
      argument: "input.rows[0].accompagnesSuivisCog",
    });
    expect(await refusal(SSTRN, SAVE, { ...base, rows: [radon(), radon()] })).toMatchObject({
      argument: "input.rows[1].theme",
    });
    // A NIR (here with its key, 91) never enters the follow-up, not even in a comment.
    expect(
      await refusal(SSTRN, SAVE, {
        ...base,
        rows: [radon({ commentaire: "cas du salarié 1 85 05 78 006 084 91" })],
      }),
    ).toMatchObject({ code: "BAD_USER_INPUT", argument: "input.rows[0].commentaire" });
    // The CPOM came into force on 30 September 2025: 2024 is outside it.
    expect(await refusal(SSTRN, SAVE, { ...base, year: 2024, rows: [radon()] })).toMatchObject({
      argument: "input.year",
    });
    // A year not over cannot be submitted; a CPOM the viewer did not sign does not exist for it.
    expect(
      await refusal(SSTRN, SUBMIT, {
        cpomId: CPOM,
        year: 2026,
        expectedVersion: 1,
        idempotencyKey: "too-early-0001",
      }),
    ).toMatchObject({ argument: "input.year" });
    expect(await refusal({ ...SSTRN, org: "SPSTI:stam" }, SAVE, { ...base, rows: [radon()] })).toMatchObject({
      code: "NOT_FOUND",
      argument: "input.cpomId",
    });
    // Only the SPSTI fills it in.
    expect(await refusal(DREETS, SAVE, { ...base, rows: [radon()] })).toMatchObject({ code: "FORBIDDEN" });
    expect(await stored()).toBeNull();
  });

  it("runs from draft to validated, with a return in between, each step as the party it names", async () => {
    const key = (n: string) => `campaign-2025-${n}`;
    const draft = await step(SSTRN, SAVE, {
      cpomId: CPOM,
      year: YEAR,
      rows: [radon()],
      idempotencyKey: key("save1"),
    });
    expect(draft).toMatchObject({ state: "DRAFT", version: 1, themes: ["RADON"], dueBy: "2026-06-30" });
    expect(draft.rows).toEqual([{ ...radon(), volet: 3 }]);
    // A retry answers the same report; the same key for other rows is a conflict.
    expect(
      (await step(SSTRN, SAVE, { cpomId: CPOM, year: YEAR, rows: [radon()], idempotencyKey: key("save1") }))
        .version,
    ).toBe(1);
    expect(
      await refusal(SSTRN, SAVE, {
        cpomId: CPOM,
        year: YEAR,
        rows: [radon({ formes: 13 })],
        idempotencyKey: key("save1"),
      }),
    ).toMatchObject({ code: "CONFLICT", argument: "input.idempotencyKey" });
    // A reviewer cannot decide on a draft.
    const early = {
      cpomId: CPOM,
      year: YEAR,
      decision: "VALIDATED",
      expectedVersion: 1,
      idempotencyKey: key("early"),
    };
    expect(await refusal(DREETS, REVIEW, early)).toMatchObject({ code: "CONFLICT" });

    const submitted = await step(SSTRN, SUBMIT, {
      cpomId: CPOM,
      year: YEAR,
      expectedVersion: 1,
      idempotencyKey: key("submit1"),
    });
    expect(submitted).toMatchObject({ state: "SUBMITTED", version: 2, late: true });
    expect(submitted.daysLate).toBeGreaterThanOrEqual(157);
    // The SPSTI does not review itself; a return needs a reason.
    const ret = {
      cpomId: CPOM,
      year: YEAR,
      decision: "RETURNED",
      expectedVersion: 2,
      idempotencyKey: key("return"),
    };
    expect(await refusal(SSTRN, REVIEW, ret)).toMatchObject({ code: "FORBIDDEN" });
    expect(await refusal(DREETS, REVIEW, ret)).toMatchObject({
      code: "BAD_USER_INPUT",
      argument: "input.comment",
    });
    const returned = await step(DREETS, REVIEW, {
      ...ret,
      comment: "Le nombre d'établissements accompagnés est à rapprocher de la liste COG.",
    });
    expect(returned).toMatchObject({ state: "RETURNED", version: 3 });

    const corrected = await step(SSTRN, SAVE, {
      cpomId: CPOM,
      year: YEAR,
      rows: [radon({ accompagnes: 28 })],
      expectedVersion: 3,
      idempotencyKey: key("save2"),
    });
    expect(corrected).toMatchObject({ state: "RETURNED", version: 4 });
    const again = await step(SSTRN, SUBMIT, {
      cpomId: CPOM,
      year: YEAR,
      expectedVersion: 4,
      idempotencyKey: key("submit2"),
    });
    expect(again).toMatchObject({ state: "SUBMITTED", version: 5, reviews: [] });

    const byDreets = await step(DREETS, REVIEW, {
      cpomId: CPOM,
      year: YEAR,
      decision: "VALIDATED",
      expectedVersion: 5,
      idempotencyKey: key("dreets-ok"),
    });
    expect(byDreets).toMatchObject({ state: "SUBMITTED", version: 6 });
    // The Carsat decides on the version it read: a stale one is a conflict.
    const carsat = { cpomId: CPOM, year: YEAR, decision: "VALIDATED", idempotencyKey: key("carsat-ok") };
    expect(await refusal(CARSAT, REVIEW, { ...carsat, expectedVersion: 5 })).toMatchObject({
      code: "CONFLICT",
    });
    const validated = await step(CARSAT, REVIEW, { ...carsat, expectedVersion: 6 });
    expect(validated).toMatchObject({ state: "VALIDATED", version: 7 });
    expect(validated.reviews.map((r) => [r.organisation.type, r.decision, r.version])).toEqual([
      ["DREETS", "VALIDATED", 5],
      ["CARSAT", "VALIDATED", 6],
    ]);
    expect(validated.history.map((h) => [h.action, h.organisation.type, h.version])).toEqual([
      ["SAVED", "SPSTI", 1],
      ["SUBMITTED", "SPSTI", 2],
      ["RETURNED", "DREETS", 3],
      ["SAVED", "SPSTI", 4],
      ["SUBMITTED", "SPSTI", 5],
      ["VALIDATED", "DREETS", 6],
      ["VALIDATED", "CARSAT", 7],
    ]);
    expect(validated.history[0].roles).toEqual(["SPSTI_DIRECTION"]);
    // A validated report is final.
    expect(
      await refusal(SSTRN, SAVE, {
        cpomId: CPOM,
        year: YEAR,
        rows: [radon()],
        expectedVersion: 7,
        idempotencyKey: key("late"),
      }),
    ).toMatchObject({ code: "CONFLICT" });

    // Published in annex 4, in the volet-3 column, lateness counted to the first submission.
    const published = await call<{ annex4: Record<string, unknown>[] }>(
      DREETS,
      `{ annex4(year: ${YEAR}, theme: RADON) { cpom { id } volet formes accompagnes cibles suppressed reportedAt } }`,
      {},
    );
    expect(published.data!.annex4).toHaveLength(1);
    const row = published.data!.annex4[0];
    expect(row).toMatchObject({ cpom: { id: CPOM }, volet: 3, reportedAt: validated.firstSubmittedAt });
    for (const [field, value] of [
      ["formes", 12],
      ["accompagnes", 28],
      ["cibles", 420],
    ] as const)
      expect(row[field] === null ? row.suppressed : row[field] === value).toBe(true);
    const entry = (await campaign(CARSAT)).find((e) => e.cpom.id === CPOM)!;
    expect(entry).toMatchObject({ state: "VALIDATED", late: true });

    // Every step is in the audit trail, with the person who made it (for each organisation's DPO).
    const events = await t.database.db
      .collection("audit_events")
      .find({ kind: "CPOM_CHANGED" })
      .project({ orgId: 1, subject: 1, fields: 1 })
      .toArray();
    // The SSTRN's two saves, its retry of the first (answered, so traced too) and its two submissions.
    expect(events.filter((e) => e.orgId === "sstrn")).toHaveLength(5);
    expect(events.filter((e) => e.orgId === "dreets-52")).toHaveLength(2);
    expect(events.filter((e) => e.orgId === "carsat-pays-de-la-loire")).toHaveLength(1);
    expect(events.flatMap((e) => e.fields)).toContain(`reviewAnnex4Report.${CPOM}:${YEAR}`);
  });

  it("is for the signatories only: an analyst gets FORBIDDEN, another region's DREETS nothing", async () => {
    const analyst = await call(
      { role: "ANALYST_NATIONAL", org: "NATIONAL:dgt" },
      `{ annex4Campaign(year: ${YEAR}) { state } annex4Report(cpomId: "${CPOM}", year: ${YEAR}) { state } }`,
      {},
    );
    expect(analyst.errors!.map((e) => e.extensions!.code)).toEqual(["FORBIDDEN", "FORBIDDEN"]);
    const other = await call<{ annex4Report: unknown }>(
      { ...DREETS, org: "DREETS:dreets-53" },
      `{ annex4Report(cpomId: "${CPOM}", year: ${YEAR}) { state } }`,
      {},
    );
    expect(other.errors).toBeUndefined();
    expect(other.data!.annex4Report).toBeNull();
    const mine = await call<{ annex4Report: { state: string } }>(
      CARSAT,
      `{ annex4Report(cpomId: "cpom-sstrn-2020", year: 2024) { state } }`,
      {},
    );
    expect(mine.data!.annex4Report.state).toBe("VALIDATED");
  });
});
