import type { Document } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Config } from "../src/config.js";
import { MP_TABLEAUX } from "../src/sources/carsat/reference.js";
import { startTestApp, type TestApp } from "./helpers.js";

/**
 * The protected MP grid (src/sources/carsat/grid/cells.ts) on the region
 * seed, over HTTP: the differences that gave masked cells back before it
 * (a year range minus a shorter one, all tableaux minus all but one, a
 * section or a CTN minus its other divisions, the nation minus its other
 * sections) recover no masked value; each recovery is checked against the
 * true value computed from the raw documents (carsat_mp_facts). The same
 * cell asked in different ways gets the same figures. The negative control
 * runs the same attacks on the per-query protection (no grid): they must
 * recover masked values there, or they prove nothing.
 */

const ANALYST = { role: "ANALYST_NATIONAL", org: "NATIONAL:dgt" } as const;
const MEASURES = ["cases", "newIpBelow10", "newIpFrom10", "deaths", "itDays", "ipRateSum"] as const;
type Measure = (typeof MEASURES)[number];
const YEARS = [2019, 2020, 2021, 2022, 2023, 2024];
/** The years of the tableaux attack (31 questions per sector and year): first, middle, last. */
const SAMPLE_YEARS = [2019, 2022, 2024];
const ALL_TABLEAUX = Object.keys(MP_TABLEAUX);

type Figures = Record<Measure, number | null>;
interface Row extends Figures {
  year: number | null;
  tableau: { code: string } | null;
  naf2: { code: string } | null;
  suppressed: boolean;
}
interface Ask {
  sector?: { naf?: string; ctn?: string };
  territory?: { region?: string; caisse?: string };
  years: { from: number; to: number };
  tableaux?: string[];
  groupBy: string[];
}

/** A GraphQL literal (enums in groupBy unquoted). */
function literal(v: unknown, enums = false): string {
  if (Array.isArray(v)) return `[${v.map((x) => literal(x, enums)).join(",")}]`;
  if (typeof v === "string") return enums ? v : JSON.stringify(v);
  if (typeof v === "number") return String(v);
  return `{${Object.entries(v as object)
    .map(([k, x]) => `${k}:${literal(x)}`)
    .join(",")}}`;
}

const FRAGMENT = `fragment F on MpRow { year tableau { code } naf2 { code } suppressed ${MEASURES.join(" ")} }`;
const BATCH = 50;

/** Answers many queries, BATCH aliases per operation. */
async function askAll(t: TestApp, asks: Ask[]): Promise<Row[][]> {
  const out: Row[][] = [];
  for (let i = 0; i < asks.length; i += BATCH) {
    const part = asks.slice(i, i + BATCH);
    const fields = part.map((a, j) => {
      const args = [
        a.sector ? `sector:${literal(a.sector)}` : "",
        a.territory ? `territory:${literal(a.territory)}` : "",
        `years:${literal(a.years)}`,
        a.tableaux ? `tableaux:${literal(a.tableaux)}` : "",
        `groupBy:${literal(a.groupBy, true)}`,
      ].filter(Boolean);
      return `a${j}: maladiesProfessionnelles(${args.join(",")}) { ...F }`;
    });
    const t0 = performance.now();
    const res = await t.gql<Record<string, Row[]>>(`query { ${fields.join("\n")} }\n${FRAGMENT}`);
    if (process.env.TIMING) console.log("op", part.length, Math.round(performance.now() - t0), "ms");
    if (!res.data || res.errors) throw new Error(JSON.stringify(res.errors));
    for (let j = 0; j < part.length; j++) out.push(res.data[`a${j}`]);
  }
  return out;
}

/** The raw documents: the true value of any cell of the nation's own rows (caisse FR). */
class Truth {
  constructor(private readonly docs: Document[]) {}
  static async load(t: TestApp) {
    return new Truth(await t.database.db.collection("carsat_mp_facts").find({ caisse: "FR" }).toArray());
  }
  get divisions(): string[] {
    return [...new Set(this.docs.map((d) => d.naf2 as string))].sort();
  }
  get sections(): string[] {
    return [...new Set(this.docs.map((d) => d.section as string))].sort();
  }
  get ctns(): string[] {
    return [...new Set(this.docs.map((d) => d.ctn as string))].sort();
  }
  /** The divisions of a section, or of a CTN, that have documents. */
  divisionsOf(section: string | null, ctn?: string): string[] {
    const docs = this.docs.filter(
      (d) => (section === null || d.section === section) && (!ctn || d.ctn === ctn),
    );
    return [...new Set(docs.map((d) => d.naf2 as string))].sort();
  }
  private readonly sums = new Map<string, Record<Measure, number>>();
  /** The sum of a measure over the documents of a cell. */
  value(cell: Cell, m: Measure): number {
    const key = cellKey(cell);
    let sums = this.sums.get(key);
    if (!sums) {
      const docs = this.docs.filter(
        (d) =>
          d.year === cell.year &&
          d.tableau === cell.tableau &&
          (cell.sector === null || d.naf2 === cell.sector || d.section === cell.sector) &&
          (cell.ctn === undefined || d.ctn === cell.ctn),
      );
      sums = Object.fromEntries(
        MEASURES.map((x) => [x, docs.reduce((a, d) => a + (typeof d[x] === "number" ? d[x] : 0), 0)]),
      ) as Record<Measure, number>;
      this.sums.set(key, sums);
    }
    return sums[m];
  }
}

