import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { CommandCounter } from "../db/mongo.js";
import type { ReadCacheStats } from "../db/read-cache.js";

/**
 * The process's Prometheus metrics (prom-client). One registry per process:
 * every server and test app of the process adds to the same series, which is
 * what a scrape of the process should show. Served by metrics-server.ts on
 * its own port, behind METRICS_TOKEN (docs/operations.md).
 *
 * Labels are bounded: an operation name is the client's choice, so only
 * well-formed names are kept, up to MAX_OPERATION_LABELS distinct ones, and
 * the rest count as "other". No label ever holds a subject, an organisation
 * or a value.
 */
export const registry = new Registry();

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export const httpRequests = new Counter({
  name: "passerelle_http_requests_total",
  help: "HTTP requests by route and status.",
  labelNames: ["route", "status"] as const,
  registers: [registry],
});

export const httpDuration = new Histogram({
  name: "passerelle_http_request_duration_seconds",
  help: "Time from the request's arrival to the end of its response, by route.",
  labelNames: ["route"] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

export const graphqlRequests = new Counter({
  name: "passerelle_graphql_requests_total",
  help: "GraphQL requests by operation name and HTTP status.",
  labelNames: ["operation", "status"] as const,
  registers: [registry],
});

export const graphqlDuration = new Histogram({
  name: "passerelle_graphql_request_duration_seconds",
  help: "GraphQL request latency by operation name.",
  labelNames: ["operation"] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

export const graphqlErrors = new Counter({
  name: "passerelle_graphql_errors_total",
  help: "GraphQL requests that carried an error code, by operation and code (once per code per request).",
  labelNames: ["operation", "code"] as const,
  registers: [registry],
});

const limitRefusals = new Counter({
  name: "passerelle_limit_refusals_total",
  help: "Requests refused by a limit, by kind (body size, rate limits, query limits).",
  labelNames: ["kind"] as const,
  registers: [registry],
});

const auditEvents = new Counter({
  name: "passerelle_audit_writes_total",
  help: "Audit-trail events written (personal-data reads and consent changes).",
  registers: [registry],
});

const auditFailures = new Counter({
  name: "passerelle_audit_write_failures_total",
  help: "Audit-trail writes that failed (the response was withheld).",
  registers: [registry],
});

/**
 * Counts a request refused by a limit. Kinds in use: `body` (MAX_BODY_BYTES),
 * `rate_subject`, `rate_org`, `rate_ip` (RATE_LIMIT_*); the query limits add
 * theirs (`depth`, `cost`…). Keep kinds to a short fixed list: each is a series.
 */
export function recordLimitRefusal(kind: string): void {
  limitRefusals.inc({ kind });
}

/** Counts audit events a request wrote, or a failed write (src/ops/db-observer.ts). */
export function recordAuditWrite(events: number, ok: boolean): void {
  if (ok) auditEvents.inc(events);
  else auditFailures.inc();
}

export const MAX_OPERATION_LABELS = 200;
const operationLabels = new Set<string>();

/** The label of an operation name: "-" without one, "other" when malformed or past the bound. */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return "-";
  if (operationLabels.has(name)) return name;
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name) || operationLabels.size >= MAX_OPERATION_LABELS)
    return "other";
  operationLabels.add(name);
  return name;
}

/** What the metrics read at scrape time: the database command counters and the read caches of the process. */
const commandSources = new Set<CommandCounter>();
const cacheSources = new Set<{ stats(): ReadCacheStats }>();
const seen = new WeakMap<object, Map<string, number>>();

/** The increase of `value` since the last scrape, per source and key: counters stay monotonic across sources. */
function delta(source: object, key: string, value: number): number {
  let last = seen.get(source);
  if (!last) {
    last = new Map();
    seen.set(source, last);
  }
  const d = value - (last.get(key) ?? 0);
  last.set(key, value);
  return Math.max(0, d);
}

new Counter({
  name: "passerelle_db_commands_total",
  help: "Database commands sent, by command name (connection housekeeping and the version-marker checks left out, as in CommandCounter).",
  labelNames: ["command"] as const,
  registers: [registry],
  collect() {
    for (const source of commandSources) {
      for (const [command, n] of source.byName) this.inc({ command }, delta(source, command, n));
    }
  },
});

new Counter({
  name: "passerelle_read_cache_hits_total",
  help: "Reads of imported data answered from the read cache.",
  registers: [registry],
  collect() {
    for (const source of cacheSources) this.inc(delta(source, "hits", source.stats().hits));
  },
});

new Counter({
  name: "passerelle_read_cache_misses_total",
  help: "Reads of imported data the read cache sent to the database.",
  registers: [registry],
  collect() {
    for (const source of cacheSources) this.inc(delta(source, "misses", source.stats().misses));
  },
});

new Gauge({
  name: "passerelle_read_cache_bytes",
  help: "Size of the answers the read cache holds (JSON bytes).",
  registers: [registry],
  collect() {
    this.set([...cacheSources].reduce((sum, s) => sum + s.stats().bytes, 0));
  },
});

/**
 * Adds a database's command counter and an app's read cache (null when
 * READ_CACHE_MB=0) to what the metrics report; returns the undo.
 */
export function watchSources(
  commands: CommandCounter | null,
  readCache: { stats(): ReadCacheStats } | null,
): () => void {
  if (commands) commandSources.add(commands);
  if (readCache) cacheSources.add(readCache);
  return () => {
    if (commands) commandSources.delete(commands);
    if (readCache) cacheSources.delete(readCache);
  };
}

let defaults = false;

/** Adds the process metrics (CPU, memory, event-loop lag, GC) once; only when metrics are served, since they sample in the background. */
export function collectProcessMetrics(): void {
  if (defaults) return;
  defaults = true;
  collectDefaultMetrics({ register: registry, prefix: "passerelle_" });
}
