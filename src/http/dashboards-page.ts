import { naf, regions } from "../domain/reference.js";

/**
 * The dashboard page's HTML: static markup only, with the selectors' choices
 * from the reference nomenclatures. No inline script (the page's CSP forbids
 * them): dist/dashboards/app.js, bundled from src/dashboards/, does the rest.
 */

/**
 * The demo seed's view: Pays de la Loire, construction, the years the data
 * covers, the last annex-4 table published in full (2024) and the campaign
 * still under way (2025, its reports in every state).
 */
export const DEFAULTS = {
  region: "52",
  naf: "F",
  from: 2019,
  to: 2025,
  annex4Year: 2024,
  campaignYear: 2025,
};

/** The SUMER waves. */
const SUMER_PERIODS = ["2016-2017", "2009-2010"];

const esc = (s: string | number) =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

const option = (value: string, label: string, selected: boolean) =>
  `<option value="${esc(value)}"${selected ? " selected" : ""}>${esc(label)}</option>`;

interface PanelSpec {
  id: string;
  title: string;
  source: string;
  tall?: boolean;
}

const PANELS: PanelSpec[] = [
  {
    id: "frequency",
    title: "Indice de fréquence des accidents du travail",
    source: "Carsat, sinistralité : région et national, par année (AT pour 1 000 salariés).",
  },
  {
    id: "mp57",
    title: "Maladies professionnelles, tableau 57",
    source: "Carsat : MP en 1er règlement du tableau 57 (TMS), dans la région, par année.",
  },
  {
    id: "sumer",
    title: "Expositions SUMER",
    source: "DREETS/DARES : part des salariés exposés (%), échantillon national et extension régionale.",
    tall: true,
  },
  {
    id: "annex4",
    title: "Annexe 4 : avancement par thème",
    source: "SPSTI : établissements formés, accompagnés et ciblés, par thème et SPSTI de la région.",
    tall: true,
  },
  {
    id: "campaign",
    title: "Campagne annexe 4",
    source: "SPSTI : état des rapports de l'année (signataires des CPOM seulement).",
  },
  {
    id: "pdp",
    title: "Signalements PDP",
    source: "Cellules PDP : fiches de liaison envoyées, par année et par sens.",
  },
];

function panel(p: PanelSpec): string {
  return `<section class="panel${p.tall ? " tall" : ""}" data-panel="${p.id}" data-state="loading">
    <header><h2>${esc(p.title)}</h2><button type="button" class="csv" data-part="csv" disabled>CSV</button></header>
    <p class="source">${esc(p.source)}</p>
    <p class="status" data-part="status" role="status">Chargement…</p>
    <div class="chart"><canvas data-part="chart" role="img" aria-label="${esc(p.title)}"></canvas></div>
    <div class="table-wrap"><table data-part="table"></table></div>
  </section>`;
}

const EXAMPLE_QUERY = `{
  sector(naf: "F") {
    sinistralite(territory: { region: "52" }, years: { from: 2019, to: 2024 }) {
      year accidents employees frequencyIndex suppressed
    }
  }
}`;

/** The page; `version` (the bundle's hash) makes each build's files new URLs. */
export function dashboardsHtml(version: string): string {
  const regionOptions = [...regions]
    .sort((a, b) => a.name.localeCompare(b.name, "fr"))
    .map((r) => option(r.code, `${r.name} (${r.code})`, r.code === DEFAULTS.region))
    .join("");
  const sectors = naf
    .filter((n) => n.level === "SECTION" || n.level === "DIVISION")
    .map((n) => `<option value="${esc(n.code)}">${esc(n.label)}</option>`)
    .join("");
  const waves = SUMER_PERIODS.map((p, i) => option(p, p, i === 0)).join("");
  const v = encodeURIComponent(version);
  return `<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>Passerelle · Tableaux de bord</title>
  <link rel="icon" href="data:," />
  <link rel="stylesheet" href="dashboards/app.css?v=${v}" />
  <script src="dashboards/app.js?v=${v}" defer></script>
</head>
<body data-state="loading">
  <header class="top">
    <h1>Passerelle · Tableaux de bord</h1>
    <form class="bar" data-part="token-form" autocomplete="off">
      <label>Jeton (Bearer)
        <input type="password" data-part="token" autocomplete="off" spellcheck="false" placeholder="eyJhbGciOi…" />
      </label>
      <button type="submit">Utiliser</button>
      <button type="button" class="secondary" data-part="forget">Oublier</button>
      <span class="hint" data-part="token-status"></span>
    </form>
  </header>
  <form id="selection" class="bar" data-part="selection">
    <label>Région <select name="region">${regionOptions}</select></label>
    <label>Secteur (NAF) <input name="naf" list="naf-codes" value="${DEFAULTS.naf}" size="8" required /></label>
    <datalist id="naf-codes">${sectors}</datalist>
    <label>De <input type="number" name="from" value="${DEFAULTS.from}" min="2000" max="2100" required /></label>
    <label>À <input type="number" name="to" value="${DEFAULTS.to}" min="2000" max="2100" required /></label>
    <label>Annexe 4 publiée <input type="number" name="annex4Year" value="${DEFAULTS.annex4Year}" min="2000" max="2100" required /></label>
    <label>Campagne <input type="number" name="campaignYear" value="${DEFAULTS.campaignYear}" min="2000" max="2100" required /></label>
    <label>Vague SUMER <select name="sumerPeriod">${waves}</select></label>
    <label>Organisation PDP <select name="pdpOrg"></select></label>
    <button type="submit">Afficher</button>
  </form>
  <p class="legend">
    <span><span class="swatch">s</span>secret statistique : valeur masquée, jamais 0</span>
    <span><span class="swatch plain">—</span>pas de donnée</span>
    <span>Les données viennent de l'API GraphQL avec votre jeton : chaque panneau montre ce que votre rôle peut lire.</span>
  </p>
  <main class="grid">
    ${PANELS.map(panel).join("\n    ")}
  </main>
  <section class="panel query-box" data-part="query-box">
    <header><h2>Requête → CSV</h2></header>
    <p class="source">Collez une requête GraphQL : elle s'exécute avec votre jeton, et la première liste de la réponse est téléchargée en CSV (colonnes aux noms pointés, séparateur « ; », UTF-8, virgule décimale).</p>
    <form data-part="form">
      <textarea data-part="query" rows="8" spellcheck="false" aria-label="Requête GraphQL">${esc(EXAMPLE_QUERY)}</textarea>
      <textarea data-part="variables" rows="2" spellcheck="false" placeholder="Variables (JSON), facultatives" aria-label="Variables"></textarea>
      <div class="row"><button type="submit">Exécuter et télécharger le CSV</button><span class="status" data-part="status" role="status"></span></div>
    </form>
  </section>
</body>
</html>`;
}
