import { mkdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { exampleTabs } from "../src/http/graphiql-examples.js";
import { launchChromium } from "./browser.js";
import { as, startTestApp, type TestApp } from "./helpers.js";

const ARTIFACTS = new URL("./artifacts/", import.meta.url);
const SCREENSHOT = fileURLToPath(new URL("graphiql.png", ARTIFACTS));
const WAIT = { timeout: 20_000 };

let t: TestApp;
let browser: Browser | undefined;
beforeAll(async () => {
  // Side by side: the Chromium install (first run on a machine) overlaps the
  // seeding. Both settle before a failure is thrown, so afterAll closes what started.
  const [app, chromium] = await Promise.allSettled([startTestApp(import.meta.url), launchChromium()]);
  if (app.status === "fulfilled") t = app.value;
  if (chromium.status === "fulfilled") browser = chromium.value;
  if (app.status === "rejected") throw app.reason;
  if (chromium.status === "rejected") throw chromium.reason;
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** What a page did: every URL it asked for, and every error it reported. */
interface Session {
  context: BrowserContext;
  page: Page;
  requests: string[];
  problems: string[];
}

/**
 * A fresh browser profile on GraphiQL. Every request is recorded and anything
 * not for the test server is aborted, as on the analysts' closed network: a
 * CDN dependency shows up both as a recorded URL and as a broken page.
 */
async function openSession(): Promise<Session> {
  // As an analyst who pasted a token: introspection (the documentation pane) is refused to anonymous callers.
  const token = (await as({ role: "ANALYST_NATIONAL", org: "NATIONAL:dgt" })).authorization;
  const context = await browser!.newContext({
    viewport: { width: 1400, height: 900 },
    extraHTTPHeaders: { authorization: token },
  });
  const requests: string[] = [];
  const problems: string[] = [];
  const server = new URL(t.url).origin;
  await context.route("**/*", (route) => {
    const url = route.request().url();
    requests.push(url);
    return new URL(url).origin === server ? route.continue() : route.abort("blockedbyclient");
  });
  const page = await context.newPage();
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
  });
  page.on("requestfailed", (req) => {
    const error = req.failure()?.errorText;
    // A navigation (the test reloads the page) cancels the page's own requests still in flight, such as
    // GraphiQL's schema fetch: ERR_ABORTED on the test server is that, not a fault. A request to any other
    // origin fails with ERR_BLOCKED_BY_CLIENT (the route above), and is recorded.
    if (error === "net::ERR_ABORTED" && new URL(req.url()).origin === server) return;
    problems.push(`request failed: ${req.url()} ${error}`);
  });
  return { context, page, requests, problems };
}

/** Runs a browser step; on failure, says what the page reported, which a bare timeout does not. */
async function step<T>(s: Session, what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const body = s.page.locator("body");
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, not the DOM property: the test reads the text as rendered (hidden nodes left out).
    const text = await body.innerText({ timeout: 1000 }).catch(() => "?");
    throw new Error(
      `${what}: ${(err as Error).message}\nproblems: ${JSON.stringify(s.problems, null, 1)}\n` +
        `requests: ${JSON.stringify(s.requests, null, 1)}\npage text: ${text.slice(0, 1500)}`,
    );
  }
}

const queryEditor = (page: Page) => page.locator(".graphiql-query-editor .CodeMirror");

/** GraphiQL draws the tab strip only when there are two tabs or more. */
async function tabTitles(page: Page): Promise<string[]> {
  return (await page.locator(".graphiql-tab .graphiql-tab-button").allInnerTexts()).map((s) => s.trim());
}

