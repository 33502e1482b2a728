import type { AuthConfig } from "./auth/tokens.js";
import type { ExecutorKind } from "./graphql/jit-executor.js";

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
  /** Where the embedded FerretDB keeps its SQLite files. */
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
}

function positiveInt(raw: string, name: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

function nonNegativeInt(raw: string, name: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, 0 or more, got "${raw}"`);
  return n;
}

function executorKind(raw: string | undefined): ExecutorKind {
  const kind = raw || "jit";
  if (kind !== "jit" && kind !== "stock") throw new Error(`EXECUTOR must be "jit" or "stock", got "${raw}"`);
  return kind;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a TCP port, got "${env.PORT}"`);
  return {
    host: env.HOST ?? "127.0.0.1",
    port,
    mongodbUri: env.MONGODB_URI || undefined,
    dbName: env.MONGODB_DB ?? "passerelle",
    dataDir: env.DATA_DIR ?? ".data",
    maxPageSize: Number(env.MAX_PAGE_SIZE ?? 1000),
    auth: {
      devSecret: env.AUTH_DEV_SECRET || undefined,
      jwksUrl: env.AUTH_JWKS_URL || undefined,
      issuer: env.AUTH_ISSUER || undefined,
      audience: env.AUTH_AUDIENCE || undefined,
      production: env.NODE_ENV === "production",
    },
    smallCountThreshold: positiveInt(env.SMALL_COUNT_THRESHOLD ?? "11", "SMALL_COUNT_THRESHOLD"),
    // Falls back to the process's EXECUTOR even for an explicit env map: the
    // executor is a process-wide choice (CI runs the whole suite once per executor).
    executor: executorKind(env.EXECUTOR ?? process.env.EXECUTOR),
    readCache: {
      maxMb: nonNegativeInt(env.READ_CACHE_MB ?? "64", "READ_CACHE_MB"),
      checkMs: nonNegativeInt(env.READ_CACHE_CHECK_MS ?? "1000", "READ_CACHE_CHECK_MS"),
    },
  };
}
