import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvText, flattenList, MASKED } from "../src/dashboards/cells.js";
import {
  ANNEX4_QUERY,
  CAMPAIGN_QUERY,
  type DashboardSelection,
  FREQUENCY_QUERY,
  PDP_QUERY,
  SUMER_QUERY,
  variablesFor,
} from "../src/dashboards/queries.js";
import { DASHBOARDS_CSP, dashboardsAnswer, NOT_BUILT } from "../src/http/dashboards.js";
import { DEFAULTS } from "../src/http/dashboards-page.js";
import { routeOf } from "../src/http/request-log.js";
import { buildDashboards } from "../tools/build-dashboards.js";
import { launchChromium } from "./browser.js";
import { startTestApp, type TestApp, tokenFor, type ViewerSpec } from "./helpers.js";

const ARTIFACTS = new URL("./artifacts/", import.meta.url);
const SCREENSHOT = fileURLToPath(new URL("dashboards.png", ARTIFACTS));
const WAIT = { timeout: 20_000 };
const DREETS: ViewerSpec = { role: "DREETS_INGENIEUR_PREVENTION", org: "DREETS:dreets-52" };
const ANALYST: ViewerSpec = { role: "ANALYST_NATIONAL", org: "NATIONAL:dgt" };
const PANELS = ["frequency", "mp57", "sumer", "annex4", "campaign", "pdp"];

