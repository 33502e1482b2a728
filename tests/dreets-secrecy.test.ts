import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Document } from "mongodb";
import { as, startTestApp, type TestApp, type ViewerSpec } from "./helpers.js";
import { divisionsOf } from "../src/domain/reference.js";
import {
  DREETS_COLLECTIONS as C,
  EVREST_INDICATORS,
  MCP_PATHOLOGIES,
  SUMER_DETAILED_PERIOD,
  SUMER_INDICATORS,
  SUMER_NAF2_PUBLISHED,
  SURVEY_SECTIONS,
} from "../src/sources/dreets/catalogue.js";
import { AGE_BANDS, SEXES } from "../src/sources/dreets/types.js";
import { determinedCells } from "../src/privacy/grid/audit.js";
import { suppressTable, type MeasureRule } from "../src/privacy/disclosure.js";
import { disclosureConfig } from "../src/privacy/disclosure-config.js";
import { clearGridCache, gridStats, protectStratum, type Stratum } from "../src/sources/dreets/disclosure.js";
import type { CellDoc } from "../src/sources/dreets/repository.js";
import { sumBy } from "../src/sources/dreets/tabulate.js";

/**
 * Statistical secrecy across queries for the DREETS surveys (issue: "no
 * count below the threshold can be recovered by combining any answers the
 * API gives to a caller who is not a party to it").
 *
 * The test asks, over HTTP, every cell each survey field publishes (every
 * sector, breakdown, wave or year, region), as an anonymous caller and as a
 * regional analyst, then writes down the equations a reader knows between
 * those cells (a total is the sum of its parts along each dimension:
 * sections to all sectors, published divisions plus an unpublished
 * remainder to their section, sexes to both sexes, age bands to all ages,
 * MCP regions plus the regions not published to the pooled national cell)
 * and solves them exactly (rational Gauss-Jordan with BigInt; cross-checked
 * with the grid engine's modular audit, src/privacy/grid/audit.ts). Every
 * masked count the published figures determine is compared with the stored
 * value: a recovery is a real one. Prevalences and intervals are null
 * whenever a count is (checked), so they add no equation: a published
 * prevalence × n is the published count.
 *
 * A negative control runs the same algebra over the per-table masking
 * (src/privacy/disclosure.ts applied to each breakdown's table, as the
 * DREETS loaders did before the publication grid) and finds recoveries.
 */

const THRESHOLD = 11;
type Sex = (typeof SEXES)[number] | "*";
type Age = (typeof AGE_BANDS)[number] | "*";
type Shape = "tot" | "sex" | "age" | "sexage";
type Values = Record<string, number | null>;

/** Cell key: table (survey|layer|wave or year), sector node or MCP layer, sex, age band. */
const key = (table: string, node: string, sex: Sex, age: Age) => `${table}|${node}|${sex}|${age}`;

function breakdownCells(shape: Shape): [Sex, Age][] {
  if (shape === "tot") return [["*", "*"]];
  if (shape === "sex") return SEXES.map((s) => [s, "*"]);
  if (shape === "age") return AGE_BANDS.map((a) => ["*", a]);
  return SEXES.flatMap((s) => AGE_BANDS.map((a): [Sex, Age] => [s, a]));
}

interface Equation {
  total: string;
  parts: string[];
}

/**
 * One table a reader can link: its nodes (sectors, or MCP layers) with the
 * breakdown shapes each publishes, and the hierarchy links (a parent = the
 * sum of its children and, when some children are unpublished, of a
 * remainder node nobody is shown).
 */
interface Table {
  id: string;
  survey: "sumer" | "evrest" | "mcp";
  measures: string[];
  nodes: Map<string, Shape[]>;
  links: { parent: string; children: string[]; rest?: string }[];
}

