/**
 * Exact audit of a publication grid's suppression pattern (rule 3 of
 * protect.ts, where the method is explained): which unknown cells the
 * additivity equations and the published cells determine exactly.
 *
 * Each equation total − Σ parts = 0, restricted to the unknown cells (the
 * known ones move to the right-hand side), is a sparse row with entries ±1.
 * An unknown cell i is determined iff the unit vector e_i lies in the span
 * of those rows, i.e. iff every vector x of their null space has x_i = 0.
 * The rows are reduced to echelon form modulo a prime p < 2^26 (products of
 * two residues stay exact in a double), per connected component of unknown
 * cells, as sparse hash rows with a low-fill (Markowitz-like) pivot order;
 * then a random null vector is drawn: random non-zero values on the free
 * columns, back-substitution on the pivot columns. A free column is
 * undetermined; a pivot column is the linear form "its reduced row" of the
 * free values, which is identically zero iff the cell is determined, and
 * which a random point leaves non-zero with probability 1 − 1/p otherwise.
 *
 * Modular arithmetic can only err by losing rank: an entry non-zero over the
 * rationals that p happens to divide. Lost rank means a bigger null space,
 * i.e. a determined cell reported undetermined (the unsafe side). So the
 * elimination runs twice, modulo two different primes, and a cell counts as
 * undetermined only if BOTH null vectors say so: a wrong "undetermined" then
 * needs both primes to divide the same minors, while a wrong "determined"
 * (the safe side: one complement too many) needs a random point to hit a
 * root, probability about 2/p ≈ 3·10⁻⁸ per cell. The PRNG is seeded, so the
 * answer is deterministic.
 */

import type { Equation } from "./equation.js";

/** Primes just below 2^26 (tests check them): residues < 2^26, so a·b < 2^52 is exact in a double. */
export const PRIMES = [67108859, 67108837] as const;

/**
 * Default safety valve: non-zero entries one component's rows may hold during
 * elimination (a few hundred MB). The national grid starts with ~115,000 and
 * the pivot order keeps it from growing (measured by bench/grid-protect.ts).
 */
export const MAX_ENTRIES = 5_000_000;

export interface AuditOptions {
  /** The primes to eliminate modulo (tests only: default PRIMES). */
  primes?: readonly number[];
  /** Above this many non-zero entries in one component's rows during elimination, the component is given up (its cells count as unaudited). */
  maxEntries?: number;
}

export interface AuditResult {
  /** Unknown cells determined exactly, ascending. */
  determined: number[];
  /** Unknown cells in components given up (maxEntries). */
  unaudited: number;
}

/** Unknown cells (unknown[i] or values[i] null) whose value the equations and the known values determine exactly, ascending. */
export function determinedCells(
  values: readonly (number | null)[],
  equations: readonly Equation[],
  unknown: readonly boolean[],
): number[] {
  return auditGrid(
    values.map((v, i) => unknown[i] || v === null),
    equations,
  ).determined;
}

/** The exact audit: determined unknown cells, and how many could not be checked. */
export function auditGrid(
  unknown: readonly boolean[],
  equations: readonly Equation[],
  options: AuditOptions = {},
): AuditResult {
  const maxEntries = options.maxEntries ?? MAX_ENTRIES;
  const primes = options.primes ?? PRIMES;
  const rows = restrict(unknown, equations);
  const determined: number[] = [];
  let unaudited = 0;
  for (const comp of components(unknown.length, rows)) {
    const found = solveComponent(comp, primes, maxEntries);
    if (found === null) unaudited += comp.cells.length;
    else determined.push(...found);
  }
  return { determined: determined.sort((a, b) => a - b), unaudited };
}

/**
 * Known cells whose masking makes a determined cell d undetermined, or null.
 * d is undetermined iff some null vector y of the equations (a change of
 * the cells that keeps every equation true) with y_d ≠ 0 lies within the
 * unknown cells. So the known cells of d's component's equations (the
 * boundary; if that is not enough, the next ring, up to RINGS), the light
 * ones first (WEIGHT_LIMITS: a national total only when nothing lighter
 * will do), are taken as unknown too, the rows reduced, and among the
 * null space's basis vectors (one per free column: 1 there, 0 on the other
 * free columns) those with y_d ≠ 0 are candidates; the one whose known
 * cells weigh least (`weight`) gives them. Masked, they hold a whole null
 * vector through d: the generalisation of a cycle (protect.ts) to grids
 * where a cell lies in three equations or more (in a 3-D table, a masked
 * cell whose every equation is fully masked may still be determined).
 * Modulo the first prime: a non-zero residue is a non-zero rational, so the
 * vector found is a true one (a support entry the prime hides is caught by
 * the next audit). Null when no basis vector moves d within the rings (its
 * value is then 0, or follows from cells farther away) or when a component
 * is too large (maxEntries).
 */
