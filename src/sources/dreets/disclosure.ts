import { suppressTable, type MeasureRule } from "../../privacy/disclosure.js";
import type { DisclosureConfig } from "../../privacy/disclosure-config.js";
import type { CellDoc } from "./repository.js";

/**
 * Disclosure control of survey cells (rules in src/privacy/disclosure.ts).
 * Respondents `n` and the respondents with each trait are counts of persons:
 * n below the threshold masks the whole cell; a trait count is masked from 1
 * to 10, at 0 % and at 100 % (knowing someone is in the cell tells whether
 * they have the trait). Masked counts are null, and so are the prevalence
 * and interval computed from them.
 *
 * Cells are masked in their CANONICAL table, not in the slice a query asks
 * for: the sections of a survey add up to its all-sector cells, published
 * divisions plus an unpublished remainder to their section, and MCP regions
 * to the pooled national cells. A query for one section is therefore
 * answered from the table of every section, so that the same cell is masked
 * the same way whichever query shows it, and the all-sector total minus the
 * other sections never gives a masked section back.
 */

/** A table of cells: which fields vary, which split it, which counts it has. */
export interface CellTable {
  /** Fields the cells vary along, each adding up to a published total (section, naf2 or region, then sex, ageBand). */
  dims: string[];
  /** Fields that split the cells into tables with no published total across them (period or year, region of a regional base). */
  strata: string[];
  /** Trait count fields (indicator or pathology codes). */
  measures: string[];
  /** Cells the API never returns (an unpublished remainder): masked, then dropped. */
  hidden?: (cell: CellDoc) => boolean;
}

/** The cells with masked counts set to null (a masked `n` masks every count of its cell). */
export function suppressCells(
  cells: readonly CellDoc[],
  table: CellTable,
  config: DisclosureConfig,
): CellDoc[] {
  const measures: MeasureRule[] = [
    { field: "n", kind: "persons" },
    ...table.measures.map((field): MeasureRule => ({ field, kind: "persons", shareOf: "n", follows: ["n"] })),
  ];
  return suppressTable(
    cells,
    { dims: table.dims, strata: table.strata, measures, hidden: table.hidden },
    config,
  );
}

/** The breakdown fields a plan asks for, in table order. */
export function breakdownDims(plan: { sex: boolean; age: boolean }): string[] {
  return [...(plan.sex ? ["sex"] : []), ...(plan.age ? ["ageBand"] : [])];
}
