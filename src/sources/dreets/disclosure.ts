import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { DisclosureConfig } from "../../privacy/disclosure-config.js";
import { protectGrid, type Equation } from "../../privacy/grid/protect.js";
import type { CellDoc } from "./repository.js";

/**
 * Disclosure control of survey cells: each STRATUM (a SUMER wave, an EVREST
 * period, of the national sample or of one region's; an MCP year, the pooled
 * national cells and every region's together) is protected as one linked
 * publication grid (src/privacy/grid/protect.ts), whatever the query.
 *
 * Its cells are every cell any query can show: every sector node (all
 * sectors, each section, each published division; for MCP the nation and
 * each region) crossed with every breakdown it is published by (none, sex,
 * age band, sex × age band). Its equations are the ones a reader knows: at
 * each node, both sexes = F + M, all ages = Σ age bands, and the sex × age
 * band cells add up to both; along the sectors, all sectors = Σ sections and
 * a section = Σ its published divisions + the REMAINDER of its unpublished
 * ones; for MCP, the nation = Σ published regions + the regions not
 * published. A remainder is never shown: when it is 0 the equation is exact
 * without it; when it is a small count (the rules below) it is a masked cell
 * the grid protects (section − published divisions must not give it back);
 * otherwise it is an unknown that appears in no other equation, and the
 * equation teaches a reader nothing: it is left out. (A remainder's own
 * sex and age equations follow from the others, so nothing is lost.)
 *
 * Per-table suppression was not enough: each breakdown's table was masked
 * on its own, and the sex × age band table of a section, its age-band
 * table and the all-sector ones gave masked cells back
 * (tests/dreets-secrecy.test.ts).
 *
 * Rules, per measure (the respondents `n`, and each trait count):
 * - primary: `n` from 1 to 10 masks the whole cell (every count of it); a
 *   trait count from 1 to 10, or 0 % or 100 % of a non-zero `n` (knowing
 *   someone is in the cell tells whether they have the trait);
 * - secondary: the grid's complements (single unknowns, bounds, exact audit);
 * - fail closed: a measure whose grid the audit could not fully check
 *   (`unaudited`) or leaves a masked cell determined (`exposed`) is masked
 *   in the whole stratum.
 * Masked counts are null, and so are the prevalence and interval computed
 * from them.
 *
 * Deterministic: cells are ranked by their key, so a cell gets the same mask
 * through any query, join or batch. A protected measure is kept in memory per
 * content of its stratum (its cells, `n` and that measure: a new import
 * changes the key; nothing can go stale), so a repeated query costs a hash.
 */

/** Bump when the cells, equations or rules change (part of the cache key). */
const ALGORITHM = 1;

/** The children of a node, and whether an unpublished remainder completes them. */
export interface StratumLink {
  parent: string;
  children: readonly string[];
  /** True when the parent is the children plus cells never shown (unpublished divisions, regions). */
  remainder: boolean;
}

/** One stratum: its cells, the node of each, and the hierarchy of the nodes. */
export interface Stratum {
  /** Which grid this is (`sumer`, `evrest`, `mcp`): part of the cache key with the cells. */
  survey: string;
  cells: readonly CellDoc[];
  /** The cell's node: `*` for all sectors, a section, a division, `FR`, a region. */
  node(cell: CellDoc): string;
  links: readonly StratumLink[];
  /** Cost class of a node (lower = preferred as a complement: finer nodes). */
  cost(node: string): number;
}

const ALL = "*";
const slot = (v: unknown) => (v === undefined || v === null ? ALL : String(v));
const shapeOf = (c: CellDoc) => `${c.sex ? "s" : ""}${c.ageBand ? "a" : ""}`;
const num = (v: unknown) => Number(v ?? 0);

interface Layout {
  keys: string[];
  /** Per cell (stratum cells first, then remainders): its key's rank. */
  rank: number[];
  cost: number[];
  equations: Equation[];
  /** Remainder cells: their equation, the cells' values they are computed from. */
  remainders: { key: string; parent: number; parts: number[] }[];
}