describe("GraphiQL in a real browser", () => {
  it("opens with the examples, runs About, and needs no host but the server", async () => {
    const s = await openSession();
    const { page } = s;
    await step(s, "loading the page", () => page.goto(t.url));
    await step(s, "waiting for the GraphiQL editor", () => queryEditor(page).waitFor(WAIT));
    expect(await page.title()).toBe("Passerelle · GraphiQL");

    const examples = exampleTabs();
    expect(examples.length).toBeGreaterThan(0);
    if (examples.length > 1) {
      const titles = await tabTitles(page);
      expect(titles).toHaveLength(examples.length);
      expect(titles).toContain("About");
      await page.locator(".graphiql-tab-button", { hasText: /^\s*About\s*$/ }).click();
    } else {
      expect(await tabTitles(page)).toEqual([]);
    }
    await step(s, "the About example in the editor", () =>
      page.locator(".graphiql-query-editor", { hasText: "query About" }).waitFor(WAIT),
    );

    await page.locator(".graphiql-execute-button").click();
    const result = page.locator(".result-window", { hasText: '"seedScale": "region"' });
    await step(s, "waiting for the About result", () => result.waitFor(WAIT));
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, not the DOM property: the test reads the text as rendered (hidden nodes left out).
    expect(await result.innerText()).toContain('"seedScale": "region"');
    // The schema was introspected too (the docs explorer and autocompletion need it).
    await step(s, "the documentation explorer", async () => {
      await page.locator('button[aria-label="Show Documentation Explorer"]').click();
      await page.locator(".graphiql-doc-explorer", { hasText: "Query" }).waitFor(WAIT);
    });

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(10_000);

    expect(s.problems).toEqual([]);
    expect(s.requests.some((u) => u.startsWith(t.url))).toBe(true);
    const elsewhere = s.requests.filter((u) => !/^http:\/\/127\.0\.0\.1:\d+\//.test(u));
    expect(elsewhere).toEqual([]);
    await s.context.close();
  });

  it("shows the current examples rather than tabs saved before they changed", async () => {
    const s = await openSession();
    const { page } = s;
    await page.goto(t.url);
    await step(s, "first visit", () => queryEditor(page).waitFor(WAIT));
    const current = await page.evaluate(() => localStorage.getItem("passerelle:examples"));
    expect(current).toMatch(/^[0-9a-f]{16}$/);
    // What GraphiQL leaves after an analyst replaced the tabs with one of their own.
    // Written from another page of the origin: GraphiQL itself saves its state
    // with a delay, and would overwrite it.
    const health = new URL("/health", t.url).href;
    const saved = async (marker: string) => {
      await page.goto(health);
      await page.evaluate((marker) => {
        const query = "query Mine { __typename }";
        const tab = {
          id: "mine",
          hash: null,
          title: "Mine",
          query,
          variables: null,
          headers: null,
          operationName: "Mine",
          response: null,
        };
        localStorage.setItem("graphiql:tabState", JSON.stringify({ activeTabIndex: 0, tabs: [tab] }));
        localStorage.setItem("graphiql:query", query);
        localStorage.setItem("graphiql:operationName", "Mine");
        localStorage.setItem("passerelle:examples", marker);
      }, marker);
      await page.goto(t.url);
    };

    // Same examples as last visit: GraphiQL keeps the analyst's own tabs.
    await saved(current!);
    await step(s, "the saved tab kept", () =>
      page.locator(".graphiql-query-editor", { hasText: "query Mine" }).waitFor(WAIT),
    );
    expect(await tabTitles(page)).toEqual([]);

    // Examples changed since: the saved tabs give way to the examples.
    await saved("0000000000000000");
    await step(s, "the examples back", () =>
      page.locator(".graphiql-query-editor", { hasText: "query About" }).waitFor(WAIT),
    );
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, not the DOM property: the test reads the text as rendered (hidden nodes left out).
    expect(await queryEditor(page).innerText()).not.toContain("Mine");
    expect(await tabTitles(page)).not.toContain("Mine");
    expect(await page.evaluate(() => localStorage.getItem("passerelle:examples"))).toBe(current);
    expect(s.problems).toEqual([]);
    await s.context.close();
  });
});