export function unlockingCells(
  unknown: readonly boolean[],
  equations: readonly Equation[],
  d: number,
  weight: (cell: number) => number,
  options: AuditOptions = {},
): number[] | null {
  const p = (options.primes ?? PRIMES)[0];
  const maxEntries = options.maxEntries ?? MAX_ENTRIES;
  const index = cellIndex(equations, unknown.length);
  // The unknown cells' own component of d: the same for every weight limit.
  const own = ballOf(unknown, equations, index, d, Number.POSITIVE_INFINITY);
  if (!own) return null;
  for (const limit of WEIGHT_LIMITS) {
    let widened = unknown;
    let inner = own.comp;
    for (let ring = 0; ring < RINGS; ring++) {
      let next: boolean[] | null = null;
      for (const row of inner.rows) {
        const eq = equations[row.eq];
        for (let t = -1; t < eq.parts.length; t++) {
          const c = t < 0 ? eq.total : eq.parts[t];
          if ((next ?? widened)[c] || weight(c) > limit) continue;
          next ??= widened.slice();
          next[c] = true;
        }
      }
      if (next === null) break;
      widened = next;
      const comp = ballOf(widened, equations, index, d, Number.POSITIVE_INFINITY)!.comp;
      const found = cheapestThrough(comp, d, unknown, weight, p, maxEntries);
      if (found === null) return null;
      // Only the component's equations matter to the pruning: its cells are a subset of the component's.
      if (found !== undefined)
        return pruned(found, unknown, equations, index, comp.cells, d, weight, p, maxEntries);
      inner = comp;
    }
  }
  return null;
}

/**
 * unlockingCells for many determined cells of one masking state, as
 * protect.ts's audit rounds need it: the systems unlockingCells eliminates
 * (a component of the unknown cells, widened by rings of light known cells)
 * are those of the state given to the constructor, eliminated once and
 * shared by every cell of the same component (a national MP grid has one
 * component of ~15,000 cells: an elimination per determined cell took
 * minutes). Cells masked since (complements for earlier cells of the round)
 * only count as free in `unlock`: a null vector of the system stays one
 * whatever is masked, so the cells it gives still unlock d. The pruning
 * works on the vector's support and the unknown cells within PRUNE_HOPS
 * equations of it (a smaller system) instead of d's whole component: it may keep a
 * cell the whole component could do without (a few complements more).
 * Components up to SHARED_FROM cells get unlockingCells itself.
 */
export class Unlocker {
  private readonly index: CellIndex;
  private readonly p: number;
  private readonly maxEntries: number;
  /** Each cell's weight in the constructor's state (the rings' limits read these). */
  private readonly weights: Float64Array;
  /** Per cell, the first cell of its component of unknown cells (-1: in none). */
  private readonly root: Int32Array;
  private readonly own = new Map<number, Component>();
  private readonly systems = new Map<string, Shared | "none" | "too large">();

  constructor(
    private readonly unknown: readonly boolean[],
    private readonly equations: readonly Equation[],
    weight: (cell: number) => number,
    options: AuditOptions = {},
  ) {
    this.p = (options.primes ?? PRIMES)[0];
    this.maxEntries = options.maxEntries ?? MAX_ENTRIES;
    this.index = cellIndex(equations, unknown.length);
    this.weights = Float64Array.from(unknown, (_, c) => weight(c));
    this.root = new Int32Array(unknown.length).fill(-1);
    for (const comp of components(unknown.length, restrict(unknown, equations))) {
      for (const c of comp.cells) this.root[c] = comp.cells[0];
      this.own.set(comp.cells[0], comp);
    }
  }

  /** unlockingCells(live, equations, d, weight) on the shared systems; `live` ⊇ the constructor's unknown cells. */
  unlock(d: number, live: readonly boolean[], weight: (cell: number) => number): number[] | null {
    const root = this.root[d];
    if (root === -1) return null;
    // A small component: the exact search on the live masking (cheap there, and a little lighter).
    if (this.own.get(root)!.cells.length <= SHARED_FROM)
      return unlockingCells(live, this.equations, d, weight, {
        primes: [this.p],
        maxEntries: this.maxEntries,
      });
    for (const limit of WEIGHT_LIMITS) {
      for (let ring = 0; ring < RINGS; ring++) {
        const system = this.system(root, limit, ring, d);
        if (system === "none") break;
        if (system === "too large") return null;
        const found = cheapestIn(system.comp, system.local, system.echelon, d, live, weight, this.p);
        if (found !== undefined) {
          // Its support and the unknown cells nearest to it (a breadth-first search): the system the pruning works in.
          const within = this.around(found.support, live, PRUNE_HOPS);
          return pruned(
            found.known,
            live,
            this.equations,
            this.index,
            within,
            d,
            weight,
            this.p,
            this.maxEntries,
          );
        }
      }
    }
    return null;
  }

