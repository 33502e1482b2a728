/**
 * The lines of a table for disclosure control (see disclosure.ts): for each
 * dimension, the cells that differ only by it, whose total another query
 * returns. Pure and deterministic: cells and lines are ranked by their
 * dimension values, never by input order.
 */

/** Lines of a table: members per line, lines per cell, and each cell's canonical rank. */
export interface Lines {
  /** Cell indexes of each line, in canonical order. */
  members: number[][];
  /** Line indexes each cell belongs to. */
  linesOf: number[][];
  /** Canonical rank of each cell (0 = first), the last tie-breaker. */
  rank: number[];
}

interface LineSpec<R> {
  dims: readonly string[];
  strata?: readonly string[];
  parents?: Readonly<Record<string, (row: R) => string>>;
}

type Key = (string | number | null)[];

function scalar(v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  return typeof v === "number" ? v : String(v);
}

/** Locale-independent order: null first, numbers numerically, strings by code unit. */
function compareKeys(a: Key, b: Key): number {
  for (let k = 0; k < a.length; k++) {
    const x = a[k];
    const y = b[k];
    if (x === y) continue;
    if (x === null) return -1;
    if (y === null) return 1;
    if (typeof x === "number" && typeof y === "number") return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

/** Row indexes sorted by their strata then dimension values (input order only among equal keys). */
export function canonicalOrder<R extends object>(rows: readonly R[], spec: LineSpec<R>): number[] {
  const fields = [...(spec.strata ?? []), ...spec.dims];
  const keys = rows.map((r) => fields.map((f) => scalar((r as Record<string, unknown>)[f])));
  return rows.map((_, i) => i).sort((i, j) => compareKeys(keys[i], keys[j]) || i - j);
}

/** Builds every line of every dimension. */
export function buildLines<R extends object>(rows: readonly R[], spec: LineSpec<R>): Lines {
  const order = canonicalOrder(rows, spec);
  const rank = new Array<number>(rows.length);
  order.forEach((i, r) => {
    rank[i] = r;
  });
  const groups = new Map<string, number[]>();
  for (const d of spec.dims) {
    const others = [...(spec.strata ?? []), ...spec.dims.filter((x) => x !== d)];
    const parent = spec.parents?.[d];
    for (const i of order) {
      const row = rows[i] as Record<string, unknown>;
      const key = JSON.stringify([d, others.map((f) => scalar(row[f])), parent ? parent(rows[i]) : null]);
      const line = groups.get(key);
      if (line) line.push(i);
      else groups.set(key, [i]);
    }
  }
  const members = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, m]) => m);
  const linesOf: number[][] = rows.map(() => []);
  members.forEach((m, li) => {
    for (const i of m) linesOf[i].push(li);
  });
  return { members, linesOf, rank };
}