let t: TestApp;
let base: string;
let browser: Browser | undefined;
let bundle: Record<string, number> = {};
beforeAll(async () => {
  // The bundle (under a second), the seeded server and the browser, side by side; all settle before a throw.
  const [built, app, chromium] = await Promise.allSettled([
    buildDashboards(),
    startTestApp(import.meta.url),
    launchChromium(),
  ]);
  if (built.status === "fulfilled") bundle = built.value;
  if (app.status === "fulfilled") t = app.value;
  if (chromium.status === "fulfilled") browser = chromium.value;
  for (const r of [built, app, chromium]) if (r.status === "rejected") throw r.reason;
  base = new URL(t.url).origin;
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** What a page did: every URL it asked for (with the authorization it sent to /graphql), and its errors. */
interface Session {
  context: BrowserContext;
  page: Page;
  requests: string[];
  graphqlAuth: (string | undefined)[];
  console: string[];
  problems: string[];
}

/** A fresh profile: every request recorded, anything not for the test server aborted (a closed network). */
async function openSession(): Promise<Session> {
  const context = await browser!.newContext({
    viewport: { width: 1400, height: 1000 },
    acceptDownloads: true,
  });
  const s: Session = {
    context,
    page: await context.newPage(),
    requests: [],
    graphqlAuth: [],
    console: [],
    problems: [],
  };
  await context.route("**/*", (route) => {
    const req = route.request();
    s.requests.push(req.url());
    if (new URL(req.url()).pathname === "/graphql") s.graphqlAuth.push(req.headers().authorization);
    return new URL(req.url()).origin === base ? route.continue() : route.abort("blockedbyclient");
  });
  s.page.on("pageerror", (err) => s.problems.push(`page error: ${err.message}`));
  s.page.on("console", (msg) => {
    s.console.push(msg.text());
    if (msg.type() === "error") s.problems.push(`console error: ${msg.text()}`);
  });
  s.page.on("requestfailed", (req) =>
    s.problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`),
  );
  return s;
}

/** Runs a browser step; on failure, says what the page reported, which a bare timeout does not. */
async function step<T>(s: Session, what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const body = s.page.locator("body");
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, not the DOM property: the text as rendered.
    const text = await body.innerText({ timeout: 1000 }).catch(() => "?");
    throw new Error(
      `${what}: ${(err as Error).message}\nproblems: ${JSON.stringify(s.problems, null, 1)}\n` +
        `requests: ${JSON.stringify(s.requests, null, 1)}\npage text: ${text.slice(0, 2000)}`,
    );
  }
}

/** Waits until the page has finished its `n`-th load of every panel. */
const loaded = (s: Session, n: number) =>
  step(s, `panels loaded (${n})`, () =>
    s.page.waitForFunction((n) => Number(document.body.dataset.runs ?? 0) >= n, n, WAIT),
  );

const panel = (page: Page, name: string) => page.locator(`[data-panel="${name}"]`);

/** A panel's state, what its canvas says it drew, and how many of its pixels are inked. */
async function chartOf(page: Page, name: string) {
  return panel(page, name).evaluate((section) => {
    const canvas = section.querySelector("canvas")!;
    const ctx = canvas.getContext("2d")!;
    const pixels =
      canvas.width * canvas.height > 0 ? ctx.getImageData(0, 0, canvas.width, canvas.height).data : [];
    let inked = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) inked++;
    return {
      state: section.dataset.state,
      status: section.querySelector('[data-part="status"]')!.textContent,
      points: Number(canvas.dataset.points ?? 0),
      masked: Number(canvas.dataset.masked ?? 0),
      inked,
    };
  });
}

/** A panel's table as rendered: one record per row, by the cells' field names. */
function tableOf(page: Page, name: string): Promise<Record<string, string>[]> {
  return panel(page, name)
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map((tr) =>
        Object.fromEntries(
          [...tr.querySelectorAll("td")].map((td) => [td.dataset.field!, td.textContent ?? ""]),
        ),
      ),
    );
}

/** Clicks a button that downloads a CSV, and returns the file's raw text with its name. */
async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; raw: string }> {
  const [file] = await Promise.all([page.waitForEvent("download", WAIT), click()]);
  return { name: file.suggestedFilename(), raw: readFileSync((await file.path())!, "utf8") };
}

/** A `;` CSV as the page writes it (BOM, CRLF, quoted fields), as records by header. */
function parseCsv(raw: string): { header: string[]; rows: Record<string, string>[] } {
  expect(raw.startsWith("\uFEFF")).toBe(true);
  expect(raw.endsWith("\r\n")).toBe(true);
  const lines: string[][] = [[]];
  let field = "";
  let quoted = false;
  for (let i = 1; i < raw.length; i++) {
    const c = raw[i];
    if (quoted && c === '"' && raw[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && (c === ";" || c === "\r")) {
      lines.at(-1)!.push(field);
      field = "";
      if (c === "\r") {
        i++; // the \n of CRLF
        lines.push([]);
      }
    } else {
      field += c;
    }
  }
  const [header, ...rows] = lines.slice(0, -1);
  return { header, rows: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) };
}

/** A figure as the CSV must hold it: the API's number with a decimal comma, "s" when masked, "" when absent. */
const csvFigure = (value: number | null | undefined, suppressed: boolean | undefined) =>
  value === null || value === undefined
    ? value === null && suppressed
      ? "s"
      : ""
    : String(value).replace(".", ",");

/** The selection the page shows by default, with the PDP organisation it picked. */
const defaults = (pdpOrg: string | null): DashboardSelection => ({
  region: DEFAULTS.region,
  naf: DEFAULTS.naf,
  years: { from: DEFAULTS.from, to: DEFAULTS.to },
  annex4Year: DEFAULTS.annex4Year,
  campaignYear: DEFAULTS.campaignYear,
  sumerPeriod: "2016-2017",
  pdpOrg,
});

/** Sends a panel's own document, as the viewer, to compare the page with the API. */
async function api<T>(query: string, variables: Record<string, unknown>, viewer: ViewerSpec) {
  const res = await t.gql<T>(query, variables, { authorization: `Bearer ${await tokenFor(viewer)}` });
  expect(res.status).toBe(200);
  return res;
}

interface Annex4Api {
  themes: { code: string; label: string }[];
  territory: {
    annex4: {
      cpom: { id: string };
      spsti: { shortName: string };
      theme: string;
      formes: number | null;
      accompagnes: number | null;
      cibles: number | null;
      suppressed: boolean;
    }[];
  };
}
interface AtApi {
  year: number;
  frequencyIndex: number | null;
  accidents: number | null;
  suppressed: boolean;
}
interface SumerApi {
  indicator: string;
  prevalence: number | null;
  suppressed: boolean;
}
interface PdpApi {
  year: number;
  direction: string;
  origin: { type: string; id: string };
  count: number | null;
  suppressed: boolean;
}

describe("the dashboard page's HTTP route", () => {
  it("serves the page with its CSP and no inline script, the allow-listed bundle, and a 503 without it", async () => {
    const page = await fetch(`${base}/dashboards`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.headers.get("content-security-policy")).toBe(DASHBOARDS_CSP);
    expect(DASHBOARDS_CSP).toContain(
      "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'",
    );
    const html = await page.text();
    expect(html).toMatch(/<script src="dashboards\/app\.js\?v=[0-9a-f]{16}" defer><\/script>/);
    expect(html.match(/<script\b[^>]*>/g)).toHaveLength(1); // that one, with a src: nothing inline
    expect(html).not.toMatch(/\son[a-z]+="/); // no inline event handler either

    const js = await fetch(`${base}/dashboards/app.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect((await js.arrayBuffer()).byteLength).toBe(bundle["app.js"]);
    expect((await fetch(`${base}/dashboards/app.css`)).headers.get("content-type")).toBe(
      "text/css; charset=utf-8",
    );
    for (const name of [
      "__proto__",
      "toString",
      "app.js.map",
      "..%2Fpackage.json",
      "%2e%2e/src/main.ts",
      "",
    ]) {
      const res = await fetch(`${base}/dashboards/${name}`, { redirect: "manual" });
      expect([404, 308], name).toContain(res.status);
      expect(await res.text()).not.toContain("import ");
    }
    expect((await fetch(`${base}/dashboards`, { method: "POST" })).status).toBe(405);
    expect(routeOf("/dashboards")).toBe("dashboards");
    expect(routeOf("/dashboards/app.js")).toBe("dashboards");

    const empty = mkdtempSync(path.join(tmpdir(), "dashboards-"));
    try {
      const missing = dashboardsAnswer("/dashboards", empty);
      expect(missing.status).toBe(503);
      expect(missing.body).toBe(NOT_BUILT);
      expect(NOT_BUILT).toContain("npm run build");
      expect(dashboardsAnswer("/dashboards/app.js", empty).status).toBe(404);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it("writes CSV for French Excel: BOM, `;`, CRLF, decimal comma, quotes, no formula, masked as s", () => {
    const text = csvText(
      ["a", "b.c"],
      [
        [1.5, MASKED],
        ["=HYPERLINK(1)", 'dit "oui"; non'],
        [null, true],
      ],
    );
    expect(text).toBe('\uFEFFa;b.c\r\n1,5;s\r\n\'=HYPERLINK(1);"dit ""oui""; non"\r\n;true\r\n');
    const flat = flattenList([
      { year: 2024, origin: { type: "SPSTI", id: "sstrn" }, count: null, suppressed: true },
      { year: 2025, origin: { type: "SPSTI", id: "stam" }, count: 12, suppressed: false, phases: [{ n: 1 }] },
    ]);
    expect(flat.header).toEqual(["year", "origin.type", "origin.id", "count", "suppressed", "phases.0.n"]);
    expect(flat.rows).toEqual([
      [2024, "SPSTI", "sstrn", MASKED, true, null],
      [2025, "SPSTI", "stam", 12, false, 1],
    ]);
  });
});

describe("the dashboard page in a real browser", () => {
  it("as a DREETS engineer: every panel draws, masked cells read s, the campaign shows its states, CSVs match the API", async () => {
    const token = await tokenFor(DREETS);
    const s = await openSession();
    const { page } = s;
    await step(s, "loading the page", () => page.goto(`${base}/dashboards#token=${token}`));
    await loaded(s, 1);
    expect(await page.title()).toBe("Passerelle · Tableaux de bord");

    // The token: taken from the fragment, wiped from the address, kept in this tab only, never logged.
    expect(await page.evaluate(() => location.hash)).toBe("");
    expect(await page.evaluate(() => sessionStorage.getItem("passerelle:token"))).toBe(token);
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain(token);
    expect(s.graphqlAuth.length).toBeGreaterThanOrEqual(PANELS.length);
    expect(s.graphqlAuth.every((a) => a === `Bearer ${token}`)).toBe(true);

    for (const name of PANELS) {
      const chart = await chartOf(page, name);
      expect(chart.state, `${name}: ${chart.status}`).toBe("ready");
      expect(chart.points, name).toBeGreaterThanOrEqual(1);
      expect(chart.inked, name).toBeGreaterThan(500);
    }
    const pdpOrg = await page.locator('select[name="pdpOrg"]').inputValue();
    expect(pdpOrg).toBe("sstrn"); // the region's first SPSTI
    const vars = variablesFor(defaults(pdpOrg));

    // Annex 4: each masked figure is "s" in the table and in the CSV, never 0, and a marker, not a bar.
    const annex4 = (await api<Annex4Api>(ANNEX4_QUERY, vars.DashboardAnnex4, DREETS)).data!;
    const apiRows = annex4.territory.annex4;
    const fields = ["formes", "accompagnes", "cibles"] as const;
    const masked = apiRows.flatMap((r) =>
      fields.filter((f) => r[f] === null && r.suppressed).map((f) => [r, f] as const),
    );
    expect(masked.length).toBeGreaterThan(0); // the seed masks some: else this test proves nothing
    const themeLabel = new Map(annex4.themes.map((th) => [th.code, th.label]));
    const sameRow = (r: (typeof apiRows)[number]) => (row: Record<string, string>) =>
      row.theme === themeLabel.get(r.theme) &&
      row["spsti.shortName"] === r.spsti.shortName &&
      row["cpom.id"] === r.cpom.id;
    const table = await tableOf(page, "annex4");
    expect(table).toHaveLength(apiRows.length);
    for (const [r, f] of masked) {
      expect(table.filter(sameRow(r))).toHaveLength(1);
      expect(table.find(sameRow(r))![f]).toBe("s");
    }
    expect(await panel(page, "annex4").locator("td.masked").count()).toBe(masked.length);
    const annexChart = await chartOf(page, "annex4");
    expect(annexChart.masked).toBe(masked.length);
    expect(annexChart.points).toBe(apiRows.length * fields.length - masked.length);
    const annexCsv = await download(page, () =>
      panel(page, "annex4").getByRole("button", { name: "CSV" }).click(),
    );
    expect(annexCsv.name).toBe(`passerelle-annex4-52-${DEFAULTS.annex4Year}.csv`);
    const annexRows = parseCsv(annexCsv.raw);
    expect(annexRows.header).toEqual([
      "theme",
      "spsti.shortName",
      "cpom.id",
      "formes",
      "accompagnes",
      "cibles",
    ]);
    expect(annexRows.rows).toHaveLength(apiRows.length);
    for (const r of apiRows) {
      const row = annexRows.rows.find(sameRow(r))!;
      for (const f of fields)
        expect(row[f], `${r.cpom.id} ${r.theme} ${f}`).toBe(csvFigure(r[f], r.suppressed));
    }

    // SUMER: the region's masked prevalence reads "s".
    const sumer = (await api<{ sumerRegional: SumerApi[] }>(SUMER_QUERY, vars.DashboardSumer, DREETS)).data!;
    const hidden = sumer.sumerRegional.filter((r) => r.prevalence === null && r.suppressed);
    expect(hidden.length).toBeGreaterThan(0);
    const sumerTable = await tableOf(page, "sumer");
    for (const r of hidden)
      expect(sumerTable.find((row) => row.indicator === r.indicator)!["regional.prevalence"]).toBe("s");
    expect((await chartOf(page, "sumer")).masked).toBe(hidden.length);

    // Frequency index: the CSV holds the API's very numbers; a year without figures is empty, not 0.
    const freq = (
      await api<{ sector: { regional: AtApi[]; national: AtApi[] } }>(
        FREQUENCY_QUERY,
        vars.DashboardFrequency,
        DREETS,
      )
    ).data!.sector;
    const freqCsv = parseCsv(
      (await download(page, () => panel(page, "frequency").getByRole("button", { name: "CSV" }).click())).raw,
    );
    expect(freqCsv.rows.map((r) => Number(r.year))).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025]);
    for (const row of freqCsv.rows) {
      const regional = freq.regional.find((r) => r.year === Number(row.year));
      const national = freq.national.find((r) => r.year === Number(row.year));
      expect(row["regional.frequencyIndex"]).toBe(csvFigure(regional?.frequencyIndex, regional?.suppressed));
      expect(row["national.frequencyIndex"]).toBe(csvFigure(national?.frequencyIndex, national?.suppressed));
      expect(row["regional.accidents"]).toBe(csvFigure(regional?.accidents, regional?.suppressed));
    }
    expect(freq.regional.some((r) => r.year === 2025)).toBe(false);
    expect(freqCsv.rows.at(-1)!["regional.frequencyIndex"]).toBe("");
    expect((await tableOf(page, "frequency")).at(-1)!["regional.frequencyIndex"]).toBe("—");

    // The campaign: a DREETS signs the region's CPOMs, so it reads each report's state.
    const campaign = (
      await api<{ annex4Campaign: { state: string; cpom: { id: string } }[] }>(
        CAMPAIGN_QUERY,
        vars.DashboardCampaign,
        DREETS,
      )
    ).data!.annex4Campaign;
    expect(campaign.length).toBeGreaterThan(0);
    const french: Record<string, string> = {
      NOT_STARTED: "Non commencé",
      DRAFT: "Brouillon",
      SUBMITTED: "Transmis",
      RETURNED: "Renvoyé",
      VALIDATED: "Validé",
    };
    const campaignTable = await tableOf(page, "campaign");
    expect(campaignTable.map((r) => [r["cpom.id"], r.state])).toEqual(
      campaign.map((e) => [e.cpom.id, french[e.state]]),
    );

    // Query → CSV: the first list of any answer, flattened, with the same figures as the API.
    const pdpQuery =
      "{ pdpSignalements(years: { from: 2024, to: 2024 }) { year direction origin { type id } count suppressed } }";
    const pdp = (await api<{ pdpSignalements: PdpApi[] }>(pdpQuery, {}, DREETS)).data!.pdpSignalements;
    expect(pdp.some((r) => r.count === null && r.suppressed)).toBe(true);
    await page.locator('[data-part="query"]').fill(pdpQuery);
    const box = await download(page, () =>
      page.getByRole("button", { name: "Exécuter et télécharger le CSV" }).click(),
    );
    expect(box.name).toBe("passerelle-pdpSignalements.csv");
    const boxCsv = parseCsv(box.raw);
    expect(boxCsv.header).toEqual(["year", "direction", "origin.type", "origin.id", "count", "suppressed"]);
    expect(boxCsv.rows.map((r) => [r.year, r.direction, r["origin.id"], r.count])).toEqual(
      pdp.map((r) => [String(r.year), r.direction, r.origin.id, csvFigure(r.count, r.suppressed)]),
    );
    // And the PDP panel itself, for its organisation.
    const pdpPanel = (await api<{ pdpSignalements: PdpApi[] }>(PDP_QUERY, vars.DashboardPdp, DREETS)).data!;
    expect(await tableOf(page, "pdp")).toHaveLength(pdpPanel.pdpSignalements.length);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(10_000);

    expect(s.problems).toEqual([]);
    expect(s.console.filter((line) => line.includes(token))).toEqual([]);
    expect(s.requests.some((u) => u.startsWith(`${base}/dashboards/app.js`))).toBe(true);
    expect(s.requests.filter((u) => !/^http:\/\/127\.0\.0\.1:\d+\//.test(u))).toEqual([]);
    await s.context.close();
  });

  it("as a national analyst: the campaign is not available for the role, and every other panel draws", async () => {
    const token = await tokenFor(ANALYST);
    const refused = await t.gql(
      CAMPAIGN_QUERY,
      { year: DEFAULTS.campaignYear },
      { authorization: `Bearer ${token}` },
    );
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);

    const s = await openSession();
    const { page } = s;
    await step(s, "loading the page", () => page.goto(`${base}/dashboards`));
    await loaded(s, 1);
    // Without a token, partner panels say so; open data still draws.
    expect((await chartOf(page, "frequency")).state).toBe("ready");
    expect((await chartOf(page, "campaign")).status).toContain("Non disponible sans jeton");

    // The token typed in the password field this time.
    expect(await page.locator('[data-part="token"]').getAttribute("type")).toBe("password");
    await page.locator('[data-part="token"]').fill(token);
    await page.getByRole("button", { name: "Utiliser" }).click();
    await loaded(s, 2);
    expect(await page.evaluate(() => sessionStorage.getItem("passerelle:token"))).toBe(token);
    expect(s.graphqlAuth.at(-1)).toBe(`Bearer ${token}`);

    const campaign = await chartOf(page, "campaign");
    expect(campaign.state).toBe("unavailable");
    expect(campaign.status).toBe("Non disponible pour votre rôle.");
    expect(campaign.points).toBe(0);
    expect(await panel(page, "campaign").getByRole("button", { name: "CSV" }).isDisabled()).toBe(true);
    await expect.poll(() => panel(page, "campaign").locator("canvas").isVisible()).toBe(false);
    for (const name of PANELS.filter((p) => p !== "campaign")) {
      const chart = await chartOf(page, name);
      expect(chart.state, `${name}: ${chart.status}`).toBe("ready");
      expect(chart.points, name).toBeGreaterThanOrEqual(1);
      expect(chart.inked, name).toBeGreaterThan(500);
    }

    expect(s.problems).toEqual([]);
    expect(s.console.filter((line) => line.includes(token))).toEqual([]);
    expect(s.requests.filter((u) => !/^http:\/\/127\.0\.0\.1:\d+\//.test(u))).toEqual([]);
    await s.context.close();
  });
});