  /** `cells` and the `live` cells within `hops` equations of them, ascending. */
  private around(cells: readonly number[], live: readonly boolean[], hops: number): number[] {
    const index = this.index;
    const g = ++index.generation;
    const out = [...cells];
    for (const c of out) index.cellMark[c] = g;
    let from = 0;
    for (let hop = 0; hop < hops; hop++) {
      const to = out.length;
      for (let head = from; head < to; head++) {
        const c = out[head];
        for (let t = index.start[c]; t < index.start[c + 1]; t++) {
          const eq = this.equations[index.eqs[t]];
          for (let u = -1; u < eq.parts.length; u++) {
            const x = u < 0 ? eq.total : eq.parts[u];
            if (!live[x] || index.cellMark[x] === g) continue;
            index.cellMark[x] = g;
            out.push(x);
          }
        }
      }
      from = to;
    }
    return out.sort((a, b) => a - b);
  }

  /** The system of d's component widened by `ring` + 1 rings of known cells up to `limit`, reduced (cached). */
  private system(root: number, limit: number, ring: number, d: number): Shared | "none" | "too large" {
    const key = `${root}:${limit}:${ring}`;
    const cached = this.systems.get(key);
    if (cached !== undefined) return cached;
    let inner: Component;
    let widened: boolean[];
    if (ring === 0) {
      inner = this.own.get(root)!;
      widened = this.unknown.slice();
    } else {
      const previous = this.system(root, limit, ring - 1, d);
      if (previous === "none" || previous === "too large") return previous;
      inner = previous.comp;
      // The cells the previous rings added all lie in its component.
      widened = this.unknown.slice();
      for (const c of inner.cells) widened[c] = true;
    }
    let grown = false;
    for (const row of inner.rows) {
      const eq = this.equations[row.eq];
      for (let t = -1; t < eq.parts.length; t++) {
        const c = t < 0 ? eq.total : eq.parts[t];
        if (widened[c] || this.weights[c] > limit) continue;
        widened[c] = true;
        grown = true;
      }
    }
    let out: Shared | "none" | "too large" = "none";
    if (grown) {
      const comp = ballOf(widened, this.equations, this.index, d, Number.POSITIVE_INFINITY)!.comp;
      const local = localIndex(comp);
      const echelon = eliminate(comp, local, this.p, this.maxEntries);
      out = echelon === null ? "too large" : { comp, local, echelon };
    }
    this.systems.set(key, out);
    return out;
  }
}

/**
 * The system Unlocker prunes a null vector's cells in: its support and the
 * unknown cells within this many equations of it. On the national MP grid
 * (2022 cases), pruning within d's whole component gave 1,303 complements
 * (86 s), within 3 equations 1,315 (47 s), 2: 1,398 (32 s), 1: 1,801 (14 s).
 */
const PRUNE_HOPS = 2;

/**
 * Components of unknown cells up to this size get unlockingCells' own
 * search, one elimination per determined cell (the demo region's grids: the
 * same complements as before); larger ones the shared systems.
 */
const SHARED_FROM = 4000;

/** A component reduced once, shared by the determined cells of an audit round. */
interface Shared {
  comp: Component;
  local: Map<number, number>;
  echelon: Echelon;
}

/**
 * A set of known cells that unlocks d, made minimal, the heaviest dropped
 * first: each in turn is dropped when d stays movable without it (some
 * null vector within the unknown cells and the cells kept has y_d ≠ 0).
 * One elimination modulo p of the rows touching `within` (d's component,
 * or a part of it around the vector), restricted to its unknown and found
 * cells, gives each cell's value in a null vector as a linear form of the
 * free columns (adjoint of the back-substitution, as in cheapestThrough);
 * dropping cells forces their forms to 0, and d stays movable iff its form
 * is not in the span of the dropped cells' forms (an incremental echelon
 * basis of the few dropped forms). Exact modulo p, and the same answer as
 * a test per cell on a random null vector, at the cost of one elimination.
 */
