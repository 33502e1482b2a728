import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { App } from "../app.js";
import { silentLogger, type Logger } from "../ops/logger.js";
import { createRateLimits, type RateLimitConfig, type RateLimits } from "../ops/rate-limit.js";
import { newTrace, runTraced, type RequestTrace } from "../ops/request-trace.js";
import { DEFAULT_MAX_BODY_BYTES } from "./body.js";
import { applyCors } from "./cors.js";
import { serveDashboards } from "./dashboards.js";
import { graphiqlAsset, graphiqlPage } from "./graphiql.js";
import { handleGraphQL, type GraphQLRouteOptions } from "./graphql.js";
import { handleExport } from "./exports.js";
import { handleImport } from "./imports.js";
import { readiness } from "./probes.js";
import { signatureProblem } from "../federation/signature.js";
import { clientAddress, finishRequest, requestIdOf, routeOf } from "./request-log.js";

/** The perimeter's settings (src/config.ts reads them from the environment; docs/operations.md). */
export interface HttpOptions {
  /** Largest GraphQL request body (MAX_BODY_BYTES); 1 MB by default. */
  maxBodyBytes?: number;
  /** Browser origins allowed to call /graphql (CORS_ORIGINS); none by default. */
  corsOrigins?: readonly string[];
  /** Requests per minute (RATE_LIMIT_PER_MINUTE, RATE_LIMIT_ORG_PER_MINUTE); off by default. */
  rateLimit?: RateLimitConfig;
  /** Reverse proxies in front of the server whose X-Forwarded-For is trusted (TRUST_PROXY_HOPS); 0 by default. */
  trustProxyHops?: number;
  /** Where the request lines go; nothing is logged by default (tests, benchmarks). */
  logger?: Logger;
}

export interface Perimeter {
  maxBodyBytes: number;
  origins: ReadonlySet<string>;
  limits: RateLimits | null;
  trustProxyHops: number;
  logger: Logger;
}

/**
 * The HTTP front: POST/GET /graphql go to Apollo; a browser asking for
 * /graphql gets the offline GraphiQL; POST /imports/<dataset> brings a
 * partner's file in (imports.ts); GET /exports/annex4.xlsx takes the DGT
 * survey's grid out (exports.ts); /dashboards is the dashboard page
 * (dashboards.ts); /health (liveness) and /ready (readiness)
 * answer probes. Every answer carries the request's `x-request-id`, and each
 * request makes one JSON log line and its metrics (request-log.ts). Plain
 * node:http keeps the path from socket to executor short (see bench/).
 */
export function createHttpServer(app: App, options: HttpOptions = {}): Server {
  return createFrontServer(options, (perimeter, req, res, url, trace) =>
    handle(app, perimeter, req, res, url, trace),
  );
}

/** A route table: answers one request, within the perimeter, under its trace. */
export type Routes = (
  perimeter: Perimeter,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  trace: RequestTrace,
) => Promise<void>;

/**
 * The HTTP perimeter every Passerelle server shares (the single process, a
 * subgraph, the gateway): request id, one log line and metrics per request,
 * rate limits, body limit, and a masked 500 for whatever a route throws.
 */
export function createFrontServer(options: HttpOptions, routes: Routes): Server {
  const perimeter: Perimeter = {
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    origins: new Set(options.corsOrigins ?? []),
    limits: options.rateLimit ? createRateLimits(options.rateLimit) : null,
    trustProxyHops: options.trustProxyHops ?? 0,
    logger: options.logger ?? silentLogger,
  };
  return createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const trace = newTrace(requestIdOf(req), routeOf(url.pathname));
    res.setHeader("x-request-id", trace.id);
    res.once("close", () => finishRequest(trace, req, res, perimeter.logger));
    runTraced(trace, () => routes(perimeter, req, res, url, trace)).catch((err: unknown) => {
      // The error's name only: a message may quote a value.
      perimeter.logger.error(
        { requestId: trace.id, error: err instanceof Error ? err.name : typeof err },
        "request failed",
      );
      trace.codes.add("INTERNAL_SERVER_ERROR");
      if (!res.headersSent)
        send(
          res,
          500,
          "application/json",
          JSON.stringify({
            errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }],
          }),
        );
      else res.destroy();
    });
  });
}

