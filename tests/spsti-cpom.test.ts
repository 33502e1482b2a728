import { print } from "graphql";
import { ANNEX4_COUNTS } from "../src/sources/spsti/types-cpom.js";
import type { Document } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { annex4Problem, cpomDatesProblem, type Annex4Counts } from "../src/sources/spsti/rules.js";
import { onlyError, startTestApp, type TestApp, DREETS_PDL } from "./helpers.js";
import { graphql } from "./generated/index.js";

/** CPOMs, their fiches actions and the annexe-4 follow-up. */
let t: TestApp;
const col = (name: string) => t.database.db.collection<{ _id: string } & Document>(name);
beforeAll(async () => {
  t = await startTestApp(import.meta.url, { as: DREETS_PDL });
});
afterAll(() => t.close());

const PDL = ["sstrn", "stam", "stvo"];

describe("cpom(id): the SSTRN CPOM 2025-2029", () => {
  it("has its three signatories, its dates and its three volets", async () => {
    const res = await t.gql(
      graphql(`query SstrnCpom { cpom(id: "cpom-sstrn-2025") { generation signatories { type id } crpstOpinionOn signedOn startsOn endsOn
      spsti { id } inForceOn(date: "2027-01-01") volets { number mandatory actions { theme title indicators { label kind } phases { name deadline dueBy } pilots { organisation { type } role } } } } }`),
    );
    expect(res.errors).toBeUndefined();
    const c = res.data!.cpom!;
    expect(c).toMatchObject({
      generation: 3,
      crpstOpinionOn: "2025-09-30",
      signedOn: "2025-09-30",
      startsOn: "2025-09-30",
      endsOn: "2029-09-29",
      spsti: { id: "sstrn" },
      inForceOn: true,
    });
    expect(c.signatories).toEqual([
      { type: "SPSTI", id: "sstrn" },
      { type: "DREETS", id: "dreets-52" },
      { type: "CARSAT", id: "carsat-pays-de-la-loire" },
    ]);
    expect(c.volets.map((v) => [v.number, v.mandatory])).toEqual([
      [1, true],
      [2, true],
      [3, false],
    ]);
    const [pdp, radon, ipr] = c.volets.map((v) => v.actions[0]);
    expect(pdp).toMatchObject({ theme: "PDP", title: "Articulation des acteurs de la PDP" });
    expect(pdp.indicators).toContainEqual({
      label:
        "Nombre de signalements émis par le SSTRN vers le Service social et par le Service social vers le SSTRN",
      kind: "COUNT",
    });
    expect(pdp.phases[0]).toEqual({
      name: "Lancement",
      deadline: "Dernier trimestre 2025",
      dueBy: "2025-12-31",
    });
    expect(radon.theme).toBe("RADON");
    expect(ipr.theme).toBeNull();
    const organisations = new Set(
      c.volets.flatMap((v) => v.actions.flatMap((a) => a.pilots.map((p) => p.organisation.type))),
    );
    expect([...organisations].sort()).toEqual(["CARSAT", "DREETS", "SPSTI"]);
  });

  it("still answers the deprecated `fiches` (type FicheAction), the same as `actions` (type CpomAction)", async () => {
    const res = await t.gql(
      graphql(`query CpomActionsAndFiches { cpom(id: "cpom-sstrn-2025") { volets { number
      actions { __typename id volet theme title description pilots { organisation { type id } role } phases { name dueBy } indicators { label kind } cpom { id } spsti { id } }
      fiches { __typename id volet theme title description pilots { organisation { type id } role } phases { name dueBy } indicators { label kind } cpom { id } spsti { id } } } } }`),
    );
    expect(res.errors).toBeUndefined();
    const volets = res.data!.cpom!.volets;
    expect(volets.flatMap((v) => v.actions).length).toBeGreaterThan(0);
    for (const v of volets) {
      expect(v.actions.every((a) => a.__typename === "CpomAction")).toBe(true);
      expect(v.fiches.every((f) => f.__typename === "FicheAction")).toBe(true);
      const untyped = (list: { __typename: string }[]) => list.map(({ __typename, ...rest }) => rest);
      expect(untyped(v.fiches)).toEqual(untyped(v.actions));
    }
  });

  it("answers null for an unknown CPOM", async () => {
    expect((await t.gql(graphql(`query UnknownCpom { cpom(id: "nope") { id } }`))).data!.cpom).toBeNull();
  });

  it("keeps the previous generation in the SPSTI's history, and every CPOM within five years", async () => {
    const res = await t.gql(
      graphql(`query SstrnCpoms { spsti(id: "sstrn") { cpoms { id generation startsOn endsOn } } }`),
    );
    expect(res.data!.spsti!.cpoms!.map((c) => [c.id, c.generation])).toEqual([
      ["cpom-sstrn-2020", 2],
      ["cpom-sstrn-2025", 3],
    ]);
    for (const c of await col("spsti_cpoms").find({}).toArray())
      expect(cpomDatesProblem(c.startsOn, c.endsOn)).toBeNull();
  });
});

