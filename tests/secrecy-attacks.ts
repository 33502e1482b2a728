import { Lexer, Source, TokenKind } from "graphql";
import type { Db, Document } from "mongodb";
import { readMarker, Snapshot } from "../src/db/data-versions.js";
import { normaliseNaf } from "../src/domain/identifiers.js";
import { nafEntry, nafLevelOf, type NafLevel } from "../src/domain/reference.js";
import { caissesOf, NAF_FIELD, parseTerritory } from "../src/domain/scope.js";
import { ctnOfNaf5 } from "../src/sources/carsat/reference.js";
import { CARSAT_COLLECTIONS, NATIONAL_CAISSE } from "../src/sources/carsat/types.js";
import { Prng } from "../seeds/prng.js";
import { as, type GraphQLResponse, type ViewerSpec } from "./helpers.js";

/**
 * An attacker of the `sinistralite` query's statistical secrecy, over HTTP.
 *
 * It asks many questions (batched as aliases), reads every answer as cells
 * (kind × territory × sector × years, one value per count measure), and
 * knows how cells add up: a NAF code is the sum of its children, a CTN the
 * sum of its divisions, a year range the sum of its years or of two shorter
 * ranges, the nation the sum of its caisses, a region the sum of its caisses,
 * and every breakdown line (the rows of one answer that differ by one
 * dimension) the cell of the same question without that dimension. A cell
 * masked (null) in some answer is RECOVERED when the attacker gets its value
 * from other answers: shown by another answer, or solved from a relation
 * whose other members are all known (repeated until nothing more comes),
 * then by exact elimination over what is left. A recovery counts only when
 * the value equals the truth (summed here from the raw fact documents) and
 * the truth is a small count (1 to 10): a wrong guess or a large value
 * protects nothing.
 *
 * Attack families, each with its own questions and only its own kind of
 * relations (BASES), so that a recovery is the family's own; a cell shown by
 * one answer and masked by another is a recovery in any family:
 * 1. hierarchy: NAF level − its children (all sectors, sections, divisions,
 *    groups, classes), the country − its CTNs (groupBy CTN), a CTN − its
 *    divisions (sector ctn, groupBy NAF2), per year and over the range;
 * 2. years: [a, b] − [a, b−1], [a, b] − [a+1, b], [a, b] − its other years,
 *    on the sectors whose years show a mask (the attacker's targets);
 * 3. territory: the nation − its caisses (groupBy CAISSE, or one question per
 *    caisse) or its regions, a region − its caisses (départements are
 *    answered with their caisse's figures);
 * 4. groupBy: [YEAR, CTN] vs [CTN] vs [YEAR] vs [], [NAF2, YEAR] under a
 *    section or a CTN, over three ranges (breakdown lines only);
 * 5. spelling: `43.29B` and `4329B` (and classes, groups) must get the same
 *    answer, cell by cell (answers compared, no relation).
 * The combined attacker pools every family's answers and relations.
 *
 * Codes without any fact document are never asked: the API answers them with
 * no rows (zeros), which adds nothing to a relation. An attacker without the
 * database finds the same list by asking every code once.
 */

export const KINDS = ["AT", "TRAJET"] as const;
export type Kind = (typeof KINDS)[number];
export const MEASURES = ["accidents", "accidentsWith4Days", "newIpBelow10", "newIpFrom10", "deaths"] as const;
export type Measure = (typeof MEASURES)[number];
export type Dim = "YEAR" | "CAISSE" | "CTN" | "NAF2";
export const FAMILIES = ["hierarchy", "years", "territory", "groupBy", "spelling"] as const;
export type Family = (typeof FAMILIES)[number];

type TerritoryInput = { region: string } | { departement: string } | { caisse: string } | null;

/** One question: the arguments of one `sinistralite` alias. */
export interface Spec {
  kind: Kind;
  /** A NAF code as written (any spelling) or a CTN letter; null = every sector. */
  sector: { naf: string } | { ctn: string } | null;
  territory: TerritoryInput;
  years: { from: number; to: number };
  groupBy: Dim[];
}

/** One row of an answer: the fragment's fields. */
type Row = {
  year: number | null;
  caisse: { slug: string } | null;
  ctn: { code: string } | null;
  naf2: { code: string } | null;
} & Record<Measure, number | null>;

/** A cell: what a figure counts. `terr` is FR (the national rows) or the caisses summed, sorted. */
export interface Scope {
  kind: Kind;
  terr: string;
  naf: string | null;
  ctn: string | null;
  from: number;
  to: number;
}

const scopeKey = (s: Scope) => `${s.kind}|${s.terr}|${s.naf ?? "*"}|${s.ctn ?? "*"}|${s.from}-${s.to}`;
const specKey = (s: Spec) => JSON.stringify([s.kind, s.sector, s.territory, s.years, s.groupBy]);

export function describeSpec(s: Spec): string {
  const sector = s.sector ? ("naf" in s.sector ? s.sector.naf : `ctn ${s.sector.ctn}`) : "all";
  const terr = s.territory ? Object.values(s.territory)[0] : "FR";
  return `${s.kind} ${sector} @${terr} ${s.years.from}-${s.years.to} [${s.groupBy.join(",")}]`;
}

function terrOf(t: TerritoryInput): string {
  if (!t) return NATIONAL_CAISSE;
  return [...(caissesOf(parseTerritory(t, "territory")) ?? [])].sort().join(",");
}

function baseScope(s: Spec): Scope {
  return {
    kind: s.kind,
    terr: terrOf(s.territory),
    naf: s.sector && "naf" in s.sector ? normaliseNaf(s.sector.naf) : null,
    ctn: s.sector && "ctn" in s.sector ? s.sector.ctn : null,
    from: s.years.from,
    to: s.years.to,
  };
}

