import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";
import { GraphQLError } from "graphql";
import { MongoServerSelectionError, MongoNetworkError } from "mongodb";
import type { App } from "../app.js";
import { hasRole } from "../auth/policy.js";
import type { Viewer } from "../auth/roles.js";
import { datasetNamed, datasetsServedBy } from "../imports/catalogue.js";
import { runImport, type ImportReport } from "../imports/pipeline.js";
import type { RateLimits } from "../ops/rate-limit.js";
import { recordLimitRefusal } from "../ops/metrics.js";
import { currentTrace } from "../ops/request-trace.js";
import { refuseBody } from "./body.js";

/**
 * `POST /imports/<dataset>[?year=2023&name=file.xlsx&dryRun=1]`, the file
 * as the body, `Authorization: Bearer <token>` of a DATA_STEWARD. The
 * steward imports for its own organisation only (the token's `org`); the
 * dataset's mapper refuses rows of another caisse, region or SPSTI.
 * Answers JSON: 201 with the version created, 200 when unchanged or valid
 * (dry run), 422 with every refused row, 401/403/404/413/503 otherwise,
 * each with a stable `code`.
 */
const MAX_BYTES = Number(process.env.IMPORT_MAX_MB ?? 200) * 1_000_000;

export async function handleImport(
  app: App,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  perimeter: { limits: RateLimits | null; ip: string } = { limits: null, ip: "" },
): Promise<void> {
  if (req.method !== "POST")
    return json(res, 405, { code: "METHOD_NOT_ALLOWED", message: "POST the file to this address" });
  let viewer: Viewer | null;
  try {
    viewer = await app.verifyToken(req.headers.authorization);
  } catch (err) {
    return json(res, 401, {
      code: "UNAUTHENTICATED",
      message: err instanceof GraphQLError ? err.message : "Invalid token.",
    });
  }
  if (!viewer)
    return json(res, 401, {
      code: "UNAUTHENTICATED",
      message: "An import needs a data steward's token (Authorization: Bearer …).",
    });
  if (!hasRole(viewer, "DATA_STEWARD"))
    return json(res, 403, { code: "FORBIDDEN", message: "Only a DATA_STEWARD may import data." });
  const trace = currentTrace();
  if (trace) [trace.roles, trace.org] = [viewer.roles, `${viewer.org.type}:${viewer.org.id}`];
  const refusal = await perimeter.limits?.admit(viewer, perimeter.ip);
  if (refusal) {
    res.setHeader("retry-after", String(refusal.retryAfterSeconds));
    return json(res, 429, {
      code: "RATE_LIMITED",
      message: `Too many requests. Retry in ${refusal.retryAfterSeconds} s.`,
    });
  }
  const name = decodeURIComponent(url.pathname.slice("/imports/".length));
  const served = datasetsServedBy(app.config.subgraph?.name ?? null);
  const dataset = served.find((d) => d.name === name);
  if (!dataset)
    return json(res, 404, {
      code: "NOT_FOUND",
      message: `No dataset "${name}"${datasetNamed(name) ? " on this subgraph" : ""}. Datasets: ${served.map((d) => d.name).join(", ")}.`,
    });
  const yearParam = url.searchParams.get("year");
  const year = yearParam === null ? null : Number(yearParam);
  if (year !== null && !(Number.isInteger(year) && year >= 2000 && year <= 2100)) {
    return json(res, 400, {
      code: "BAD_USER_INPUT",
      field: "year",
      message: `year must be a year, got "${yearParam}"`,
    });
  }
  const dir = await mkdtemp(path.join(tmpdir(), "passerelle-import-"));
  try {
    const file = path.join(dir, "upload");
    if (!(await spool(req, file))) {
      recordLimitRefusal("import_body");
      currentTrace()?.codes.add("PAYLOAD_TOO_LARGE");
      return refuseBody(res, {
        code: "PAYLOAD_TOO_LARGE",
        message: "The file is larger than this server accepts (IMPORT_MAX_MB).",
      });
    }
    const report = await runImport(app.db, {
      dataset,
      path: file,
      fileName: path.basename(url.searchParams.get("name") ?? `${dataset.name}-upload`),
      org: viewer.org,
      subject: viewer.subject,
      year,
      dryRun: ["1", "true"].includes(url.searchParams.get("dryRun") ?? ""),
      disclosure: app.disclosure,
    });
    return json(res, statusOf(report), answer(report));
  } catch (err) {
    if (err instanceof MongoServerSelectionError || err instanceof MongoNetworkError) {
      return json(res, 503, {
        code: "UPSTREAM_UNAVAILABLE",
        message: "The database is unavailable: nothing was imported. Please retry shortly.",
      });
    }
    throw err;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function statusOf(r: ImportReport): number {
  return r.status === "IMPORTED" ? 201 : r.status === "REFUSED" ? 422 : 200;
}

function answer(r: ImportReport): object {
  if (r.status === "REFUSED") {
    return {
      status: r.status,
      code: "BAD_USER_INPUT",
      message: "The file was refused: nothing was changed.",
      rows: r.rows,
      seconds: r.seconds,
      issueCount: r.issueCount,
      issues: r.issues,
    };
  }
  const {
    process: _process,
    heartbeatAt: _beat,
    ...version
  } = "version" in r ? r.version : ({} as Record<string, unknown>);
  return {
    status: r.status,
    rows: r.rows,
    seconds: r.seconds,
    warnings: r.warnings,
    ...("version" in r ? { version } : {}),
  };
}

/**
 * Streams the body to `file`; false as soon as it passes the limit. The rest
 * is then read and dropped, not refused by destroying the request: that
 * resets the connection before the client reads the 413 (`refuseBody` closes
 * it once the answer is out).
 */
function spool(req: IncomingMessage, file: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size <= MAX_BYTES) return done(null, chunk);
        resolve(false);
        done(); // dropped
      },
    });
    pipeline(req, limit, createWriteStream(file)).then(
      () => resolve(size <= MAX_BYTES),
      (err: unknown) => (size > MAX_BYTES ? resolve(false) : reject(err)),
    );
  });
}

function json(res: ServerResponse, status: number, body: object): void {
  const { code } = body as { code?: unknown };
  if (typeof code === "string") currentTrace()?.codes.add(code); // for the request's log line
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}
