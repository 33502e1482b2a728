import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VariablesOf } from "@graphql-typed-document-node/core";
import { onlyError, startTestApp, type GraphQLResponse, type TestApp, DREETS_PDL } from "./helpers.js";
import { graphql } from "./generated/index.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(import.meta.url, { as: DREETS_PDL });
});
afterAll(() => t.close());

const PDL = "carsat-pays-de-la-loire";
const SINISTRALITE =
  graphql(`query CarsatSinistralite($kind: AtKind, $sector: SectorInput, $territory: TerritoryInput, $years: YearRange!, $groupBy: [AtGroupBy!]) {
  sinistralite(kind: $kind, sector: $sector, territory: $territory, years: $years, groupBy: $groupBy) {
    year caisse { slug } ctn { code } naf2 { code } ageBand sex employees hoursWorked accidents itDays ipRateSum
    deaths frequencyIndex frequencyRate severityRate severityIndex } }`);
const MP =
  graphql(`query CarsatMp($sector: SectorInput, $years: YearRange!, $tableaux: [String!], $groupBy: [MpGroupBy!]) {
  maladiesProfessionnelles(sector: $sector, years: $years, tableaux: $tableaux, groupBy: $groupBy) {
    year tableau { code label } syndrome { code tableau { code } flags } naf2 { code } cases newIpFrom10 deaths itDays } }`);
const ALL_YEARS = { from: 2019, to: 2024 };

async function sinistralite(vars: VariablesOf<typeof SINISTRALITE>) {
  const res = await t.gql(SINISTRALITE, vars);
  expect(res.errors).toBeUndefined();
  return res.data!.sinistralite!;
}

/** The same sums, computed in the test from the raw documents with the driver. */
async function sumDocs(collection: string, filter: object, by: string) {
  const docs = await t.database.db.collection(collection).find(filter).toArray();
  const sums = new Map<unknown, Record<string, number>>();
  for (const d of docs) {
    const s = sums.get(d[by]) ?? { employees: 0, hoursWorked: 0, accidents: 0, itDays: 0 };
    for (const m of Object.keys(s)) s[m] += d[m] ?? 0;
    sums.set(d[by], s);
  }
  return sums;
}

