import { suppressTable, type MeasureRule, type TableSpec } from "../../privacy/disclosure.js";
import type { DisclosureConfig } from "../../privacy/disclosure-config.js";
import type { FactKey } from "./facts.js";
import { mpSyndrome } from "./reference.js";
import type { AtRow, MpRow } from "./types.js";

/**
 * Disclosure control of the carsat tables (rules in src/privacy/disclosure.ts).
 * Each loader key's rows are one table, whose dimensions are its groupBy.
 *
 * - Accidents, IPs, deaths and MP cases are counts of persons (victims):
 *   below the threshold they are masked. The accidents without 4 days off
 *   (accidents − accidentsWith4Days) are published by subtraction, so a
 *   small rest masks accidentsWith4Days.
 * - IT days and the sum of IP rates are magnitudes over those victims (one
 *   victim's IP rate is the sum when there is one): masked with them.
 * - A cell of fewer than 3 establishments is business-confidential (INSEE):
 *   every figure of it is masked, headcount and hours included. The unit
 *   count is the largest yearly count, not the sum over pooled years.
 */

const AT_MEASURES: MeasureRule[] = [
  { field: "employees", kind: "value" },
  { field: "hoursWorked", kind: "value" },
  { field: "establishments", kind: "value" },
  { field: "accidents", kind: "persons" },
  { field: "accidentsWith4Days", kind: "persons", partOf: "accidents" },
  { field: "newIpBelow10", kind: "persons" },
  { field: "newIpFrom10", kind: "persons" },
  { field: "deaths", kind: "persons" },
  { field: "itDays", kind: "value", follows: ["accidents"] },
  { field: "ipRateSum", kind: "value", follows: ["accidents", "newIpBelow10", "newIpFrom10"] },
];

const MP_MEASURES: MeasureRule[] = [
  { field: "cases", kind: "persons" },
  { field: "newIpBelow10", kind: "persons" },
  { field: "newIpFrom10", kind: "persons" },
  { field: "deaths", kind: "persons" },
  { field: "itDays", kind: "value", follows: ["cases"] },
  { field: "ipRateSum", kind: "value", follows: ["cases", "newIpBelow10", "newIpFrom10"] },
];

/** AT/trajet rows of one key, masked. */
export function suppressAtRows(fact: FactKey, rows: AtRow[], config: DisclosureConfig): AtRow[] {
  const spec: TableSpec<AtRow> = { dims: fact.dims, measures: AT_MEASURES, units: (r) => r.unitsFloor };
  return suppressTable(rows, spec, config);
}

/**
 * MP rows of one key, masked. A syndrome belongs to one tableau: grouped by
 * both, the cells are those of the syndrome breakdown, and syndromes add up
 * to their tableau's total (the TABLEAU breakdown), so their lines are split
 * by tableau and the redundant tableau dimension is dropped: the same cells
 * then get the same pattern with or without TABLEAU in groupBy.
 */
export function suppressMpRows(fact: FactKey, rows: MpRow[], config: DisclosureConfig): MpRow[] {
  const bySyndrome = fact.dims.includes("syndrome");
  const dims = bySyndrome ? fact.dims.filter((d) => d !== "tableau") : fact.dims;
  const parents = bySyndrome ? { syndrome: (r: MpRow) => mpSyndrome(r.syndrome ?? "")?.tableau ?? "" } : undefined;
  return suppressTable(rows, { dims, parents, measures: MP_MEASURES }, config);
}