function rowScope(s: Spec, row: Row): Scope {
  const scope = baseScope(s);
  if (s.groupBy.includes("YEAR")) scope.from = scope.to = row.year!;
  if (s.groupBy.includes("CAISSE")) scope.terr = row.caisse!.slug;
  if (s.groupBy.includes("CTN")) scope.ctn = row.ctn!.code;
  if (s.groupBy.includes("NAF2") && (scope.naf === null || nafLevelOf(scope.naf) === "SECTION"))
    scope.naf = row.naf2!.code;
  return scope;
}

/** The cell a row's line adds up to: the row's cell with `dim` back to the question's value. */
function lineParent(s: Spec, cell: Scope, dim: Dim): Scope {
  const base = baseScope(s);
  const parent = { ...cell };
  if (dim === "YEAR") [parent.from, parent.to] = [base.from, base.to];
  if (dim === "CAISSE") parent.terr = base.terr;
  if (dim === "CTN") parent.ctn = base.ctn;
  if (dim === "NAF2") parent.naf = base.naf;
  return parent;
}

// ---------------------------------------------------------------------------
// HTTP: batches of aliases within the caller's limits.

const FRAGMENT = `fragment R on SinistraliteRow { year caisse { slug } ctn { code } naf2 { code } ${MEASURES.join(" ")} }`;

function countTokens(text: string): number {
  const lexer = new Lexer(new Source(text));
  let n = 0;
  while (lexer.advance().kind !== TokenKind.EOF) n++;
  return n;
}

const literal = (v: unknown): string =>
  v === null || typeof v !== "object"
    ? JSON.stringify(v)
    : `{ ${Object.entries(v)
        .map(([k, x]) => `${k}: ${literal(x)}`)
        .join(", ")} }`;

/** TestApp.gql with a plain string: the batches are built at run time (aliases), so no generated document fits. */
export type Gql = (
  query: string,
  variables?: Record<string, unknown>,
  headers?: Record<string, string>,
) => Promise<GraphQLResponse<Record<string, Row[] | null>>>;

/**
 * Asks questions as one caller: packs them as aliases (at most `aliases` per
 * operation, and under the lexer's token limit: year ranges and territories
 * go in variables), asks each question once per runner (answers are kept).
 */
export class Runner {
  readonly answers = new Map<string, Row[] | null>();
  requests = 0;
  /** Aliases refused with an error (their question gets no answer). */
  readonly refused: string[] = [];
  millis = 0;

  constructor(
    private readonly gql: Gql,
    private readonly headers: Record<string, string>,
    private readonly limits: { aliases: number; tokens: number },
  ) {}

  async ask(specs: readonly Spec[]): Promise<(Row[] | null)[]> {
    const missing = [...new Map(specs.map((s) => [specKey(s), s])).values()].filter(
      (s) => !this.answers.has(specKey(s)),
    );
    let batch: Spec[] = [];
    let tokens = 0;
    for (const s of missing) {
      const cost = this.aliasTokens(s);
      if (batch.length >= this.limits.aliases || (batch.length > 0 && tokens + cost > this.budget())) {
        await this.send(batch);
        batch = [];
        tokens = 0;
      }
      batch.push(s);
      tokens += cost;
    }
    if (batch.length > 0) await this.send(batch);
    return specs.map((s) => this.answers.get(specKey(s)) ?? null);
  }

  /** The alias's tokens plus, at worst, the definitions of its two variables. */
  private aliasTokens(s: Spec): number {
    return countTokens(this.alias(s, 999, "$y999", "$t999")) + 10;
  }

  private budget(): number {
    return this.limits.tokens - countTokens(`query () { } ${FRAGMENT}`) - 50;
  }

  private alias(s: Spec, i: number, years: string, territory: string | null): string {
    const args = [
      s.kind === "AT" ? null : `kind: ${s.kind}`,
      s.sector ? `sector: ${literal(s.sector)}` : null,
      territory ? `territory: ${territory}` : null,
      `years: ${years}`,
      s.groupBy.length === 1 && s.groupBy[0] === "YEAR" ? null : `groupBy: [${s.groupBy.join(", ")}]`,
    ].filter((a) => a !== null);
    return `a${i}: sinistralite(${args.join(", ")}) { ...R }`;
  }

  private async send(batch: Spec[]): Promise<void> {
    const variables: Record<string, unknown> = {};
    const defs: string[] = [];
    const name = (prefix: string, type: string, value: unknown) => {
      const json = JSON.stringify(value);
      let found = Object.keys(variables).find(
        (k) => k.startsWith(prefix) && JSON.stringify(variables[k]) === json,
      );
      if (!found) {
        found = `${prefix}${defs.length}`;
        variables[found] = value;
        defs.push(`$${found}: ${type}`);
      }
      return `$${found}`;
    };
    const aliases = batch.map((s, i) =>
      this.alias(
        s,
        i,
        name("y", "YearRange!", s.years),
        s.territory ? name("t", "TerritoryInput", s.territory) : null,
      ),
    );
    const query = `query (${defs.join(", ")}) { ${aliases.join(" ")} } ${FRAGMENT}`;
    const started = performance.now();
    const res = await this.gql(query, variables, this.headers);
    this.millis += performance.now() - started;
    this.requests++;
    if (!res.data) {
      throw new Error(`request refused (${res.status}): ${JSON.stringify(res.errors)?.slice(0, 500)}`);
    }
    batch.forEach((s, i) => {
      const rows = res.data?.[`a${i}`];
      if (!rows) {
        const error = res.errors?.find((e) => e.path?.[0] === `a${i}`);
        this.refused.push(`${describeSpec(s)}: ${error?.message ?? "no data"}`);
      }
      this.answers.set(specKey(s), rows ?? null);
    });
  }
}