describe("cpomActions", () => {
  const Q =
    graphql(`query CpomActions($theme: ThemeCode, $territory: TerritoryInput, $year: Year) { cpomActions(theme: $theme, territory: $territory, year: $year) {
    id theme volet cpom { id startsOn endsOn } spsti { id } } }`);

  it("finds the TMS fiches of Pays de la Loire, as stored", async () => {
    const res = await t.gql(Q, { theme: "TMS", territory: { region: "52" } });
    expect(res.errors).toBeUndefined();
    const stored = await col("spsti_cpom_actions")
      .find({ theme: "TMS", spstiId: { $in: PDL } })
      .toArray();
    expect(stored.length).toBeGreaterThan(0);
    expect(res.data!.cpomActions!.map((a) => a.id).sort()).toEqual(stored.map((d) => d._id).sort());
    expect(res.data!.cpomActions!.every((a) => a.theme === "TMS")).toBe(true);
  });

  it("keeps only CPOMs in force during the year", async () => {
    const res = await t.gql(Q, { theme: "TMS", territory: { region: "52" }, year: 2027 });
    expect(res.data!.cpomActions!.length).toBeGreaterThan(0);
    for (const a of res.data!.cpomActions!)
      expect(a.cpom!.startsOn <= "2027-12-31" && a.cpom!.endsOn >= "2027-01-01").toBe(true);
  });

  it("isolates SPSTIs by territory: radon in 44 is SSTRN's, none in Vendée", async () => {
    const d44 = await t.gql(Q, { theme: "RADON", territory: { departement: "44" } });
    expect(d44.data!.cpomActions!.map((a) => a.spsti!.id)).toEqual(["sstrn"]);
    const d85 = await t.gql(Q, { territory: { departement: "85" } });
    expect(d85.data!.cpomActions!.length).toBeGreaterThan(0);
    expect(d85.data!.cpomActions!.every((a) => a.spsti!.id === "stvo")).toBe(true);
  });

  it("refuses an unknown theme or region, naming the argument", async () => {
    // Not a ThemeCode: the printed document with untyped variables.
    expect(onlyError(await t.gql(print(Q), { theme: "FOO" })).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argument: "theme",
    });
    expect(onlyError(await t.gql(Q, { territory: { region: "99" } })).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argument: "territory",
    });
  });

  it("costs the same commands for 2 or 20 fiches with their CPOM and SPSTI", async () => {
    const few = await t.database.commands.measure(() =>
      t.gql(Q, { theme: "RADON", territory: { region: "52" } }),
    );
    const many = await t.database.commands.measure(() => t.gql(Q, { territory: { region: "52" } }));
    expect(many.result.data!.cpomActions!.length).toBeGreaterThan(few.result.data!.cpomActions!.length * 3);
    expect(many.commands).toBe(few.commands);
  });
});

