import type { VariablesOf } from "@graphql-typed-document-node/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportContext } from "../src/imports/dataset.js";
import { SECRET, type CellValue, type TableRow } from "../src/imports/table/types.js";
import { disclosureConfig } from "../src/privacy/disclosure-config.js";
import { GRIDS_COLLECTION } from "../src/privacy/grid/store.js";
import { AT_CAUSES } from "../src/sources/carsat/causes.js";
import { suppressAtRows } from "../src/sources/carsat/disclosure.js";
import { sumForKey } from "../src/sources/carsat/facts.js";
import { CARSAT_AT, CARSAT_TRAJET } from "../src/sources/carsat/import/at.js";
import { CARSAT_MP } from "../src/sources/carsat/import/mp.js";
import { atFactKey, toAtRow } from "../src/sources/carsat/queries.js";
import type { AtQuery } from "../src/sources/carsat/types.js";
import { startTestApp, type TestApp } from "./helpers.js";
import { graphql } from "./generated/index.js";
import type { ThemeCode } from "./generated/graphql.js";

const PDL = "carsat-pays-de-la-loire";
const NATIONAL: ImportContext = { org: { type: "NATIONAL", id: "cnam" }, year: 2023 };
const CAISSE: ImportContext = { org: { type: "CARSAT", id: PDL }, year: 2023 };

/** A row as the table reader hands it over: values typed, raw text kept for reports. */
function row(values: Record<string, CellValue>, line = 7): TableRow {
  const raw = Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, v === SECRET ? "s" : v === null ? "" : String(v)]),
  );
  return { line, values, raw, issues: [] };
}

const AT_CELLS: Record<string, CellValue> = {
  ctn: "B",
  naf5: "4120A",
  employees: 1520.4,
  hoursWorked: 2_450_000,
  establishments: 210,
  accidents: 95,
  accidentsWith4Days: 80,
  newIpBelow10: 4,
  newIpFrom10: 0,
  deaths: null,
  itDays: 6_100,
  ipRateSum: 31,
};

const docOf = (r: ReturnType<typeof CARSAT_AT.toDoc>) => {
  if ("issues" in r) throw new Error(JSON.stringify(r.issues));
  return r.doc;
};
const issuesOf = (r: ReturnType<typeof CARSAT_AT.toDoc>) => ("issues" in r ? r.issues : []);