// ---------------------------------------------------------------------------
// The truth, from the raw documents the current dataset versions hold.

export class Truth {
  private readonly sums = new Map<string, number>();

  private constructor(readonly docs: Record<Kind, Document[]>) {}

  static async load(db: Db): Promise<Truth> {
    const snapshot = new Snapshot(await readMarker(db));
    const read = async (collection: string) => {
      const scope = snapshot.scopeOf(collection);
      return db
        .collection(collection)
        .find(scope ? { _v: scope } : {})
        .toArray();
    };
    return new Truth({
      AT: await read(CARSAT_COLLECTIONS.at),
      TRAJET: await read(CARSAT_COLLECTIONS.trajet),
    });
  }

  value(scope: Scope, measure: Measure): number {
    const key = `${scopeKey(scope)}#${measure}`;
    let sum = this.sums.get(key);
    if (sum !== undefined) return sum;
    const caisses = scope.terr.split(",");
    const field = scope.naf ? NAF_FIELD[nafLevelOf(scope.naf)] : null;
    sum = 0;
    for (const d of this.docs[scope.kind]) {
      if (!caisses.includes(d.caisse) || d.year < scope.from || d.year > scope.to) continue;
      if ((field && d[field] !== scope.naf) || (scope.ctn && d.ctn !== scope.ctn)) continue;
      sum += typeof d[measure] === "number" ? d[measure] : 0;
    }
    this.sums.set(key, sum);
    return sum;
  }

  /** What has data: years, NAF codes at each level, CTNs, caisses (FR excepted). */
  universe(root?: string): Universe {
    const all = [...this.docs.AT, ...this.docs.TRAJET];
    const inScope = all.filter((d) => within(root ?? null, d.naf5));
    const codes = {} as Record<NafLevel, string[]>;
    for (const level of ["SECTION", "DIVISION", "GROUP", "CLASS", "SUBCLASS"] as const)
      codes[level] = [...new Set(inScope.map((d) => d[NAF_FIELD[level]] as string))].sort();
    return {
      root: root ?? null,
      years: [...new Set(all.map((d) => d.year as number))].sort((a, b) => a - b),
      codes,
      ctns: [...new Set(inScope.map((d) => d.ctn as string))].sort(),
      caisses: [...new Set(all.map((d) => d.caisse as string))].filter((c) => c !== NATIONAL_CAISSE).sort(),
    };
  }
}

/** Whether a NAF code lies at or below `root` (null: everything). */
function within(root: string | null, code: string): boolean {
  if (root === null || code === root) return true;
  if (nafLevelOf(root) === "SECTION")
    return nafLevelOf(code) !== "SECTION" && nafEntry(code.slice(0, 2))?.parent === root;
  return code.startsWith(root);
}

export interface Universe {
  /** When set, only this NAF subtree is asked; codes above it (whose other children are not asked) get no relation. */
  root: string | null;
  years: number[];
  codes: Record<NafLevel, string[]>;
  ctns: string[];
  caisses: string[];
}

/** The present codes one level below (sections below "all sectors"). */
function childrenOf(u: Universe, code: string | null): string[] {
  if (code === null) return u.root === null ? u.codes.SECTION : [];
  if (!within(u.root, code)) return [];
  const level = nafLevelOf(code);
  const next = { SECTION: "DIVISION", DIVISION: "GROUP", GROUP: "CLASS", CLASS: "SUBCLASS" } as const;
  if (level === "SUBCLASS") return [];
  return u.codes[next[level]].filter((c) => nafEntry(c)?.parent === code);
}

const allCodes = (u: Universe) => [
  ...u.codes.SECTION,
  ...u.codes.DIVISION,
  ...u.codes.GROUP,
  ...u.codes.CLASS,
  ...u.codes.SUBCLASS,
];

// ---------------------------------------------------------------------------
// What the attacker knows and derives.

/**
 * What a relation rests on: a breakdown line along a dimension (the rows of
 * one answer that differ by it), the NAF nomenclature, year ranges, or
 * territories (caisses of the nation or of a region).
 */
type Basis = Dim | "naf" | "range" | "territory";

interface Relation {
  basis: Basis;
  parent: string;
  children: string[];
}

/** The relations each family's attacker uses (the combined attacker uses them all). */
const BASES: Record<Family, readonly Basis[]> = {
  hierarchy: ["naf", "NAF2", "CTN"],
  years: ["range", "YEAR"],
  territory: ["territory", "CAISSE"],
  groupBy: ["YEAR", "CTN", "NAF2", "CAISSE"],
  spelling: [],
};

export interface Recovery {
  family: Family | "combined";
  cell: string;
  measure: Measure;
  value: number;
  truth: number;
  how: string;
  /** One question whose answer masks the cell. */
  maskedIn: string;
}

interface Cell {
  visible: number | null;
  maskedIn: string | null;
  visibleIn: string | null;
}

/** Everything one family (or all of them) saw: cells per measure, and the relations between cells. */
export class Ledger {
  readonly scopes = new Map<string, Scope>();
  readonly cells = new Map<Measure, Map<string, Cell>>(MEASURES.map((m) => [m, new Map()]));
  private readonly relations = new Map<string, Relation>();
  questions = 0;
  masked = 0;
  shown = 0;
  /** The same cell shown with two values by two answers (never expected: figures are exact sums). */
  readonly conflicts: string[] = [];

