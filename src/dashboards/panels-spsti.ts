/// <reference lib="dom" />
import { errorsAt, explain, runQuery } from "./api.js";
import { cell, type Maskable } from "./cells.js";
import { drawDoughnut, drawSeries } from "./charts.js";
import type { Column, Panel } from "./panel.js";
import { ANNEX4_QUERY, CAMPAIGN_QUERY, variablesFor } from "./queries.js";
import { COLORS, type Run } from "./run.js";

interface Annex4Row extends Maskable {
  cpom: { id: string } | null;
  spsti: { id: string; shortName: string } | null;
  theme: string;
  formes: number | null;
  accompagnes: number | null;
  cibles: number | null;
}

interface Annex4Data {
  themes: { code: string; label: string }[];
  territory: { annex4: Annex4Row[] | null } | null;
}

type Annex4Line = Annex4Row & { themeLabel: string };

const ANNEX4_COLUMNS: Column<Annex4Line>[] = [
  { key: "theme", label: "Thème", value: (r) => r.themeLabel },
  { key: "spsti.shortName", label: "SPSTI", value: (r) => r.spsti?.shortName ?? null },
  { key: "cpom.id", label: "CPOM", value: (r) => r.cpom?.id ?? null },
  { key: "formes", label: "Formés", value: (r) => cell(r.formes, r) },
  { key: "accompagnes", label: "Accompagnés", value: (r) => cell(r.accompagnes, r) },
  { key: "cibles", label: "Ciblés", value: (r) => cell(r.cibles, r) },
];

/** (4) Annex-4 progress by theme: establishments trained, supported and targeted, per SPSTI of the region. */
export async function loadAnnex4(panel: Panel, run: Run): Promise<void> {
  const vars = variablesFor(run.selection).DashboardAnnex4;
  const answer = await runQuery<Annex4Data>(run.token, ANNEX4_QUERY, vars);
  const list = answer.data?.territory?.annex4;
  if (!list) return panel.unavailable(explain(errorsAt(answer, "territory"), run.token !== null));
  const labels = new Map((answer.data?.themes ?? []).map((t) => [t.code, t.label]));
  const rows: Annex4Line[] = list
    .map((r) => ({ ...r, themeLabel: labels.get(r.theme) ?? r.theme }))
    .sort((a, b) => a.themeLabel.localeCompare(b.themeLabel, "fr") || key(a).localeCompare(key(b)));
  panel.show({ columns: ANNEX4_COLUMNS, rows }, `Lignes publiées de l'annexe 4, année ${vars.year}.`);
  drawSeries(
    panel.canvas,
    "bar",
    rows.map((r) => `${r.theme} · ${r.spsti?.shortName ?? "?"}`),
    [3, 4, 5].map((c, i) => ({
      label: ANNEX4_COLUMNS[c].label,
      color: COLORS[i],
      cells: rows.map(ANNEX4_COLUMNS[c].value),
    })),
  );
}

const key = (r: Annex4Row) => `${r.spsti?.shortName ?? ""} ${r.cpom?.id ?? ""}`;

interface CampaignEntry {
  cpom: { id: string } | null;
  spsti: { id: string; name: string } | null;
  state: string;
  dueBy: string;
  late: boolean;
  daysLate: number;
}

/** The states of a report, in campaign order, with their French names and colours. */
const STATES: Record<string, { label: string; color: string }> = {
  NOT_STARTED: { label: "Non commencé", color: "#9e9e9e" },
  DRAFT: { label: "Brouillon", color: "#d9822b" },
  SUBMITTED: { label: "Transmis", color: "#1f5fa8" },
  RETURNED: { label: "Renvoyé", color: "#c23b3b" },
  VALIDATED: { label: "Validé", color: "#3a8f5c" },
};

/** A state's French name (the API's code for one the page does not know yet). */
export const stateLabel = (state: string) => STATES[state]?.label ?? state;

const CAMPAIGN_COLUMNS: Column<CampaignEntry>[] = [
  { key: "spsti.name", label: "SPSTI", value: (r) => r.spsti?.name ?? null },
  { key: "cpom.id", label: "CPOM", value: (r) => r.cpom?.id ?? null },
  { key: "state", label: "État", value: (r) => stateLabel(r.state) },
  { key: "dueBy", label: "Échéance", value: (r) => r.dueBy },
  { key: "late", label: "En retard", value: (r) => r.late },
  { key: "daysLate", label: "Jours de retard", value: (r) => r.daysLate },
];

/**
 * (4b) The year's annex-4 campaign. Only the CPOM signatories' roles may read
 * it (CPOM_FOLLOW_UP): any other viewer gets FORBIDDEN, and the panel says
 * it is not available for that role.
 */
export async function loadCampaign(panel: Panel, run: Run): Promise<void> {
  const vars = variablesFor(run.selection).DashboardCampaign;
  const answer = await runQuery<{ annex4Campaign: CampaignEntry[] | null }>(run.token, CAMPAIGN_QUERY, vars);
  const list = answer.data?.annex4Campaign;
  if (!list) return panel.unavailable(explain(errorsAt(answer, "annex4Campaign"), run.token !== null));
  const late = list.filter((e) => e.late).length;
  panel.show(
    { columns: CAMPAIGN_COLUMNS, rows: list },
    `Campagne ${vars.year} : ${list.length} CPOM, ${late} en retard.`,
  );
  // In campaign order; a state this page does not know yet comes last, in grey.
  const present = [...new Set([...Object.keys(STATES), ...list.map((e) => e.state)])].filter((s) =>
    list.some((e) => e.state === s),
  );
  drawDoughnut(
    panel.canvas,
    present.map(stateLabel),
    present.map((s) => list.filter((e) => e.state === s).length),
    present.map((s) => STATES[s]?.color ?? "#cccccc"),
  );
}
