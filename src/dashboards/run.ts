import type { DashboardSelection } from "./queries.js";

/** What a panel loads for: the viewer's token (or none) and the page's selection. */
export interface Run {
  token: string | null;
  selection: DashboardSelection;
}

/** The colours of the series, readable on white and told apart by most colour-blind readers. */
export const COLORS = ["#1f5fa8", "#d9822b", "#3a8f5c", "#8e5ea2", "#c23b3b", "#6b6b6b"];

/** The years of the selection, in order: a chart's labels, so that a year without a row shows as a gap. */
export function yearsOf(s: DashboardSelection): number[] {
  const out: number[] = [];
  for (let y = s.years.from; y <= s.years.to; y++) out.push(y);
  return out;
}

/** Rows keyed by their year. */
export function byYear<R extends { year?: number | null }>(rows: R[] | null | undefined): Map<number, R> {
  return new Map((rows ?? []).flatMap((r) => (r.year == null ? [] : [[r.year, r] as const])));
}
