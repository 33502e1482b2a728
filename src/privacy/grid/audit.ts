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
  for (const limit of WEIGHT_LIMITS) {
    let widened = unknown.slice();
    for (let ring = 0; ring < RINGS; ring++) {
      const inner = components(widened.length, restrict(widened, equations)).find((c) => c.cells.includes(d));
      if (!inner) return null;
      const next = widened.slice();
      let grown = false;
      for (const row of inner.rows) {
        const eq = equations[row.eq];
        for (const c of [eq.total, ...eq.parts]) {
          if (next[c] || weight(c) > limit) continue;
          next[c] = true;
          grown = true;
        }
      }
      if (!grown) break;
      widened = next;
      const comp = components(widened.length, restrict(widened, equations)).find((c) => c.cells.includes(d))!;
      const found = cheapestThrough(comp, d, unknown, weight, p, maxEntries);
      if (found === null) return null;
      // Only the component's equations matter to the pruning: its cells are a subset of the component's.
      if (found !== undefined) {
        const within = comp.rows.map((r) => equations[r.eq]);
        return pruned(found, unknown, within, d, weight, p, maxEntries);
      }
    }
  }
  return null;
}

/**
 * A set of known cells that unlocks d, made minimal, the heaviest dropped
 * first: a group of them is dropped when d stays movable without it (a
 * random null vector within the unknown cells and the rest has y_d ≠ 0),
 * else each half is tried in turn, down to single cells (few tests when
 * most can go).
 */
function pruned(
  found: number[],
  unknown: readonly boolean[],
  equations: readonly Equation[],
  d: number,
  weight: (cell: number) => number,
  p: number,
  maxEntries: number,
): number[] {
  const allowed = unknown.slice();
  for (const c of found) allowed[c] = true;
  let seed = 0x2545f491;
  const movable = () => {
    const comp = components(allowed.length, restrict(allowed, equations)).find((x) => x.cells.includes(d));
    if (!comp) return false;
    const local = new Map(comp.cells.map((x, j) => [x, j]));
    const y = nullVector(comp, local, p, seed++, maxEntries);
    return y !== null && y[local.get(d)!] !== 0;
  };
  const drop = (group: readonly number[]) => {
    if (group.length === 0) return;
    for (const c of group) allowed[c] = false;
    if (movable()) return;
    for (const c of group) allowed[c] = true;
    if (group.length === 1) return;
    const half = Math.ceil(group.length / 2);
    drop(group.slice(0, half));
    drop(group.slice(half));
  };
  drop([...found].sort((a, b) => weight(b) - weight(a) || a - b));
  return found.filter((c) => allowed[c] && !unknown[c]).sort((a, b) => a - b);
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
  const local = new Map(comp.cells.map((c, j) => [c, j]));
  const echelon = eliminate(comp, local, p, maxEntries);
  if (echelon === null) return null;
  const k = comp.cells.length;
  const target = local.get(d)!;
  // x_d as a linear form of the free columns (adjoint of the back-substitution): the free columns that move d.
  const g = new Float64Array(k);
  g[target] = 1;
  const { pivotCols, pivotRows, pivotInv } = echelon;
  for (let t = 0; t < pivotCols.length; t++) {
    const c = pivotCols[t];
    if (g[c] === 0) continue;
    const f = (g[c] * (p - pivotInv[t])) % p;
    const { cols, coefs } = pivotRows[t];
    for (let u = 0; u < cols.length; u++)
      if (cols[u] !== c) g[cols[u]] = (g[cols[u]] + ((f * coefs[u]) % p)) % p;
  }
  const moving: number[] = [];
  for (let f = 0; f < k; f++) if (!echelon.pivoted[f] && g[f] !== 0) moving.push(f);
  // The lightest first (masked free columns weigh nothing): their basis vectors, up to BASIS_TRIED.
  moving.sort(
    (a, b) =>
      (unknown[comp.cells[a]] ? 0 : weight(comp.cells[a])) -
        (unknown[comp.cells[b]] ? 0 : weight(comp.cells[b])) || a - b,
  );
  let best: { cells: number[]; weight: number } | undefined;
  const x = new Int32Array(k);
  for (const f of moving.slice(0, BASIS_TRIED)) {
    x.fill(0);
    x[f] = 1;
    backSubstitute(echelon, x, p);
    const cells: number[] = [];
    let w = 0;
    for (let j = 0; j < k; j++) {
      if (x[j] === 0 || unknown[comp.cells[j]]) continue;
      cells.push(comp.cells[j]);
      w += weight(comp.cells[j]);
    }
    if (best === undefined || w < best.weight || (w === best.weight && cells.length < best.cells.length))
      best = { cells, weight: w };
  }
  return best?.cells;
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
    acc.clear();
    if (unknown[eq.total]) acc.set(eq.total, 1);
    for (const c of eq.parts) if (unknown[c]) acc.set(c, (acc.get(c) ?? 0) - 1);
    const row: Row = { cells: [], coefs: [], eq: e };
    for (const [c, a] of acc) {
      if (a === 0) continue;
      row.cells.push(c);
      row.coefs.push(a);
    }
    if (row.cells.length > 0) rows.push(row);
  });
  return rows;
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