  constructor(readonly family: Family | "combined") {}

  private note(scope: Scope): string {
    const key = scopeKey(scope);
    this.scopes.set(key, scope);
    return key;
  }

  relate(basis: Basis, parent: Scope, children: Scope[]): void {
    const p = this.note(parent);
    const c = children.map((s) => this.note(s)).filter((k) => k !== p);
    if (c.length === 0) return;
    const id = `${p}=${[...c].sort().join("+")}`;
    if (!this.relations.has(id)) this.relations.set(id, { basis, parent: p, children: c });
  }

  /** Reads one answer: its cells, the absent years of a [YEAR] breakdown (0), and its lines. */
  observe(spec: Spec, rows: Row[] | null): void {
    if (!rows) return;
    this.questions++;
    const label = describeSpec(spec);
    const scoped = rows.map((r) => ({ row: r, scope: rowScope(spec, r) }));
    for (const { row, scope } of scoped) {
      const key = this.note(scope);
      for (const m of MEASURES) this.see(m, key, row[m] ?? null, label);
    }
    if (spec.groupBy.length === 1 && spec.groupBy[0] === "YEAR") {
      const given = new Set(rows.map((r) => r.year));
      for (let y = spec.years.from; y <= spec.years.to; y++) {
        if (given.has(y)) continue;
        const key = this.note({ ...baseScope(spec), from: y, to: y });
        for (const m of MEASURES) this.see(m, key, 0, label);
      }
    }
    for (const dim of spec.groupBy) {
      const lines = new Map<string, { parent: Scope; children: Scope[] }>();
      for (const { scope } of scoped) {
        const parent = lineParent(spec, scope, dim);
        const line = lines.get(scopeKey(parent)) ?? { parent, children: [] };
        line.children.push(scope);
        lines.set(scopeKey(parent), line);
      }
      for (const line of lines.values()) this.relate(dim, line.parent, line.children);
    }
  }

  private see(m: Measure, key: string, value: number | null, label: string): void {
    const cells = this.cells.get(m)!;
    const cell = cells.get(key) ?? { visible: null, maskedIn: null, visibleIn: null };
    if (value === null) {
      this.masked++;
      cell.maskedIn ??= label;
    } else {
      this.shown++;
      if (cell.visible !== null && cell.visible !== value)
        this.conflicts.push(`${key} ${m}: ${cell.visible} in ${cell.visibleIn}, ${value} in ${label}`);
      else {
        cell.visible = value;
        cell.visibleIn ??= label;
      }
    }
    cells.set(key, cell);
  }

  merge(other: Ledger): void {
    for (const [k, s] of other.scopes) this.scopes.set(k, s);
    for (const m of MEASURES) {
      const mine = this.cells.get(m)!;
      for (const [k, c] of other.cells.get(m)!) {
        const cell = mine.get(k) ?? { visible: null, maskedIn: null, visibleIn: null };
        cell.maskedIn ??= c.maskedIn;
        if (c.visible !== null) {
          cell.visible = c.visible;
          cell.visibleIn ??= c.visibleIn;
        }
        mine.set(k, cell);
      }
    }
    for (const [id, r] of other.relations) this.relations.set(id, r);
    this.conflicts.push(...other.conflicts);
    this.questions += other.questions;
    this.masked += other.masked;
    this.shown += other.shown;
  }

  /** The relations this ledger's attacker uses. */
  private used(): Relation[] {
    const bases = this.family === "combined" ? null : BASES[this.family];
    return [...this.relations.values()].filter((r) => !bases || bases.includes(r.basis));
  }

  get relationCount(): number {
    return this.used().length;
  }

  /** Masked cells (a cell masked in one answer at least), per measure, summed. */
  get maskedCells(): number {
    return MEASURES.reduce(
      (a, m) => a + [...this.cells.get(m)!.values()].filter((c) => c.maskedIn).length,
      0,
    );
  }

  /**
   * The attack: known values from every answer, then each relation with one
   * unknown member solved, until none is left; then exact elimination over
   * the relations still holding unknowns. Returns the masked cells whose
   * value came out right and small.
   */
  solve(truth: Truth): { recoveries: Recovery[]; wrong: number } {
    const recoveries: Recovery[] = [];
    let wrong = 0;
    const relations = this.used();
    for (const m of MEASURES) {
      const cells = this.cells.get(m)!;
      const known = new Map<string, { value: number; how: string }>();
      for (const [k, c] of cells)
        if (c.visible !== null)
          known.set(k, {
            value: c.visible,
            how: c.maskedIn ? `shown by another answer (${c.visibleIn})` : "shown",
          });
      peel(relations, known);
      eliminate(relations, known);
      for (const [k, c] of cells) {
        if (!c.maskedIn) continue;
        const got = known.get(k);
        if (!got) continue;
        const scope = this.scopes.get(k)!;
        const t = truth.value(scope, m);
        if (got.value !== t) {
          wrong++;
          continue;
        }
        if (t < 1 || t > 10) continue;
        recoveries.push({
          family: this.family,
          cell: k,
          measure: m,
          value: got.value,
          truth: t,
          how: got.how,
          maskedIn: c.maskedIn,
        });
      }
    }
    return { recoveries, wrong };
  }
}