/** The cells' keys, the equations among them, and the remainders. */
function layout(s: Stratum): Layout {
  const keys = s.cells.map((c) => `${s.node(c)}|${slot(c.sex)}|${slot(c.ageBand)}`);
  const at = new Map(keys.map((k, i) => [k, i]));
  const find = (node: string, sex: string, age: string) => at.get(`${node}|${sex}|${age}`);
  const shapes = new Map<string, Set<string>>();
  s.cells.forEach((c) => {
    const node = s.node(c);
    const set = shapes.get(node) ?? new Set<string>();
    set.add(shapeOf(c));
    shapes.set(node, set);
  });
  const equations: Equation[] = [];
  const push = (total: number | undefined, parts: (number | undefined)[]) => {
    const present = parts.filter((p): p is number => p !== undefined);
    if (total !== undefined && present.length > 0) equations.push({ total, parts: present });
  };
  /** The cells of `node` published by one breakdown (`s`, `a`, `sa` or `` for its total). */
  const cellsOf = (node: string, shape: string) =>
    s.cells.flatMap((c, i) => (s.node(c) === node && shapeOf(c) === shape ? [i] : []));
  for (const [node, set] of shapes) {
    const total = find(node, ALL, ALL);
    if (set.has("s")) push(total, cellsOf(node, "s"));
    if (set.has("a")) push(total, cellsOf(node, "a"));
    if (set.has("sa")) {
      const both = cellsOf(node, "sa");
      for (const i of cellsOf(node, "s"))
        push(
          i,
          both.filter((j) => s.cells[j].sex === s.cells[i].sex),
        );
      for (const i of cellsOf(node, "a"))
        push(
          i,
          both.filter((j) => s.cells[j].ageBand === s.cells[i].ageBand),
        );
    }
  }
  const remainders: Layout["remainders"] = [];
  for (const link of s.links) {
    const parentShapes = shapes.get(link.parent);
    const kids = link.children.filter((k) => shapes.has(k));
    // No child published: parent = remainder teaches nothing.
    if (!parentShapes || kids.length === 0) continue;
    for (const shape of parentShapes) {
      // A breakdown some present child is not published by (a coarser wave) links nothing.
      if (!kids.every((k) => shapes.get(k)!.has(shape))) continue;
      for (const p of cellsOf(link.parent, shape)) {
        const c = s.cells[p];
        const parts = kids.flatMap((k) => {
          const j = find(k, slot(c.sex), slot(c.ageBand));
          return j === undefined ? [] : [j];
        });
        if (link.remainder)
          remainders.push({
            key: `~rest:${link.parent}|${slot(c.sex)}|${slot(c.ageBand)}`,
            parent: p,
            parts,
          });
        else push(p, parts);
      }
    }
  }
  const all = [...keys, ...remainders.map((r) => r.key)];
  const order = all.map((_, i) => i).sort((a, b) => (all[a] < all[b] ? -1 : all[a] > all[b] ? 1 : 0));
  const rank = new Array<number>(all.length);
  order.forEach((i, r) => {
    rank[i] = r;
  });
  const cost = [
    ...s.cells.map((c) => s.cost(s.node(c)) + (c.sex ? 0 : 1) + (c.ageBand ? 0 : 1)),
    ...remainders.map(() => 0),
  ];
  return { keys: all, rank, cost, equations, remainders };
}

/** Whether a value of a measure is masked by its own rules (n: its cell's respondents). */
function primary(v: number, n: number, isCount: boolean, limit: number): boolean {
  if (v > 0 && v < limit) return true;
  return isCount && n > 0 && (v === 0 || v === n);
}

interface MeasureInput {
  values: (number | null)[];
  primary: boolean[];
  equations: Equation[];
}

/** A stored value: null when its publisher withheld it (unknown to everyone), an absent field counts 0 (as shown). */
const storedValue = (c: CellDoc, field: string): number | null => (c[field] === null ? null : num(c[field]));

/**
 * The grid of one measure: the stratum's cells, and the remainders that
 * stay in (a small one as a masked cell, a 0 as nothing: the equation is
 * exact); `nMasked` (counts only) masks the cells whose `n` is masked.
 * A withheld value (null) is unknown to everyone: the grid protects it as a
 * masked cell, and a count whose `n` is withheld is masked.
 */