/** The cells of a table (remainders included) and its equations. */
function structure(table: Table): { cells: string[]; rest: Set<string>; equations: Equation[] } {
  const cells: string[] = [];
  const rest = new Set<string>();
  const equations: Equation[] = [];
  const shapesOf = new Map(table.nodes);
  for (const l of table.links) if (l.rest) shapesOf.set(l.rest, table.nodes.get(l.parent)!);
  for (const [node, shapes] of shapesOf) {
    const isRest = table.links.some((l) => l.rest === node);
    for (const shape of shapes)
      for (const [s, a] of breakdownCells(shape)) {
        const k = key(table.id, node, s, a);
        cells.push(k);
        if (isRest) rest.add(k);
      }
    const k = (s: Sex, a: Age) => key(table.id, node, s, a);
    if (shapes.includes("sex")) equations.push({ total: k("*", "*"), parts: SEXES.map((s) => k(s, "*")) });
    if (shapes.includes("age"))
      equations.push({ total: k("*", "*"), parts: AGE_BANDS.map((a) => k("*", a)) });
    if (shapes.includes("sexage")) {
      for (const s of SEXES) equations.push({ total: k(s, "*"), parts: AGE_BANDS.map((a) => k(s, a)) });
      for (const a of AGE_BANDS) equations.push({ total: k("*", a), parts: SEXES.map((s) => k(s, a)) });
    }
  }
  for (const l of table.links) {
    const kids = [...l.children, ...(l.rest ? [l.rest] : [])];
    const common = shapesOf.get(l.parent)!.filter((sh) => kids.every((c) => shapesOf.get(c)?.includes(sh)));
    for (const shape of common)
      for (const [s, a] of breakdownCells(shape))
        equations.push({
          total: key(table.id, l.parent, s, a),
          parts: kids.map((c) => key(table.id, c, s, a)),
        });
  }
  return { cells, rest, equations };
}

// ---------------------------------------------------------------- exact rational elimination

interface Row {
  c: Map<number, bigint>;
  r: bigint;
}
const abs = (x: bigint) => (x < 0n ? -x : x);
function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}
function normalise(row: Row): Row {
  let g = abs(row.r);
  for (const v of row.c.values()) g = gcd(g, v);
  if (g > 1n) {
    for (const [k, v] of row.c) row.c.set(k, v / g);
    row.r /= g;
  }
  return row;
}
/** row − (row[col] / p[col]) · p, fraction-free. */
function eliminate(row: Row, p: Row, col: number): Row {
  const a = p.c.get(col)!;
  const b = row.c.get(col)!;
  const c = new Map<number, bigint>();
  for (const [k, v] of row.c) c.set(k, a * v);
  for (const [k, v] of p.c) {
    const x = (c.get(k) ?? 0n) - b * v;
    if (x === 0n) c.delete(k);
    else c.set(k, x);
  }
  return normalise({ c, r: a * row.r - b * p.r });
}

/**
 * Gauss-Jordan over the rationals: the unknowns the rows determine, with
 * their values (a value that is not an integer is kept as NaN: it would mean
 * inconsistent equations). `inconsistent` counts rows reduced to 0 = r ≠ 0.
 */
function solveExact(rows: Row[]): { values: Map<number, number>; inconsistent: number } {
  const pivotOf = new Map<number, Row>();
  let inconsistent = 0;
  for (const input of rows) {
    let row: Row = { c: new Map(input.c), r: input.r };
    for (const col of [...row.c.keys()]) {
      const p = pivotOf.get(col);
      if (p && row.c.has(col)) row = eliminate(row, p, col);
    }
    if (row.c.size === 0) {
      if (row.r !== 0n) inconsistent++;
      continue;
    }
    const col = Math.min(...row.c.keys());
    for (const [other, p] of pivotOf) if (p.c.has(col)) pivotOf.set(other, eliminate(p, row, col));
    pivotOf.set(col, row);
  }
  const values = new Map<number, number>();
  for (const [col, p] of pivotOf) {
    if (p.c.size !== 1) continue;
    const a = p.c.get(col)!;
    values.set(col, p.r % a === 0n ? Number(p.r / a) : Number.NaN);
  }
  return { values, inconsistent };
}

// ---------------------------------------------------------------- the audit

/** What a reader was shown: per cell key, per measure ("n" or a trait code), a number or null (masked). */
type Knowledge = Map<string, Values>;

interface Finding {
  table: string;
  measure: string;
  cell: string;
  recovered: number;
  truth: number;
  /** A primary cell: n 1..10, a trait count 1..10, or 0 % / 100 % of a published-or-not n. */
  small: boolean;
  remainder: boolean;
}

interface SurveyReport {
  cells: number;
  masked: number;
  /** Of which masked by their own rules (small n or count, 0 % or 100 %). */
  primaryMasked: number;
  recovered: number;
  small: number;
  /** Cells shown with different values (one masked, one not) by two answers. */
  inconsistentAnswers: number;
  findings: Finding[];
}