/** Solves every relation with exactly one unknown member, repeatedly (a work list). */
function peel(relations: Relation[], known: Map<string, { value: number; how: string }>): void {
  const byKey = new Map<string, number[]>();
  const unknown = relations.map((r, i) => {
    const members = [r.parent, ...r.children];
    for (const k of members) byKey.set(k, [...(byKey.get(k) ?? []), i]);
    return members.filter((k) => !known.has(k)).length;
  });
  const queue = unknown.flatMap((n, i) => (n === 1 ? [i] : []));
  while (queue.length > 0) {
    const r = relations[queue.pop()!];
    const members = [r.parent, ...r.children];
    const missing = members.filter((k) => !known.has(k));
    if (missing.length !== 1) continue;
    const [k] = missing;
    const sum = (ks: string[]) => ks.reduce((a, x) => a + (x === k ? 0 : known.get(x)!.value), 0);
    const value = k === r.parent ? sum(r.children) : known.get(r.parent)!.value - sum(r.children);
    known.set(k, { value, how: `${r.parent} = ${r.children.join(" + ")}` });
    for (const i of byKey.get(k) ?? []) if (--unknown[i] === 1) queue.push(i);
  }
}

/** Largest group of connected unknowns eliminated exactly; larger ones are left (counted in `skipped`). */
const MAX_UNKNOWNS = 4000;
export const eliminationStats = { systems: 0, skipped: 0 };

/**
 * Gauss-Jordan over the relations that still hold unknowns (parent −
 * children = 0, known values moved to the right-hand side), one connected
 * group of unknowns at a time: an unknown alone on a reduced equation is
 * determined. Exact arithmetic is not needed: coefficients start at ±1 and
 * values are rounded, and a value is taken only when it comes out whole.
 */
function eliminate(relations: Relation[], known: Map<string, { value: number; how: string }>): void {
  const open = relations.filter((r) => [r.parent, ...r.children].some((k) => !known.has(k)));
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let root = k;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(k, root);
    return root;
  };
  for (const r of open) {
    const unknown = [r.parent, ...r.children].filter((k) => !known.has(k));
    for (const k of unknown) if (!parent.has(k)) parent.set(k, k);
    for (const k of unknown.slice(1)) parent.set(find(k), find(unknown[0]));
  }
  const groups = new Map<string, Relation[]>();
  for (const r of open) {
    const root = find([r.parent, ...r.children].find((k) => !known.has(k))!);
    groups.set(root, [...(groups.get(root) ?? []), r]);
  }
  for (const group of groups.values()) {
    const vars = [...new Set(group.flatMap((r) => [r.parent, ...r.children]).filter((k) => !known.has(k)))];
    if (vars.length < 2) continue;
    eliminationStats.systems++;
    if (vars.length > MAX_UNKNOWNS) {
      eliminationStats.skipped++;
      continue;
    }
    const index = new Map(vars.map((k, i) => [k, i]));
    // Sparse rows: coefficients by unknown, and the right-hand side.
    const rows = group.map((r) => {
      const coef = new Map<number, number>();
      let rhs = 0;
      const add = (k: string, c: number) => {
        const i = index.get(k);
        if (i === undefined) rhs -= c * known.get(k)!.value;
        else coef.set(i, (coef.get(i) ?? 0) + c);
      };
      add(r.parent, 1);
      for (const k of r.children) add(k, -1);
      return { coef, rhs };
    });
    const pivots: { col: number; row: { coef: Map<number, number>; rhs: number } }[] = [];
    for (const row of rows) {
      for (const p of pivots) {
        const c = row.coef.get(p.col);
        if (c === undefined) continue;
        for (const [j, v] of p.row.coef) {
          const x = (row.coef.get(j) ?? 0) - c * v;
          if (Math.abs(x) < 1e-9) row.coef.delete(j);
          else row.coef.set(j, x);
        }
        row.rhs -= c * p.row.rhs;
      }
      if (row.coef.size === 0) continue;
      const [col, lead] = [...row.coef].reduce((a, b) => (Math.abs(b[1]) > Math.abs(a[1]) ? b : a));
      for (const [j, v] of row.coef) row.coef.set(j, v / lead);
      row.rhs /= lead;
      row.coef.set(col, 1);
      // Keep the echelon reduced: take the new pivot out of the earlier rows.
      for (const p of pivots) {
        const c = p.row.coef.get(col);
        if (c === undefined) continue;
        for (const [j, v] of row.coef) {
          const x = (p.row.coef.get(j) ?? 0) - c * v;
          if (Math.abs(x) < 1e-9) p.row.coef.delete(j);
          else p.row.coef.set(j, x);
        }
        p.row.rhs -= c * row.rhs;
      }
      pivots.push({ col, row });
    }
    for (const p of pivots) {
      if (p.row.coef.size !== 1) continue;
      const value = Math.round(p.row.rhs);
      if (Math.abs(value - p.row.rhs) > 1e-6) continue;
      known.set(vars[p.col], { value, how: `exact elimination over ${vars.length} unknowns` });
    }
  }
}

// ---------------------------------------------------------------------------
// The families: questions and relations.

export interface Setting {
  universe: Universe;
  /** Territories of the hierarchy, years and groupBy families (null = the nation). */
  territories: TerritoryInput[];
  /** Territories of the territory family; multi-caisse ones are also broken down by CAISSE. */
  territoryFamily: TerritoryInput[];
  /** Sectors of the territory family (null = every sector). */
  territorySectors: Spec["sector"][];
  /** At most this many sectors get every year range (family 2), per kind and territory. */
  rangeTargets: number;
  /** Codes asked in both spellings (family 5). */
  spellings: number;
  kinds?: readonly Kind[];
}

interface Ctx {
  runner: Runner;
  setting: Setting;
  ledger: Ledger;
}

const span = (from: number, to: number) => ({ from, to });

