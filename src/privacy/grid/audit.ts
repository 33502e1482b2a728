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

/** One equation on unknown cells: cells and their coefficients (±1, summed when a cell repeats), zeros dropped. */
interface Row {
  cells: number[];
  coefs: number[];
}

function restrict(unknown: readonly boolean[], equations: readonly Equation[]): Row[] {
  const rows: Row[] = [];
  const acc = new Map<number, number>();
  for (const eq of equations) {
    acc.clear();
    if (unknown[eq.total]) acc.set(eq.total, 1);
    for (const c of eq.parts) if (unknown[c]) acc.set(c, (acc.get(c) ?? 0) - 1);
    const row: Row = { cells: [], coefs: [] };
    for (const [c, a] of acc) {
      if (a === 0) continue;
      row.cells.push(c);
      row.coefs.push(a);
    }
    if (row.cells.length > 0) rows.push(row);
  }
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

  // A random null vector: free columns random non-zero, pivot columns by back-substitution.
  const rand = randomNonZero(seed);
  const x = new Int32Array(k);
  for (let c = 0; c < k; c++) if (!pivoted[c]) x[c] = rand(p);
  for (let t = pivotCols.length - 1; t >= 0; t--) {
    const c = pivotCols[t];
    const { cols, coefs } = pivotRows[t];
    let s = 0;
    for (let u = 0; u < cols.length; u++) if (cols[u] !== c) s = (s + coefs[u] * x[cols[u]]) % p;
    x[c] = s === 0 ? 0 : ((p - s) * pivotInv[t]) % p;
  }
  return x;
}