function pruned(
  found: number[],
  unknown: readonly boolean[],
  equations: readonly Equation[],
  index: CellIndex,
  within: readonly number[],
  d: number,
  weight: (cell: number) => number,
  p: number,
  maxEntries: number,
): number[] {
  const allowed = unknown.slice();
  for (const c of found) allowed[c] = true;
  const keep = () => found.filter((c) => allowed[c] && !unknown[c]).sort((a, b) => a - b);
  const comp = systemOn(within, allowed, equations, index);
  if (!comp.cells.includes(d)) return keep();
  const local = localIndex(comp);
  const echelon = eliminate(comp, local, p, maxEntries);
  if (echelon === null) return keep();
  // Free columns, numbered 0..nf-1: the coordinates of the forms.
  const k = comp.cells.length;
  const freeAt = new Int32Array(k).fill(-1);
  let nf = 0;
  for (let j = 0; j < k; j++) if (!echelon.pivoted[j]) freeAt[j] = nf++;
  const g = new Float64Array(k);
  const form = (j: number): Float64Array => {
    g.fill(0);
    g[j] = 1;
    adjoint(echelon, g, p);
    const out = new Float64Array(nf);
    for (let f = 0; f < k; f++) if (freeAt[f] >= 0) out[freeAt[f]] = g[f];
    return out;
  };
  const rd = form(local.get(d)!);
  // d not movable at all (its form is 0): nothing can be dropped (as before: every test fails).
  if (!rd.some((v) => v !== 0)) return keep();
  const basis: { pivot: number; vec: Float64Array }[] = [];
  /** v minus its components along the basis (zero on every basis pivot); the basis vectors are normalised to 1 there. */
  const reduce = (v: Float64Array) => {
    for (const b of basis) {
      const a = v[b.pivot];
      if (a === 0) continue;
      for (let f = 0; f < nf; f++) if (b.vec[f] !== 0) v[f] = mod(v[f] - ((a * b.vec[f]) % p), p);
    }
    return v;
  };
  for (const c of [...found].sort((a, b) => weight(b) - weight(a) || a - b)) {
    const j = local.get(c);
    if (j === undefined) {
      // Outside d's component: no null vector moving d involves it.
      allowed[c] = false;
      continue;
    }
    const rc = reduce(form(j));
    let pivot = -1;
    for (let f = 0; f < nf; f++)
      if (rc[f] !== 0) {
        pivot = f;
        break;
      }
    if (pivot === -1) {
      // Its form is already forced to 0 by the cells dropped: dropping it changes nothing.
      allowed[c] = false;
      continue;
    }
    const inv = inverse(rc[pivot], p);
    for (let f = 0; f < nf; f++) if (rc[f] !== 0) rc[f] = (rc[f] * inv) % p;
    // d's form would lie in the span once c is dropped iff rd = rd[pivot] · rc: then c stays.
    const lambda = rd[pivot];
    let stays = true;
    for (let f = 0; f < nf; f++) {
      if (mod(rd[f] - ((lambda * rc[f]) % p), p) !== 0) {
        stays = false;
        break;
      }
    }
    if (stays) continue;
    allowed[c] = false;
    if (lambda !== 0)
      for (let f = 0; f < nf; f++) if (rc[f] !== 0) rd[f] = mod(rd[f] - ((lambda * rc[f]) % p), p);
    basis.push({ pivot, vec: rc });
  }
  return keep();
}

/** g (one entry per local column) becomes the linear form, over the free columns, of the value back-substitution gives its column(s). */
function adjoint(echelon: Echelon, g: Float64Array, p: number): void {
  const { pivotCols, pivotRows, pivotInv } = echelon;
  for (let t = 0; t < pivotCols.length; t++) {
    const c = pivotCols[t];
    if (g[c] === 0) continue;
    const f = (g[c] * (p - pivotInv[t])) % p;
    const { cols, coefs } = pivotRows[t];
    for (let u = 0; u < cols.length; u++)
      if (cols[u] !== c) g[cols[u]] = (g[cols[u]] + ((f * coefs[u]) % p)) % p;
  }
}

/** Per equation list, the equations of each cell (CSR) and scratch marks for ballOf and systemOn. */
interface CellIndex {
  start: Int32Array;
  eqs: Int32Array;
  cellMark: Uint32Array;
  cellUsed: Uint32Array;
  eqMark: Uint32Array;
  generation: number;
  acc: Map<number, number>;
}

const INDEXES = new WeakMap<readonly Equation[], CellIndex>();