/** A cell of the nation: a year, a tableau, a sector (division, section or all) and optionally a CTN. */
interface Cell {
  year: number;
  tableau: string;
  sector: string | null;
  ctn?: string;
}
const cellKey = (c: Cell) => `${c.sector ?? "*"}|${c.ctn ?? ""}|${c.tableau}|${c.year}`;

/** What an attack recovered: a difference of published figures that equals a masked cell's true value. */
interface Leak {
  family: string;
  cell: string;
  measure: Measure;
  value: number;
}

/** Published figures per cell (direct answers), and the cells masked per measure. */
class Published {
  readonly figures = new Map<string, Figures>();
  /** `consistent`: the grid's promise that one cell gets one answer (per-query protection does not keep it). */
  constructor(private readonly consistent: boolean) {}
  put(cell: Cell, row: Figures | undefined) {
    // A cell with no row has no document: 0, published.
    const f = row ?? (Object.fromEntries(MEASURES.map((m) => [m, 0])) as Figures);
    const key = cellKey(cell);
    const seen = this.figures.get(key);
    // The same cell asked two ways gets the same figures.
    if (seen && this.consistent) expect(pick(f), key).toEqual(pick(seen));
    else this.figures.set(key, pick(f));
  }
  masked(cell: Cell, m: Measure): boolean {
    return this.figures.get(cellKey(cell))?.[m] === null;
  }
}
const pick = (r: Figures): Figures => Object.fromEntries(MEASURES.map((m) => [m, r[m]])) as Figures;

/** value(a) − Σ value(bs), when every figure is published. */
function difference(a: Figures | undefined, bs: (Figures | undefined)[], m: Measure): number | null {
  const all = [a, ...bs].map((f) => (f === undefined ? 0 : f[m]));
  if (all.some((v) => v === null)) return null;
  return (all[0] as number) - all.slice(1).reduce((s: number, v) => s + (v as number), 0);
}

const byTableau = (rows: Row[]) => new Map(rows.map((r) => [r.tableau?.code ?? "", r]));
const byYearTableau = (rows: Row[]) => new Map(rows.map((r) => [`${r.year}|${r.tableau?.code}`, r]));

/**
 * Runs the attacks: returns the leaks (recoveries equal to a masked cell's
 * true value) per family, and how many recoveries of masked cells each
 * family could compute at all.
 */