const small = (truth: Values, measure: string): boolean => {
  const v = truth[measure] ?? 0;
  if (v > 0 && v < THRESHOLD) return true;
  if (measure === "n") return false;
  const n = truth.n ?? 0;
  return (n > 0 && n < THRESHOLD) || (n > 0 && (v === 0 || v === n));
};

/**
 * Every masked count (and every small unpublished remainder) the published
 * figures of `known` determine, per table and measure, with the value the
 * equations give and the stored one.
 */
function audit(tables: Table[], known: Knowledge, truth: Map<string, Values>, crossCheck = true) {
  const findings: Finding[] = [];
  let masked = 0;
  let primaryMasked = 0;
  let cellsShown = 0;
  for (const table of tables) {
    const { cells, rest, equations } = structure(table);
    for (const measure of table.measures) {
      const index = new Map(cells.map((c, i) => [c, i]));
      const unknown = cells.map((c) => rest.has(c) || known.get(c)?.[measure] === null);
      const shownValue = (c: string) => known.get(c)?.[measure] ?? 0;
      for (const c of cells) if (!rest.has(c) && known.has(c)) cellsShown++;
      masked += cells.filter((c, i) => unknown[i] && !rest.has(c)).length;
      primaryMasked += cells.filter(
        (c, i) => unknown[i] && !rest.has(c) && small(truth.get(c) ?? {}, measure),
      ).length;
      const rows: Row[] = [];
      for (const eq of equations) {
        const row: Row = { c: new Map(), r: 0n };
        const add = (c: string, sign: bigint) => {
          const i = index.get(c)!;
          if (unknown[i]) row.c.set(i, (row.c.get(i) ?? 0n) + sign);
          else row.r -= sign * BigInt(shownValue(c));
        };
        add(eq.total, 1n);
        for (const p of eq.parts) add(p, -1n);
        for (const [k, v] of row.c) if (v === 0n) row.c.delete(k);
        if (row.c.size > 0) rows.push(row);
      }
      const { values } = solveExact(rows);
      if (crossCheck) {
        const engine = determinedCells(
          cells.map((c, i) => (unknown[i] ? null : shownValue(c))),
          equations.map((eq) => ({ total: index.get(eq.total)!, parts: eq.parts.map((p) => index.get(p)!) })),
          unknown,
        );
        expect(engine, `${table.id} ${measure}: exact and modular audits agree`).toEqual(
          [...values.keys()].sort((a, b) => a - b),
        );
      }
      for (const [i, recovered] of values) {
        const cell = cells[i];
        const t = truth.get(cell) ?? {};
        const isRest = rest.has(cell);
        const sensitive = small(t, measure);
        // An unpublished remainder is a leak only when it is a small count itself.
        if (isRest && !sensitive) continue;
        findings.push({
          table: table.id,
          measure,
          cell,
          recovered,
          truth: t[measure] ?? 0,
          small: sensitive,
          remainder: isRest,
        });
      }
    }
  }
  return { findings, masked, primaryMasked, cellsShown };
}

// ---------------------------------------------------------------- the tables and the truth

const SUMER_CODES = SUMER_INDICATORS.map((i) => i.code);
const EVREST_CODES = EVREST_INDICATORS.map((i) => i.code);
const MCP_CODES = MCP_PATHOLOGIES.map((p) => p.code);
const publishedDivisions = new Set<string>(SUMER_NAF2_PUBLISHED);
const ALL_SHAPES: Shape[] = ["tot", "sex", "age", "sexage"];

function sumerTable(id: string, period: string, national: boolean): Table {
  const detailed = period === SUMER_DETAILED_PERIOD;
  const sectorShapes: Shape[] = detailed ? ["tot", "sex", "age"] : ["tot"];
  const nodes = new Map<string, Shape[]>([["*", ALL_SHAPES]]);
  const links: Table["links"] = [{ parent: "*", children: [...SURVEY_SECTIONS] }];
  for (const s of SURVEY_SECTIONS) nodes.set(s, sectorShapes);
  if (national && detailed) {
    for (const s of SURVEY_SECTIONS) {
      const divs = divisionsOf(s).filter((d) => publishedDivisions.has(d));
      if (divs.length === 0) continue;
      for (const d of divs) nodes.set(d, sectorShapes);
      const complete = divisionsOf(s).every((d) => publishedDivisions.has(d));
      links.push({ parent: s, children: divs, rest: complete ? undefined : `rest:${s}` });
    }
  }
  return { id, survey: "sumer", measures: ["n", ...SUMER_CODES], nodes, links };
}