describe("sinistralite", () => {
  it("computes IF, TF and TG from the same sums as the raw documents, per year", async () => {
    const rows = await sinistralite({ sector: { naf: "F" }, territory: { region: "52" }, years: ALL_YEARS });
    const expected = await sumDocs(
      "carsat_at_facts",
      { section: "F", caisse: PDL, year: { $gte: 2019, $lte: 2024 } },
      "year",
    );
    expect(rows.map((r) => r.year)).toEqual([2019, 2020, 2021, 2022, 2023, 2024]);
    for (const r of rows) {
      const e = expected.get(r.year)!;
      expect(r.accidents).toBe(e.accidents);
      expect(r.employees).toBe(e.employees);
      expect(r.frequencyIndex).toBeCloseTo((e.accidents / e.employees) * 1000, 9);
      expect(r.frequencyRate).toBeCloseTo((e.accidents / e.hoursWorked) * 1e6, 9);
      expect(r.severityRate).toBeCloseTo((e.itDays / e.hoursWorked) * 1000, 9);
      expect(r.ctn).toBeNull();
    }
  });

  it("has plausible magnitudes at region scale: overall, BTP, 15-24, COVID dip", async () => {
    const years = { from: 2024, to: 2024 };
    const [all] = await sinistralite({ years });
    const [btp] = await sinistralite({ years, sector: { ctn: "B" } });
    const ages = await sinistralite({ years, groupBy: ["AGE_BAND"] });
    expect(all.frequencyIndex).toBeGreaterThan(15);
    expect(all.frequencyIndex).toBeLessThan(40);
    expect(all.frequencyRate).toBeGreaterThan(10);
    expect(btp.frequencyIndex).toBeGreaterThan(1.5 * all.frequencyIndex!);
    const young = ages.find((r) => r.ageBand === "A15_24")!;
    expect(young.frequencyIndex).toBeGreaterThan(all.frequencyIndex!);
    // The coarse age/sex collection adds up to the detailed one; counts it does not keep are null.
    expect(ages.reduce((a, r) => a + r.accidents!, 0)).toBe(all.accidents);
    expect(ages.reduce((a, r) => a + r.employees!, 0)).toBe(all.employees);
    expect(young.deaths).toBeNull();
    const byYear = await sinistralite({ years: ALL_YEARS });
    expect(byYear[1].frequencyIndex).toBeLessThan(byYear[0].frequencyIndex!);
  });

  it("breaks down by caisse, CTN and NAF2, and by age band × sex for a section", async () => {
    const byCtn = await sinistralite({ years: { from: 2023, to: 2023 }, groupBy: ["CAISSE", "CTN"] });
    expect(byCtn.map((r) => r.ctn!.code)).toEqual(["A", "B", "C", "D", "E", "F", "G", "H", "I"]);
    expect(byCtn.every((r) => r.caisse!.slug === PDL && r.year === null)).toBe(true);
    const cells = await sinistralite({
      sector: { naf: "F" },
      years: { from: 2023, to: 2023 },
      groupBy: ["AGE_BAND", "SEX"],
    });
    expect(cells).toHaveLength(10);
    const [f] = await sinistralite({ sector: { naf: "F" }, years: { from: 2023, to: 2023 }, groupBy: [] });
    expect(cells.reduce((a, r) => a + r.itDays!, 0)).toBe(f.itDays);
  });

  it("answers trajet from its own facts, with the same headcount as AT", async () => {
    const years = { from: 2024, to: 2024 };
    const [trajet] = await sinistralite({ kind: "TRAJET", years });
    const [at] = await sinistralite({ years });
    // The nation reads its own rows (caisse FR), not the caisses'.
    const expected = await sumDocs("carsat_trajet_facts", { caisse: "FR", year: 2024 }, "year");
    expect(trajet.accidents).toBe(expected.get(2024)!.accidents);
    expect(trajet.employees).toBe(at.employees);
    expect(trajet.frequencyIndex).toBeGreaterThan(2);
    expect(trajet.frequencyIndex).toBeLessThan(8);
  });

  it("gives the same answer for 41.20A and 4120A, and an empty year range is zero, with null rates", async () => {
    const dotted = await sinistralite({ sector: { naf: "41.20A" }, years: ALL_YEARS });
    const plain = await sinistralite({ sector: { naf: "4120A" }, years: ALL_YEARS });
    expect(dotted).toEqual(plain);
    expect(plain[0].accidents).toBeGreaterThan(0);
    const [none] = await sinistralite({ years: { from: 1995, to: 1996 }, groupBy: [] });
    expect(none).toMatchObject({ employees: 0, accidents: 0, frequencyIndex: null, severityIndex: null });
  });
});

