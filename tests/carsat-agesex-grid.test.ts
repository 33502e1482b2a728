import type { Document } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Config } from "../src/config.js";
import { determinedCells } from "../src/privacy/grid/audit.js";
import type { Equation } from "../src/privacy/grid/equation.js";
import { startTestApp, type TestApp } from "./helpers.js";

/**
 * The AT age band × sex breakdowns (carsat_at_demography) on their protected
 * grid, linked to the main AT grid (src/sources/carsat/grid/index.ts,
 * protectLinked), over HTTP as an analyst on the region seed. The attacks:
 * year ranges minus shorter ones, all ages minus the other bands, both sexes
 * minus the other sex, all sectors minus the other sections, the nation
 * minus the other caisses, the section total `sinistralite` publishes (main
 * grid) minus the other bands or the other sex; then exact elimination over
 * every equation a reader knows (the three trees, nation = Σ caisses, year
 * ranges = Σ years, the main totals where they equal the age × sex margins),
 * with the audit's determinedCells. Each recovery is checked against the
 * true value from the raw documents. With the grid: none. The negative
 * control (per-table rules, `disclosureGrid: false`) must recover masked
 * values by the same attacks, or they prove nothing.
 */

const ANALYST = { role: "ANALYST_NATIONAL", org: "NATIONAL:dgt" } as const;
const MEASURES = ["employees", "hoursWorked", "accidents", "itDays", "ipRateSum"] as const;
type Measure = (typeof MEASURES)[number];
const BANDS = ["A15_24", "A25_34", "A35_44", "A45_54", "A55_PLUS"] as const;
const SEXES = ["F", "M"] as const;
const NATION = "FR";
/** The breakdowns asked, each with and without YEAR. */
const SPLITS = [["AGE_BAND", "SEX"], ["AGE_BAND"], ["SEX"]] as const;
const BATCH = 50;

type Figures = Record<Measure, number | null>;
interface Row extends Figures {
  year: number | null;
  ageBand: string | null;
  sex: string | null;
  suppressed: boolean;
}
interface Ask {
  sector: string | null;
  territory: string;
  years: { from: number; to: number };
  groupBy: string[];
}

/** A cell: year, territory (FR or a caisse), sector (`*` or a section), band (`*` or one), sex (`*`, F, M). */
interface Cell {
  year: number;
  territory: string;
  sector: string;
  band: string;
  sex: string;
}
const keyOf = (c: Cell) => `${c.year}|${c.territory}|${c.sector}|${c.band}|${c.sex}`;

const FRAGMENT = `fragment R on SinistraliteRow { year ageBand sex suppressed ${MEASURES.join(" ")} }`;

/** Answers many queries, BATCH aliases per operation. */
async function askAll(t: TestApp, asks: Ask[]): Promise<Row[][]> {
  const out: Row[][] = [];
  for (let i = 0; i < asks.length; i += BATCH) {
    const part = asks.slice(i, i + BATCH);
    const fields = part.map((a, j) => {
      const args = [
        a.sector ? `sector:{naf:${JSON.stringify(a.sector)}}` : "",
        a.territory === NATION ? "" : `territory:{caisse:${JSON.stringify(a.territory)}}`,
        `years:{from:${a.years.from},to:${a.years.to}}`,
        `groupBy:[${a.groupBy.join(",")}]`,
      ].filter(Boolean);
      return `a${j}: sinistralite(${args.join(",")}) { ...R }`;
    });
    const res = await t.gql<Record<string, Row[]>>(`query { ${fields.join("\n")} }\n${FRAGMENT}`);
    if (!res.data || res.errors) throw new Error(JSON.stringify(res.errors));
    for (let j = 0; j < part.length; j++) out.push(res.data[`a${j}`]);
  }
  return out;
}