async function attack(t: TestApp, truth: Truth, consistent: boolean) {
  const published = new Published(consistent);
  const leaks: Leak[] = [];
  const tried: Record<string, number> = {};
  const recover = (family: string, cell: Cell, m: Measure, value: number | null) => {
    if (value === null) return;
    tried[family] = (tried[family] ?? 0) + 1;
    if (published.masked(cell, m) && value === truth.value(cell, m))
      leaks.push({ family, cell: cellKey(cell), measure: m, value });
  };
  const sectors: (string | null)[] = [null, ...truth.sections, ...truth.divisions];
  const sectorArg = (s: string | null) => (s === null ? {} : { sector: { naf: s } });

  // Direct answers: each sector's cells, per year and tableau.
  const direct = await askAll(
    t,
    sectors.map((s) => ({ ...sectorArg(s), years: { from: 2019, to: 2024 }, groupBy: ["YEAR", "TABLEAU"] })),
  );
  sectors.forEach((s, i) => {
    const rows = byYearTableau(direct[i]);
    for (const year of YEARS)
      for (const tableau of ALL_TABLEAUX)
        published.put({ year, tableau, sector: s }, rows.get(`${year}|${tableau}`));
  });

  // Year ranges: [2019, Y] − [2019, Y − 1], and [Y, 2024] − [Y + 1, 2024].
  // Over the nation, its sections and every other division: the same equations, half the questions.
  const ranged = sectors.filter((_s, i) => i <= truth.sections.length || i % 2 === 0);
  const ranges = ranged.flatMap((s) =>
    YEARS.flatMap((y) => [
      { ...sectorArg(s), years: { from: 2019, to: y }, groupBy: ["TABLEAU"] },
      { ...sectorArg(s), years: { from: y, to: 2024 }, groupBy: ["TABLEAU"] },
    ]),
  );
  const rangeRows = (await askAll(t, ranges)).map(byTableau);
  ranged.forEach((s, i) => {
    const prefix = (y: number) => rangeRows[i * YEARS.length * 2 + (y - 2019) * 2];
    const suffix = (y: number) => rangeRows[i * YEARS.length * 2 + (y - 2019) * 2 + 1];
    for (const tableau of ALL_TABLEAUX) {
      for (const m of MEASURES) {
        for (const y of YEARS.slice(1)) {
          const cell = { year: y, tableau, sector: s };
          recover("years", cell, m, difference(prefix(y).get(tableau), [prefix(y - 1).get(tableau)], m));
        }
        for (const y of YEARS.slice(0, -1)) {
          const cell = { year: y, tableau, sector: s };
          recover("years", cell, m, difference(suffix(y).get(tableau), [suffix(y + 1).get(tableau)], m));
        }
      }
    }
  });

  // Tableaux: all − all but one, per year (and the same cell asked with its tableau alone), for the nation
  // and its sections: over divisions too it would be 20,000 questions, for the same equations one level down.
  const coarse = sectors.slice(0, 1 + truth.sections.length);
  const subsetAsks = coarse.flatMap((s) =>
    SAMPLE_YEARS.flatMap((y) => [
      { ...sectorArg(s), years: { from: y, to: y }, groupBy: [] },
      ...ALL_TABLEAUX.map((tb) => ({
        ...sectorArg(s),
        years: { from: y, to: y },
        tableaux: ALL_TABLEAUX.filter((x) => x !== tb),
        groupBy: [],
      })),
      ...ALL_TABLEAUX.map((tb) => ({
        ...sectorArg(s),
        years: { from: y, to: y },
        tableaux: [tb],
        groupBy: [],
      })),
    ]),
  );
  const subsetRows = await askAll(t, subsetAsks);
  const per = 1 + 2 * ALL_TABLEAUX.length;
  coarse.forEach((s, i) => {
    SAMPLE_YEARS.forEach((year, k) => {
      const base = (i * SAMPLE_YEARS.length + k) * per;
      const all = subsetRows[base][0];
      ALL_TABLEAUX.forEach((tableau, j) => {
        const cell = { year, tableau, sector: s };
        published.put(cell, subsetRows[base + 1 + ALL_TABLEAUX.length + j][0]);
        for (const m of MEASURES)
          recover("tableaux", cell, m, difference(all, [subsetRows[base + 1 + j][0]], m));
      });
    });
  });

  // A total minus its other parts: the nation and its sections, a section and its divisions, a CTN and its divisions.
  const ctnAsk = (c: string, groupBy: string[]): Ask => ({
    sector: { ctn: c },
    years: { from: 2019, to: 2024 },
    groupBy,
  });
  const sectionRows = await askAll(
    t,
    truth.sections.map((s) => ({
      sector: { naf: s },
      years: { from: 2019, to: 2024 },
      groupBy: ["YEAR", "NAF2", "TABLEAU"],
    })),
  );
  const ctnTotals = await askAll(
    t,
    truth.ctns.map((c) => ctnAsk(c, ["YEAR", "TABLEAU"])),
  );
  const ctnRows = await askAll(
    t,
    truth.ctns.map((c) => ctnAsk(c, ["YEAR", "NAF2", "TABLEAU"])),
  );
  /** Rows by division, then by year and tableau. */
  const byDivision = (rows: Row[]) => {
    const out = new Map<string, Map<string, Row>>();
    for (const r of rows) {
      const m = out.get(r.naf2!.code) ?? new Map<string, Row>();
      m.set(`${r.year}|${r.tableau?.code}`, r);
      out.set(r.naf2!.code, m);
    }
    return out;
  };
  const groups: {
    total: Map<string, Row>;
    parts: Map<string, Map<string, Row>>;
    cell: (part: string) => Omit<Cell, "year" | "tableau">;
  }[] = [
    {
      total: byYearTableau(direct[0]),
      parts: new Map(truth.sections.map((s) => [s, byYearTableau(direct[sectors.indexOf(s)])])),
      cell: (part) => ({ sector: part }),
    },
    ...truth.sections.map((s, i) => {
      const parts = byDivision(sectionRows[i]);
      for (const d of truth.divisionsOf(s)) if (!parts.has(d)) parts.set(d, new Map());
      return {
        total: byYearTableau(direct[sectors.indexOf(s)]),
        parts,
        cell: (part: string) => ({ sector: part }),
      };
    }),
    ...truth.ctns.map((c, i) => {
      const parts = byDivision(ctnRows[i]);
      for (const d of truth.divisionsOf(null, c)) if (!parts.has(d)) parts.set(d, new Map());
      return {
        total: byYearTableau(ctnTotals[i]),
        parts,
        cell: (part: string) => ({ sector: part, ctn: c }),
      };
    }),
  ];
  truth.ctns.forEach((c, i) => {
    const totals = byYearTableau(ctnTotals[i]);
    for (const year of YEARS)
      for (const tableau of ALL_TABLEAUX)
        published.put({ year, tableau, sector: null, ctn: c }, totals.get(`${year}|${tableau}`));
  });
  for (const g of groups) {
    for (const year of YEARS) {
      for (const tableau of ALL_TABLEAUX) {
        const key = `${year}|${tableau}`;
        for (const [part, rows] of g.parts) {
          const cell: Cell = { year, tableau, ...g.cell(part) };
          // A division's row of a breakdown is the division's own cell (or its part in the CTN): the same figures.
          published.put(cell, rows.get(key));
          const others = [...g.parts].filter(([q]) => q !== part).map(([, r]) => r.get(key));
          for (const m of MEASURES) recover("parts", cell, m, difference(g.total.get(key), others, m));
        }
      }
    }
  }
  return { leaks, tried, published };
}