function evrestTable(id: string): Table {
  const nodes = new Map<string, Shape[]>([["*", ALL_SHAPES]]);
  for (const s of SURVEY_SECTIONS) nodes.set(s, ALL_SHAPES);
  return {
    id,
    survey: "evrest",
    measures: ["n", ...EVREST_CODES],
    nodes,
    links: [{ parent: "*", children: [...SURVEY_SECTIONS] }],
  };
}

function mcpTable(id: string, regions: string[], restKnownZero: boolean): Table {
  const nodes = new Map<string, Shape[]>([["FR", ALL_SHAPES]]);
  for (const r of regions) nodes.set(r, ALL_SHAPES);
  return {
    id,
    survey: "mcp",
    measures: ["n", ...MCP_CODES],
    nodes,
    links: [{ parent: "FR", children: regions, rest: restKnownZero ? undefined : "rest" }],
  };
}

/** Adds a stored cell to its margins (EVREST and MCP store the finest cells only). */
function addTo(truth: Map<string, Values>, k: string, doc: Document, measures: string[]) {
  const acc = truth.get(k) ?? {};
  for (const m of ["n", ...measures]) acc[m] = (acc[m] ?? 0) + Number(doc[m] ?? 0);
  truth.set(k, acc);
}
function addMargins(
  truth: Map<string, Values>,
  table: string,
  node: string,
  doc: Document,
  measures: string[],
) {
  for (const s of ["*", doc.sex] as Sex[])
    for (const a of ["*", doc.ageBand] as Age[]) addTo(truth, key(table, node, s, a), doc, measures);
}

interface Survey {
  tables: Table[];
  truth: Map<string, Values>;
}

/** The stored figures of every table, read with the driver (independent of the API). */
async function loadTruth(t: TestApp, regional: boolean): Promise<Record<"sumer" | "evrest" | "mcp", Survey>> {
  const db = t.database.db;
  const docs = (c: string) => db.collection(c).find({}).toArray();
  // SUMER: margins are stored.
  const sumer: Survey = { tables: [], truth: new Map() };
  const sumerDocs = [
    ...(await docs(C.sumer)).map((d): Document => ({ ...d, layer: "FR" })),
    ...(regional
      ? (await docs(C.sumerRegional)).map((d): Document => ({ ...d, layer: d.region as string }))
      : []),
  ];
  const sumerIds = new Set<string>();
  for (const d of sumerDocs) {
    const id = `sumer|${d.layer}|${d.period}`;
    if (!sumerIds.has(id)) {
      sumerIds.add(id);
      sumer.tables.push(sumerTable(id, d.period, d.layer === "FR"));
    }
    const node = d.level === "ALL" ? "*" : d.level === "SECTION" ? d.section : d.naf2;
    addTo(sumer.truth, key(id, node, d.sex ?? "*", d.ageBand ?? "*"), d, SUMER_CODES);
  }
  for (const table of sumer.tables)
    for (const l of table.links) {
      if (!l.rest) continue;
      for (const shape of table.nodes.get(l.parent)!)
        for (const [s, a] of breakdownCells(shape)) {
          const total = sumer.truth.get(key(table.id, l.parent, s, a)) ?? {};
          const rest: Values = {};
          for (const m of ["n", ...SUMER_CODES]) {
            rest[m] =
              (total[m] ?? 0) -
              l.children.reduce((acc, c) => acc + (sumer.truth.get(key(table.id, c, s, a))?.[m] ?? 0), 0);
          }
          sumer.truth.set(key(table.id, l.rest, s, a), rest);
        }
    }
  // EVREST: sparse section × sex × age cells, and their all-sector sums.
  const evrest: Survey = { tables: [], truth: new Map() };
  const evrestDocs = [
    ...(await docs(C.evrest)).map((d): Document => ({ ...d, layer: "FR" })),
    ...(regional
      ? (await docs(C.evrestRegional)).map((d): Document => ({ ...d, layer: d.region as string }))
      : []),
  ];
  const evrestIds = new Set<string>();
  for (const d of evrestDocs) {
    const id = `evrest|${d.layer}|${d.period}`;
    if (!evrestIds.has(id)) {
      evrestIds.add(id);
      evrest.tables.push(evrestTable(id));
    }
    addMargins(evrest.truth, id, d.section ?? "*", d, EVREST_CODES);
  }
  // MCP: year × sex × age band cells, pooled nationally and per region.
  const mcp: Survey = { tables: [], truth: new Map() };
  const national = await docs(C.mcp);
  const regionalDocs = regional ? await docs(C.mcpRegional) : [];
  for (const year of [...new Set(national.map((d) => d.year as number))].sort()) {
    const id = `mcp|${year}`;
    const here = regionalDocs.filter((d) => d.year === year);
    for (const d of national.filter((x) => x.year === year)) addMargins(mcp.truth, id, "FR", d, MCP_CODES);
    for (const d of here) addMargins(mcp.truth, id, d.region, d, MCP_CODES);
    const regions = [...new Set(here.map((d) => d.region as string))].sort();
    // The regions not published: national − published ones (0 when every region is published).
    let restZero = true;
    for (const shape of ALL_SHAPES)
      for (const [s, a] of breakdownCells(shape)) {
        const total = mcp.truth.get(key(id, "FR", s, a)) ?? {};
        const rest: Values = {};
        for (const m of ["n", ...MCP_CODES]) {
          rest[m] =
            (total[m] ?? 0) -
            regions.reduce((acc, r) => acc + (mcp.truth.get(key(id, r, s, a))?.[m] ?? 0), 0);
          if (rest[m] !== 0) restZero = false;
        }
        mcp.truth.set(key(id, "rest", s, a), rest);
      }
    mcp.tables.push(mcpTable(id, regions, restZero));
  }
  return { sumer, evrest, mcp };
}