/** The raw documents: the true value of any cell. */
class Truth {
  private readonly sums = new Map<string, Record<Measure, number>>();
  constructor(
    private readonly docs: Document[],
    private readonly main: Document[],
  ) {}
  static async load(t: TestApp) {
    const db = t.database.db;
    return new Truth(
      await db.collection("carsat_at_demography").find({}).toArray(),
      await db.collection("carsat_at_facts").find({}).toArray(),
    );
  }
  get years(): number[] {
    return [...new Set(this.docs.map((d) => d.year as number))].sort();
  }
  get sections(): string[] {
    return [...new Set(this.docs.map((d) => d.section as string))].sort();
  }
  get caisses(): string[] {
    return [...new Set(this.docs.map((d) => d.caisse as string))].sort();
  }
  private sum(docs: Document[], m: Measure) {
    return docs.reduce((a, d) => a + (typeof d[m] === "number" ? d[m] : 0), 0);
  }
  value(c: Cell, m: Measure): number {
    const key = keyOf(c);
    let sums = this.sums.get(key);
    if (!sums) {
      const docs = this.docs.filter(
        (d) =>
          d.year === c.year &&
          (c.territory === NATION || d.caisse === c.territory) &&
          (c.sector === "*" || d.section === c.sector) &&
          (c.band === "*" || d.ageBand === c.band) &&
          (c.sex === "*" || d.sex === c.sex),
      );
      sums = Object.fromEntries(MEASURES.map((x) => [x, this.sum(docs, x)])) as Record<Measure, number>;
      this.sums.set(key, sums);
    }
    return sums[m];
  }
  /** The main collection's total of a margin (the nation's own FR rows), as `sinistralite` without breakdown adds it up. */
  mainValue(c: Cell, m: Measure): number {
    const docs = this.main.filter(
      (d) => d.year === c.year && d.caisse === c.territory && (c.sector === "*" || d.section === c.sector),
    );
    return this.sum(docs, m);
  }
}

interface Leak {
  family: string;
  cell: string;
  measure: Measure;
  value: number;
}

/** What the answers published, cell by cell (a cell is known when one answer shows it), and the equations a reader knows. */
class Published {
  readonly figures = new Map<string, Partial<Record<Measure, number | null>>>();
  /** Year ranges: (cell without year, from, to) → figures. */
  readonly ranges: { cell: Omit<Cell, "year">; from: number; to: number; figures: Figures }[] = [];
  constructor(private readonly consistent: boolean) {}
  put(cell: Cell, f: Figures, only: readonly Measure[] = MEASURES) {
    const key = keyOf(cell);
    const seen = this.figures.get(key) ?? {};
    for (const m of only) {
      const before = seen[m];
      if (before !== undefined && this.consistent) expect(f[m], `${key} ${m}`).toBe(before);
      if (before === undefined || before === null) seen[m] = f[m];
    }
    this.figures.set(key, seen);
  }
  get(cell: Cell, m: Measure): number | null | undefined {
    return this.figures.get(keyOf(cell))?.[m];
  }
  masked(cell: Cell, m: Measure): boolean {
    return this.get(cell, m) === null;
  }
}

const zero = (): Figures => Object.fromEntries(MEASURES.map((m) => [m, 0])) as Figures;
const rowKey = (r: { year?: number | null; ageBand?: string | null; sex?: string | null }) =>
  `${r.year ?? ""}|${r.ageBand ?? "*"}|${r.sex ?? "*"}`;
const indexed = (rows: Row[]) => new Map(rows.map((r) => [rowKey(r), r]));