function measureInput(
  s: Stratum,
  l: Layout,
  measure: string,
  limit: number,
  nMasked: boolean[] | null,
): MeasureInput {
  const isCount = nMasked !== null;
  const values = s.cells.map((c) => storedValue(c, measure));
  const ns = s.cells.map((c) => storedValue(c, "n"));
  const prim = values.map((v, i) => {
    const n = ns[i];
    if (isCount && (n === null || nMasked[i])) return true;
    return v !== null && primary(v, n ?? 0, isCount, limit);
  });
  const equations = [...l.equations];
  const rest: (number | null)[] = [];
  l.remainders.forEach((r, k) => {
    const of = (vals: (number | null)[]) => {
      const cells = [r.parent, ...r.parts];
      if (cells.some((j) => vals[j] === null)) return null;
      return (vals[r.parent] as number) - r.parts.reduce((a, j) => a + (vals[j] as number), 0);
    };
    const v = of(values);
    const n = of(ns);
    // Not computable (a withheld cell in its equation): an unknown in this equation only, left out.
    const small =
      v !== null && n !== null && (primary(v, n, isCount, limit) || (isCount && primary(n, n, false, limit)));
    if (small) equations.push({ total: r.parent, parts: [...r.parts, s.cells.length + k] });
    else if (v === 0 && n === 0) equations.push({ total: r.parent, parts: r.parts });
    // Else an unknown in this equation only: it teaches nothing, left out.
    rest.push(v ?? 0);
    prim.push(small);
  });
  return { values: [...values, ...rest], primary: prim, equations };
}

function protectMeasure(l: Layout, input: MeasureInput, limit: number): boolean[] {
  const result = protectGrid({
    values: input.values,
    primary: input.primary,
    rank: l.rank,
    cost: l.cost,
    equations: input.equations,
    limit,
  });
  if (result.unaudited > 0 || result.exposed > 0) {
    gridStats.failedClosed++;
    return input.values.map(() => true);
  }
  return result.masked;
}

const cache = new LRUCache<string, boolean[]>({ max: 4096 });

/** Measure grids protected in this process (cache misses), their time and the slowest one: for the tests' timing report. */
export const gridStats = { computed: 0, milliseconds: 0, slowest: 0, slowestCells: 0, failedClosed: 0 };

/** Forgets the kept masks (tests: to time a cold computation). */
export function clearGridCache(): void {
  cache.clear();
}

/**
 * The mask of each measure (true = masked), per cell of the stratum, in
 * `s.cells` order. `n` is always protected first: its mask is part of every
 * count's primary mask.
 */
export function stratumMasks(
  s: Stratum,
  measures: readonly string[],
  config: DisclosureConfig,
): Map<string, boolean[]> {
  const limit = config.smallCountThreshold;
  let l: Layout | null = null;
  const cells = s.cells.map((c) => `${s.node(c)}|${slot(c.sex)}|${slot(c.ageBand)}`);
  const order = cells.map((_, i) => i).sort((a, b) => (cells[a] < cells[b] ? -1 : 1));
  const contentKey = (measure: string) =>
    createHash("sha256")
      .update(
        JSON.stringify([
          ALGORITHM,
          s.survey,
          limit,
          measure,
          s.links,
          order.map((i) => [
            cells[i],
            storedValue(s.cells[i], "n"),
            measure === "n" ? 0 : storedValue(s.cells[i], measure),
          ]),
        ]),
      )
      .digest("base64");
  const maskOf = (measure: string, nMasked: boolean[] | null): boolean[] => {
    const k = contentKey(measure);
    const hit = cache.get(k);
    if (hit) return fromCanonical(hit);
    const started = performance.now();
    l ??= layout(s);
    const input = measureInput(s, l, measure, limit, nMasked);
    const masked = protectMeasure(l, input, limit).slice(0, s.cells.length);
    const ms = performance.now() - started;
    gridStats.computed++;
    gridStats.milliseconds += ms;
    if (ms > gridStats.slowest) {
      gridStats.slowest = ms;
      gridStats.slowestCells = input.values.length;
    }
    cache.set(k, toCanonical(masked));
    return masked;
  };
  // The cache keeps masks in canonical (key) order: the same stratum read in another order shares them.
  const toCanonical = (m: boolean[]) => order.map((i) => m[i]);
  const fromCanonical = (m: boolean[]) => {
    const out = new Array<boolean>(m.length);
    order.forEach((i, t) => {
      out[i] = m[t];
    });
    return out;
  };
  const out = new Map<string, boolean[]>();
  const n = maskOf("n", null);
  out.set("n", n);
  for (const m of measures) out.set(m, maskOf(m, n));
  return out;
}

/** The stratum's cells with masked counts set to null (the other fields kept, `_v` and `versions` included). */
export function protectStratum(s: Stratum, measures: readonly string[], config: DisclosureConfig): CellDoc[] {
  if (s.cells.length === 0) return [];
  const masks = stratumMasks(s, measures, config);
  return s.cells.map((c, i) => {
    const copy: CellDoc = { ...c };
    for (const [m, mask] of masks) if (mask[i] && m in copy) copy[m] = null;
    if (masks.get("n")![i]) copy.n = null;
    return copy;
  });
}
