import type { ExecutorKind } from "./graphql/jit-executor.js";
import { ROLES, type Role } from "./auth/roles.js";
import { parseOrigins } from "./http/cors.js";
import { SUBGRAPH_NAMES, type SubgraphName } from "./federation/names.js";

/**
 * Runtime configuration, read once from the environment. Every setting has a
 * safe local default so that `npm start` works on a fresh clone.
 */
export interface Config {
  host: string;
  port: number;
  /** When set, Passerelle uses this MongoDB instead of the embedded FerretDB. */
  mongodbUri: string | undefined;
  dbName: string;
  /** Where the embedded FerretDB keeps its data (PostgreSQL cluster, or SQLite files). */
  dataDir: string;
  /** Hard cap on page sizes, whatever a client asks for. */
  maxPageSize: number;
  /** Token verification: JWKS in production, an HS256 secret in development. */
  auth: AuthConfig;
  /** Counts of persons below this are suppressed (French health-data practice: 11). */
  smallCountThreshold: number;
  /** GraphQL execution: "jit" (graphql-jit, compiled; the default) or "stock" (graphql-js, the reference). `npm test` runs the suite on both. */
  executor: ExecutorKind;
  /**
   * The cache of imported-data reads (src/db/read-cache.ts): its budget in MB
   * of answers (0 turns it off), and how often the version marker is re-read.
   */
  readCache: { maxMb: number; checkMs: number };
  /** The HTTP perimeter: body size, CORS, rate limits (src/http/server.ts, docs/operations.md). */
  http: HttpSettings;
  /** LOG_LEVEL of the JSON request logs (src/ops/logger.ts). */
  logLevel: LogLevel;
  /** Prometheus metrics on METRICS_HOST:METRICS_PORT, behind METRICS_TOKEN (src/ops/metrics-server.ts); null when METRICS_PORT is unset. */
  metrics: { host: string; port: number; token: string } | null;
  /** Static query limits, per kind of caller (src/graphql/limits.ts, docs/operations.md). */
  limits: LimitsConfig;
  /**
   * How long one request may run (EXECUTION_TIMEOUT_MS): past it, its next
   * read of imported data fails with TIMEOUT and its answer is an error.
   */
  executionTimeoutMs: number;
  /** The largest answer sent (MAX_RESPONSE_BYTES); a larger one is replaced by RESPONSE_TOO_LARGE. */
  maxResponseBytes: number;
  /** Trusted documents (src/graphql/trusted-documents.ts): TRUSTED_DOCUMENTS=off|only, AD_HOC_ROLES. */
  trustedDocuments: TrustedDocumentsConfig;
  /**
   * Statistical secrecy across queries (src/privacy/grid/): Carsat figures
   * are answered from the protected publication grid of their dataset
   * version. Always on, and not settable from the environment: turning it
   * off reopens the differencing attacks of docs/privacy.md. Only the
   * attack suites' negative controls build a server without.
   */
  disclosureGrid: boolean;
  /**
   * SUBGRAPH: this process serves one partner's subgraph behind the gateway
   * (docs/federation.md), over that partner's own database, and answers only
   * calls signed with GATEWAY_SECRET. Null: the single process.
   */
  subgraph: SubgraphConfig | null;
}

export interface SubgraphConfig {
  name: SubgraphName;
  /** The HMAC secret the gateway signs its calls with (GATEWAY_SECRET, 32 characters or more). */
  gatewaySecret: string;
}

/** Token verification (src/auth/tokens.ts): JWKS in production, an HS256 secret in development. */
export interface AuthConfig {
  /** AUTH_DEV_SECRET; when unset, the installation's secret in `<dataDir>/dev-secret` (see devSecretOf). */
  devSecret: string | undefined;
  /** DATA_DIR: where the installation's development secret is kept, beside the embedded database. */
  dataDir: string;
  jwksUrl: string | undefined;
  issuer: string | undefined;
  audience: string | undefined;
  production: boolean;
  /** AUTH_MAX_TOKEN_HOURS: longest lifetime (exp - iat) a token may have; a token without exp is refused. */
  maxTokenHours: number;
}

/** Static limits on a query for one kind of caller (src/graphql/limits.ts). */
export interface QueryLimits {
  depth: number;
  aliases: number;
  directives: number;
  /** Estimated cost: 1 per field, times `first:` (or the declared list size) for each list level below it. */
  cost: number;
}

