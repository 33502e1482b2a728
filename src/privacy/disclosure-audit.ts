import type { Lines } from "./disclosure-lines.js";

/**
 * Exact audit of a suppression pattern (step 4 of disclosure.ts). Each line
 * whose total another query returns gives one equation on its unknown cells
 * (their sum = total − visible cells). An unknown cell is exactly recoverable
 * when its unit vector lies in the span of those equations; after
 * Gauss-Jordan reduction that is a pivot row with no other non-zero entry.
 * "At least two hidden cells per line" misses such cells: a hidden cell that
 * bridges two hidden rectangles of a 2-D table is one.
 */

/** Above this many hidden cells in one connected group, the audit is skipped (cubic cost); the two-per-line rule still holds. */
export const MAX_AUDITED_UNKNOWNS = 250;
const EPS = 1e-9;

type Values = (number | null)[];

/**
 * Unknown cells (masked or never returned) whose value the lines' totals
 * determine exactly, in canonical order. A line whose total is a small count
 * (0 < total < limit) gives no equation: that total is masked where shown.
 */
export function determinedCells(lines: Lines, vals: Values, unknown: boolean[], limit = 0): number[] {
  const equations: number[][] = [];
  for (const line of lines.members) {
    const members = line.filter((i) => vals[i] !== null);
    const total = members.reduce((a, i) => a + vals[i]!, 0);
    if (members.length < 2 || (total > 0 && total < limit)) continue;
    const hidden = members.filter((i) => unknown[i]);
    if (hidden.length > 0) equations.push(hidden);
  }
  const found: number[] = [];
  for (const group of components(equations)) {
    if (group.cells.length <= MAX_AUDITED_UNKNOWNS) found.push(...solve(group.cells, group.equations));
  }
  return found.sort((a, b) => lines.rank[a] - lines.rank[b]);
}

/** Splits the equations into groups sharing no unknown (union-find over cells). */
function components(equations: number[][]): { cells: number[]; equations: number[][] }[] {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const eq of equations) {
    for (const c of eq) if (!parent.has(c)) parent.set(c, c);
    for (const c of eq.slice(1)) parent.set(find(c), find(eq[0]));
  }
  const groups = new Map<number, { cells: number[]; equations: number[][] }>();
  for (const c of parent.keys()) {
    const r = find(c);
    const g = groups.get(r) ?? { cells: [], equations: [] };
    g.cells.push(c);
    groups.set(r, g);
  }
  for (const eq of equations) groups.get(find(eq[0]))!.equations.push(eq);
  return [...groups.values()];
}

/** Gauss-Jordan on the 0/1 equations of one group; returns the cells alone on a reduced row. */
function solve(cells: number[], equations: number[][]): number[] {
  const col = new Map(cells.map((c, j) => [c, j]));
  const m = equations.map((eq) => {
    const row = new Float64Array(cells.length);
    for (const c of eq) row[col.get(c)!] = 1;
    return row;
  });
  const pivots: { row: number; col: number }[] = [];
  let r = 0;
  for (let j = 0; j < cells.length && r < m.length; j++) {
    let p = r;
    for (let i = r + 1; i < m.length; i++) if (Math.abs(m[i][j]) > Math.abs(m[p][j])) p = i;
    if (Math.abs(m[p][j]) < EPS) continue;
    [m[r], m[p]] = [m[p], m[r]];
    const pivot = m[r][j];
    for (let k = 0; k < cells.length; k++) m[r][k] /= pivot;
    for (let i = 0; i < m.length; i++) {
      if (i === r || Math.abs(m[i][j]) < EPS) continue;
      const f = m[i][j];
      for (let k = 0; k < cells.length; k++) m[i][k] -= f * m[r][k];
    }
    pivots.push({ row: r, col: j });
    r++;
  }
  return pivots
    .filter((p) => m[p.row].every((x, k) => k === p.col || Math.abs(x) < EPS))
    .map((p) => cells[p.col]);
}