function cellIndex(equations: readonly Equation[], n: number): CellIndex {
  const cached = INDEXES.get(equations);
  if (cached && cached.cellMark.length >= n) return cached;
  let size = n;
  for (const eq of equations) {
    size = Math.max(size, eq.total + 1);
    for (const c of eq.parts) size = Math.max(size, c + 1);
  }
  const count = new Int32Array(size + 1);
  const each = (f: (c: number, e: number) => void) =>
    equations.forEach((eq, e) => {
      f(eq.total, e);
      for (const c of eq.parts) f(c, e);
    });
  each((c) => {
    count[c + 1]++;
  });
  for (let c = 0; c < size; c++) count[c + 1] += count[c];
  const start = count.slice();
  const fill = count.slice();
  const eqs = new Int32Array(start[size]);
  each((c, e) => {
    eqs[fill[c]++] = e;
  });
  const index = {
    start,
    eqs,
    cellMark: new Uint32Array(size),
    cellUsed: new Uint32Array(size),
    eqMark: new Uint32Array(equations.length),
    generation: 0,
    acc: new Map<number, number>(),
  };
  INDEXES.set(equations, index);
  return index;
}

/**
 * Up to `cap` cells of d's component among the rows of `equations`
 * restricted to the `allowed` cells, the nearest first (a breadth-first
 * search from d, in cell and equation order), and their system: every row
 * touching them, restricted to them (cells beyond are held at 0: a null
 * vector of it is one of the whole system). With all of the component
 * (`complete`), that is the component as components(n, restrict(...)) gives
 * it. Undefined when d lies in no row.
 */
function ballOf(
  allowed: readonly boolean[],
  equations: readonly Equation[],
  index: CellIndex,
  d: number,
  cap: number,
): { comp: Component; complete: boolean } | undefined {
  if (!allowed[d]) return undefined;
  const g = ++index.generation;
  const cells: number[] = [d];
  index.cellMark[d] = g;
  let complete = true;
  const keepCell = (c: number) => allowed[c];
  for (let head = 0; head < cells.length; head++) {
    const x = cells[head];
    for (let t = index.start[x]; t < index.start[x + 1]; t++) {
      const e = index.eqs[t];
      if (index.eqMark[e] === g) continue;
      index.eqMark[e] = g;
      const row = restrictRow(keepCell, equations[e], e, index.acc);
      // A row where x cancels out (total and part) does not join x to its cells: another cell of it may.
      if (row === null || !row.cells.includes(x)) {
        index.eqMark[e] = 0;
        continue;
      }
      for (const c of row.cells) {
        if (index.cellMark[c] === g) continue;
        if (cells.length >= cap) {
          complete = false;
          continue;
        }
        index.cellMark[c] = g;
        cells.push(c);
      }
    }
  }
  const comp = systemOn(cells, allowed, equations, index);
  return comp.rows.length > 0 ? { comp, complete } : undefined;
}

/** The rows of `equations` touching `cells`, restricted to those of them that are allowed (rows in equation order, cells ascending). */
function systemOn(
  cells: readonly number[],
  allowed: readonly boolean[],
  equations: readonly Equation[],
  index: CellIndex,
): Component {
  const g = ++index.generation;
  for (const c of cells) index.cellMark[c] = g;
  const keepCell = (c: number) => allowed[c] && index.cellMark[c] === g;
  const rows: Row[] = [];
  const used: number[] = [];
  for (const x of cells) {
    if (!allowed[x]) continue;
    for (let t = index.start[x]; t < index.start[x + 1]; t++) {
      const e = index.eqs[t];
      if (index.eqMark[e] === g) continue;
      index.eqMark[e] = g;
      const row = restrictRow(keepCell, equations[e], e, index.acc);
      if (row === null) continue;
      rows.push(row);
      for (const c of row.cells) {
        if (index.cellUsed[c] === g) continue;
        index.cellUsed[c] = g;
        used.push(c);
      }
    }
  }
  used.sort((a, b) => a - b);
  rows.sort((a, b) => a.eq - b.eq);
  return { cells: used, rows };
}

function localIndex(comp: Component): Map<number, number> {
  return new Map(comp.cells.map((c, j) => [c, j]));
}

/** Known cells heavier than this are left out of unlockingCells' search while a lighter way is sought: each in turn. */
const WEIGHT_LIMITS = [16, 64, 256, 1024, Number.POSITIVE_INFINITY];

/** Rings of boundary cells unlockingCells takes as unknown before it gives up. */
const RINGS = 3;

/**
 * Among the basis vectors of the component's null space, the cheapest with
 * a non-zero entry on d: its cells known in `unknown`. Undefined when none
 * moves d, null when the component is too large.
 */