// ---------------------------------------------------------------- asking the API

const BREAKDOWNS: Record<Shape, string> = {
  tot: "[]",
  sex: "[SEX]",
  age: "[AGE_BAND]",
  sexage: "[SEX, AGE_BAND]",
};
const ROW = "sex ageBand region { code } n count prevalence confidenceInterval { low high }";

interface Ask {
  survey: "sumer" | "evrest" | "mcp";
  field: string;
  args: string;
}

/** Every field call that publishes a cell of a survey, national or regional (territory given). */
function asks(region: string | null): Ask[] {
  const out: Ask[] = [];
  const territory = region ? `territory: { region: "${region}" }, ` : "";
  const suffix = region ? "Regional" : "";
  const sectorShapes: Shape[] = ["tot", "sex", "age"];
  for (const shape of ALL_SHAPES) {
    out.push({
      survey: "sumer",
      field: `sumer${suffix}`,
      args: `${territory}breakdown: ${BREAKDOWNS[shape]}`,
    });
    out.push({
      survey: "evrest",
      field: `evrest${suffix}`,
      args: `${territory}breakdown: ${BREAKDOWNS[shape]}`,
    });
    out.push({ survey: "mcp", field: `mcp${suffix}`, args: `${territory}breakdown: ${BREAKDOWNS[shape]}` });
  }
  const sumerSectors = [...SURVEY_SECTIONS, ...(region ? [] : SUMER_NAF2_PUBLISHED)];
  for (const code of sumerSectors)
    for (const shape of sectorShapes)
      out.push({
        survey: "sumer",
        field: `sumer${suffix}`,
        args: `${territory}sector: { naf: "${code}" }, breakdown: ${BREAKDOWNS[shape]}`,
      });
  for (const code of SURVEY_SECTIONS)
    for (const shape of ALL_SHAPES)
      out.push({
        survey: "evrest",
        field: `evrest${suffix}`,
        args: `${territory}sector: { naf: "${code}" }, breakdown: ${BREAKDOWNS[shape]}`,
      });
  return out;
}

const selection = (a: Ask) =>
  a.survey === "mcp" ? `pathology year ${ROW}` : `indicator period sector { code level } ${ROW}`;

interface ApiRow {
  indicator?: string;
  pathology?: string;
  period?: string;
  year?: number;
  sector?: { code: string; level: string } | null;
  sex: Sex | null;
  ageBand: Age | null;
  region: { code: string } | null;
  n: number | null;
  count: number | null;
  prevalence: number | null;
  confidenceInterval: { low: number; high: number } | null;
}