async function attack(t: TestApp, truth: Truth, consistent: boolean) {
  const years = truth.years;
  const [first, last] = [years[0], years.at(-1)!];
  const territories = [NATION, ...truth.caisses];
  const sectors = ["*", ...truth.sections];
  const published = new Published(consistent);
  const leaks: Leak[] = [];
  const tried: Record<string, number> = {};
  const recover = (family: string, cell: Cell, m: Measure, value: number | null | undefined) => {
    if (value === null || value === undefined) return;
    // Differences computed (of any cell): the attack ran; a leak is one that gives a masked cell its true value.
    tried[family] = (tried[family] ?? 0) + 1;
    if (published.masked(cell, m) && value === truth.value(cell, m))
      leaks.push({ family, cell: keyOf(cell), measure: m, value });
  };
  const sectorOf = (s: string) => (s === "*" ? null : s);
  const cellsOf = (split: readonly string[]) => ({
    bands: split.includes("AGE_BAND") ? [...BANDS] : ["*"],
    sexes: split.includes("SEX") ? [...SEXES] : ["*"],
  });

  // Direct answers: every cell per year, for each breakdown; and the main grid's totals (all ages, both sexes).
  const direct: Ask[] = [];
  for (const territory of territories)
    for (const s of sectors) {
      for (const split of SPLITS)
        direct.push({
          sector: sectorOf(s),
          territory,
          years: { from: first, to: last },
          groupBy: ["YEAR", ...split],
        });
      direct.push({ sector: sectorOf(s), territory, years: { from: first, to: last }, groupBy: ["YEAR"] });
    }
  const directRows = await askAll(t, direct);
  let k = 0;
  for (const territory of territories)
    for (const sector of sectors) {
      for (const split of SPLITS) {
        const rows = indexed(directRows[k++]);
        const { bands, sexes } = cellsOf(split);
        for (const year of years)
          for (const band of bands)
            for (const sex of sexes) {
              const row = rows.get(
                rowKey({ year, ageBand: band === "*" ? null : band, sex: sex === "*" ? null : sex }),
              );
              published.put({ year, territory, sector, band, sex }, row ?? zero());
            }
      }
      const totals = indexed(directRows[k++]);
      for (const year of years) {
        const cell = { year, territory, sector, band: "*", sex: "*" };
        // The main total is the age × sex margin where the two collections agree (the grids link them there).
        const linked = MEASURES.filter((m) => truth.mainValue(cell, m) === truth.value(cell, m));
        published.put(cell, totals.get(rowKey({ year })) ?? zero(), linked);
      }
    }

  // Year ranges: [first, y] and [y, last], by age band × sex, and the main totals.
  const rangeAsks: Ask[] = [];
  // The finest breakdown and the main totals: the coarser breakdowns' ranges are their sums (elimination has them).
  const rangeSplits: readonly (readonly string[])[] = [SPLITS[0], []];
  for (const territory of territories)
    for (const s of sectors)
      for (const split of rangeSplits)
        for (const y of years) {
          rangeAsks.push({
            sector: sectorOf(s),
            territory,
            years: { from: first, to: y },
            groupBy: [...split],
          });
          rangeAsks.push({
            sector: sectorOf(s),
            territory,
            years: { from: y, to: last },
            groupBy: [...split],
          });
        }
  const rangeRows = await askAll(t, rangeAsks);
  k = 0;
  for (const territory of territories)
    for (const sector of sectors)
      for (const split of rangeSplits) {
        const { bands, sexes } = cellsOf(split);
        const prefix = new Map<number, Map<string, Row>>();
        const suffix = new Map<number, Map<string, Row>>();
        for (const y of years) {
          prefix.set(y, indexed(rangeRows[k++]));
          suffix.set(y, indexed(rangeRows[k++]));
        }
        for (const band of bands)
          for (const sex of sexes) {
            const rk = rowKey({ ageBand: band === "*" ? null : band, sex: sex === "*" ? null : sex });
            const fig = (m: Map<string, Row> | undefined) => m?.get(rk) ?? zero();
            for (const y of years) {
              for (const [from, to, figures] of [
                [first, y, fig(prefix.get(y))],
                [y, last, fig(suffix.get(y))],
              ] as const)
                published.ranges.push({ cell: { territory, sector, band, sex }, from, to, figures });
            }
            for (const m of MEASURES)
              for (const y of years) {
                const cell = { year: y, territory, sector, band, sex };
                const dif = (a: Figures, b: Figures | null) =>
                  a[m] === null || (b && b[m] === null) ? null : (a[m] as number) - ((b?.[m] as number) ?? 0);
                recover("years", cell, m, dif(fig(prefix.get(y)), y > first ? fig(prefix.get(y - 1)) : null));
                recover("years", cell, m, dif(fig(suffix.get(y)), y < last ? fig(suffix.get(y + 1)) : null));
              }
          }
      }

  // A total minus its other parts, along each dimension, every cell.
  const all = (f: (c: Cell) => void) => {
    for (const year of years)
      for (const territory of territories)
        for (const sector of sectors)
          for (const band of ["*", ...BANDS])
            for (const sex of ["*", ...SEXES]) f({ year, territory, sector, band, sex });
  };
  const minus = (family: string, total: Cell, parts: Cell[]) => {
    for (const m of MEASURES) {
      const values = [total, ...parts].map((c) => published.get(c, m));
      for (let i = 0; i < parts.length; i++) {
        const others = values.filter((_, j) => j !== i + 1);
        if (others.some((v) => v === null || v === undefined)) continue;
        const v = (others[0] as number) - others.slice(1).reduce((a: number, x) => a + (x as number), 0);
        recover(family, parts[i], m, v);
      }
    }
  };
  all((c) => {
    if (c.band === "*") {
      const family = c.sex === "*" ? "bands of a total" : "bands";
      minus(
        family,
        c,
        BANDS.map((band) => ({ ...c, band })),
      );
    }
    if (c.sex === "*") {
      const family = c.band === "*" ? "sexes of a total" : "sexes";
      minus(
        family,
        c,
        SEXES.map((sex) => ({ ...c, sex })),
      );
    }
    if (c.sector === "*")
      minus(
        "sections",
        c,
        truth.sections.map((sector) => ({ ...c, sector })),
      );
    if (c.territory === NATION)
      minus(
        "caisses",
        c,
        truth.caisses.map((territory) => ({ ...c, territory })),
      );
  });

  // Exact elimination over every equation a reader knows, per measure.
  const determined: Record<string, number> = {};
  for (const m of MEASURES) {
    const index = new Map<string, number>();
    const keys: string[] = [];
    const values: (number | null)[] = [];
    const unknown: boolean[] = [];
    const cellOf = (c: Cell) => {
      const key = keyOf(c);
      let i = index.get(key);
      if (i === undefined) {
        i = values.length;
        index.set(key, i);
        keys[i] = key;
        const v = published.get(c, m);
        values.push(truth.value(c, m));
        unknown.push(v === null || v === undefined);
      }
      return i;
    };
    const equations: Equation[] = [];
    all((c) => {
      const total = cellOf(c);
      if (c.band === "*") equations.push({ total, parts: BANDS.map((band) => cellOf({ ...c, band })) });
      if (c.sex === "*") equations.push({ total, parts: SEXES.map((sex) => cellOf({ ...c, sex })) });
      if (c.sector === "*")
        equations.push({ total, parts: truth.sections.map((sector) => cellOf({ ...c, sector })) });
      if (c.territory === NATION)
        equations.push({ total, parts: truth.caisses.map((territory) => cellOf({ ...c, territory })) });
    });
    for (const r of published.ranges) {
      if (r.figures[m] === null) continue;
      const i = values.length;
      values.push(r.figures[m]);
      unknown.push(false);
      const parts = years.filter((y) => y >= r.from && y <= r.to).map((year) => cellOf({ ...r.cell, year }));
      equations.push({ total: i, parts });
    }
    for (const i of determinedCells(values, equations, unknown)) {
      if (keys[i] === undefined) continue;
      determined[m] = (determined[m] ?? 0) + 1;
      leaks.push({ family: "elimination", cell: keys[i], measure: m, value: values[i] as number });
    }
  }
  return { leaks, tried, published, determined };
}