function cheapestThrough(
  comp: Component,
  d: number,
  unknown: readonly boolean[],
  weight: (cell: number) => number,
  p: number,
  maxEntries: number,
): number[] | null | undefined {
  const local = localIndex(comp);
  const echelon = eliminate(comp, local, p, maxEntries);
  if (echelon === null) return null;
  return cheapestIn(comp, local, echelon, d, unknown, weight, p)?.known;
}

/** cheapestThrough on a component already reduced: the best vector's known cells and its whole support, or undefined. */
function cheapestIn(
  comp: Component,
  local: Map<number, number>,
  echelon: Echelon,
  d: number,
  unknown: readonly boolean[],
  weight: (cell: number) => number,
  p: number,
): { known: number[]; support: number[] } | undefined {
  const k = comp.cells.length;
  const target = local.get(d);
  if (target === undefined) return undefined;
  // x_d as a linear form of the free columns (adjoint of the back-substitution): the free columns that move d.
  const g = new Float64Array(k);
  g[target] = 1;
  adjoint(echelon, g, p);
  const moving: number[] = [];
  for (let f = 0; f < k; f++) if (!echelon.pivoted[f] && g[f] !== 0) moving.push(f);
  // The lightest first (masked free columns weigh nothing): their basis vectors, up to BASIS_TRIED.
  moving.sort(
    (a, b) =>
      (unknown[comp.cells[a]] ? 0 : weight(comp.cells[a])) -
        (unknown[comp.cells[b]] ? 0 : weight(comp.cells[b])) || a - b,
  );
  let best: { known: number[]; support: number[]; weight: number } | undefined;
  const x = new Int32Array(k);
  for (const f of moving.slice(0, BASIS_TRIED)) {
    x.fill(0);
    x[f] = 1;
    backSubstitute(echelon, x, p);
    const known: number[] = [];
    const support: number[] = [];
    let w = 0;
    for (let j = 0; j < k; j++) {
      if (x[j] === 0) continue;
      support.push(comp.cells[j]);
      if (unknown[comp.cells[j]]) continue;
      known.push(comp.cells[j]);
      w += weight(comp.cells[j]);
    }
    if (best === undefined || w < best.weight || (w === best.weight && known.length < best.known.length))
      best = { known, support, weight: w };
  }
  return best;
}

/** Basis vectors cheapestThrough weighs, the lightest free columns first. */
const BASIS_TRIED = 16;

/** One equation on unknown cells: cells and their coefficients (±1, summed when a cell repeats), zeros dropped. */
interface Row {
  cells: number[];
  coefs: number[];
  /** The equation it restricts (its index). */
  eq: number;
}

function restrict(unknown: readonly boolean[], equations: readonly Equation[]): Row[] {
  const rows: Row[] = [];
  const acc = new Map<number, number>();
  equations.forEach((eq, e) => {
    const row = restrictRow((c) => unknown[c], eq, e, acc);
    if (row) rows.push(row);
  });
  return rows;
}

/** Equation e restricted to the unknown cells, or null when none is left. */
function restrictRow(
  unknown: (cell: number) => boolean,
  eq: Equation,
  e: number,
  acc: Map<number, number>,
): Row | null {
  acc.clear();
  if (unknown(eq.total)) acc.set(eq.total, 1);
  for (const c of eq.parts) if (unknown(c)) acc.set(c, (acc.get(c) ?? 0) - 1);
  const row: Row = { cells: [], coefs: [], eq: e };
  for (const [c, a] of acc) {
    if (a === 0) continue;
    row.cells.push(c);
    row.coefs.push(a);
  }
  return row.cells.length > 0 ? row : null;
}

interface Component {
  /** Global cell indexes, ascending (local column j = cells[j]). */
  cells: number[];
  rows: Row[];
}

/** Splits the rows into groups sharing no unknown cell (union-find), in order of their first cell. */
function components(n: number, rows: Row[]): Component[] {
  const parent = new Int32Array(n).fill(-1);
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r];
    while (parent[x] !== r) {
      const next = parent[x];
      parent[x] = r;
      x = next;
    }
    return r;
  };
  for (const row of rows) {
    for (const c of row.cells) if (parent[c] === -1) parent[c] = c;
    const r0 = find(row.cells[0]);
    for (let k = 1; k < row.cells.length; k++) {
      const r = find(row.cells[k]);
      if (r !== r0) parent[r] = r0;
    }
  }
  const byRoot = new Map<number, Component>();
  const out: Component[] = [];
  for (let c = 0; c < n; c++) {
    if (parent[c] === -1) continue;
    const root = find(c);
    let comp = byRoot.get(root);
    if (!comp) {
      comp = { cells: [], rows: [] };
      byRoot.set(root, comp);
      out.push(comp);
    }
    comp.cells.push(c);
  }
  for (const row of rows) byRoot.get(find(row.cells[0]))!.rows.push(row);
  return out;
}

