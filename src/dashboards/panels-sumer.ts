/// <reference lib="dom" />
import { errorsAt, explain, runQuery } from "./api.js";
import { cell, type Maskable } from "./cells.js";
import { drawSeries } from "./charts.js";
import type { Column, Panel } from "./panel.js";
import { SUMER_QUERY, variablesFor } from "./queries.js";
import { COLORS, type Run } from "./run.js";

interface SumerRow extends Maskable {
  indicator: string;
  label: string;
  n: number | null;
  count?: number | null;
  prevalence: number | null;
}

interface SumerData {
  sector: { sumer: SumerRow[] } | null;
  sumerRegional: SumerRow[] | null;
}

interface Exposure {
  indicator: string;
  label: string;
  national?: SumerRow;
  regional?: SumerRow;
}

const COLUMNS: Column<Exposure>[] = [
  { key: "indicator", label: "Code", value: (r) => r.indicator },
  { key: "label", label: "Exposition", value: (r) => r.label },
  {
    key: "national.prevalence",
    label: "% national",
    value: (r) => cell(r.national?.prevalence, r.national),
    digits: 1,
  },
  { key: "national.n", label: "Répondants (national)", value: (r) => cell(r.national?.n, r.national) },
  {
    key: "regional.prevalence",
    label: "% région",
    value: (r) => cell(r.regional?.prevalence, r.regional),
    digits: 1,
  },
  { key: "regional.n", label: "Répondants (région)", value: (r) => cell(r.regional?.n, r.regional) },
  { key: "regional.count", label: "Exposés (région)", value: (r) => cell(r.regional?.count, r.regional) },
];

/**
 * (3) SUMER exposures of the sector: the national sample (open data) against
 * the region's extension (partner data: a viewer without it still gets the
 * national figures, and a note).
 */
export async function loadSumer(panel: Panel, run: Run): Promise<void> {
  const vars = variablesFor(run.selection).DashboardSumer;
  const answer = await runQuery<SumerData>(run.token, SUMER_QUERY, vars);
  const national = answer.data?.sector?.sumer;
  if (!national) return panel.unavailable(explain(errorsAt(answer, "sector"), run.token !== null));
  const regional = answer.data?.sumerRegional ?? null;
  const rows = new Map<string, Exposure>();
  for (const r of national) rows.set(r.indicator, { indicator: r.indicator, label: r.label, national: r });
  for (const r of regional ?? []) {
    const row = rows.get(r.indicator) ?? { indicator: r.indicator, label: r.label };
    rows.set(r.indicator, { ...row, regional: r });
  }
  const list = [...rows.values()];
  const note = regional
    ? `Vague ${run.selection.sumerPeriod}.`
    : `Vague ${run.selection.sumerPeriod}. Extension régionale : ${explain(errorsAt(answer, "sumerRegional"), run.token !== null)}`;
  panel.show({ columns: COLUMNS, rows: list }, note);
  const series = [{ label: "National", color: COLORS[0], cells: list.map(COLUMNS[2].value) }];
  if (regional)
    series.push({
      label: `Région ${run.selection.region}`,
      color: COLORS[1],
      cells: list.map(COLUMNS[4].value),
    });
  drawSeries(
    panel.canvas,
    "hbar",
    list.map((r) => shorten(r.label)),
    series,
  );
}

/** A label short enough for a chart axis (the table has it whole). */
const shorten = (label: string) => (label.length > 42 ? `${label.slice(0, 40)}…` : label);