/** Every single year and the whole range. */
function spans(u: Universe) {
  const [first, last] = [u.years[0], u.years[u.years.length - 1]];
  return [...u.years.map((y) => span(y, y)), span(first, last)];
}

async function askAndObserve(ctx: Ctx, specs: Spec[]): Promise<(Row[] | null)[]> {
  const answers = await ctx.runner.ask(specs);
  for (const [i, s] of specs.entries()) ctx.ledger.observe(s, answers[i]);
  return answers;
}

const naf = (code: string) => ({ naf: code });

async function hierarchy(ctx: Ctx, kind: Kind): Promise<void> {
  const u = ctx.setting.universe;
  const full = spans(u).at(-1)!;
  for (const territory of ctx.setting.territories) {
    const q = (sector: Spec["sector"], groupBy: Dim[], years = full): Spec => ({
      kind,
      sector,
      territory,
      years,
      groupBy,
    });
    const specs: Spec[] = [];
    for (const code of [null, ...allCodes(u)]) {
      const sector = code === null ? null : naf(code);
      specs.push(q(sector, ["YEAR"]), q(sector, []));
    }
    for (const years of spans(u)) {
      specs.push(q(null, ["CTN"], years));
      for (const s of u.codes.SECTION) specs.push(q(naf(s), ["NAF2"], years));
      for (const c of u.ctns) specs.push(q({ ctn: c }, ["NAF2"], years));
    }
    for (const c of u.ctns) specs.push(q({ ctn: c }, ["YEAR"]), q({ ctn: c }, []));
    await askAndObserve(ctx, specs);
    const base = baseScope(q(null, [], full));
    for (const years of spans(u)) {
      const at = (code: string | null, ctn: string | null = null): Scope => ({
        ...base,
        naf: code,
        ctn,
        from: years.from,
        to: years.to,
      });
      for (const code of [null, ...allCodes(u)]) {
        const children = childrenOf(u, code);
        if (children.length > 0)
          ctx.ledger.relate(
            "naf",
            at(code),
            children.map((c) => at(c)),
          );
      }
    }
  }
}

async function years(ctx: Ctx, kind: Kind): Promise<void> {
  const u = ctx.setting.universe;
  const full = spans(u).at(-1)!;
  const intervals: { from: number; to: number }[] = [];
  for (const a of u.years) for (const b of u.years) if (a <= b) intervals.push(span(a, b));
  for (const territory of ctx.setting.territories) {
    // First pass: each sector's years; the targets are sectors with a masked year.
    const sectors: Spec["sector"][] = [
      ...[...u.codes.SUBCLASS, ...u.codes.CLASS, ...u.codes.GROUP, ...u.codes.DIVISION].map(naf),
      ...u.ctns.map((c) => ({ ctn: c })),
    ];
    const first = sectors.map(
      (sector): Spec => ({ kind, sector, territory, years: full, groupBy: ["YEAR"] }),
    );
    const answers = await askAndObserve(ctx, first);
    const targets = sectors
      .filter((_, i) => answers[i]?.some((r) => MEASURES.some((m) => r[m] === null)))
      .slice(0, ctx.setting.rangeTargets);
    const specs: Spec[] = [];
    for (const sector of targets)
      for (const years of intervals) {
        specs.push({ kind, sector, territory, years, groupBy: [] });
        if (years.from < years.to) specs.push({ kind, sector, territory, years, groupBy: ["YEAR"] });
      }
    await askAndObserve(ctx, specs);
    for (const sector of targets) {
      const base = baseScope({ kind, sector, territory, years: full, groupBy: [] });
      const at = (from: number, to: number): Scope => ({ ...base, from, to });
      for (const { from: a, to: b } of intervals) {
        if (a === b) continue;
        ctx.ledger.relate("range", at(a, b), [at(a, b - 1), at(b, b)]);
        ctx.ledger.relate("range", at(a, b), [at(a, a), at(a + 1, b)]);
        const singles: Scope[] = [];
        for (let y = a; y <= b; y++) singles.push(at(y, y));
        ctx.ledger.relate("range", at(a, b), singles);
      }
    }
  }
}

async function territory(ctx: Ctx, kind: Kind): Promise<void> {
  const u = ctx.setting.universe;
  const full = spans(u).at(-1)!;
  const territories = ctx.setting.territoryFamily;
  const multi = territories.filter((t) => t === null || terrOf(t).includes(","));
  const specs: Spec[] = [];
  for (const sector of ctx.setting.territorySectors) {
    for (const territory of territories)
      for (const groupBy of [["YEAR"], []] as Dim[][])
        specs.push({ kind, sector, territory, years: full, groupBy });
    for (const territory of multi)
      for (const groupBy of [["CAISSE"], ["CAISSE", "YEAR"]] as Dim[][])
        specs.push({ kind, sector, territory, years: full, groupBy });
  }
  await askAndObserve(ctx, specs);
  // The nation is the sum of its caisses, a region of its caisses, and the nation of regions that partition them.
  const regionsAsked = territories.filter((t): t is { region: string } => t !== null && "region" in t);
  const partition = regionsAsked.flatMap((t) => terrOf(t).split(","));
  const partitions =
    new Set(partition).size === partition.length && u.caisses.every((c) => partition.includes(c));
  for (const sector of ctx.setting.territorySectors)
    for (const years of spans(u)) {
      const base = baseScope({ kind, sector, territory: null, years, groupBy: [] });
      const at = (terr: string): Scope => ({ ...base, terr });
      ctx.ledger.relate("territory", at(NATIONAL_CAISSE), u.caisses.map(at));
      for (const r of regionsAsked)
        ctx.ledger.relate("territory", at(terrOf(r)), terrOf(r).split(",").map(at));
      if (partitions)
        ctx.ledger.relate(
          "territory",
          at(NATIONAL_CAISSE),
          regionsAsked.map((r) => at(terrOf(r))),
        );
    }
}

