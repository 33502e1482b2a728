import type { ImportedReads } from "../../../db/imported-reads.js";
import type { DisclosureConfig } from "../../../privacy/disclosure-config.js";
import type { GridDef } from "../../../privacy/grid/store.js";
import { sectionOf } from "../../../domain/reference.js";
import { AT_MEASURES } from "../queries.js";
import { atCause, CAUSE_FIELDS } from "../causes.js";
import { themes } from "../../../domain/reference.js";
import { CARSAT_COLLECTIONS } from "../types.js";
import { buildYearGrid, toGridDoc } from "./cells.js";
import { protectYear, type YearMasks } from "./masks.js";

/**
 * The protected publication grid of an AT or trajet collection: every year's
 * masks (masks.ts), computed from all of the collection's current documents
 * and kept per version by the GridStore (src/privacy/grid/store.ts).
 */

export type CarsatGrid = Map<number, YearMasks>;

/** Bump when the grid's cells, equations or rules change: stored grids of another version are then recomputed. */
const ALGORITHM = 2;

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
  atoms: string[];
  territories: string[];
  secondary: Record<string, number>;
  masked: Record<string, string>;
}

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
      const docs = await reads.find(
        collection,
        {},
        { projection: { _id: 0, ...Object.fromEntries(fields.map((f) => [f, 1])) } },
      );
      const byYear = new Map<number, ReturnType<typeof toGridDoc>[]>();
      for (const d of docs) {
        const list = byYear.get(d.year) ?? [];
        list.push(toGridDoc(d, AT_MEASURES, derived));
        byYear.set(d.year, list);
      }
      const grid: CarsatGrid = new Map();
      for (const year of [...byYear.keys()].sort()) {
        const built = buildYearGrid(byYear.get(year)!, measures, (naf5) => sectionOf(naf5) ?? "?");
        grid.set(year, protectYear(built, config));
      }
      return grid;
    },
    encode(grid) {
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
    decode(json) {
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
  };
}