async function handle(
  app: App,
  perimeter: Perimeter,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  trace: RequestTrace,
): Promise<void> {
  if (url.pathname === "/health") return send(res, 200, "application/json", '{"status":"ok"}');
  if (url.pathname === "/ready") {
    const { status, body } = await readiness(app.db);
    return send(res, status, "application/json", JSON.stringify(body));
  }
  // A partner's subgraph serves its gateway (signed /graphql) and its own files; nothing for browsers.
  if (app.config.subgraph) return handleSubgraph(app, perimeter, req, res, url, trace);
  if (await browserPages(req, res, url)) return;
  if (await fileRoutes(app, perimeter, req, res, url)) return;
  if (url.pathname !== "/graphql") return send(res, 404, "text/plain", "Not found");
  if (applyCors(req, res, perimeter.origins)) return;
  if (req.method === "GET" && (req.headers.accept ?? "").includes("text/html")) {
    return send(res, 200, "text/html; charset=utf-8", graphiqlPage());
  }
  return handleGraphQL(app, req, res, url, trace, graphqlRoute(perimeter, req));
}

/** The /graphql route's settings for one request: the perimeter's limits and the client's address. */
export function graphqlRoute(perimeter: Perimeter, req: IncomingMessage): GraphQLRouteOptions {
  return {
    maxBodyBytes: perimeter.maxBodyBytes,
    limits: perimeter.limits,
    ip: clientAddress(req, perimeter.trustProxyHops),
  };
}

/**
 * What a browser gets besides /graphql: GraphiQL's assets, the dashboards
 * (which call /graphql with the viewer's token), and / → /graphql. True
 * when the request was one of these and is answered.
 */
export async function browserPages(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  if (url.pathname.startsWith("/graphiql/")) {
    const asset = graphiqlAsset(url.pathname.slice("/graphiql/".length));
    if (asset) send(res, 200, asset.type, asset.body, "public, max-age=3600");
    else send(res, 404, "text/plain", "Not found");
    return true;
  }
  if (url.pathname === "/dashboards" || url.pathname.startsWith("/dashboards/")) {
    await serveDashboards(req, res, url.pathname);
    return true;
  }
  if (url.pathname === "/") {
    res.writeHead(302, { location: "/graphql" });
    res.end();
    return true;
  }
  return false;
}

/**
 * Files in and out: POST /imports/<dataset> (a subgraph takes its own
 * source's datasets, imports.ts) and GET /exports/annex4.* (the annex-4
 * grid is the SPSTIs' data: in a federation, their subgraph computes it and
 * the gateway forwards it). True when the request was one of these.
 */
async function fileRoutes(
  app: App,
  perimeter: Perimeter,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  const imports = url.pathname.startsWith("/imports/");
  const exports = url.pathname.startsWith("/exports/") && (app.config.subgraph?.name ?? "spsti") === "spsti";
  if (!imports && !exports) return false;
  const perimeterOf = { limits: perimeter.limits, ip: clientAddress(req, perimeter.trustProxyHops) };
  await (imports ? handleImport : handleExport)(app, req, res, url, perimeterOf);
  return true;
}

async function handleSubgraph(
  app: App,
  perimeter: Perimeter,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  trace: RequestTrace,
): Promise<void> {
  if (await fileRoutes(app, perimeter, req, res, url)) return;
  if (url.pathname !== "/graphql") return send(res, 404, "text/plain", "Not found");
  const secret = app.config.subgraph!.gatewaySecret;
  return handleGraphQL(app, req, res, url, trace, {
    ...graphqlRoute(perimeter, req),
    signatureProblem: (body) => signatureProblem(body, secret),
  });
}

export function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  cache = "no-store",
): void {
  res.writeHead(status, { "content-type": type, "cache-control": cache });
  res.end(body);
}