/** Asks every call (a few aliases per request) and gathers the answers into what the caller knows. */
async function gather(t: TestApp, calls: Ask[], headers: Record<string, string>, perRequest: number) {
  const known: Knowledge = new Map();
  let inconsistent = 0;
  let rows = 0;
  for (let i = 0; i < calls.length; i += perRequest) {
    const chunk = calls.slice(i, i + perRequest);
    const query = `{ ${chunk.map((a, j) => `a${j}: ${a.field}(${a.args}) { ${selection(a)} }`).join("\n")} }`;
    const res = await t.gql<Record<string, ApiRow[]>>(query, undefined, headers);
    expect(res.errors, query).toBeUndefined();
    chunk.forEach((a, j) => {
      for (const r of res.data![`a${j}`]) {
        rows++;
        // Rates add nothing: null whenever a count is.
        if (r.n === null || r.count === null)
          expect([r.prevalence, r.confidenceInterval]).toEqual([null, null]);
        else if (r.n > 0) expect(r.prevalence! * r.n).toBeCloseTo(100 * r.count, 6);
        const layer = r.region?.code ?? "FR";
        const table = a.survey === "mcp" ? `mcp|${r.year}` : `${a.survey}|${layer}|${r.period}`;
        const node = a.survey === "mcp" ? layer : (r.sector?.code ?? "*");
        const k = key(table, node, r.sex ?? "*", r.ageBand ?? "*");
        const measure = r.indicator ?? r.pathology!;
        const values = known.get(k) ?? {};
        for (const [m, v] of [
          ["n", r.n],
          [measure, r.count],
        ] as const) {
          if (m in values && values[m] !== v) {
            inconsistent++;
            if (v !== null) values[m] = v; // the reader keeps the published value
          } else if (!(m in values)) values[m] = v;
        }
        known.set(k, values);
      }
    });
  }
  return { known, inconsistent, rows };
}

function report(survey: Survey, known: Knowledge, inconsistent: number): SurveyReport {
  const { findings, masked, primaryMasked, cellsShown } = audit(survey.tables, known, survey.truth);
  return {
    cells: cellsShown,
    masked,
    primaryMasked,
    recovered: findings.filter((f) => !f.remainder).length,
    small: findings.filter((f) => f.small).length,
    inconsistentAnswers: inconsistent,
    findings,
  };
}

function summary(name: string, r: Record<string, SurveyReport>) {
  const lines = Object.entries(r).map(
    ([s, x]) =>
      `${name} ${s}: ${x.cells} cell-measures shown, ${x.masked} masked (${((100 * x.masked) / Math.max(1, x.cells)).toFixed(1)} %; primary ${((100 * x.primaryMasked) / Math.max(1, x.cells)).toFixed(1)} %), ${x.recovered} recovered (${x.small} small), ${x.inconsistentAnswers} inconsistent answers` +
      (x.findings.length
        ? `\n  e.g. ${x.findings
            .slice(0, 4)
            .map((f) => `${f.cell} ${f.measure}: ${f.recovered} (stored ${f.truth})`)
            .join("; ")}`
        : ""),
  );
  console.log(lines.join("\n"));
}

// ---------------------------------------------------------------- the tests

const ANALYST: ViewerSpec = { role: "ANALYST_REGIONAL", org: "DREETS:dreets-52" };

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(import.meta.url, { seed: "region" });
}, 600_000);
afterAll(() => t?.close());

/** Each shown figure is the stored one, and each stored cell is shown (masked or not). */
function expectTruthful(survey: Survey, known: Knowledge) {
  for (const table of survey.tables) {
    const { cells, rest } = structure(table);
    for (const c of cells) {
      if (rest.has(c)) continue;
      const truth = survey.truth.get(c);
      const shown = known.get(c);
      if (!truth || (truth.n ?? 0) === 0) continue;
      expect(shown, `${c} is published`).toBeDefined();
      for (const m of table.measures) if (shown![m] !== null) expect(shown![m], `${c} ${m}`).toBe(truth[m]);
    }
  }
}

