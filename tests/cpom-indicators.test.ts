import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, onlyError, startTestApp, type TestApp, type ViewerSpec } from "./helpers.js";
import { graphql } from "./generated/index.js";
import type { FicheDoc } from "../src/sources/pdp/documents.js";
import type { AuditEventDoc } from "../src/sources/audit/types.js";
import type { ValueDoc } from "../src/sources/spsti/indicators/documents.js";
import type { CpomAction } from "../src/sources/spsti/types.js";

/**
 * CPOM indicators that can be followed (issue 12): units, baselines and
 * targets; values computed by Passerelle or declared by the SPSTI's pilots;
 * yearly and final bilans; the reviewers' comments; the same safeguards as
 * the PDP exchange (versions, idempotency keys, audit), and who may do what.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(import.meta.url, { seed: "region" });
});
afterAll(() => t.close());

const DIRECTION: ViewerSpec = { role: "SPSTI_DIRECTION", org: "SPSTI:sstrn", sub: "direction@sstrn" };
const CELLULE: ViewerSpec = { role: "CELLULE_PDP", org: "SPSTI:sstrn" };
const DREETS: ViewerSpec = { role: "DREETS_MEDECIN_INSPECTEUR", org: "DREETS:dreets-52" };
const CARSAT: ViewerSpec = { role: "CARSAT_INGENIEUR_CONSEIL", org: "CARSAT:carsat-pays-de-la-loire" };
const OTHER_DREETS: ViewerSpec = { role: "DREETS_INGENIEUR_PREVENTION", org: "DREETS:dreets-53" };
const ANALYST: ViewerSpec = { role: "ANALYST_NATIONAL", org: "NATIONAL:dgt" };
const CARSAT_ID = "carsat-pays-de-la-loire";

// Indicators of the seeded SSTRN CPOMs (seeds/spsti-cpom-sstrn.ts, seeds/spsti-fiches.ts).
const SIGNALEMENTS_2025 = "cpom-sstrn-2025-v1-pdp:6";
const CYCLES_IPR = "cpom-sstrn-2025-v3-formation:3";
const PRE_REPRISE_2020 = "cpom-sstrn-2020-v1-pdp:1";
const SIGNALEMENTS_2020 = "cpom-sstrn-2020-v1-pdp:2";
const TMS_FORMES_2020 = "cpom-sstrn-2020-v2-tms:2";

const DEFINITIONS = graphql(`query FollowUpDefinitions {
  cpom(id: "cpom-sstrn-2025") {
    volets { actions { id indicators { id label kind unit source computedFrom baseline { value year note } targets { year value } } } }
  }
}`);
const VALUES = graphql(`query FollowUpValues($cpom: ID!, $year: Year) {
  cpom(id: $cpom) {
    volets { actions { id indicators { id source values(year: $year) {
      id year source value suppressed parts { key value suppressed } comment version comments { id onVersion }
    } } } }
  }
}`);
const BILANS = graphql(`query FollowUpBilans($cpom: ID!) {
  cpom(id: $cpom) {
    finalBilan { id kind summary version action { id } cpom { id } }
    volets { actions { id bilans { id kind year summary version history { action } comments { text organisation { type } } } } }
  }
}`);
const RECORD_VALUE = graphql(`mutation RecordValue($input: RecordIndicatorValueInput!) {
  recordIndicatorValue(input: $input) { id year source value comment version updatedAt history { action organisation { type id } roles version } }
}`);
const RECORD_BILAN = graphql(`mutation RecordBilan($input: RecordActionBilanInput!) {
  recordActionBilan(input: $input) { id kind year summary difficulties version action { id } }
}`);
const RECORD_FINAL = graphql(`mutation RecordFinal($input: RecordCpomFinalBilanInput!) {
  recordCpomFinalBilan(input: $input) { id kind year summary version cpom { id } }
}`);
const COMMENT = graphql(`mutation CommentFollowUp($input: CommentCpomFollowUpInput!) {
  commentCpomFollowUp(input: $input) {
    comment { id text organisation { type id } roles onVersion }
    value { id version comments { id } history { action } }
    bilan { id version }
  }
}`);

type ValuesData = NonNullable<Awaited<ReturnType<typeof valuesOf>>>;
async function valuesOf(viewer: ViewerSpec, cpom: string, year: number | null = null) {
  const res = await t.gql(VALUES, { cpom, year }, await as(viewer));
  expect(res.errors).toBeUndefined();
  return res.data!.cpom!.volets.flatMap((v) => v.actions.flatMap((a) => a.indicators));
}
const indicator = (all: ValuesData, id: string) => {
  const found = all.find((i) => i.id === id);
  if (!found) throw new Error(`no indicator ${id}`);
  return found;
};

describe("definitions: units, baselines, targets, sources", () => {
  it("gives every indicator a unit, and the SSTRN CPOM's targets as the contract sets them", async () => {
    const res = await t.gql(DEFINITIONS, undefined, await as(DREETS));
    expect(res.errors).toBeUndefined();
    const all = res.data!.cpom!.volets.flatMap((v) => v.actions.flatMap((a) => a.indicators));
    expect(all).toHaveLength(15);
    for (const i of all) expect(i.unit.length, i.label).toBeGreaterThan(0);
    const cycles = all.find((i) => i.id === CYCLES_IPR)!;
    expect(cycles).toMatchObject({
      label: "Objectif : 3 cycles de futurs IPR a minima",
      unit: "cycles de formation",
    });
    expect(cycles.targets).toEqual([{ year: null, value: 3 }]);
    const radon = all.find((i) => i.label === "Nombre d'entreprises ayant intégré le risque radon")!;
    expect(radon.baseline).toMatchObject({ value: 0, year: 2025 });
    const yearly = radon.targets.map((x) => x.value);
    expect(radon.targets.every((x) => x.year !== null)).toBe(true);
    expect(yearly).toEqual([...yearly].sort((a, b) => a - b)); // rising
    expect(new Set(yearly).size).toBe(yearly.length);
    expect(all.find((i) => i.id === SIGNALEMENTS_2025)).toMatchObject({
      source: "COMPUTED",
      computedFrom: "PDP_SIGNALEMENTS",
    });
    expect(all.find((i) => i.label.startsWith("Nombre d'envois de lettres"))).toMatchObject({
      source: "COMPUTED",
      computedFrom: "ANNEX4_CIBLES",
    });
    expect(all.filter((i) => i.source === "DECLARED").every((i) => i.computedFrom === null)).toBe(true);
  });

  it("seeds declared values and bilans for past years, a comment of the DREETS, and no computed value", async () => {
    const stored = await t.database.db.collection<ValueDoc>("spsti_indicator_values").find({}).toArray();
    expect(stored.length).toBeGreaterThan(10);
    expect(stored.every((v) => v.year >= 2022 && v.year <= 2025)).toBe(true);
    const actions = await t.database.db
      .collection<{ _id: string } & CpomAction>("spsti_cpom_actions")
      .find({ _id: { $in: [...new Set(stored.map((v) => v.actionId))] } })
      .toArray();
    const byId = new Map(actions.map((a) => [a._id, a]));
    for (const v of stored) {
      const n = Number(v.indicatorId.split(":").pop());
      expect(byId.get(v.actionId)!.indicators[n - 1].computed ?? null, v._id).toBeNull();
    }
    const bilans = await t.gql(BILANS, { cpom: "cpom-sstrn-2020" }, await as(DIRECTION));
    expect(bilans.errors).toBeUndefined();
    const pdp = bilans
      .data!.cpom!.volets.flatMap((v) => v.actions)
      .find((a) => a.id === "cpom-sstrn-2020-v1-pdp")!;
    expect(pdp.bilans!.map((b) => b.year)).toEqual([2022, 2023, 2024, 2025]);
    const commented = pdp.bilans!.find((b) => b.year === 2024)!;
    expect(commented.comments).toEqual([expect.objectContaining({ organisation: { type: "DREETS" } })]);
    expect(commented.history.map((h) => h.action)).toEqual(["CREATED", "COMMENTED"]);
  });
});

describe("computed values", () => {
  it("counts the signalements each way exactly as the sent fiches between the SSTRN and its Carsat, for each CPOM party", async () => {
    const raw = await t.database.db
      .collection<FicheDoc>("pdp_fiches")
      .find({ orgIds: { $all: ["sstrn", CARSAT_ID] }, sentYear: { $exists: true } })
      .toArray();
    const expected = (year: number, origin: string) =>
      raw.filter((f) => f.sentYear === year && f.header.origin.id === origin).length;
    for (const viewer of [DIRECTION, DREETS, CARSAT]) {
      const values = indicator(await valuesOf(viewer, "cpom-sstrn-2020"), SIGNALEMENTS_2020).values!;
      expect(values.map((v) => v.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
      for (const v of values) {
        const out = expected(v.year, "sstrn");
        const back = expected(v.year, CARSAT_ID);
        expect(v).toMatchObject({ source: "COMPUTED", suppressed: false, value: out + back, version: null });
        expect(v.parts).toEqual([
          { key: "SPSTI_TO_CARSAT", value: out, suppressed: false },
          { key: "CARSAT_TO_SPSTI", value: back, suppressed: false },
        ]);
      }
      // The PDP seed covers 2022-2025: those years count fiches each way, the earlier ones none.
      expect(values.filter((v) => v.parts.every((p) => p.value! > 0)).map((v) => v.year)).toEqual([
        2022, 2023, 2024, 2025,
      ]);
    }
  });

  it("counts the pré-reprise visits as pdpMeasures gives them: exact for the SPSTI, as published for the DREETS", async () => {
    const measures = graphql(
      `query SstrnPreReprise { pdpMeasures(years: { from: 2020, to: 2026 }, org: "sstrn") { year type count suppressed } }`,
    );
    const own = await t.gql(measures, undefined, await as(CELLULE));
    const published = await t.gql(measures, undefined, await as(ANALYST));
    const figure = (rows: typeof own, year: number) =>
      rows.data!.pdpMeasures!.find((m) => m.year === year && m.type === "VISITE_PRE_REPRISE");
    const direction = indicator(await valuesOf(DIRECTION, "cpom-sstrn-2020"), PRE_REPRISE_2020).values!;
    expect(direction.some((v) => v.value! > 0)).toBe(true);
    for (const v of direction) {
      expect(v.suppressed).toBe(false);
      expect(v.value).toBe(figure(own, v.year)?.count ?? 0);
      expect(v.parts).toEqual([{ key: "VISITE_PRE_REPRISE", value: v.value, suppressed: false }]);
    }
    const dreets = indicator(await valuesOf(DREETS, "cpom-sstrn-2020"), PRE_REPRISE_2020).values!;
    for (const v of dreets) {
      const p = figure(published, v.year);
      expect(v.suppressed).toBe(p?.suppressed ?? false);
      expect(v.value).toBe(p ? p.count : 0);
    }
  });

  it("reads the établissements formés of the TMS theme from the published annexe 4", async () => {
    const annex4 = graphql(
      `query SstrnAnnex4 { cpom(id: "cpom-sstrn-2020") { annex4 { year theme formes } } }`,
    );
    const rows = (await t.gql(annex4, undefined, await as(DREETS))).data!.cpom!.annex4!.filter(
      (r) => r.theme === "TMS",
    );
    expect(rows.length).toBeGreaterThan(0);
    const values = indicator(await valuesOf(DREETS, "cpom-sstrn-2020"), TMS_FORMES_2020).values!;
    expect(values.map((v) => [v.year, v.value])).toEqual(
      rows.sort((a, b) => a.year - b.year).map((r) => [r.year, r.formes]),
    );
  });
});

const valueInput = (key: string, value: number, expectedVersion?: number) => ({
  input: {
    indicatorId: CYCLES_IPR,
    year: 2026,
    value,
    comment: "Premier cycle tenu au second semestre avec l'université d'Angers.",
    idempotencyKey: key,
    ...(expectedVersion ? { expectedVersion } : {}),
  },
});

describe("declared values", () => {
  let valueId = "";

  it("records a value declared by the SPSTI's direction, reads it back with its history, and audits the change", async () => {
    const res = await t.gql(RECORD_VALUE, valueInput("ipr-cycles-2026-a", 1), await as(DIRECTION));
    expect(res.errors).toBeUndefined();
    const v = res.data!.recordIndicatorValue!;
    valueId = v.id;
    expect(v).toMatchObject({
      id: `${CYCLES_IPR}:2026`,
      year: 2026,
      source: "DECLARED",
      value: 1,
      version: 1,
    });
    expect(v.history).toEqual([
      {
        action: "CREATED",
        organisation: { type: "SPSTI", id: "sstrn" },
        roles: ["SPSTI_DIRECTION"],
        version: 1,
      },
    ]);
    const read = indicator(await valuesOf(DREETS, "cpom-sstrn-2025", 2026), CYCLES_IPR).values!;
    expect(read).toEqual([expect.objectContaining({ id: v.id, value: 1, comment: v.comment, version: 1 })]);
    const events = await t.database.db
      .collection<AuditEventDoc>("audit_events")
      .find({ kind: "CPOM_CHANGED", subject: "direction@sstrn" })
      .toArray();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      orgType: "SPSTI",
      orgId: "sstrn",
      roles: ["SPSTI_DIRECTION"],
      ficheId: null,
    });
    expect(events[0].fields).toEqual(["recordIndicatorValue", `recordIndicatorValue.${v.id}`]);
  });

  it("answers a retry with the same key as the first time, and refuses the key with another payload (CONFLICT)", async () => {
    const again = await t.gql(RECORD_VALUE, valueInput("ipr-cycles-2026-a", 1), await as(DIRECTION));
    expect(again.errors).toBeUndefined();
    expect(again.data!.recordIndicatorValue).toMatchObject({ id: valueId, version: 1 });
    expect(again.data!.recordIndicatorValue!.history).toHaveLength(1);
    const other = onlyError(
      await t.gql(RECORD_VALUE, valueInput("ipr-cycles-2026-a", 2), await as(DIRECTION)),
    );
    expect(other.extensions).toMatchObject({ code: "CONFLICT", argument: "input.idempotencyKey" });
  });

  it("changes the value on the version read, and refuses a stale version with CONFLICT and the current one", async () => {
    const changed = await t.gql(RECORD_VALUE, valueInput("ipr-cycles-2026-b", 2, 1), await as(DIRECTION));
    expect(changed.errors).toBeUndefined();
    expect(changed.data!.recordIndicatorValue).toMatchObject({ value: 2, version: 2 });
    expect(changed.data!.recordIndicatorValue!.history.map((h) => h.action)).toEqual(["CREATED", "UPDATED"]);
    const stale = onlyError(
      await t.gql(RECORD_VALUE, valueInput("ipr-cycles-2026-c", 3, 1), await as(DIRECTION)),
    );
    expect(stale.extensions).toMatchObject({
      code: "CONFLICT",
      argument: "input.expectedVersion",
      currentVersion: 2,
    });
    const recreate = onlyError(
      await t.gql(RECORD_VALUE, valueInput("ipr-cycles-2026-d", 3), await as(DIRECTION)),
    );
    expect(recreate.extensions).toMatchObject({ code: "CONFLICT", currentVersion: 2 });
  });

  it("refuses a value on a computed indicator, naming input.value", async () => {
    const input = {
      ...valueInput("signalements-typed-in", 12).input,
      indicatorId: SIGNALEMENTS_2025,
      year: 2025,
    };
    const err = onlyError(await t.gql(RECORD_VALUE, { input }, await as(DIRECTION)));
    expect(err.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "input.value" });
    expect(
      await t.database.db
        .collection("spsti_indicator_values")
        .countDocuments({ indicatorId: SIGNALEMENTS_2025 }),
    ).toBe(0);
  });

  it("refuses a value that does not fit the indicator, or a year outside the CPOM, naming the field", async () => {
    const half = onlyError(
      await t.gql(RECORD_VALUE, valueInput("ipr-cycles-half", 1.5, 2), await as(DIRECTION)),
    );
    expect(half.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "input.value" });
    const early = { ...valueInput("ipr-cycles-2019", 1).input, year: 2019 };
    const year = onlyError(await t.gql(RECORD_VALUE, { input: early }, await as(DIRECTION)));
    expect(year.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "input.year" });
  });

  it("lets the DREETS comment the value it read (the value moves to a new version), not the SPSTI", async () => {
    const input = {
      valueId,
      expectedVersion: 2,
      text: "Merci de joindre la liste d'émargement.",
      idempotencyKey: "dreets-comment-1",
    };
    const res = await t.gql(COMMENT, { input }, await as(DREETS));
    expect(res.errors).toBeUndefined();
    const { comment, value } = res.data!.commentCpomFollowUp!;
    expect(comment).toMatchObject({
      organisation: { type: "DREETS", id: "dreets-52" },
      roles: ["DREETS_MEDECIN_INSPECTEUR"],
      onVersion: 2,
    });
    expect(value).toMatchObject({ id: valueId, version: 3, comments: [{ id: comment.id }] });
    expect(value!.history.map((h) => h.action)).toEqual(["CREATED", "UPDATED", "COMMENTED"]);
    const own = { ...input, expectedVersion: 3, idempotencyKey: "sstrn-self-comment" };
    expect(onlyError(await t.gql(COMMENT, { input: own }, await as(DIRECTION))).extensions?.code).toBe(
      "FORBIDDEN",
    );
  });

  it("refuses a value declared by the Carsat (FORBIDDEN): it reviews, the SPSTI reports", async () => {
    const input = { ...valueInput("carsat-declares", 1).input, year: 2025 };
    expect(onlyError(await t.gql(RECORD_VALUE, { input }, await as(CARSAT))).extensions?.code).toBe(
      "FORBIDDEN",
    );
  });
});

describe("no personal data", () => {
  // A NIR with its key (1 85 05 78 006 084 + key), spaced as people write it.
  const body = "1850578006084";
  const nir = `${body}${String(97n - (BigInt(body) % 97n)).padStart(2, "0")}`.replace(
    /^(\d)(\d{2})(\d{2})(\d{2})(\d{3})(\d{3})(\d{2})$/,
    "$1 $2 $3 $4 $5 $6 $7",
  );
  const text = `Situation du salarié ${nir} étudiée en ILC.`;

  it("refuses a NIR in every free text of the follow-up, naming the field, and writes nothing", async () => {
    const before = await t.database.db.collection("spsti_cpom_bilans").countDocuments();
    const bilan = {
      actionId: "cpom-sstrn-2025-v1-pdp",
      year: 2025,
      summary: "Lancement.",
      idempotencyKey: "nir-bilan",
    };
    const cases: [Promise<ReturnType<typeof onlyError>>, string][] = [
      [
        t
          .gql(
            RECORD_VALUE,
            { input: { ...valueInput("nir-value", 1).input, comment: text } },
            await as(DIRECTION),
          )
          .then(onlyError),
        "input.comment",
      ],
      [
        t.gql(RECORD_BILAN, { input: { ...bilan, summary: text } }, await as(DIRECTION)).then(onlyError),
        "input.summary",
      ],
      [
        t.gql(RECORD_BILAN, { input: { ...bilan, difficulties: text } }, await as(DIRECTION)).then(onlyError),
        "input.difficulties",
      ],
      [
        t.gql(RECORD_BILAN, { input: { ...bilan, adjustments: text } }, await as(DIRECTION)).then(onlyError),
        "input.adjustments",
      ],
      [
        t
          .gql(
            COMMENT,
            {
              input: {
                bilanId: "cpom-sstrn-2020-v1-pdp:2024",
                expectedVersion: 2,
                text,
                idempotencyKey: "nir-comment",
              },
            },
            await as(DREETS),
          )
          .then(onlyError),
        "input.text",
      ],
    ];
    for (const [pending, argument] of cases) {
      const err = await pending;
      expect(err.extensions, argument).toMatchObject({ code: "BAD_USER_INPUT", argument });
      expect(err.message).not.toContain(body.slice(0, 5));
    }
    expect(await t.database.db.collection("spsti_cpom_bilans").countDocuments()).toBe(before);
  });
});

describe("who is a party", () => {
  it("gives another region's DREETS empty lists, no final bilan, and NOT_FOUND when it writes", async () => {
    const values = await valuesOf(OTHER_DREETS, "cpom-sstrn-2020");
    expect(values.length).toBeGreaterThan(0);
    for (const i of values) expect(i.values).toEqual([]);
    const bilans = await t.gql(BILANS, { cpom: "cpom-sstrn-2020" }, await as(OTHER_DREETS));
    expect(bilans.errors).toBeUndefined();
    expect(bilans.data!.cpom!.finalBilan).toBeNull();
    for (const a of bilans.data!.cpom!.volets.flatMap((v) => v.actions)) expect(a.bilans).toEqual([]);
    const comment = {
      bilanId: "cpom-sstrn-2020-v1-pdp:2024",
      expectedVersion: 2,
      text: "Vu.",
      idempotencyKey: "dreets-53-comment",
    };
    const err = onlyError(await t.gql(COMMENT, { input: comment }, await as(OTHER_DREETS)));
    expect(err.extensions).toMatchObject({ code: "NOT_FOUND", argument: "input.bilanId" });
    const declare = onlyError(
      await t.gql(RECORD_VALUE, valueInput("dreets-53-declares", 1), await as(OTHER_DREETS)),
    );
    expect(declare.extensions).toMatchObject({ code: "NOT_FOUND", argument: "input.indicatorId" });
  });

  it("gives the same party lists to the CPOM's own DREETS (the contrast to the test above)", async () => {
    const signalements = indicator(await valuesOf(DREETS, "cpom-sstrn-2020"), SIGNALEMENTS_2020);
    expect(signalements.values!.length).toBe(6);
  });

  it("refuses values, bilans and the mutations to an analyst (FORBIDDEN), and keeps the rest of the answer", async () => {
    const res = await t.gql(VALUES, { cpom: "cpom-sstrn-2025", year: null }, await as(ANALYST));
    const indicators = res.data!.cpom!.volets.flatMap((v) => v.actions.flatMap((a) => a.indicators));
    expect(indicators.length).toBe(15);
    expect(indicators.every((i) => i.values === null && i.id.startsWith("cpom-sstrn-2025"))).toBe(true);
    expect(res.errors!.length).toBe(15);
    expect(res.errors!.every((e) => e.extensions?.code === "FORBIDDEN")).toBe(true);
    const write = onlyError(await t.gql(RECORD_VALUE, valueInput("analyst-declares", 1), await as(ANALYST)));
    expect(write.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("bilans", () => {
  it("records a yearly bilan of a fiche action, read back by the Carsat", async () => {
    const input = {
      actionId: "cpom-sstrn-2025-v1-pdp",
      year: 2026,
      summary: "Place de chaque acteur précisée avec le service social ; fiche de liaison commune en test.",
      difficulties: "Calendrier des instances locales de coordination.",
      idempotencyKey: "bilan-pdp-2026",
    };
    const res = await t.gql(RECORD_BILAN, { input }, await as(DIRECTION));
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordActionBilan).toMatchObject({
      id: "cpom-sstrn-2025-v1-pdp:2026",
      kind: "YEARLY",
      version: 1,
      action: { id: "cpom-sstrn-2025-v1-pdp" },
    });
    const read = await t.gql(BILANS, { cpom: "cpom-sstrn-2025" }, await as(CARSAT));
    const pdp = read
      .data!.cpom!.volets.flatMap((v) => v.actions)
      .find((a) => a.id === "cpom-sstrn-2025-v1-pdp")!;
    expect(pdp.bilans!.find((b) => b.year === 2026)).toMatchObject({ summary: input.summary, version: 1 });
    const carsat = onlyError(
      await t.gql(RECORD_BILAN, { input: { ...input, idempotencyKey: "carsat-bilan" } }, await as(CARSAT)),
    );
    expect(carsat.extensions?.code).toBe("FORBIDDEN");
  });

  it("refuses the final bilan before its window (six months before the end), and takes it for the CPOM that ended in 2025", async () => {
    const early = { cpomId: "cpom-sstrn-2025", summary: "Trop tôt.", idempotencyKey: "final-2025-early" };
    const err = onlyError(await t.gql(RECORD_FINAL, { input: early }, await as(DIRECTION)));
    expect(err.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argument: "input.cpomId",
      opensOn: "2029-03-29",
    });
    expect(err.message).toContain("2029-03-29");
    const input = {
      cpomId: "cpom-sstrn-2020",
      summary: "Volet PDP : échanges avec le service social structurés ; TMS et risque chimique reconduits.",
      adjustments: "Compter les signalements à partir des fiches échangées.",
      idempotencyKey: "final-2020",
    };
    const res = await t.gql(RECORD_FINAL, { input }, await as(DIRECTION));
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordCpomFinalBilan).toMatchObject({
      id: "cpom-sstrn-2020:final",
      kind: "FINAL",
      year: null,
      version: 1,
      cpom: { id: "cpom-sstrn-2020" },
    });
    const read = await t.gql(BILANS, { cpom: "cpom-sstrn-2020" }, await as(DREETS));
    expect(read.data!.cpom!.finalBilan).toMatchObject({
      kind: "FINAL",
      summary: input.summary,
      action: null,
    });
  });
});

describe("batching", () => {
  // The SSTRN's actions (Loire-Atlantique), then those of the three SPSTIs of Pays de la Loire.
  const ONE = graphql(`query FollowUpOneSpsti { cpomActions(territory: { departement: "44" }) {
    id cpom { finalBilan { id } } bilans { id } indicators { id values { year value suppressed } } } }`);
  const ALL = graphql(`query FollowUpAllSpstis { cpomActions(territory: { region: "52" }) {
    id cpom { finalBilan { id } } bilans { id } indicators { id values { year value suppressed } } } }`);

  it("reads the values and bilans of every CPOM with the database commands of one SPSTI's", async () => {
    const headers = await as(DREETS);
    const one = await t.database.commands.measure(() => t.gql(ONE, undefined, headers));
    const all = await t.database.commands.measure(() => t.gql(ALL, undefined, headers));
    expect(one.result.errors).toBeUndefined();
    expect(all.result.errors).toBeUndefined();
    type Actions = { indicators: { values: unknown[] | null }[] }[];
    const count = (actions: Actions) =>
      actions.flatMap((a) => a.indicators).filter((i) => i.values!.length > 0).length;
    const few = count(one.result.data!.cpomActions!);
    const many = count(all.result.data!.cpomActions!);
    expect(many).toBeGreaterThan(2 * few);
    expect(all.commands).toBe(one.commands);
    expect(all.names).toEqual(one.names);
  });
});
