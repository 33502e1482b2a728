import type { IncomingMessage, ServerResponse } from "node:http";
import { MongoNetworkError, MongoServerSelectionError } from "mongodb";
import type { App } from "../app.js";
import { exportAnnex4, ExportRefused, type ExportFormat } from "../exports/annex4-export.js";
import type { RateLimits } from "../ops/rate-limit.js";
import { currentTrace } from "../ops/request-trace.js";

/**
 * `GET /exports/annex4.xlsx?year=2025[&region=52 | &spsti=sstrn]` (or
 * `annex4.csv`), `Authorization: Bearer <token>`: the annex-4 grid of the DGT
 * survey (src/exports/annex4-export.ts), as the reader's own queries would
 * answer it. Errors are JSON with a stable `code` and the `field` at fault:
 * 400, 401, 403, 404, 405, 429, 503.
 */
export async function handleExport(
  app: App,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  perimeter: { limits: RateLimits | null; ip: string },
): Promise<void> {
  try {
    if (req.method !== "GET") throw new ExportRefused(405, "METHOD_NOT_ALLOWED", "GET this address");
    const match = /^\/exports\/annex4\.(csv|xlsx)$/.exec(url.pathname);
    if (!match)
      throw new ExportRefused(404, "NOT_FOUND", "Exports: /exports/annex4.csv and /exports/annex4.xlsx.");
    const viewer = await app.verifyToken(req.headers.authorization).catch(() => null);
    const refusal = viewer ? await perimeter.limits?.admit(viewer, perimeter.ip) : null;
    if (refusal) {
      res.setHeader("retry-after", String(refusal.retryAfterSeconds));
      throw new ExportRefused(
        429,
        "RATE_LIMITED",
        `Too many requests. Retry in ${refusal.retryAfterSeconds} s.`,
      );
    }
    const file = await exportAnnex4(app, req.headers.authorization, {
      format: match[1] as ExportFormat,
      ...exportParams(url.searchParams),
    });
    res.writeHead(200, {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "no-store",
    });
    res.end(file.body);
  } catch (err) {
    if (err instanceof ExportRefused) return refuse(res, err);
    if (err instanceof MongoServerSelectionError || err instanceof MongoNetworkError)
      return refuse(
        res,
        new ExportRefused(503, "UPSTREAM_UNAVAILABLE", "The database cannot be reached; retry later."),
      );
    throw err;
  }
}

/** The query string's year and scope; a bad one is refused with its name. */
export function exportParams(params: URLSearchParams): {
  year: number;
  region: string | null;
  spsti: string | null;
} {
  const raw = params.get("year");
  const year = Number(raw);
  if (raw === null || !Number.isInteger(year) || year < 2000 || year > 2100)
    throw new ExportRefused(400, "BAD_USER_INPUT", `year: give the year reported, e.g. year=2025`, "year");
  const region = params.get("region");
  const spsti = params.get("spsti");
  if (region !== null && spsti !== null)
    throw new ExportRefused(400, "BAD_USER_INPUT", "give region or spsti, not both", "region");
  if (region !== null && !/^\d{2}$/.test(region))
    throw new ExportRefused(400, "BAD_USER_INPUT", "region: an INSEE region code, e.g. region=52", "region");
  if (spsti !== null && !/^[a-z0-9-]{1,40}$/.test(spsti))
    throw new ExportRefused(400, "BAD_USER_INPUT", "spsti: an SPSTI identifier, e.g. spsti=sstrn", "spsti");
  return { year, region, spsti };
}

function refuse(res: ServerResponse, err: ExportRefused): void {
  currentTrace()?.codes.add(err.code); // for the request's log line
  res.writeHead(err.status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify({ code: err.code, field: err.field, message: err.message }));
}
