import { caissesOf, type SectorKey } from "../../../domain/scope.js";
import { sectionOf } from "../../../domain/reference.js";
import type { TerritoryKey, YearSpan } from "../../../domain/scope.js";
import { NATIONAL_CAISSE, type AtQuery, type AtRow, type MpQuery, type MpRow } from "../types.js";
import type { YearMasks } from "./masks.js";
import { ageSexPosition, atomCell, mpSectorAtomCell, pathologyAtomCell } from "./cells.js";

/**
 * Answers from the protected grid: a row of a query is a sum of grid cells
 * (its years × its territories × the sector cells its sector and breakdown
 * cover), and each figure is masked when one of those cells is. A row then
 * tells a reader nothing the published grid did not, whatever the query, so
 * no combination of answers gives back a masked cell (cells.ts, masks.ts).
 * The same for MP rows, whose cells also have a pathology: the row's
 * syndrome, its tableau, the tableaux of the query's filter, or all.
 */

/** The sector part of a row: a NAF node (or none), and the CTN it is restricted to. */
interface SectorSet {
  naf: string | null;
  ctn: string | null;
}

/** Combines the query's sector with the row's NAF2 and CTN values; null when they cannot meet. */
function sectorSet(sector: SectorKey | null, row: { ctn?: string; naf2?: string }): SectorSet | null {
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
function territoriesOf(
  q: { territory: TerritoryKey },
  row: { caisse?: string },
  present: readonly string[],
): string[] {
  if (row.caisse) return [row.caisse];
  const slugs = caissesOf(q.territory);
  if (slugs) return slugs;
  return present.includes(NATIONAL_CAISSE) ? [NATIONAL_CAISSE] : [...present];
}

/**
 * The measures that one of a row's cells masks: the cells of each of its
 * years are its territories × `positions` (cells without territory, empty
 * when the row cannot have any that year).
 */
function maskedIn(
  q: { years: YearSpan; territory: TerritoryKey },
  row: { year?: number | null; caisse?: string },
  byYear: ReadonlyMap<number, YearMasks>,
  measures: readonly string[],
  positions: (grid: YearMasks) => string[],
): Set<string> {
  const out = new Set<string>();
  const years = row.year !== undefined && row.year !== null ? [row.year] : span(q.years.from, q.years.to);
  for (const year of years) {
    const grid = byYear.get(year);
    if (!grid) continue;
    const cells = positions(grid);
    for (const t of territoriesOf(q, row, grid.territories)) {
      for (const s of cells) {
        const key = `${s}@${t}`;
        for (const m of measures) if (grid.masked.get(m)?.has(key)) out.add(m);
      }
    }
  }
  return out;
}

/** The measures of an AT row that one of its cells masks. */
export function maskedMeasures(
  q: AtQuery,
  row: AtRow,
  byYear: ReadonlyMap<number, YearMasks>,
  measures: readonly string[],
): Set<string> {
  const set = sectorSet(q.sector, row);
  if (!set) return new Set();
  return maskedIn(q, row, byYear, measures, (grid) => sectorCells(set, grid.atoms[0]));
}

/**
 * AT rows broken down by age band and/or sex (carsat_at_demography), with
 * the masks of the linked age band × sex grid (cells.ts, buildAgeSexGrid):
 * a row's cells are its years × its territories (the caisses of the
 * territory; the nation's summed cell for the nation) × its sector (a
 * section, or all) × its age band (or all) × its sex (or all). A year
 * without an age band × sex grid has no age band × sex fact (the grid is
 * computed from the same version of the collection): it adds nothing.
 */
export function applyAgeSexGrid(
  q: AtQuery,
  rows: AtRow[],
  byYear: ReadonlyMap<number, YearMasks | undefined>,
  measures: readonly string[],
): AtRow[] {
  const sector = q.sector ? `N:${q.sector.code}` : "*";
  const grids = new Map([...byYear].filter((e): e is [number, YearMasks] => e[1] !== undefined));
  return applyMasks(rows, SAME_NAMES(measures), (row, names) => {
    const position = ageSexPosition(sector, row.ageBand ?? null, row.sex ?? null);
    return maskedIn(q, row, grids, names, () => [position]);
  });
}

/** The MP sector cells whose sum is the set (the API refuses sectors finer than a division). */
export function mpSectorCells(set: SectorSet, atoms: readonly string[]): string[] {
  if (set.ctn === null) return [set.naf === null ? "*" : `N:${set.naf}`];
  const ctn = set.ctn;
  if (set.naf === null) return [`T:${ctn}`];
  const inNode = atoms.filter((a) => under(a.slice(0, a.indexOf("|")), set.naf));
  const inSet = inNode.filter((a) => a.endsWith(`|${ctn}`));
  if (inSet.length === inNode.length) return [`N:${set.naf}`];
  return inSet.map((a) => mpSectorAtomCell(a, atoms));
}

/** The pathology cells of an MP row: its syndrome, its tableau, the query's tableaux, or all. */
export function pathologyCells(q: MpQuery, row: MpRow, atoms: readonly string[]): string[] {
  if (row.syndrome) {
    // A syndrome absent this year adds nothing to the row.
    const atom = atoms.find((a) => a.endsWith(`|${row.syndrome}`));
    return atom ? [pathologyAtomCell(atom, atoms)] : [];
  }
  if (row.tableau) return [`P:${row.tableau}`];
  if (q.tableaux) return q.tableaux.map((t) => `P:${t}`);
  return ["*"];
}

/** The measures of an MP row that one of its cells masks. */
export function maskedMpMeasures(
  q: MpQuery,
  row: MpRow,
  byYear: ReadonlyMap<number, YearMasks>,
  measures: readonly string[],
): Set<string> {
  const set = sectorSet(q.sector, row);
  if (!set) return new Set();
  return maskedIn(q, row, byYear, measures, (grid) => {
    const pathologies = pathologyCells(q, row, grid.atoms[1]);
    return mpSectorCells(set, grid.atoms[0]).flatMap((s) => pathologies.map((p) => `${s}~${p}`));
  });
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
  return applyMasks(rows, fields, (row, measures) => maskedMeasures(q, row, byYear, measures));
}

/** MP rows with the MP grid's masks applied (every figure under its own name). */
export function applyMpGrid(
  q: MpQuery,
  rows: MpRow[],
  byYear: ReadonlyMap<number, YearMasks>,
  measures: readonly string[],
): MpRow[] {
  return applyMasks(rows, SAME_NAMES(measures), (row, names) => maskedMpMeasures(q, row, byYear, names));
}

/** Rows with masked figures null and `suppressed` set: those a cell masks, and those their publisher withheld. */
function applyMasks<R extends { secret?: string[] }>(
  rows: R[],
  fields: Readonly<Record<string, string>>,
  maskedOf: (row: R, measures: string[]) => Set<string>,
): R[] {
  const names = Object.keys(fields);
  return rows.map((row) => {
    const hit = maskedOf(
      row,
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