describe("the age band × sex grid, linked to the AT grid (region seed)", () => {
  let t: TestApp;
  let truth: Truth;
  beforeAll(async () => {
    t = await startTestApp(import.meta.url, { as: ANALYST });
    truth = await Truth.load(t);
  });
  afterAll(() => t?.close());

  it("gives no masked cell back by differences or by exact elimination", async () => {
    const { leaks, tried, published } = await attack(t, truth, true);
    expect(leaks).toEqual([]);
    // The attacks computed differences, and there were masked cells to recover.
    for (const family of [
      "years",
      "bands",
      "sexes",
      "sections",
      "caisses",
      "bands of a total",
      "sexes of a total",
    ])
      expect(tried[family], family).toBeGreaterThan(20);
    const masked = [...published.figures.values()].filter((f) => f.accidents === null).length;
    expect(masked).toBeGreaterThan(100);
    // Published figures are the true sums (the main totals included, where linked).
    for (const [key, f] of published.figures) {
      const [year, territory, sector, band, sex] = key.split("|");
      const cell = { year: Number(year), territory, sector, band, sex };
      for (const m of MEASURES) {
        const v = f[m];
        if (v !== null && v !== undefined) expect(v, `${key} ${m}`).toBe(truth.value(cell, m));
      }
    }
  }, 180_000);

  it("links the two collections: their totals per section, caisse and year are equal on the seed", () => {
    for (const year of truth.years)
      for (const sector of ["*", ...truth.sections])
        for (const territory of truth.caisses) {
          const cell = { year, territory, sector, band: "*", sex: "*" };
          for (const m of MEASURES)
            expect(truth.mainValue(cell, m), `${keyOf(cell)} ${m}`).toBe(truth.value(cell, m));
        }
  });
});

describe("negative control: the same attacks on per-table protection (no grid)", () => {
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

  it("recovers masked cells by years, by all sectors minus the other sections, and by elimination", async () => {
    const { leaks, determined } = await attack(t, truth, false);
    const families = [...new Set(leaks.map((l) => l.family))].sort();
    if (process.env.AGESEX_REPORT) {
      const counts: Record<string, number> = {};
      for (const l of leaks)
        counts[`${l.family} ${l.measure}`] = (counts[`${l.family} ${l.measure}`] ?? 0) + 1;
      console.log(JSON.stringify({ counts, determined }, null, 1));
    }
    // On the seed: by years, all sectors minus the other sections, and elimination (each about 30 to 700 cells a measure).
    expect(families).toEqual(["elimination", "sections", "years"]);
    for (const m of ["accidents", "itDays", "ipRateSum"]) expect(determined[m], m).toBeGreaterThan(100);
  }, 180_000);
});