/** The query limits of each kind of caller (src/graphql/limits.ts). */
export interface LimitsConfig {
  partner: QueryLimits;
  anonymous: QueryLimits;
  /** Lexical tokens of a document, for everyone (the parser stops past it). */
  tokens: number;
}

/** Trusted documents (src/graphql/trusted-documents.ts). */
export interface TrustedDocumentsConfig {
  mode: "off" | "only";
  /** Roles that keep ad-hoc queries in "only" mode (GraphiQL users). */
  adHocRoles: readonly Role[];
}

function positiveInt(raw: string, name: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

function nonNegativeInt(raw: string, name: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${name} must be a whole number, 0 or more, got "${raw}"`);
  return n;
}

function executorKind(raw: string | undefined): ExecutorKind {
  const kind = raw || "jit";
  if (kind !== "jit" && kind !== "stock") throw new Error(`EXECUTOR must be "jit" or "stock", got "${raw}"`);
  return kind;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a TCP port, got "${env.PORT}"`);
  return {
    host: env.HOST ?? "127.0.0.1",
    port,
    mongodbUri: env.MONGODB_URI || undefined,
    dbName: env.MONGODB_DB ?? "passerelle",
    dataDir: env.DATA_DIR ?? ".data",
    maxPageSize: Number(env.MAX_PAGE_SIZE ?? 1000),
    auth: {
      devSecret: env.AUTH_DEV_SECRET || undefined,
      // The development secret lives beside the embedded database (DATA_DIR/dev-secret), never in the repository.
      dataDir: env.DATA_DIR ?? ".data",
      jwksUrl: env.AUTH_JWKS_URL || undefined,
      issuer: env.AUTH_ISSUER || undefined,
      audience: env.AUTH_AUDIENCE || undefined,
      production: env.NODE_ENV === "production",
      maxTokenHours: positiveInt(env.AUTH_MAX_TOKEN_HOURS || "12", "AUTH_MAX_TOKEN_HOURS"),
    },
    smallCountThreshold: positiveInt(env.SMALL_COUNT_THRESHOLD ?? "11", "SMALL_COUNT_THRESHOLD"),
    // Falls back to the process's EXECUTOR even for an explicit env map: the
    // executor is a process-wide choice (CI runs the whole suite once per executor).
    executor: executorKind(env.EXECUTOR ?? process.env.EXECUTOR),
    readCache: {
      maxMb: nonNegativeInt(env.READ_CACHE_MB ?? "64", "READ_CACHE_MB"),
      checkMs: nonNegativeInt(env.READ_CACHE_CHECK_MS ?? "1000", "READ_CACHE_CHECK_MS"),
    },
    http: httpSettings(env),
    logLevel: logLevel(env.LOG_LEVEL),
    metrics: metricsSettings(env),
    limits: queryLimits(env),
    trustedDocuments: trustedDocuments(env),
    disclosureGrid: true,
    subgraph: subgraphSettings(env),
    // A cold read of the national seed on the embedded database takes up to 7 s, the PDP inbox under load
    // up to 42 s (docs/performance.md): the default cuts only what is stuck.
    executionTimeoutMs: positiveInt(env.EXECUTION_TIMEOUT_MS ?? "60000", "EXECUTION_TIMEOUT_MS"),
    // The benchmark's 1,000-item list answers about 0.5 MB: 20 MB leaves room and stops an 80 MB runaway.
    maxResponseBytes: positiveInt(env.MAX_RESPONSE_BYTES ?? "20000000", "MAX_RESPONSE_BYTES"),
  };
}

/**
 * Defaults measured with tools/limits-report.ts: the README examples cost at
 * most 9,702 (depth 5), the PDP inbox 12,251, the benchmark's 1,000-item
 * establishment list with its sectors' rates 181,001 (depth 4), the same list
 * with each establishment's accidents too 495,001. The loop that once stalled
 * the server costs 2.4 million at 6 levels and 12 million at 8 (11 deep).
 */
function queryLimits(env: NodeJS.ProcessEnv): LimitsConfig {
  const n = (name: string, fallback: number) => positiveInt(env[name] ?? String(fallback), name);
  return {
    partner: {
      depth: n("LIMIT_DEPTH", 10),
      aliases: n("LIMIT_ALIASES", 100),
      directives: n("LIMIT_DIRECTIVES", 20),
      cost: n("LIMIT_COST", 1_000_000),
    },
    anonymous: {
      depth: n("LIMIT_DEPTH_ANONYMOUS", 7),
      aliases: n("LIMIT_ALIASES_ANONYMOUS", 15),
      directives: n("LIMIT_DIRECTIVES_ANONYMOUS", 10),
      cost: n("LIMIT_COST_ANONYMOUS", 50_000),
    },
    tokens: n("LIMIT_TOKENS", 3_000),
  };
}