describe("DREETS surveys: no masked count is determined by the published ones", () => {
  it("as an anonymous caller (national fields)", async () => {
    const truth = await loadTruth(t, false);
    clearGridCache();
    const before = { ...gridStats };
    const started = performance.now();
    const { known, inconsistent, rows } = await gather(t, asks(null), {}, 5);
    const computed = gridStats.computed - before.computed;
    console.log(
      `grids: ${computed} measure grids protected in ${(gridStats.milliseconds - before.milliseconds).toFixed(0)} ms ` +
        `(slowest ${gridStats.slowest.toFixed(1)} ms, ${gridStats.slowestCells} cells); ${rows} rows asked in ${(performance.now() - started).toFixed(0)} ms`,
    );
    // Each stratum and measure is protected once, then read from memory; none had to fail closed.
    expect(computed).toBeLessThan(200);
    expect(gridStats.failedClosed - before.failedClosed).toBe(0);
    expect(rows).toBeGreaterThan(1000);
    const reports = Object.fromEntries(
      (["sumer", "evrest", "mcp"] as const).map((s) => {
        expectTruthful(truth[s], known);
        return [s, report(truth[s], known, inconsistent)];
      }),
    );
    summary("anonymous", reports);
    for (const r of Object.values(reports)) {
      expect(r.masked).toBeGreaterThan(0);
      expect(r.inconsistentAnswers).toBe(0);
      expect(r.findings).toEqual([]);
    }
  }, 300_000);

  it("as a regional analyst (national and regional fields of region 52)", async () => {
    const truth = await loadTruth(t, true);
    const calls = [...asks(null), ...asks("52")];
    const { known, inconsistent } = await gather(t, calls, await as(ANALYST), 20);
    const reports = Object.fromEntries(
      (["sumer", "evrest", "mcp"] as const).map((s) => {
        expectTruthful(truth[s], known);
        return [s, report(truth[s], known, inconsistent)];
      }),
    );
    summary("analyst", reports);
    for (const r of Object.values(reports)) {
      expect(r.inconsistentAnswers).toBe(0);
      expect(r.findings).toEqual([]);
    }
  }, 300_000);
});

describe("negative control: the same algebra on per-table masking", () => {
  it("recovers masked EVREST counts when each breakdown's table is masked on its own", async () => {
    const truth = await loadTruth(t, false);
    const docs = await t.database.db.collection(C.evrest).find({}).toArray();
    const measures: MeasureRule[] = [
      { field: "n", kind: "persons" },
      ...EVREST_CODES.map((field): MeasureRule => ({ field, kind: "persons", shareOf: "n", follows: ["n"] })),
    ];
    const known: Knowledge = new Map();
    // As the loaders did before the grid: one table per breakdown, the sections' table or the all-sector one.
    for (const bySection of [false, true])
      for (const shape of ALL_SHAPES) {
        const dims = [
          ...(bySection ? ["section"] : []),
          ...(shape === "sex" || shape === "sexage" ? ["sex"] : []),
          ...(shape === "age" || shape === "sexage" ? ["ageBand"] : []),
        ];
        const sums = new Map<string, Record<string, unknown>>();
        for (const d of docs) {
          if ((d.section !== undefined && d.section !== null) !== bySection) continue;
          const k = JSON.stringify(["period", ...dims].map((f) => d[f]));
          const acc = sums.get(k) ?? Object.fromEntries(["period", ...dims].map((f) => [f, d[f]]));
          for (const m of ["n", ...EVREST_CODES]) acc[m] = Number(acc[m] ?? 0) + Number(d[m] ?? 0);
          sums.set(k, acc);
        }
        const masked = suppressTable(
          [...sums.values()],
          { dims, strata: ["period"], measures },
          disclosureConfig(THRESHOLD),
        );
        for (const r of masked) {
          const k = key(
            `evrest|FR|${r.period}`,
            (r.section as string) ?? "*",
            (r.sex as Sex) ?? "*",
            (r.ageBand as Age) ?? "*",
          );
          known.set(k, Object.fromEntries(["n", ...EVREST_CODES].map((m) => [m, r[m] as number | null])));
        }
      }
    const { findings } = audit(truth.evrest.tables, known, truth.evrest.truth);
    console.log(
      `negative control (EVREST per table): ${findings.length} masked counts recovered, ${findings.filter((f) => f.small).length} of them small; e.g. ${findings
        .slice(0, 3)
        .map((f) => `${f.cell} ${f.measure} = ${f.recovered}`)
        .join("; ")}`,
    );
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(f.recovered).toBe(f.truth);
  }, 120_000);
});