async function groupBy(ctx: Ctx, kind: Kind): Promise<void> {
  const u = ctx.setting.universe;
  const [first, last] = [u.years[0], u.years[u.years.length - 1]];
  const ranges = [span(first, last), span(first, last - 1), span(first + 1, last)];
  const specs: Spec[] = [];
  for (const territory of ctx.setting.territories)
    for (const years of ranges) {
      const q = (sector: Spec["sector"], groupBy: Dim[]): Spec => ({
        kind,
        sector,
        territory,
        years,
        groupBy,
      });
      specs.push(q(null, ["YEAR", "CTN"]), q(null, ["CTN"]), q(null, ["YEAR"]), q(null, []));
      for (const sector of [...u.codes.SECTION.map(naf), ...u.ctns.map((c) => ({ ctn: c }))])
        specs.push(q(sector, ["NAF2", "YEAR"]), q(sector, ["NAF2"]), q(sector, ["YEAR"]), q(sector, []));
    }
  await askAndObserve(ctx, specs);
}

/** `4329B` → `43.29B`, `4329` → `43.29`, `432` → `43.2`. */
const dotted = (code: string) => `${code.slice(0, 2)}.${code.slice(2)}`;

async function spelling(ctx: Ctx, kind: Kind, mismatches: string[]): Promise<void> {
  const u = ctx.setting.universe;
  const full = spans(u).at(-1)!;
  const n = ctx.setting.spellings;
  const codes = [
    ...u.codes.SUBCLASS.slice(0, n),
    ...u.codes.CLASS.slice(0, Math.ceil(n / 2)),
    ...u.codes.GROUP.slice(0, Math.ceil(n / 2)),
  ];
  const pairs: [Spec, Spec][] = [];
  for (const territory of ctx.setting.territories)
    for (const code of codes)
      for (const groupBy of [["YEAR"], []] as Dim[][]) {
        const q = (written: string): Spec => ({
          kind,
          sector: naf(written),
          territory,
          years: full,
          groupBy,
        });
        pairs.push([q(code), q(dotted(code))]);
      }
  const answers = await askAndObserve(ctx, pairs.flat());
  pairs.forEach(([plain, dot], i) => {
    const [a, b] = [answers[2 * i], answers[2 * i + 1]];
    if (JSON.stringify(a) !== JSON.stringify(b))
      mismatches.push(
        `${describeSpec(plain)} vs ${describeSpec(dot)}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`,
      );
  });
}

export interface FamilyResult {
  family: Family | "combined";
  questions: number;
  maskedCells: number;
  relations: number;
  recoveries: Recovery[];
  /** Values derived from a wrong assumption (not the truth): they protect nothing and count for nothing. */
  wrong: number;
  /** Seconds asking (HTTP) and solving. */
  asking: number;
  solving: number;
}

export interface AttackReport {
  who: string;
  families: FamilyResult[];
  mismatches: string[];
  requests: number;
  refused: string[];
  seconds: number;
  /** The combined ledger, for sanity checks on what is published. */
  ledger: Ledger;
}

const RUNNERS: Record<Family, (ctx: Ctx, kind: Kind, mismatches: string[]) => Promise<void>> = {
  hierarchy,
  years,
  territory,
  groupBy,
  spelling,
};

/** Runs every family as one caller, then all of them together (the combined attacker). */
export async function attack(
  who: string,
  runner: Runner,
  truth: Truth,
  setting: Setting,
  families: readonly Family[] = FAMILIES,
): Promise<AttackReport> {
  const started = performance.now();
  const mismatches: string[] = [];
  const combined = new Ledger("combined");
  const results: FamilyResult[] = [];
  for (const family of families) {
    const ledger = new Ledger(family);
    const t0 = performance.now();
    for (const kind of setting.kinds ?? KINDS)
      await RUNNERS[family]({ runner, setting, ledger }, kind, mismatches);
    const t1 = performance.now();
    const { recoveries, wrong } = ledger.solve(truth);
    results.push({
      family,
      questions: ledger.questions,
      maskedCells: ledger.maskedCells,
      relations: ledger.relationCount,
      recoveries,
      wrong,
      asking: (t1 - t0) / 1000,
      solving: (performance.now() - t1) / 1000,
    });
    combined.merge(ledger);
  }
  const t2 = performance.now();
  const { recoveries, wrong } = combined.solve(truth);
  results.push({
    family: "combined",
    questions: combined.questions,
    maskedCells: combined.maskedCells,
    relations: combined.relationCount,
    recoveries,
    wrong,
    asking: 0,
    solving: (performance.now() - t2) / 1000,
  });
  return {
    who,
    families: results,
    mismatches,
    requests: runner.requests,
    refused: runner.refused,
    seconds: (performance.now() - started) / 1000,
    ledger: combined,
  };
}

/** A few lines per family for the log: questions, masked cells, relations, recoveries (with examples). */
export function summary(report: AttackReport): string {
  const lines = [
    `${report.who}: ${report.requests} HTTP requests, ${report.seconds.toFixed(1)} s, ${report.refused.length} refused aliases, ${report.mismatches.length} spelling mismatches`,
  ];
  for (const f of report.families) {
    lines.push(
      `  ${f.family.padEnd(9)} ${String(f.questions).padStart(5)} answers, ${String(f.maskedCells).padStart(5)} masked cells, ${String(f.relations).padStart(6)} relations → ${f.recoveries.length} recoveries${f.wrong ? ` (${f.wrong} wrong derivations)` : ""} [${f.asking.toFixed(1)} s asking, ${f.solving.toFixed(1)} s solving]`,
    );
    for (const r of f.recoveries.slice(0, 2))
      lines.push(
        `      e.g. ${r.cell} ${r.measure} = ${r.value} (masked in ${r.maskedIn}) by ${r.how.slice(0, 160)}`,
      );
  }
  return lines.join("\n");
}