describe("carsat-at: rows to documents", () => {
  it("makes a national row the nation's (caisse FR, no region), zero measures omitted", () => {
    const doc = docOf(CARSAT_AT.toDoc(row(AT_CELLS), NATIONAL));
    expect(doc).toEqual({
      caisse: "FR",
      regions: [],
      ctn: "B",
      section: "F",
      naf2: "41",
      naf3: "412",
      naf4: "4120",
      naf5: "4120A",
      year: 2023,
      employees: 1520,
      hoursWorked: 2_450_000,
      establishments: 210,
      accidents: 95,
      accidentsWith4Days: 80,
      newIpBelow10: 4,
      itDays: 6_100,
      ipRateSum: 31,
    });
    expect(CARSAT_AT.sliceOf(doc)).toBe("2023|FR");
    expect(CARSAT_AT.rowKey(doc)).toBe("FR|2023|B|4120A");
    expect(CARSAT_AT.yearsOf(doc)).toEqual({ from: 2023, to: 2023 });
  });

  it("makes a caisse's row its own, with its regions; a dotted NAF and a caisse column naming it are accepted", () => {
    const doc = docOf(
      CARSAT_AT.toDoc(row({ ...AT_CELLS, naf5: "41.20A", caisse: "Carsat Pays de la Loire", year: 2022 }), {
        ...CAISSE,
        year: null,
      }),
    );
    expect(doc).toMatchObject({ caisse: PDL, regions: ["52"], naf5: "4120A", year: 2022 });
    expect(CARSAT_AT.sliceOf(doc)).toBe(`2022|${PDL}`);
  });

  it("accepts a CTN other than the NAF's usual one (one NAF5 lies under several CTN in the real files)", () => {
    expect(docOf(CARSAT_AT.toDoc(row({ ...AT_CELLS, ctn: "CTN I" }), NATIONAL))).toMatchObject({
      ctn: "I",
      naf5: "4120A",
    });
  });

  const refusals: [string, Record<string, CellValue>, ImportContext, string | null, RegExp][] = [
    ["an unknown NAF code", { naf5: "99.99Z" }, NATIONAL, "naf5", /not a NAF rév. 2 subclass/],
    ["a NAF class instead of a subclass", { naf5: "41.20" }, NATIONAL, "naf5", /a NAF class, not a subclass/],
    ["a division", { naf5: "41" }, NATIONAL, "naf5", /a NAF division, not a subclass/],
    ["an unknown CTN", { ctn: "Z" }, NATIONAL, "ctn", /not a CTN: a letter from A to I/],
    [
      "another caisse's row",
      { caisse: "carsat-bretagne" },
      CAISSE,
      "caisse",
      /a caisse imports its own figures only/,
    ],
    [
      "a caisse's row in a national file",
      { caisse: PDL },
      NATIONAL,
      "caisse",
      /national file holds the nation's figures only/,
    ],
    ["no year at all", {}, { ...NATIONAL, year: null }, null, /no year: add an Année column or give --year/],
    ["a year before 2000", { year: 1999 }, { ...NATIONAL, year: null }, "year", /outside 2000\.\./],
    [
      "a year column that contradicts --year",
      { year: 2021 },
      NATIONAL,
      "year",
      /the file says 2021 but the import was given year 2023/,
    ],
  ];
  it.each(refusals)("refuses %s, naming line, column and value", (_label, cells, ctx, column, reason) => {
    const issues = issuesOf(CARSAT_AT.toDoc(row({ ...AT_CELLS, ...cells }, 12), ctx));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 12, column, reason: expect.stringMatching(reason) });
    if (column) expect(issues[0].value).toBe(String(cells[column]));
  });

  it("refuses a row of an organisation that is not a caisse", () => {
    const issues = issuesOf(
      CARSAT_AT.toDoc(row(AT_CELLS), { org: { type: "CARSAT", id: "not-a-caisse" }, year: 2023 }),
    );
    expect(issues[0].reason).toMatch(/not a caisse régionale/);
  });

  it("keeps a secret cell as secret, never 0; empty cells are 0 (not stored)", () => {
    const doc = docOf(
      CARSAT_AT.toDoc(row({ ...AT_CELLS, accidents: SECRET, deaths: null, newIpFrom10: SECRET }), NATIONAL),
    );
    expect(doc.secret).toEqual(["accidents", "newIpFrom10"]);
    expect(doc).not.toHaveProperty("accidents");
    expect(doc).not.toHaveProperty("deaths");
  });

  it("never takes a cell the reader could not read for an empty one", () => {
    const unreadable = { line: 9, column: "at_1er_reglement", value: "12x", reason: "not a whole number" };
    const { accidents: _dropped, ...cells } = AT_CELLS;
    expect(issuesOf(CARSAT_AT.toDoc({ ...row(cells, 9), issues: [unreadable] }, NATIONAL))).toEqual([
      unreadable,
    ]);
  });

  it("stores the 12 cause columns when the file has them all, and refuses a partial set", () => {
    const causes = Object.fromEntries(AT_CAUSES.map((c, i) => [c.field, i === 1 ? 20 : i === 3 ? 7 : 0]));
    const doc = docOf(CARSAT_AT.toDoc(row({ ...AT_CELLS, ...causes, causeManualHandling: 50 }), NATIONAL));
    expect(doc).toMatchObject({ causeManualHandling: 50, causeSameLevelFall: 20, causeRoad: 7 });
    expect(doc).not.toHaveProperty("causeMachines");
    const issues = issuesOf(CARSAT_AT.toDoc(row({ ...AT_CELLS, causeRoad: 3, causeMachines: 1 }), NATIONAL));
    expect(issues[0].reason).toMatch(
      /the 12 accident-cause columns come together: missing "Manutention manuelle"/,
    );
    // Trajet has no cause columns.
    expect(CARSAT_TRAJET.table.columns.some((c) => c.key === "causeRoad")).toBe(false);
  });
});