/** The determined cells of one component (global indexes), or null when given up. */
function solveComponent(comp: Component, primes: readonly number[], maxEntries: number): number[] | null {
  const k = comp.cells.length;
  // A component of one cell is determined by any row (a row of one entry).
  if (k === 1) return [comp.cells[0]];
  const local = new Map<number, number>();
  comp.cells.forEach((c, j) => {
    local.set(c, j);
  });
  // Determined as soon as one prime's null vector is zero there (see the module comment).
  const zero = new Uint8Array(k);
  for (let t = 0; t < primes.length; t++) {
    const x = nullVector(comp, local, primes[t], 0x9e3779b9 + t, maxEntries);
    if (x === null) return null;
    for (let j = 0; j < k; j++) if (x[j] === 0) zero[j] = 1;
  }
  const found: number[] = [];
  for (let j = 0; j < k; j++) if (zero[j]) found.push(comp.cells[j]);
  return found;
}

const mod = (a: number, p: number) => {
  const r = a % p;
  return r < 0 ? r + p : r;
};

function inverse(a: number, p: number): number {
  let [r0, r1] = [p, a];
  let [s0, s1] = [0, 1];
  while (r1 !== 0) {
    const q = Math.floor(r0 / r1);
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return mod(s0, p);
}

/** SplitMix32-style seeded PRNG: uniform integers in [1, p − 1]. */
function randomNonZero(seed: number) {
  let s = seed >>> 0;
  return (p: number) => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    z = (z ^ (z >>> 16)) >>> 0;
    // Two 32-bit draws would be overkill: 2^32 / (p − 1) ≈ 64, the bias is < 2 %, harmless for a root test.
    return 1 + (z % (p - 1));
  };
}

/**
 * Sparse elimination modulo p of the component's rows, then one random null
 * vector (local column order). Null when the fill exceeds maxEntries.
 *
 * Rows are hash maps (column → coefficient), so subtracting a short pivot
 * row from a long row costs the short row's length. Pivot order, cheapest
 * first: a column in one active row (removes that row, no update at all); a
 * row of one entry (removes its column from the other rows, no fill); else
 * the shortest active row, on its column in the fewest active rows — the
 * Markowitz product (row length − 1)(column count − 1) bounds the fill.
 */
function nullVector(
  comp: Component,
  local: Map<number, number>,
  p: number,
  seed: number,
  maxEntries: number,
): Int32Array | null {
  const echelon = eliminate(comp, local, p, maxEntries);
  if (echelon === null) return null;
  // A random null vector: free columns random non-zero, pivot columns by back-substitution.
  const rand = randomNonZero(seed);
  const x = new Int32Array(comp.cells.length);
  for (let c = 0; c < x.length; c++) if (!echelon.pivoted[c]) x[c] = rand(p);
  return backSubstitute(echelon, x, p);
}

/** The rows of a component reduced to echelon form modulo p: pivot columns, their rows and inverses. */
interface Echelon {
  pivoted: Uint8Array;
  pivotCols: number[];
  pivotInv: number[];
  pivotRows: { cols: Int32Array; coefs: Float64Array }[];
}

/** Completes x (values on the free columns) into a null vector: pivot columns by back-substitution. */
function backSubstitute(echelon: Echelon, x: Int32Array, p: number): Int32Array {
  const { pivotCols, pivotRows, pivotInv } = echelon;
  for (let t = pivotCols.length - 1; t >= 0; t--) {
    const c = pivotCols[t];
    const { cols, coefs } = pivotRows[t];
    let s = 0;
    for (let u = 0; u < cols.length; u++) if (cols[u] !== c) s = (s + coefs[u] * x[cols[u]]) % p;
    x[c] = s === 0 ? 0 : ((p - s) * pivotInv[t]) % p;
  }
  return x;
}

