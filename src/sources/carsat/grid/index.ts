import type { ImportedReads } from "../../../db/imported-reads.js";
import type { DisclosureConfig } from "../../../privacy/disclosure-config.js";
import type { GridDef } from "../../../privacy/grid/store.js";
import type { GridFact } from "../../../privacy/grid/linked.js";
import { sectionOf } from "../../../domain/reference.js";
import { AT_MEASURES, MP_MEASURES } from "../queries.js";
import { atCause, CAUSE_FIELDS } from "../causes.js";
import { themes } from "../../../domain/reference.js";
import { CARSAT_COLLECTIONS } from "../types.js";
import { buildMpYearGrid, buildYearGrid, toGridDoc, toMpGridFact, type YearGrid } from "./cells.js";
import { atRules, MP_RULES, protectYear, type YearMasks } from "./masks.js";

/**
 * The protected publication grid of an AT, trajet or MP collection: every
 * year's masks (masks.ts), computed from all of the collection's current
 * documents and kept per version by the GridStore (src/privacy/grid/store.ts).
 */

export type CarsatGrid = Map<number, YearMasks>;

/**
 * Bump when the grid's cells, equations or rules change: stored grids of another version are then recomputed.
 * 3: cells from the generic builder (src/privacy/grid/linked.ts; the same AT cells), atoms per dimension.
 */
const ALGORITHM = 3;

/**
 * The grid measure of a set of causes (a theme's): `causes:<fields>`. The
 * theme figures are counts of victims like the accidents they are part of,
 * protected in the same grid (masks.ts), so that `Theme.accidents` never
 * shows a cell `sinistralite` masks, nor the reverse.
 */
export function causeMeasure(causes: readonly string[]): string {
  return `causes:${causes
    .map((c) => atCause(c)?.field ?? c)
    .sort()
    .join("+")}`;
}

/** The cause sets the themes declare, as grid measures with their cause fields. */
const THEME_CAUSES = themes
  .map((t) => t.atCauses ?? [])
  .filter((causes) => causes.length > 0)
  .map((causes) => ({ measure: causeMeasure(causes), fields: causes.map((c) => atCause(c)!.field) }));

interface EncodedYear {
  year: number;
  cells: number;
  atoms: string[][];
  territories: string[];
  secondary: Record<string, number>;
  masked: Record<string, string>;
}

/** The protected grids of each year of `docs` (fact documents with a `year`). */
function protectYears<D extends { year: number }, F>(
  docs: readonly D[],
  toFact: (doc: D) => F,
  build: (facts: F[]) => YearGrid,
  protect: (grid: YearGrid) => YearMasks,
): CarsatGrid {
  const byYear = new Map<number, F[]>();
  for (const d of docs) {
    const list = byYear.get(d.year) ?? [];
    list.push(toFact(d));
    byYear.set(d.year, list);
  }
  const grid: CarsatGrid = new Map();
  for (const year of [...byYear.keys()].sort()) grid.set(year, protect(build(byYear.get(year)!)));
  return grid;
}

/** Storage and report of a carsat grid (every year's masks). */
const YEARLY = {
  encode(grid: CarsatGrid) {
    return [...grid].map(
      ([year, m]): EncodedYear => ({
        year,
        cells: m.cells,
        atoms: m.atoms,
        territories: m.territories,
        secondary: m.secondary,
        masked: Object.fromEntries([...m.masked].map(([k, set]) => [k, [...set].join("\n")])),
      }),
    );
  },
  decode(json: unknown): CarsatGrid {
    const grid: CarsatGrid = new Map();
    for (const y of json as EncodedYear[]) {
      grid.set(y.year, {
        cells: y.cells,
        atoms: y.atoms,
        territories: y.territories,
        secondary: y.secondary,
        masked: new Map(Object.entries(y.masked).map(([k, v]) => [k, new Set(v ? v.split("\n") : [])])),
      });
    }
    return grid;
  },
  report(grid: CarsatGrid) {
    return [...grid].map(([year, y]) => ({
      part: String(year),
      cells: y.cells,
      masked: Object.fromEntries([...y.masked].map(([m, set]) => [m, set.size])),
      secondary: y.secondary,
    }));
  },
};

const projection = (fields: readonly string[]) => ({
  _id: 0,
  ...Object.fromEntries(fields.map((f) => [f, 1])),
});

/** The grid definition of one collection (carsat_at_facts or carsat_trajet_facts). */
export function atGridDef(collection: string, config: DisclosureConfig): GridDef<CarsatGrid> {
  return {
    variant: `carsat-at:${ALGORITHM}:${config.smallCountThreshold}:${config.minUnits}`,
    async compute(reads: ImportedReads) {
      // Only the AT facts have causes (trajet files have none).
      const derived = collection === CARSAT_COLLECTIONS.at ? THEME_CAUSES : [];
      const measures = [...AT_MEASURES, ...derived.map((d) => d.measure)];
      const fields = [
        "caisse",
        "naf5",
        "ctn",
        "year",
        "secret",
        ...AT_MEASURES,
        ...(derived.length ? CAUSE_FIELDS : []),
      ];
      const docs = await reads.find(collection, {}, { projection: projection(fields) });
      return protectYears(
        docs as { year: number }[],
        (d) => toGridDoc(d, AT_MEASURES, derived),
        (facts) => buildYearGrid(facts, measures, (naf5) => sectionOf(naf5) ?? "?"),
        (grid) => protectYear(grid, config, atRules(measures)),
      );
    },
    ...YEARLY,
  };
}

/**
 * The grid definition of carsat_mp_facts: sector × pathology cells
 * (cells.ts), persons counted as cases, new IPs and deaths (masks.ts).
 * Imported documents are per NAF5: the grid sums them into their division.
 */
export function mpGridDef(config: DisclosureConfig): GridDef<CarsatGrid> {
  return {
    variant: `carsat-mp:${ALGORITHM}:${config.smallCountThreshold}`,
    async compute(reads: ImportedReads) {
      const fields = ["caisse", "naf2", "ctn", "tableau", "syndrome", "year", "secret", ...MP_MEASURES];
      const docs = await reads.find(CARSAT_COLLECTIONS.mp, {}, { projection: projection(fields) });
      return protectYears(
        docs as { year: number }[],
        (d): GridFact => toMpGridFact(d, MP_MEASURES),
        (facts) => buildMpYearGrid(facts, MP_MEASURES, (naf2) => sectionOf(naf2) ?? "?"),
        (grid) => protectYear(grid, config, MP_RULES),
      );
    },
    ...YEARLY,
  };
}
