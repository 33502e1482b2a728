import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { dashboardsHtml } from "./dashboards-page.js";

/**
 * The dashboard page at /dashboards and its bundle at /dashboards/<file>,
 * served from the project's own build like GraphiQL, so it works on a closed
 * network. The page reads data only through /graphql of the same origin with
 * the viewer's token; its CSP lets it reach nothing else and run no inline
 * script.
 *
 * The bundle is what `npm run build` writes (tools/build-dashboards.ts):
 * dist/dashboards/. The compiled server (dist/src/http/) finds it beside its
 * own tree; run from the sources (`npm run dev`, the tests), this module
 * finds the last build's in the repository's dist/.
 */
export const BUNDLE_DIR = fileURLToPath(
  new URL(import.meta.url.endsWith(".ts") ? "../../dist/dashboards/" : "../../dashboards/", import.meta.url),
);

/** The page's Content-Security-Policy: its own files, its own API, no inline script, no framing. */
export const DASHBOARDS_CSP =
  "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The bundle's files: only these names reach the disk (`hasOwn`: "__proto__" is a 404 too). */
const ASSETS: Record<string, string> = {
  "app.js": "text/javascript; charset=utf-8",
  "app.css": "text/css; charset=utf-8",
};

export const NOT_BUILT =
  "The dashboards are not built: run `npm run build` (it bundles src/dashboards/ into dist/dashboards/), then reload.\n" +
  "Les tableaux de bord ne sont pas construits : lancez `npm run build`, puis rechargez la page.\n";

/** An answer of this route. */
export interface DashboardsAnswer {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

interface Loaded {
  mtimeMs: number;
  body: Buffer;
  hash: string;
}
const cache = new Map<string, Loaded>();

/** A bundle file, re-read when a new build replaced it; null when missing. */
function load(dir: string, name: string): Loaded | null {
  const file = path.join(dir, name);
  let mtimeMs: number;
  try {
    mtimeMs = statSync(file).mtimeMs;
  } catch {
    return null;
  }
  const known = cache.get(file);
  if (known?.mtimeMs === mtimeMs) return known;
  const body = readFileSync(file);
  const loaded = { mtimeMs, body, hash: createHash("sha256").update(body).digest("hex").slice(0, 16) };
  cache.set(file, loaded);
  return loaded;
}

const text = (status: number, body: string, extra: Record<string, string> = {}): DashboardsAnswer => ({
  status,
  headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...extra },
  body,
});

/** The answer for a path under /dashboards, with the bundle read from `dir`. */
export function dashboardsAnswer(pathname: string, dir = BUNDLE_DIR): DashboardsAnswer {
  if (pathname === "/dashboards") {
    const files = Object.keys(ASSETS).map((name) => load(dir, name));
    if (files.some((f) => f === null)) return text(503, NOT_BUILT, { "retry-after": "10" });
    const version = createHash("sha256")
      .update(files.map((f) => f!.hash).join())
      .digest("hex")
      .slice(0, 16);
    return {
      status: 200,
      headers: {
        "content-type": "text/html; charset=utf-8",
        "cache-control": "no-store",
        "content-security-policy": DASHBOARDS_CSP,
        "x-content-type-options": "nosniff",
        "referrer-policy": "no-referrer",
      },
      body: dashboardsHtml(version),
    };
  }
  // The page's file URLs are relative: from "/dashboards/" they would miss, so send the browser back.
  if (pathname === "/dashboards/") return { ...text(308, ""), headers: { location: "../dashboards" } };
  const name = pathname.slice("/dashboards/".length);
  const asset = Object.hasOwn(ASSETS, name) ? load(dir, name) : null;
  if (!asset) return text(404, "Not found");
  return {
    status: 200,
    headers: {
      "content-type": ASSETS[name],
      "cache-control": "public, max-age=3600",
      "x-content-type-options": "nosniff",
    },
    body: asset.body,
  };
}

/** Serves GET and HEAD under /dashboards. */
export function serveDashboards(req: IncomingMessage, res: ServerResponse, pathname: string): void {
  const answer =
    req.method === "GET" || req.method === "HEAD"
      ? dashboardsAnswer(pathname)
      : text(405, "Method not allowed", { allow: "GET, HEAD" });
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}
