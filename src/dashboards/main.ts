/// <reference lib="dom" />
/**
 * The dashboard page's script (bundled by tools/build-dashboards.ts into
 * dist/dashboards/app.js; the page is src/http/dashboards.ts). It reads the
 * selectors, runs one GraphQL operation per panel with the viewer's token,
 * and draws what the API answers: nothing here decides what a role may see.
 */
import { Panel, part } from "./panel.js";
import { loadFrequency, loadMp57 } from "./panels-carsat.js";
import { loadPdp, loadPdpOrgs } from "./panels-pdp.js";
import { loadAnnex4, loadCampaign } from "./panels-spsti.js";
import { loadSumer } from "./panels-sumer.js";
import type { DashboardSelection } from "./queries.js";
import { setUpQueryBox } from "./query-box.js";
import type { Run } from "./run.js";
import { normalise, setToken, takeToken } from "./token.js";

type Loader = (panel: Panel, run: Run) => Promise<void>;

const LOADERS: Record<string, Loader> = {
  frequency: loadFrequency,
  mp57: loadMp57,
  sumer: loadSumer,
  annex4: loadAnnex4,
  campaign: loadCampaign,
  pdp: loadPdp,
};

/** The selectors the address may preset (`/dashboards?region=53&naf=43`), to share a view. */
const FIELDS = [
  "region",
  "naf",
  "from",
  "to",
  "annex4Year",
  "campaignYear",
  "sumerPeriod",
  "pdpOrg",
] as const;

const selectionForm = part<HTMLFormElement>(document, "selection");
const field = (name: (typeof FIELDS)[number]) =>
  selectionForm.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;
const orgSelect = field("pdpOrg") as HTMLSelectElement;
const tokenField = part<HTMLInputElement>(document, "token");
const tokenStatus = part(document, "token-status");

function selection(): DashboardSelection {
  const num = (name: "from" | "to" | "annex4Year" | "campaignYear") => Number.parseInt(field(name).value, 10);
  const [from, to] = [num("from"), num("to")].sort((a, b) => a - b);
  return {
    region: field("region").value,
    naf: field("naf").value.trim().toUpperCase(),
    years: { from, to },
    annex4Year: num("annex4Year"),
    campaignYear: num("campaignYear"),
    sumerPeriod: field("sumerPeriod").value,
    pdpOrg: orgSelect.value || null,
  };
}

/** A file name that says what the file holds. */
function fileName(panel: string): string {
  const s = selection();
  const what =
    panel === "annex4"
      ? `${s.region}-${s.annex4Year}`
      : panel === "campaign"
        ? String(s.campaignYear)
        : `${s.region}-${s.naf}-${s.years.from}-${s.years.to}`;
  return `passerelle-${panel}-${what}.csv`.replace(/[^\w.-]/g, "_");
}

const panels = new Map(
  [...document.querySelectorAll<HTMLElement>("[data-panel]")]
    .filter((section) => section.dataset.panel! in LOADERS)
    .map((section) => [section.dataset.panel!, new Panel(section, () => fileName(section.dataset.panel!))]),
);

let runs = 0;

/** Loads every panel, side by side: a panel that fails or is refused says so, and the others still draw. */
async function refresh(): Promise<void> {
  const run: Run = { token: takeToken(), selection: selection() };
  showToken(run.token);
  const query = new URLSearchParams(FIELDS.map((name) => [name, field(name).value]));
  history.replaceState(history.state, "", `${location.pathname}?${query}`);
  document.body.dataset.state = "loading";
  await Promise.all(
    [...panels].map(async ([name, panel]) => {
      panel.loading();
      await LOADERS[name](panel, run).catch(() => panel.unavailable("Erreur inattendue de la page."));
    }),
  );
  document.body.dataset.runs = String(++runs);
  document.body.dataset.state = "ready";
}

/** Takes a token typed in the field (either form's button applies it), then loads the panels. */
async function apply(): Promise<void> {
  if (normalise(tokenField.value) !== takeToken()) {
    setToken(tokenField.value);
    await reloadOrgs();
  }
  await refresh();
}

async function reloadOrgs(): Promise<void> {
  await loadPdpOrgs(orgSelect, { token: takeToken(), selection: selection() }, orgSelect.value || null);
}

function showToken(token: string | null): void {
  tokenField.value = token ?? "";
  tokenStatus.textContent = token
    ? "Jeton gardé pour cet onglet seulement."
    : "Sans jeton : seules les données ouvertes s'affichent.";
}

async function start(): Promise<void> {
  const preset = new URLSearchParams(location.search);
  for (const name of FIELDS) {
    const value = preset.get(name);
    if (value !== null && name !== "pdpOrg") field(name).value = value;
  }
  setUpQueryBox(part(document, "query-box"), takeToken);
  part<HTMLFormElement>(document, "token-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void apply();
  });
  part(document, "forget").addEventListener("click", async () => {
    setToken("");
    await reloadOrgs();
    await refresh();
  });
  selectionForm.addEventListener("submit", (event) => {
    event.preventDefault();
    void apply();
  });
  field("region").addEventListener("change", () => void reloadOrgs());
  // A new `#token=` pasted in the address of the open tab.
  window.addEventListener("hashchange", async () => {
    if (!location.hash.includes("token=")) return;
    takeToken();
    await reloadOrgs();
    await refresh();
  });
  await loadPdpOrgs(orgSelect, { token: takeToken(), selection: selection() }, preset.get("pdpOrg"));
  await refresh();
}

void start();
