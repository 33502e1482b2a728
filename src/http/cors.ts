import type { IncomingMessage, ServerResponse } from "node:http";

/** What a browser on an allowed origin may send: bearer tokens, JSON, Apollo's CSRF header, a request id. */
export const CORS_ALLOWED_HEADERS = "authorization, content-type, apollo-require-preflight, x-request-id";
export const CORS_ALLOWED_METHODS = "POST, GET";
/** How long a browser may reuse a preflight's answer (seconds; Chromium caps it at 7200). */
export const CORS_MAX_AGE = "600";
/** Response headers a dashboard's script may read. */
const EXPOSED_HEADERS = "x-request-id, retry-after";

/**
 * CORS for /graphql: partners' dashboards run on their own origins. Only the
 * exact origins of CORS_ORIGINS get CORS headers; any other origin gets none,
 * so its browser blocks the answer (and a preflight from it gets 403). No
 * credentials mode: tokens travel in the Authorization header, never in
 * cookies. Apollo's CSRF prevention still applies to every request that is
 * not a preflight: a browser cannot send a "simple" request that Apollo runs.
 *
 * Returns true when it answered the request (an OPTIONS), false when the
 * caller goes on (the CORS headers of an allowed origin are then set on `res`).
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, allowed: ReadonlySet<string>): boolean {
  const origin = req.headers.origin;
  const ok = origin !== undefined && allowed.has(origin);
  if (allowed.size > 0) res.setHeader("vary", "origin"); // answers differ by origin: caches must key on it
  if (req.method === "OPTIONS") {
    if (origin === undefined || req.headers["access-control-request-method"] === undefined) {
      res.writeHead(204, { allow: "GET, POST, OPTIONS" }); // not a preflight
      res.end();
    } else if (ok) {
      res.writeHead(204, {
        "access-control-allow-origin": origin,
        "access-control-allow-methods": CORS_ALLOWED_METHODS,
        "access-control-allow-headers": CORS_ALLOWED_HEADERS,
        "access-control-max-age": CORS_MAX_AGE,
      });
      res.end();
    } else {
      res.writeHead(403, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(
        JSON.stringify({
          errors: [
            { message: "This origin is not allowed (CORS_ORIGINS).", extensions: { code: "FORBIDDEN" } },
          ],
        }),
      );
    }
    return true;
  }
  if (ok) {
    res.setHeader("access-control-allow-origin", origin);
    res.setHeader("access-control-expose-headers", EXPOSED_HEADERS);
  }
  return false;
}

/**
 * CORS_ORIGINS → the set of allowed origins. Each must be an exact origin
 * (scheme, host, port if any; no path, no slash, no wildcard), or the server
 * refuses to start: a typo would otherwise fail silently in every browser.
 */
export function parseOrigins(raw: string | undefined): string[] {
  const origins = (raw ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const origin of origins) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(origin);
    } catch {
      // reported below
    }
    if (!parsed || parsed.origin !== origin || !/^https?:$/.test(parsed.protocol)) {
      throw new Error(
        `CORS_ORIGINS must list exact origins such as https://dashboard.example.fr (no path, no trailing slash), got "${origin}"`,
      );
    }
  }
  return origins;
}