describe("protectStratum (in process)", () => {
  /** A hand-built EVREST-like period: 4 sections × sex × age band, every margin, small cells here and there. */
  function handBuilt(): CellDoc[] {
    const sections = ["A", "B", "C", "D"];
    const fine: CellDoc[] = [];
    let seed = 7;
    const rand = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    for (const section of sections)
      for (const sex of SEXES)
        for (const ageBand of AGE_BANDS) {
          const n = rand() < 0.3 ? 1 + Math.floor(rand() * 10) : 11 + Math.floor(rand() * 60);
          fine.push({ period: "2021-2022", section, sex, ageBand, n, trait: Math.floor(rand() * (n + 1)) });
        }
    const shapes = [[], ["sex"], ["ageBand"], ["sex", "ageBand"]];
    return shapes.flatMap((shape) => [
      ...sumBy(fine, ["period", ...shape], ["trait"]),
      ...sumBy(fine, ["period", "section", ...shape], ["trait"]),
    ]);
  }
  const stratum = (cells: CellDoc[]): Stratum => ({
    survey: "test",
    cells,
    node: (d) => (d.section as string | undefined) ?? "*",
    links: [{ parent: "*", children: ["A", "B", "C", "D"], remainder: true }],
    cost: (node) => (node === "*" ? 1 : 0),
  });
  const table: Table = {
    id: "t",
    survey: "evrest",
    measures: ["n", "trait"],
    nodes: new Map<string, Shape[]>(["*", "A", "B", "C", "D"].map((node) => [node, ALL_SHAPES])),
    links: [{ parent: "*", children: ["A", "B", "C", "D"] }],
  };
  const knowledgeOf = (cells: readonly CellDoc[]): Knowledge =>
    new Map(
      cells.map((d) => [
        key("t", (d.section as string) ?? "*", (d.sex as Sex) ?? "*", (d.ageBand as Age) ?? "*"),
        { n: d.n as number | null, trait: d.trait as number | null },
      ]),
    );

  it("leaves nothing determined in a 3-D table that per-table masking leaks, whatever the input order", () => {
    const cells = handBuilt();
    const truth = new Map([...knowledgeOf(cells)].map(([k, v]) => [k, v as Values]));
    const config = disclosureConfig(THRESHOLD);
    const protectedCells = protectStratum(stratum(cells), ["trait"], config);
    expect(audit([table], knowledgeOf(protectedCells), truth).findings).toEqual([]);
    // The same cells in another order get the same masks.
    const reversed = protectStratum(stratum([...cells].reverse()), ["trait"], config);
    expect([...knowledgeOf(reversed)].sort()).toEqual([...knowledgeOf(protectedCells)].sort());
    // Per table (one table per breakdown and sector level), the same algebra recovers masked cells.
    const perTable = new Map<string, Values>();
    const measures: MeasureRule[] = [
      { field: "n", kind: "persons" },
      { field: "trait", kind: "persons", shareOf: "n", follows: ["n"] },
    ];
    for (const bySection of [false, true])
      for (const shape of [[], ["sex"], ["ageBand"], ["sex", "ageBand"]]) {
        const rows = cells.filter(
          (d) =>
            (d.section !== undefined) === bySection &&
            (d.sex !== undefined) === shape.includes("sex") &&
            (d.ageBand !== undefined) === shape.includes("ageBand"),
        );
        const dims = [...(bySection ? ["section"] : []), ...shape];
        for (const [k, v] of knowledgeOf(suppressTable(rows, { dims, strata: ["period"], measures }, config)))
          perTable.set(k, v);
      }
    const leaks = audit([table], perTable, truth).findings;
    expect(leaks.length).toBeGreaterThan(0);
    for (const f of leaks) expect(f.recovered).toBe(f.truth);
  });

  it("masks a withheld n's counts and protects the withheld cell like a masked one", () => {
    const cells = handBuilt().map((d) =>
      d.section === "B" && d.sex === "F" && d.ageBand === undefined ? { ...d, n: null } : d,
    );
    const out = protectStratum(stratum(cells), ["trait"], disclosureConfig(THRESHOLD));
    const withheld = out.find((d) => d.section === "B" && d.sex === "F" && d.ageBand === undefined)!;
    expect([withheld.n, withheld.trait]).toEqual([null, null]);
    const shown = knowledgeOf(out);
    const truth = new Map([...knowledgeOf(handBuilt())].map(([k, v]) => [k, v as Values]));
    expect(audit([table], shown, truth).findings).toEqual([]);
  });
});
