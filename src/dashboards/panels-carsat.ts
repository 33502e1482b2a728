/// <reference lib="dom" />
import { errorsAt, explain, runQuery } from "./api.js";
import { cell, type Maskable } from "./cells.js";
import { drawSeries } from "./charts.js";
import type { Column, Panel } from "./panel.js";
import { FREQUENCY_QUERY, MP57_QUERY, variablesFor } from "./queries.js";
import { byYear, COLORS, type Run, yearsOf } from "./run.js";

interface AtRow extends Maskable {
  year: number | null;
  employees: number | null;
  accidents: number | null;
  frequencyIndex: number | null;
}

interface FrequencyData {
  sector: { code: string; label: string; regional: AtRow[]; national: AtRow[] } | null;
}

interface FrequencyYear {
  year: number;
  regional?: AtRow;
  national?: AtRow;
}

const FREQUENCY_COLUMNS: Column<FrequencyYear>[] = [
  { key: "year", label: "Année", value: (r) => String(r.year) },
  {
    key: "regional.frequencyIndex",
    label: "IF région",
    value: (r) => cell(r.regional?.frequencyIndex, r.regional),
    digits: 1,
  },
  {
    key: "national.frequencyIndex",
    label: "IF national",
    value: (r) => cell(r.national?.frequencyIndex, r.national),
    digits: 1,
  },
  { key: "regional.accidents", label: "AT région", value: (r) => cell(r.regional?.accidents, r.regional) },
  {
    key: "regional.employees",
    label: "Salariés région",
    value: (r) => cell(r.regional?.employees, r.regional),
  },
];

/** (1) The sector's frequency index over the years, in the region against the national figure (Carsat). */
export async function loadFrequency(panel: Panel, run: Run): Promise<void> {
  const vars = variablesFor(run.selection).DashboardFrequency;
  const answer = await runQuery<FrequencyData>(run.token, FREQUENCY_QUERY, vars);
  const sector = answer.data?.sector;
  if (!sector) return panel.unavailable(explain(errorsAt(answer, "sector"), run.token !== null));
  const regional = byYear(sector.regional);
  const national = byYear(sector.national);
  const rows = yearsOf(run.selection).map((year) => ({
    year,
    regional: regional.get(year),
    national: national.get(year),
  }));
  panel.show({ columns: FREQUENCY_COLUMNS, rows }, `${sector.label} (${sector.code}).`);
  drawSeries(
    panel.canvas,
    "line",
    rows.map((r) => String(r.year)),
    [
      {
        label: `IF région ${run.selection.region}`,
        color: COLORS[0],
        cells: rows.map(FREQUENCY_COLUMNS[1].value),
      },
      { label: "IF national", color: COLORS[1], cells: rows.map(FREQUENCY_COLUMNS[2].value), dashed: true },
    ],
  );
}

interface MpRow extends Maskable {
  year: number | null;
  cases: number | null;
}

interface MpYear {
  year: number;
  row?: MpRow;
}

const MP_COLUMNS: Column<MpYear>[] = [
  { key: "year", label: "Année", value: (r) => String(r.year) },
  { key: "cases", label: "MP tableau 57 (1er règlement)", value: (r) => cell(r.row?.cases, r.row) },
];

/** (2) Maladies professionnelles of tableau 57 (TMS of the limbs) in the region, per year (Carsat). */
export async function loadMp57(panel: Panel, run: Run): Promise<void> {
  const vars = variablesFor(run.selection).DashboardMp57;
  const answer = await runQuery<{ sector: { maladiesProfessionnelles: MpRow[] } | null }>(
    run.token,
    MP57_QUERY,
    vars,
  );
  const list = answer.data?.sector?.maladiesProfessionnelles;
  if (!list) return panel.unavailable(explain(errorsAt(answer, "sector"), run.token !== null));
  const found = byYear(list);
  const rows = yearsOf(run.selection).map((year) => ({ year, row: found.get(year) }));
  panel.show({ columns: MP_COLUMNS, rows });
  drawSeries(
    panel.canvas,
    "bar",
    rows.map((r) => String(r.year)),
    [{ label: "MP tableau 57", color: COLORS[2], cells: rows.map(MP_COLUMNS[1].value) }],
  );
}