/** Sparse elimination modulo p of the component's rows (order in nullVector's comment); null above maxEntries. */
function eliminate(
  comp: Component,
  local: Map<number, number>,
  p: number,
  maxEntries: number,
): Echelon | null {
  const k = comp.cells.length;
  const rows: Map<number, number>[] = comp.rows.map((row) => {
    const m = new Map<number, number>();
    row.cells.forEach((c, t) => {
      const a = mod(row.coefs[t], p);
      if (a !== 0) m.set(local.get(c)!, a);
    });
    return m;
  });
  const m = rows.length;
  const colRows: Set<number>[] = Array.from({ length: k }, () => new Set<number>());
  let entries = 0;
  rows.forEach((row, r) => {
    entries += row.size;
    for (const c of row.keys()) colRows[c].add(r);
  });
  const active = Uint8Array.from(rows, (row) => (row.size > 0 ? 1 : 0));
  const pivoted = new Uint8Array(k);
  // Work lists (lazy: an entry is re-checked when taken).
  const colSingles: number[] = [];
  const rowSingles: number[] = [];
  for (let c = k - 1; c >= 0; c--) if (colRows[c].size === 1) colSingles.push(c);
  for (let r = m - 1; r >= 0; r--) if (rows[r].size === 1) rowSingles.push(r);
  // Rows by length: buckets[len] holds row ids (lazy).
  const buckets: number[][] = [];
  const bucket = (r: number) => {
    const len = rows[r].size;
    if (buckets[len] === undefined) buckets[len] = [];
    buckets[len].push(r);
    if (len < minLen) minLen = len;
  };
  let minLen = Number.POSITIVE_INFINITY;
  for (let r = m - 1; r >= 0; r--) if (active[r]) bucket(r);

  const pivotCols: number[] = [];
  const pivotInv: number[] = [];
  const pivotRows: { cols: Int32Array; coefs: Float64Array }[] = [];

  const colShrunk = (c: number) => {
    if (colRows[c].size === 1 && !pivoted[c]) colSingles.push(c);
  };

  const eliminate = (r: number, c: number) => {
    const prow = rows[r];
    const a = prow.get(c)!;
    const inv = inverse(a, p);
    const pcols = new Int32Array(prow.size);
    const pcoefs = new Float64Array(prow.size);
    let t = 0;
    for (const [j, v] of prow) {
      pcols[t] = j;
      pcoefs[t] = v;
      t++;
    }
    active[r] = 0;
    pivoted[c] = 1;
    for (const j of pcols) colRows[j].delete(r);
    entries -= prow.size;
    const targets = [...colRows[c]];
    for (const i of targets) {
      const row = rows[i];
      const f = (row.get(c)! * inv) % p;
      for (let u = 0; u < pcols.length; u++) {
        const j = pcols[u];
        if (j === c) {
          row.delete(c);
          entries--;
          continue;
        }
        const old = row.get(j);
        const sub = (f * pcoefs[u]) % p;
        if (old === undefined) {
          row.set(j, p - sub);
          colRows[j].add(i);
          entries++;
        } else if (old === sub) {
          row.delete(j);
          colRows[j].delete(i);
          entries--;
          colShrunk(j);
        } else row.set(j, old >= sub ? old - sub : old - sub + p);
      }
      colRows[c].delete(i);
      if (row.size === 0) active[i] = 0;
      else {
        if (row.size === 1) rowSingles.push(i);
        bucket(i);
      }
    }
    for (const j of pcols) if (j !== c) colShrunk(j);
    prow.clear();
    pivotCols.push(c);
    pivotInv.push(inv);
    pivotRows.push({ cols: pcols, coefs: pcoefs });
  };

  for (;;) {
    if (entries > maxEntries) return null;
    const c1 = colSingles.pop();
    if (c1 !== undefined) {
      if (pivoted[c1] || colRows[c1].size !== 1) continue;
      const [r] = colRows[c1];
      eliminate(r, c1);
      continue;
    }
    const r1 = rowSingles.pop();
    if (r1 !== undefined) {
      if (!active[r1] || rows[r1].size !== 1) continue;
      const [c] = rows[r1].keys();
      eliminate(r1, c);
      continue;
    }
    // The shortest active row, on its column in the fewest active rows.
    let r = -1;
    while (minLen < buckets.length) {
      const list = buckets[minLen];
      const cand = list?.pop();
      if (cand === undefined) {
        minLen++;
        continue;
      }
      if (active[cand] && rows[cand].size === minLen) {
        r = cand;
        break;
      }
    }
    if (r === -1) break;
    let best = -1;
    let bestCount = Number.POSITIVE_INFINITY;
    for (const j of rows[r].keys()) {
      const count = colRows[j].size;
      if (count < bestCount || (count === bestCount && j < best)) {
        best = j;
        bestCount = count;
      }
    }
    eliminate(r, best);
  }

  return { pivoted, pivotCols, pivotInv, pivotRows };
}
