import { caissesOf, type SectorKey } from "../../../domain/scope.js";
import { sectionOf } from "../../../domain/reference.js";
import { NATIONAL_CAISSE, type AtQuery, type AtRow } from "../types.js";
import type { YearMasks } from "./masks.js";
import { atomCell } from "./cells.js";

/**
 * Answers from the protected grid: a row of a query is a sum of grid cells
 * (its years × its territories × the sector cells its sector and breakdown
 * cover), and each figure is masked when one of those cells is. A row then
 * tells a reader nothing the published grid did not, whatever the query, so
 * no combination of answers gives back a masked cell (cells.ts, masks.ts).
 */

/** The sector part of a row: a NAF node (or none), and the CTN it is restricted to. */
interface SectorSet {
  naf: string | null;
  ctn: string | null;
}

/** Combines the query's sector with the row's NAF2 and CTN values; null when they cannot meet. */
function sectorSet(sector: SectorKey | null, row: AtRow): SectorSet | null {
  let naf = sector?.kind === "NAF" ? sector.code : null;
  let ctn = sector?.kind === "CTN" ? sector.code : null;
  if (row.ctn) {
    if (ctn && ctn !== row.ctn) return null;
    ctn = row.ctn;
  }
  if (row.naf2) {
    // A finer sector than the division already lies in it; a section or none widens to the division.
    if (!naf || /^[A-U]$/.test(naf)) naf = row.naf2;
    else if (!naf.startsWith(row.naf2)) return null;
  }
  return { naf, ctn };
}

const under = (naf5: string, naf: string | null) =>
  naf === null || (/^[A-U]$/.test(naf) ? sectionOf(naf5) === naf : naf5.startsWith(naf));

/** The sector cells (without territory) whose sum is the set, as coarse as the grid allows. */
export function sectorCells(set: SectorSet, atoms: readonly string[]): string[] {
  if (set.ctn === null) return [set.naf === null ? "*" : `N:${set.naf}`];
  const ctn = set.ctn;
  if (set.naf === null) return [`T:${ctn}`];
  const inSet = atoms.filter((a) => a.endsWith(`|${ctn}`) && under(a.slice(0, a.indexOf("|")), set.naf));
  // When every atom of the NAF node is in the CTN, the set is the node itself.
  if (inSet.length === atoms.filter((a) => under(a.slice(0, a.indexOf("|")), set.naf)).length)
    return [`N:${set.naf}`];
  if (/^[A-U]$/.test(set.naf) || set.naf.length === 2) {
    return [...new Set(inSet.map((a) => `X:${ctn}|${a.slice(0, 2)}`))];
  }
  return inSet.map((a) => atomCell(a, atoms));
}

/** The territories of a row: its caisse, the nation's own rows, or the caisses of a territory. */
function territoriesOf(q: AtQuery, row: AtRow, present: readonly string[]): string[] {
  if (row.caisse) return [row.caisse];
  const slugs = caissesOf(q.territory);
  if (slugs) return slugs;
  return present.includes(NATIONAL_CAISSE) ? [NATIONAL_CAISSE] : [...present];
}

/** The measures of a row that one of its cells masks. */
export function maskedMeasures(
  q: AtQuery,
  row: AtRow,
  byYear: ReadonlyMap<number, YearMasks>,
  measures: readonly string[],
): Set<string> {
  const out = new Set<string>();
  const set = sectorSet(q.sector, row);
  if (!set) return out;
  const years = row.year !== undefined && row.year !== null ? [row.year] : span(q.years.from, q.years.to);
  for (const year of years) {
    const grid = byYear.get(year);
    if (!grid) continue;
    const cells = sectorCells(set, grid.atoms);
    for (const t of territoriesOf(q, row, grid.territories)) {
      for (const s of cells) {
        const key = `${s}@${t}`;
        for (const m of measures) if (grid.masked.get(m)?.has(key)) out.add(m);
      }
    }
  }
  return out;
}

function span(from: number, to: number): number[] {
  const out: number[] = [];
  for (let y = from; y <= to; y++) out.push(y);
  return out;
}

/**
 * Rows with the grid's masks applied: masked figures null, `suppressed` set.
 * `fields` maps a row's figure to its grid measure (the same name, but a
 * theme's accidents, whose measure names its causes).
 */
export function applyGrid<R extends AtRow | (AtRow & Record<string, unknown>)>(
  q: AtQuery,
  rows: R[],
  byYear: ReadonlyMap<number, YearMasks>,
  fields: Readonly<Record<string, string>>,
): R[] {
  const names = Object.keys(fields);
  return rows.map((row) => {
    const hit = maskedMeasures(
      q,
      row,
      byYear,
      names.map((f) => fields[f]),
    );
    const masked = new Set(names.filter((f) => hit.has(fields[f])));
    for (const m of row.secret ?? []) masked.add(m);
    if (masked.size === 0) return row;
    const copy: Record<string, unknown> = { ...row, suppressed: true };
    for (const m of masked) copy[m] = null;
    return copy as R;
  });
}

/** Every AT figure under its own name, for applyGrid. */
export const SAME_NAMES = (measures: readonly string[]) => Object.fromEntries(measures.map((m) => [m, m]));