describe("annex4", () => {
  const Q =
    graphql(`query Annex4($year: Year!, $theme: ThemeCode, $territory: TerritoryInput) { annex4(year: $year, theme: $theme, territory: $territory) {
    theme volet year suppressed formes formesSuivisCog accompagnes accompagnesSuivisCog cibles ciblesSuivisCog commentaire cpomSignedOn cpomEndsOn dueBy reportedAt
    cpom { id } spsti { id } } }`);

  it.each([2022, 2023, 2024, 2025])(
    "%i: rows equal the stored answers, 'dont COG' within totals, due 30 June next year",
    async (year) => {
      const res = await t.gql(Q, { year, territory: { region: "52" } });
      expect(res.errors).toBeUndefined();
      const rows = res.data!.annex4!;
      // Published rows are the columns of the reports both reviewers validated (the annex-4 campaign).
      const stored = (
        await col("spsti_annex4_reports")
          .find({ year, spstiId: { $in: PDL }, state: "VALIDATED" })
          .toArray()
      ).flatMap((r) => r.rows.map((row: Record<string, unknown>) => ({ ...row, cpomId: r.cpomId })));
      expect(rows.length).toBe(stored.length);
      expect(rows.length).toBeGreaterThan(0);
      // Counts of 1 or 2 establishments are masked (disclosure control, see tests/disclosure-http.test.ts): the others are as stored.
      const byKey = new Map(stored.map((d) => [`${d.cpomId}|${d.theme}`, d]));
      for (const r of rows) {
        const doc = byKey.get(`${r.cpom!.id}|${r.theme}`)!;
        for (const f of ANNEX4_COUNTS) {
          expect(r[f] === null ? r.suppressed : r[f] === doc[f]).toBe(true);
        }
        // Not suppressed: every count is there.
        if (!r.suppressed) expect(annex4Problem(r as Annex4Counts)).toBeNull();
        expect(r.dueBy).toBe(`${year + 1}-06-30`);
        expect(r.volet).toBeGreaterThanOrEqual(2);
        expect(r.cpomSignedOn <= `${year}-12-31` && r.cpomEndsOn >= `${year}-01-01`).toBe(true);
      }
    },
  );

  it("filters by theme and territory; SSTRN's 2025 radon report, not yet validated, is not published", async () => {
    const res = await t.gql(Q, { year: 2025, theme: "RADON", territory: { departement: "44" } });
    expect(res.data!.annex4).toEqual([]);
    const tms = await t.gql(Q, { year: 2025, theme: "TMS", territory: { departement: "44" } });
    expect(tms.data!.annex4!.map((r) => [r.cpom!.id, r.volet])).toContainEqual(["cpom-sstrn-2020", 2]);
    const vendee = await t.gql(Q, { year: 2024, territory: { departement: "85" } });
    expect(vendee.data!.annex4!.every((r) => r.spsti!.id === "stvo")).toBe(true);
  });

  it("is reachable from a CPOM too", async () => {
    const res = await t.gql(
      graphql(
        `query CpomAnnex4 { cpom(id: "cpom-sstrn-2020") { annex4 { year theme } y2023: annex4(year: 2023) { year theme } } }`,
      ),
    );
    const reports = await col("spsti_annex4_reports")
      .find({ cpomId: "cpom-sstrn-2020", state: "VALIDATED" })
      .toArray();
    expect(res.data!.cpom!.annex4).toHaveLength(reports.reduce((n, r) => n + r.rows.length, 0));
    expect(res.data!.cpom!.y2023!.map((r) => r.theme).sort()).toEqual(["CHIMIQUE", "TMS"]);
  });

  it("requires a valid year", async () => {
    expect(onlyError(await t.gql(Q, { year: 1800 })).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argument: "year",
    });
  });
});