function trustedDocuments(env: NodeJS.ProcessEnv): TrustedDocumentsConfig {
  const mode = env.TRUSTED_DOCUMENTS || "off";
  if (mode !== "off" && mode !== "only")
    throw new Error(`TRUSTED_DOCUMENTS must be "off" or "only", got "${mode}"`);
  const adHocRoles = (env.AD_HOC_ROLES ?? "ANALYST_NATIONAL,ANALYST_REGIONAL,DPO")
    .split(",")
    .map((r) => r.trim())
    .filter(Boolean);
  const unknown = adHocRoles.find((r) => !ROLES.includes(r as Role));
  if (unknown) throw new Error(`AD_HOC_ROLES: unknown role "${unknown}"`);
  return { mode, adHocRoles: adHocRoles as Role[] };
}

export interface HttpSettings {
  /** MAX_BODY_BYTES: largest GraphQL request body; 413 above. */
  maxBodyBytes: number;
  /** CORS_ORIGINS: exact browser origins allowed to call /graphql. */
  corsOrigins: string[];
  /** RATE_LIMIT_PER_MINUTE (per token subject, or per address without a token), RATE_LIMIT_ORG_PER_MINUTE; 0 turns one off. */
  rateLimit: { perMinute: number; orgPerMinute: number };
  /** TRUST_PROXY_HOPS: reverse proxies in front whose X-Forwarded-For names the client. */
  trustProxyHops: number;
}

/**
 * Rate-limit defaults: 600 requests a minute per subject (10 a second, a
 * dashboard refreshing 20 panels every few seconds stays under it) and 3,000
 * per organisation. Tests and benchmarks build their servers without limits
 * (createHttpServer's own default); tests/http-perimeter.test.ts turns small
 * ones on.
 */
function httpSettings(env: NodeJS.ProcessEnv): HttpSettings {
  return {
    maxBodyBytes: positiveInt(env.MAX_BODY_BYTES || "1000000", "MAX_BODY_BYTES"),
    corsOrigins: parseOrigins(env.CORS_ORIGINS),
    rateLimit: {
      perMinute: nonNegativeInt(env.RATE_LIMIT_PER_MINUTE || "600", "RATE_LIMIT_PER_MINUTE"),
      orgPerMinute: nonNegativeInt(env.RATE_LIMIT_ORG_PER_MINUTE || "3000", "RATE_LIMIT_ORG_PER_MINUTE"),
    },
    trustProxyHops: nonNegativeInt(env.TRUST_PROXY_HOPS || "0", "TRUST_PROXY_HOPS"),
  };
}

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

function logLevel(raw: string | undefined): LogLevel {
  const level = raw || "info";
  if (!LOG_LEVELS.includes(level as LogLevel))
    throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, got "${raw}"`);
  return level as LogLevel;
}

/** Metrics are off without METRICS_PORT; with it, METRICS_TOKEN is required: they tell about the partners' traffic. */
function metricsSettings(env: NodeJS.ProcessEnv): Config["metrics"] {
  if (!env.METRICS_PORT) return null;
  const port = Number(env.METRICS_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`METRICS_PORT must be a TCP port, got "${env.METRICS_PORT}"`);
  const token = env.METRICS_TOKEN ?? "";
  if (token.length < 16)
    throw new Error("METRICS_TOKEN must be set, 16 characters or more, when METRICS_PORT is set");
  return { host: env.METRICS_HOST || env.HOST || "127.0.0.1", port, token };
}

/** SUBGRAPH names a partner's subgraph; GATEWAY_SECRET is then required, as its calls are refused without. */
function subgraphSettings(env: NodeJS.ProcessEnv): Config["subgraph"] {
  if (!env.SUBGRAPH) return null;
  const name = env.SUBGRAPH as SubgraphName;
  if (!SUBGRAPH_NAMES.includes(name))
    throw new Error(`SUBGRAPH must be one of ${SUBGRAPH_NAMES.join(", ")}, got "${env.SUBGRAPH}"`);
  const gatewaySecret = env.GATEWAY_SECRET ?? "";
  if (gatewaySecret.length < 32)
    throw new Error("GATEWAY_SECRET must be set, 32 characters or more, when SUBGRAPH is set");
  return { name, gatewaySecret };
}