/** The recoveries of one family. */
export const recoveriesOf = (report: AttackReport, family: Family | "combined") =>
  report.families.find((f) => f.family === family)?.recoveries ?? [];

// ---------------------------------------------------------------------------
// Data with several caisses, through the real import pipeline.

/** Three caisses: two make region 84 (Auvergne-Rhône-Alpes), one region 52; their sizes make small cells. */
export const IMPORT_CAISSES = ["carsat-rhone-alpes", "carsat-auvergne", "carsat-pays-de-la-loire"] as const;
const CAISSE_SIZE: Record<string, number> = {
  "carsat-rhone-alpes": 1,
  "carsat-pays-de-la-loire": 0.55,
  "carsat-auvergne": 0.18,
};
/** Subclasses: classes of one and of two subclasses, groups of one and of several classes, three sections. */
const IMPORT_SUBCLASSES = [
  "4120A",
  "4120B",
  "4321A",
  "4322A",
  "4329A",
  "4329B",
  "4399C",
  "4941A",
  "4941B",
  "7820Z",
];
const IMPORT_YEARS = [2020, 2021, 2022, 2023];

type FileRow = Record<string, string | number>;

/** One caisse's (or the nation's) rows of the AT or trajet file, fictitious, all years in one file. */
function importRows(kind: Kind): Map<string, FileRow[]> {
  const rng = new Prng(kind === "AT" ? 20_240_611 : 20_240_612);
  const files = new Map<string, FileRow[]>(IMPORT_CAISSES.map((c) => [c, []]));
  const national = new Map<string, FileRow>();
  for (const naf5 of IMPORT_SUBCLASSES) {
    const size = 600 + rng.next() * 9000;
    const risk = kind === "AT" ? 0.015 + rng.next() * 0.045 : 0.004 + rng.next() * 0.008;
    for (const caisse of IMPORT_CAISSES)
      for (const year of IMPORT_YEARS) {
        const employees = Math.round(size * CAISSE_SIZE[caisse] * (0.9 + 0.2 * rng.next()));
        const accidents = rng.poisson(employees * risk);
        const ipBelow = Math.min(accidents, rng.poisson(0.05 * accidents));
        const ipFrom = Math.min(accidents - ipBelow, rng.poisson(0.025 * accidents));
        const row: FileRow = {
          annee: year,
          ctn: ctnOfNaf5(naf5),
          naf5,
          nb_salaries: employees,
          nb_heures: employees * 1600,
          nb_siret: Math.max(3, Math.round(employees / 12)),
          accidents,
          with4: Math.max(0, accidents - rng.poisson(0.13 * accidents)),
          nouvelles_ip_inf_10: ipBelow,
          nouvelles_ip_sup_10: ipFrom,
          deces: Math.min(accidents, rng.poisson(0.006 * accidents)),
          journees_it: accidents * 60,
          somme_taux_ip: ipBelow * 5 + ipFrom * 20,
        };
        files.get(caisse)!.push(row);
        const id = `${year}|${naf5}`;
        const sum = national.get(id) ?? { annee: year, ctn: row.ctn, naf5 };
        for (const [k, v] of Object.entries(row))
          if (typeof v === "number" && k !== "annee") sum[k] = ((sum[k] as number | undefined) ?? 0) + v;
        national.set(id, sum);
      }
  }
  files.set(NATIONAL_CAISSE, [...national.values()]);
  return files;
}

function csv(kind: Kind, rows: FileRow[]): string {
  const header = [
    "annee",
    "ctn",
    "naf5",
    "nb_salaries",
    "nb_heures",
    "nb_siret",
    kind === "AT" ? "at_1er_reglement" : "trajet_1er_reglement",
    kind === "AT" ? "at_4j" : "trajet_4j",
    "nouvelles_ip_inf_10",
    "nouvelles_ip_sup_10",
    "deces",
    "journees_it",
    "somme_taux_ip",
  ];
  const fields = [...header.slice(0, 6), "accidents", "with4", ...header.slice(8)];
  return [header.join(";"), ...rows.map((r) => fields.map((f) => r[f]).join(";"))].join("\r\n");
}

/**
 * Imports the AT and trajet files of IMPORT_CAISSES (each by its caisse's
 * data steward) and the nation's (by the national steward, the exact sum of
 * the three) through POST /imports, as partners do.
 */
export async function importCaisses(url: string): Promise<void> {
  for (const kind of KINDS) {
    for (const [caisse, rows] of importRows(kind)) {
      const org = caisse === NATIONAL_CAISSE ? "NATIONAL:cnam" : `CARSAT:${caisse}`;
      const dataset = kind === "AT" ? "carsat-at" : "carsat-trajet";
      const res = await fetch(url.replace("/graphql", `/imports/${dataset}?name=${caisse}.csv`), {
        method: "POST",
        headers: await as({ role: "DATA_STEWARD", org: org as ViewerSpec["org"] }),
        body: csv(kind, rows),
      });
      if (res.status !== 201)
        throw new Error(`import ${dataset} ${caisse}: ${res.status} ${await res.text()}`);
    }
  }
}
