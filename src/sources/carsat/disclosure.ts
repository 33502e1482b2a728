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
 * - A measure a summed document holds as secret (its publisher withheld it)
 *   is unknown: null, the row `suppressed`, never counted as 0; so are the
 *   measures that follow it. It is left out of the lines secondary
 *   suppression reads (a null is no cell): any line through it sums the same
 *   secret document, so its total is unknown too and gives nothing back.
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

/**
 * The theme figures: all accidents as in AT_MEASURES, and the theme's
 * accidents, a "dont" of them: a small number of accidents of the other
 * causes masks it (accidents − themeAccidents would publish it).
 */
const THEME_MEASURES: MeasureRule[] = [
  ...AT_MEASURES,
  { field: "themeAccidents", kind: "persons", partOf: "accidents" },
];

type Secretive = { secret?: string[]; suppressed: boolean };

/** Disclosure control with the publisher's secrets: see the module comment. */
function suppressWithSecrets<R extends Secretive>(
  rows: R[],
  spec: TableSpec<R>,
  config: DisclosureConfig,
): R[] {
  const hide = (row: R, fields: readonly string[]) => ({
    ...row,
    ...Object.fromEntries(fields.map((f) => [f, null])),
  });
  const masked = suppressTable(
    rows.map((r) => (r.secret ? hide(r, r.secret) : r)),
    spec,
    config,
  );
  return masked.map((row) =>
    row.secret ? { ...hide(row, withFollowers(row.secret, spec.measures)), suppressed: true } : row,
  );
}

/** The secret measures and every measure that follows one of them, transitively. */
function withFollowers(secret: readonly string[], rules: readonly MeasureRule[]): string[] {
  const out = new Set(secret);
  for (let grown = true; grown; ) {
    grown = false;
    for (const r of rules) {
      if (out.has(r.field) || !r.follows?.some((f) => out.has(f))) continue;
      out.add(r.field);
      grown = true;
    }
  }
  return [...out];
}

/** AT/trajet rows of one key, masked. */
export function suppressAtRows(fact: FactKey, rows: AtRow[], config: DisclosureConfig): AtRow[] {
  const spec: TableSpec<AtRow> = { dims: fact.dims, measures: AT_MEASURES, units: (r) => r.unitsFloor };
  return suppressWithSecrets(rows, spec, config);
}

/**
 * Theme rows (one per year, with every AT measure as well): `accidents` is
 * masked by the same rules, on the same values, as in the AT rows of the
 * same key grouped by YEAR, so neither query unmasks what the other hides.
 */
export function suppressThemeRows<R extends Secretive & { unitsFloor: number | null }>(
  rows: R[],
  config: DisclosureConfig,
): R[] {
  return suppressWithSecrets(
    rows,
    { dims: ["year"], measures: THEME_MEASURES, units: (r) => r.unitsFloor },
    config,
  );
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
  const parents = bySyndrome
    ? { syndrome: (r: MpRow) => mpSyndrome(r.syndrome ?? "")?.tableau ?? "" }
    : undefined;
  return suppressWithSecrets(rows, { dims, parents, measures: MP_MEASURES }, config);
}