describe("the protected MP grid (region seed)", () => {
  let t: TestApp;
  let truth: Truth;
  beforeAll(async () => {
    t = await startTestApp(import.meta.url, { as: ANALYST });
    truth = await Truth.load(t);
  });
  afterAll(() => t?.close());

  it("gives no masked cell back by years, tableaux, or a total minus its other parts", async () => {
    const { leaks, tried, published } = await attack(t, truth, true);
    expect(leaks).toEqual([]);
    // The attacks did compute differences, and there were masked cells to recover.
    for (const family of ["years", "tableaux", "parts"]) expect(tried[family], family).toBeGreaterThan(100);
    const masked = [...published.figures.values()].filter((f) => f.cases === null).length;
    expect(masked).toBeGreaterThan(100);
    // Published figures are the true sums.
    for (const [key, f] of published.figures) {
      const [sector, ctn, tableau, year] = key.split("|");
      const cell: Cell = {
        year: Number(year),
        tableau,
        sector: sector === "*" ? null : sector,
        ...(ctn ? { ctn } : {}),
      };
      for (const m of MEASURES) if (f[m] !== null) expect(f[m], `${key} ${m}`).toBe(truth.value(cell, m));
    }
  }, 240_000);

  it("answers the same cell asked by nation, region and caisse with the same figures", async () => {
    const asks: Ask[] = [
      {},
      { territory: { region: "52" } },
      { territory: { caisse: "carsat-pays-de-la-loire" } },
    ].flatMap((territory) =>
      [null, "F", "43", "C"].map((naf) => ({
        ...territory,
        ...(naf ? { sector: { naf } } : {}),
        years: { from: 2019, to: 2024 },
        groupBy: ["YEAR", "TABLEAU"],
      })),
    );
    const rows = await askAll(t, asks);
    const strip = (rs: Row[]) => rs.map((r) => ({ ...pick(r), year: r.year, tableau: r.tableau?.code }));
    for (let i = 0; i < 4; i++) {
      expect(strip(rows[4 + i])).toEqual(strip(rows[i]));
      expect(strip(rows[8 + i])).toEqual(strip(rows[i]));
    }
    expect(
      rows
        .slice(0, 4)
        .flat()
        .some((r) => r.cases === null),
    ).toBe(true);
  });
});

describe("negative control: the same attacks on per-query protection (no grid)", () => {
  let t: TestApp;
  let truth: Truth;
  beforeAll(async () => {
    t = await startTestApp(import.meta.url, {
      as: ANALYST,
      config: { disclosureGrid: false } as Partial<Config>,
    });
    truth = await Truth.load(t);
  });
  afterAll(() => t?.close());

  it("recovers masked cells by years, by tableaux and by a section minus its divisions", async () => {
    const { leaks } = await attack(t, truth, false);
    const families = new Set(leaks.map((l) => l.family));
    expect([...families].sort()).toEqual(["parts", "tableaux", "years"]);
  }, 240_000);
});
