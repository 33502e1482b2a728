import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { createHttpServer } from "../src/http/server.js";
import { createLogger } from "../src/ops/logger.js";
import { launchChromium } from "./browser.js";
import { startTestApp, tokenFor, type TestApp } from "./helpers.js";

/**
 * A partner's dashboard in a real browser (headless Chromium): a page served
 * from one 127.0.0.1 port (an allowed origin) calls the API on another port
 * with a bearer token, which makes Chromium send a CORS preflight first; a
 * page from a port that is not allowed is blocked by the browser, and its
 * request never reaches the API. Every request stays on 127.0.0.1: the
 * browser's proxy is a closed local port for anything else.
 */
let t: TestApp;
let browser: Browser | undefined;
const servers: Server[] = [];
const apiLines: Record<string, unknown>[] = [];
let api: string;
let allowedPage: string;
let otherPage: string;

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A dashboard's origin: serves an empty page; the test runs its script in it. */
const pageServer = () =>
  createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end("<!doctype html><title>dashboard</title>");
  });

beforeAll(async () => {
  const [app, chromium] = await Promise.allSettled([
    startTestApp(import.meta.url, { seed: false }),
    launchChromium(),
  ]);
  if (app.status === "fulfilled") t = app.value;
  if (chromium.status === "fulfilled") browser = chromium.value;
  if (app.status === "rejected") throw app.reason;
  if (chromium.status === "rejected") throw chromium.reason;
  allowedPage = await listen(pageServer());
  otherPage = await listen(pageServer());
  const logger = createLogger("info", { write: (line: string) => void apiLines.push(JSON.parse(line)) });
  api = `${await listen(createHttpServer(t.app, { corsOrigins: [allowedPage], logger }))}/graphql`;
});

afterAll(async () => {
  await browser?.close();
  for (const s of servers) {
    s.close();
    s.closeAllConnections();
  }
  await t?.close();
});

/** Opens `origin` in a fresh profile and runs the dashboard's fetch there; what the page's script saw, and every URL the browser asked for. */
async function dashboardCall(origin: string, requestId: string) {
  const context: BrowserContext = await browser!.newContext({
    proxy: { server: "http://127.0.0.1:9", bypass: "127.0.0.1" },
  });
  const requested: string[] = [];
  context.on("request", (r) => void requested.push(r.url()));
  try {
    const page = await context.newPage();
    await page.goto(origin);
    const token = await tokenFor({ role: "DREETS_INGENIEUR_PREVENTION", org: "DREETS:dreets-52" });
    const seen = await page.evaluate(
      async ({ api, token, requestId }) => {
        try {
          const res = await fetch(api, {
            method: "POST",
            headers: {
              "content-type": "application/json",
              authorization: `Bearer ${token}`,
              "x-request-id": requestId,
            },
            body: JSON.stringify({ query: "{ about { version } }" }),
          });
          return { status: res.status, requestId: res.headers.get("x-request-id"), body: await res.json() };
        } catch (err) {
          return { error: String(err) };
        }
      },
      { api, token, requestId },
    );
    return { seen, requested };
  } finally {
    await context.close();
    await new Promise((r) => setTimeout(r, 50)); // the API writes a request's line once its response is closed
  }
}

describe("a dashboard on a partner's origin, in Chromium", () => {
  it("calls the API from an allowed origin: preflight, then the request, its answer and its request id readable", async () => {
    const { seen, requested } = await dashboardCall(allowedPage, "cors-allowed-1");
    expect(seen).toEqual({
      status: 200,
      requestId: "cors-allowed-1",
      body: { data: { about: { version: expect.any(String) } } },
    });
    const preflights = apiLines.filter((l) => l.method === "OPTIONS" && l.status === 204);
    expect(preflights.length).toBeGreaterThanOrEqual(1);
    expect(apiLines.find((l) => l.requestId === "cors-allowed-1")).toMatchObject({
      method: "POST",
      status: 200,
    });
    for (const url of requested) expect(new URL(url).hostname).toBe("127.0.0.1");
  });

  it("is blocked from an origin that is not allowed: the preflight is refused and the request never reaches the API", async () => {
    const before = apiLines.length;
    const { seen, requested } = await dashboardCall(otherPage, "cors-other-1");
    expect(seen).toEqual({ error: expect.stringMatching(/TypeError: Failed to fetch/) });
    const reached = apiLines.slice(before);
    expect(reached.map((l) => [l.method, l.status])).toEqual([["OPTIONS", 403]]);
    expect(reached.some((l) => l.requestId === "cors-other-1")).toBe(false);
    for (const url of requested) expect(new URL(url).hostname).toBe("127.0.0.1");
  });
});
