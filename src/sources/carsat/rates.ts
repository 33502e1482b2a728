import type { AtCounts } from "./types.js";

/**
 * The published AT rates (domain.md §1, formulas of the Assurance Maladie),
 * always computed from the sums of a row, never averaged from stored ratios.
 * Null when the denominator is 0 (a rate of nothing is not 0), and when
 * disclosure control masked a count it uses (a rate and its denominator
 * would give the count back).
 */

function ratio(numerator: number | null, denominator: number | null, scale: number): number | null {
  if (numerator === null || denominator === null) return null;
  return denominator > 0 ? (numerator / denominator) * scale : null;
}

/** IF, indice de fréquence: AT per 1 000 salariés. */
export const frequencyIndex = (r: AtCounts) => ratio(r.accidents, r.employees, 1e3);
/** TF, taux de fréquence: AT per million hours worked. */
export const frequencyRate = (r: AtCounts) => ratio(r.accidents, r.hoursWorked, 1e6);
/** TG, taux de gravité: days of incapacité temporaire per 1 000 hours worked. */
export const severityRate = (r: AtCounts) => ratio(r.itDays, r.hoursWorked, 1e3);
/** IG, indice de gravité: sum of the rates of new incapacités permanentes per million hours worked. */
export const severityIndex = (r: AtCounts) => ratio(r.ipRateSum, r.hoursWorked, 1e6);