describe("maladiesProfessionnelles", () => {
  it("has about 80 % of MP under tableau 57, and a tableau filter agrees with the breakdown", async () => {
    const years = { from: 2023, to: 2023 };
    const res = await t.gql(MP, { years, groupBy: ["TABLEAU"] });
    expect(res.errors).toBeUndefined();
    const rows = res.data!.maladiesProfessionnelles!;
    const [{ cases: total }] = (await t.gql(MP, { years, groupBy: [] })).data!.maladiesProfessionnelles!;
    const t57 = rows.find((r) => r.tableau!.code === "057")!;
    expect(t57.cases! / total!).toBeGreaterThan(0.65);
    expect(t57.cases! / total!).toBeLessThan(0.9);
    const raw = await t.database.db
      .collection("carsat_mp_facts")
      .find({ caisse: "FR", year: 2023 })
      .toArray();
    expect(total).toBe(raw.reduce((a, d) => a + d.cases, 0));
    // Tableaux with 1 to 10 cases are masked (disclosure control), never a single one; the others are the raw sums.
    const rawCases = (code: string) => raw.filter((d) => d.tableau === code).reduce((a, d) => a + d.cases, 0);
    for (const r of rows) if (r.cases !== null) expect(r.cases).toBe(rawCases(r.tableau!.code));
    expect(rows.filter((r) => r.cases === null)).not.toHaveLength(1);
    const only57 = await t.gql(MP, { years, tableaux: ["57"], groupBy: [] });
    expect(only57.data!.maladiesProfessionnelles![0].cases).toBe(t57.cases);
  });

  it("breaks tableau 57 down by syndrome with its flags, for a NAF division", async () => {
    const res = await t.gql(MP, {
      years: ALL_YEARS,
      sector: { naf: "43" },
      tableaux: ["057", "30 bis"],
      groupBy: ["SYNDROME"],
    });
    expect(res.errors).toBeUndefined();
    const rows = res.data!.maladiesProfessionnelles!;
    const carpien = rows.find((r) => r.syndrome!.code === "057C_CANAL_CARPIEN")!;
    expect(carpien.syndrome).toMatchObject({ tableau: { code: "057" }, flags: ["TMS"] });
    const cancer = rows.find((r) => r.syndrome!.code === "030B_CANCER");
    expect(cancer?.syndrome?.flags).toEqual(["CHIMIQUE", "CANCER"]);
    expect(rows.every((r) => ["057", "030B"].includes(r.syndrome!.tableau.code) && r.naf2 === null)).toBe(
      true,
    );
  });
});

describe("bad arguments", () => {
  const at = (vars: VariablesOf<typeof SINISTRALITE>) => () => t.gql(SINISTRALITE, vars);
  const mp = (vars: VariablesOf<typeof MP>) => () => t.gql(MP, vars);
  const cases: [string, () => Promise<GraphQLResponse>, string][] = [
    ["a malformed NAF code", at({ sector: { naf: "41.2X" }, years: ALL_YEARS }), "sector"],
    ["a NAF code outside the nomenclature", at({ sector: { naf: "00.00Z" }, years: ALL_YEARS }), "sector"],
    ["a year range backwards", at({ years: { from: 2024, to: 2019 } }), "years"],
    ["a CTN and a NAF together", at({ sector: { naf: "41", ctn: "B" }, years: ALL_YEARS }), "sector"],
    [
      "an age breakdown of a NAF5",
      at({ sector: { naf: "4120A" }, years: ALL_YEARS, groupBy: ["AGE_BAND"] }),
      "sector",
    ],
    ["an age breakdown of a CTN", at({ sector: { ctn: "B" }, years: ALL_YEARS, groupBy: ["SEX"] }), "sector"],
    [
      "an age breakdown of trajet",
      at({ kind: "TRAJET", years: ALL_YEARS, groupBy: ["AGE_BAND"] }),
      "groupBy",
    ],
    ["an age breakdown with NAF2", at({ years: ALL_YEARS, groupBy: ["AGE_BAND", "NAF2"] }), "groupBy"],
    ["MP for a NAF5", mp({ sector: { naf: "4120A" }, years: ALL_YEARS }), "sector"],
    ["an unknown tableau shape", mp({ tableaux: ["57", "abc"], years: ALL_YEARS }), "tableaux"],
  ];
  it.each(cases)("refuses %s with BAD_USER_INPUT naming the argument", async (_label, ask, argument) => {
    const error = onlyError(await ask());
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument });
  });

  it("says why an age breakdown cannot take a fine sector", async () => {
    const error = onlyError(
      await t.gql(SINISTRALITE, { sector: { naf: "4120A" }, years: ALL_YEARS, groupBy: ["AGE_BAND"] }),
    );
    expect(error.message).toMatch(/per NAF section/);
  });
});
