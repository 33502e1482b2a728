/// <reference lib="dom" />
import { errorsAt, explain, runQuery } from "./api.js";
import { type Cell, cell, MASKED, type Maskable } from "./cells.js";
import { drawSeries } from "./charts.js";
import type { Column, Panel } from "./panel.js";
import { PDP_QUERY, SPSTIS_QUERY, variablesFor } from "./queries.js";
import { COLORS, type Run, yearsOf } from "./run.js";

interface OrgRef {
  type: string;
  id: string;
}

interface Signalement extends Maskable {
  year: number;
  direction: string;
  origin: OrgRef;
  recipient: OrgRef;
  count: number | null;
}

/** The directions of a fiche de liaison, in French. */
const DIRECTIONS: Record<string, string> = {
  SPSTI_TO_CARSAT: "SPSTI → service social Carsat",
  CARSAT_TO_SPSTI: "Service social Carsat → SPSTI",
  SPSTI_TO_OTHER: "SPSTI → autre partenaire",
  OTHER_TO_SPSTI: "Autre partenaire → SPSTI",
};

const org = (o: OrgRef) => `${o.type} ${o.id}`;

const COLUMNS: Column<Signalement>[] = [
  { key: "year", label: "Année", value: (r) => String(r.year) },
  { key: "direction", label: "Sens", value: (r) => DIRECTIONS[r.direction] ?? r.direction },
  { key: "origin", label: "Émetteur", value: (r) => org(r.origin) },
  { key: "recipient", label: "Destinataire", value: (r) => org(r.recipient) },
  { key: "count", label: "Signalements", value: (r) => cell(r.count, r) },
];

/**
 * (5) PDP signalements in each direction. The API counts each pair of
 * organisations; the chart adds the pairs of a direction and year only when
 * none is masked (a partial sum would understate): else that bar is "s".
 */
export async function loadPdp(panel: Panel, run: Run): Promise<void> {
  const vars = variablesFor(run.selection).DashboardPdp;
  const answer = await runQuery<{ pdpSignalements: Signalement[] | null }>(run.token, PDP_QUERY, vars);
  const list = answer.data?.pdpSignalements;
  if (!list) return panel.unavailable(explain(errorsAt(answer, "pdpSignalements"), run.token !== null));
  const rows = [...list].sort(
    (a, b) =>
      a.year - b.year ||
      a.direction.localeCompare(b.direction) ||
      org(a.origin).localeCompare(org(b.origin)) ||
      org(a.recipient).localeCompare(org(b.recipient)),
  );
  const scope = vars.org
    ? `Fiches dont ${vars.org} est émetteur ou destinataire.`
    : "Toutes les fiches de votre périmètre.";
  panel.show({ columns: COLUMNS, rows }, scope);
  const years = yearsOf(run.selection);
  const directions = Object.keys(DIRECTIONS).filter((d) => rows.some((r) => r.direction === d));
  drawSeries(
    panel.canvas,
    "bar",
    years.map(String),
    directions.map((d, i) => ({
      label: DIRECTIONS[d],
      color: COLORS[i],
      cells: years.map((y) => total(rows.filter((r) => r.year === y && r.direction === d))),
    })),
  );
}

/** The sum of the pairs' counts; MASKED when any is masked; null when there is no pair. */
function total(rows: Signalement[]): Cell {
  if (rows.length === 0) return null;
  let sum = 0;
  for (const r of rows) {
    const c = cell(r.count, r);
    if (typeof c !== "number") return c === null ? null : MASKED;
    sum += c;
  }
  return sum;
}

/**
 * Fills the PDP panel's organisation selector with the region's SPSTIs (partner
 * data: without them, only "every organisation of your scope" is offered) and
 * keeps `wanted` selected when it is one of them.
 */
export async function loadPdpOrgs(select: HTMLSelectElement, run: Run, wanted: string | null): Promise<void> {
  const answer = await runQuery<{ territory: { spstis: { id: string; shortName: string }[] | null } | null }>(
    run.token,
    SPSTIS_QUERY,
    variablesFor(run.selection).DashboardSpstis,
  );
  const spstis = answer.data?.territory?.spstis ?? [];
  const options = spstis.map((s) => new Option(`${s.shortName} (${s.id})`, s.id));
  options.push(new Option("Toutes (votre périmètre)", ""));
  select.replaceChildren(...options);
  select.value = wanted !== null && options.some((o) => o.value === wanted) ? wanted : (spstis[0]?.id ?? "");
  select.title = spstis.length > 0 ? "" : explain(errorsAt(answer, "territory"), run.token !== null);
}
