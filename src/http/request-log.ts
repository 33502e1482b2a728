import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../ops/logger.js";
import {
  graphqlDuration,
  graphqlErrors,
  graphqlRequests,
  httpDuration,
  httpRequests,
  operationLabel,
} from "../ops/metrics.js";
import { errorCodes, type RequestTrace } from "../ops/request-trace.js";

/** A client's request id is kept when it is short and plain; anything else is replaced, never echoed. */
const REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** The request id: the client's `x-request-id` when it is safe to log and echo, else a new UUID. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers["x-request-id"];
  return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
}

/** The route label of a path, for logs and metrics (a fixed list: paths are the client's choice). */
export function routeOf(pathname: string): string {
  if (pathname === "/graphql") return "graphql";
  if (pathname === "/health" || pathname === "/ready") return pathname.slice(1);
  if (pathname.startsWith("/imports/")) return "imports";
  if (pathname.startsWith("/exports/")) return "exports";
  if (pathname.startsWith("/graphiql/") || pathname === "/") return "graphiql";
  if (pathname === "/dashboards" || pathname.startsWith("/dashboards/")) return "dashboards";
  return "other";
}

/**
 * The client's address: the socket's peer, or, behind `trustProxyHops`
 * reverse proxies, the address the nearest of them saw (that many entries
 * from the right of X-Forwarded-For; entries further left are the client's
 * own say and are ignored).
 */
export function clientAddress(req: IncomingMessage, trustProxyHops: number): string {
  const peer = req.socket.remoteAddress ?? "unknown";
  if (trustProxyHops <= 0) return peer;
  const forwarded = String(req.headers["x-forwarded-for"] ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return forwarded[forwarded.length - trustProxyHops] ?? forwarded[0] ?? peer;
}

/**
 * Writes the request's log line and its metrics once the response is over
 * (or the client went away). The line has chosen fields only: no header, no
 * token, no variable, no error message (graphql-js quotes a bad variable's
 * value in its message), no subject: roles and organisation suffice to
 * follow a partner's traffic. `dbCommands` counts the commands this request
 * sent (see request-trace.ts); it is absent when the database is not observed.
 */
export function finishRequest(
  trace: RequestTrace,
  req: IncomingMessage,
  res: ServerResponse,
  logger: Logger,
): void {
  const seconds = (performance.now() - trace.start) / 1000;
  const status = res.writableFinished ? res.statusCode : 499; // 499: the client closed the connection first
  const codes = errorCodes(trace);
  httpRequests.inc({ route: trace.route, status: String(status) });
  httpDuration.observe({ route: trace.route }, seconds);
  if (trace.route === "graphql" && req.method !== "OPTIONS") {
    const operation = operationLabel(trace.operationName);
    graphqlRequests.inc({ operation, status: String(status) });
    graphqlDuration.observe({ operation }, seconds);
    for (const code of codes) graphqlErrors.inc({ operation, code });
  }
  const line = {
    requestId: trace.id,
    method: req.method,
    route: trace.route,
    status,
    durationMs: Math.round(seconds * 10_000) / 10,
    operation: loggedName(trace.operationName),
    roles: trace.roles,
    org: trace.org,
    errors: codes.length > 0 ? codes : undefined,
    dbCommands: trace.commands?.total,
  };
  // Probes come every few seconds: their lines are for debugging only.
  if (trace.route === "health" || trace.route === "ready") logger.debug(line, "request");
  else logger.info(line, "request");
}

/** An operation name as logged: a GraphQL name, or "(malformed)" for whatever else a client put in `operationName`. */
function loggedName(name: string | null): string | null {
  if (name === null) return null;
  return /^[A-Za-z_][A-Za-z0-9_]{0,99}$/.test(name) ? name : "(malformed)";
}