describe("carsat-mp: rows to documents", () => {
  const MP_CELLS: Record<string, CellValue> = {
    ctn: "B",
    naf5: "4399C",
    cases: 14,
    newIpBelow10: 3,
    newIpFrom10: 1,
    deaths: 0,
    itDays: 2_800,
    ipRateSum: 45,
    employees: "1 200",
    hoursWorked: "x",
  };
  const mp = (cells: Record<string, CellValue>) => CARSAT_MP.toDoc(row({ ...MP_CELLS, ...cells }), CAISSE);

  it.each([
    ["057A", null, "057", "057A_EPAULE"],
    ["057C", "057CAM56A", "057", "057C_CANAL_CARPIEN"],
    ["057", "057D_GENOU", "057", "057D_GENOU"],
    ["098A", null, "098", "098_HERNIE_DISCALE"],
    ["30 bis", null, "030B", "030B_CANCER"],
    ["030B", null, "030", "030_PLAQUES"],
    ["030A", null, "030", "030_ASBESTOSE"],
    ["HT", null, "HT", "HT_PSY"],
  ])(
    "maps tableau %s (syndrome %s) to %s / %s, ignoring the repeated headcounts",
    (tableau, syndrome, storedTableau, storedSyndrome) => {
      const doc = docOf(mp({ tableau, ...(syndrome ? { syndrome } : {}) }));
      expect(doc).toMatchObject({
        caisse: PDL,
        regions: ["52"],
        naf2: "43",
        naf5: "4399C",
        year: 2023,
        tableau: storedTableau,
        syndrome: storedSyndrome,
        cases: 14,
      });
      expect(doc).not.toHaveProperty("employees");
      expect(doc).not.toHaveProperty("deaths");
    },
  );

  it("refuses an unknown tableau or paragraph, and a syndrome of another tableau", () => {
    expect(issuesOf(mp({ tableau: "012A" }))[0]).toMatchObject({
      column: "tableau",
      value: "012A",
      reason: expect.stringMatching(/not in Passerelle's catalogue of tableaux/),
    });
    expect(issuesOf(mp({ tableau: "030C" }))[0].reason).toMatch(/paragraph C of tableau 030/);
    expect(issuesOf(mp({ tableau: "abc" }))[0].reason).toMatch(/not a tableau/);
    expect(issuesOf(mp({ tableau: "098A", syndrome: "057A_EPAULE" }))[0]).toMatchObject({
      column: "syndrome",
      reason: expect.stringMatching(/belongs to tableau 057/),
    });
  });

  it("keys a row by its published tableau and syndrome: two published syndromes of one stored syndrome are not duplicates", () => {
    const a = docOf(mp({ tableau: "057A", syndrome: "057AAM96B" }));
    const b = docOf(mp({ tableau: "057A", syndrome: "057AAM96C" }));
    expect(a.syndrome).toBe(b.syndrome);
    expect(CARSAT_MP.rowKey(a)).not.toBe(CARSAT_MP.rowKey(b));
    expect(CARSAT_MP.sliceOf(a)).toBe(`2023|${PDL}`);
  });
});

describe("secret measures in sums", () => {
  const q: AtQuery = {
    kind: "AT",
    sector: null,
    territory: { kind: "CAISSE", slug: PDL },
    years: { from: 2023, to: 2023 },
    groupBy: [],
  };
  const base = {
    caisse: PDL,
    year: 2023,
    employees: 5000,
    hoursWorked: 8e6,
    establishments: 400,
    accidents: 150,
    accidentsWith4Days: 130,
    itDays: 9000,
    ipRateSum: 80,
    newIpBelow10: 12,
  };

  it("masks a measure any summed document holds secret, and the measures that follow it, never summing it as 0", () => {
    const key = atFactKey(q);
    const rows = sumForKey([base, { ...base, accidents: undefined, secret: ["accidents"] }], key).map((r) =>
      toAtRow(q, r),
    );
    const [masked] = suppressAtRows(key, rows, disclosureConfig(11));
    expect(masked).toMatchObject({
      suppressed: true,
      accidents: null,
      itDays: null,
      ipRateSum: null,
      employees: 10000,
      accidentsWith4Days: 260,
    });
    const [plain] = suppressAtRows(
      key,
      sumForKey([base, base], key).map((r) => toAtRow(q, r)),
      disclosureConfig(11),
    );
    expect(plain).toMatchObject({ suppressed: false, accidents: 300, itDays: 18000 });
  });
});

describe("on the seeded database", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(import.meta.url);
  });
  afterAll(() => t.close());

  const YEARS = { from: 2019, to: 2024 };
  const THEME =
    graphql(`query ThemeAccidents($code: ThemeCode!, $sector: SectorInput, $territory: TerritoryInput, $years: YearRange!) {
    theme(code: $code) { atCauses accidents(sector: $sector, territory: $territory, years: $years) { year accidents themeAccidents share suppressed } }
    sinistralite(sector: $sector, territory: $territory, years: $years) { year accidents } }`);

  async function theme(code: ThemeCode, vars: Partial<VariablesOf<typeof THEME>> = {}) {
    const res = await t.gql(THEME, { code, years: YEARS, ...vars });
    expect(res.errors).toBeUndefined();
    const { theme, sinistralite } = res.data!;
    return { theme: { ...theme!, accidents: theme!.accidents! }, sinistralite: sinistralite! };
  }

  /** The theme's accidents per year, summed with the driver from the raw documents of one caisse (FR: the nation). */
  async function rawCauses(caisse: string, fields: string[], filter: object = {}) {
    const docs = await t.database.db
      .collection("carsat_at_facts")
      .find({ caisse, ...filter })
      .toArray();
    const by = new Map<number, number>();
    for (const d of docs) by.set(d.year, (by.get(d.year) ?? 0) + fields.reduce((a, f) => a + (d[f] ?? 0), 0));
    return by;
  }

  it("gives CHUTES its falls per year, with all accidents as sinistralite gives them and a plausible share", async () => {
    const { theme: chutes, sinistralite } = await theme("CHUTES");
    expect(chutes.atCauses).toEqual(["SAME_LEVEL_FALL", "FALL_FROM_HEIGHT"]);
    expect(chutes.accidents.map((r) => r.year)).toEqual([2019, 2020, 2021, 2022, 2023, 2024]);
    const expected = await rawCauses("FR", ["causeSameLevelFall", "causeFallFromHeight"]);
    for (const [i, r] of chutes.accidents.entries()) {
      expect(r.accidents).toBe(sinistralite[i].accidents);
      expect(r.themeAccidents).toBe(expected.get(r.year));
      expect(r.share).toBeCloseTo(r.themeAccidents! / r.accidents!, 12);
      expect(r.share).toBeGreaterThan(0.18);
      expect(r.share).toBeLessThan(0.35);
      expect(r.suppressed).toBe(false);
    }
  });

  it("gives ROUTIER a small share nationally, larger in transport; CHUTES is larger in construction; a theme without causes gets []", async () => {
    const [routier, routierTransport, chutes, chutesBtp] = await Promise.all([
      theme("ROUTIER", { years: { from: 2023, to: 2023 } }),
      theme("ROUTIER", { years: { from: 2023, to: 2023 }, sector: { naf: "H" } }),
      theme("CHUTES", { years: { from: 2023, to: 2023 } }),
      theme("CHUTES", { years: { from: 2023, to: 2023 }, sector: { ctn: "B" }, territory: { region: "52" } }),
    ]);
    const share = (x: Awaited<ReturnType<typeof theme>>) => x.theme.accidents[0].share!;
    expect(share(routier)).toBeGreaterThan(0.02);
    expect(share(routier)).toBeLessThan(0.08);
    expect(share(routierTransport)).toBeGreaterThan(2 * share(routier));
    expect(share(chutesBtp)).toBeGreaterThan(share(chutes));
    expect((await theme("RPS")).theme.accidents).toEqual([]);
  });

  it("reads the nation from its FR rows, and a breakdown by caisse from the caisses' rows", async () => {
    const res = await t.gql(
      graphql(`query NationAndCaisses { all: sinistralite(years: { from: 2023, to: 2023 }, groupBy: []) { accidents employees }
      byCaisse: sinistralite(years: { from: 2023, to: 2023 }, groupBy: [CAISSE]) { caisse { slug } accidents employees }
      mp: maladiesProfessionnelles(years: { from: 2023, to: 2023 }, groupBy: []) { cases } }`),
    );
    expect(res.errors).toBeUndefined();
    const sum = async (collection: string, caisse: string, m: string) =>
      (await t.database.db.collection(collection).find({ caisse, year: 2023 }).toArray()).reduce(
        (a, d) => a + (d[m] ?? 0),
        0,
      );
    const [all] = res.data!.all!;
    expect(all.accidents).toBe(await sum("carsat_at_facts", "FR", "accidents"));
    // The demo seed's FR rows are the exact sums of its caisses' rows: the national figures did not change.
    expect(all.accidents).toBe(await sum("carsat_at_facts", PDL, "accidents"));
    expect(res.data!.byCaisse).toEqual([{ caisse: { slug: PDL }, ...all }]);
    expect(res.data!.mp![0].cases).toBe(await sum("carsat_mp_facts", "FR", "cases"));
    expect(res.data!.mp![0].cases).toBe(await sum("carsat_mp_facts", PDL, "cases"));
  });

  it("masks a secret measure in every sum that takes its document, and nowhere else", async () => {
    const docs = t.database.db.collection("carsat_at_facts");
    const filter = { caisse: PDL, naf5: "4120A", year: 2023 };
    const q =
      graphql(`query SecretMeasure($t: TerritoryInput) { cell: sinistralite(sector: { naf: "4120A" }, territory: $t, years: { from: 2023, to: 2023 }) { accidents itDays employees suppressed }
      total: sinistralite(territory: $t, years: { from: 2023, to: 2023 }, groupBy: []) { accidents suppressed } }`);
    // Written past the importer, which would have recomputed the grid of the new version: do it here.
    const regrid = async () => {
      await t.database.db.collection(GRIDS_COLLECTION).deleteMany({ collection: "carsat_at_facts" });
      t.app.disclosure.grids!.clear();
    };
    await docs.updateOne(filter, { $set: { secret: ["accidents"] } });
    await regrid();
    try {
      const caisse = await t.gql(q, { t: { caisse: PDL } });
      expect(caisse.data!.cell![0]).toMatchObject({ accidents: null, itDays: null, suppressed: true });
      expect(caisse.data!.cell![0].employees).toBeGreaterThan(0);
      expect(caisse.data!.total![0]).toMatchObject({ accidents: null, suppressed: true });
      // The demo nation is its one caisse (FR = PDL, cell by cell): its figures along the path would give
      // the withheld value back, so the grid masks them too. With several caisses, other caisses' cells would.
      const nation = await t.gql(q, {});
      expect(nation.data!.cell![0]).toMatchObject({ accidents: null, suppressed: true });
      expect(nation.data!.total![0]).toMatchObject({ accidents: null, suppressed: true });
    } finally {
      await docs.updateOne(filter, { $unset: { secret: "" } });
      await regrid();
    }
    // Nowhere else: once the publisher gives the value again, every figure is back.
    const restored = await t.gql(q, { t: { caisse: PDL } });
    expect(restored.data!.cell![0].accidents).toBeGreaterThan(0);
    expect(restored.data!.cell![0].itDays).toBeGreaterThan(0);
    expect(restored.data!.total![0].accidents).toBeGreaterThan(0);
  });
});
