import { randomUUID } from "node:crypto";
import type { Db } from "mongodb";
import type { Config } from "./config.js";
import { versionedReads, type ImportedReads } from "./db/imported-reads.js";
import type { DataVersions } from "./db/data-versions.js";
import { datasetsServedBy } from "./imports/catalogue.js";
import { createLoaders, type Loaders } from "./loaders.js";
import { createAccess, type Access } from "./auth/access.js";
import type { TokenVerifier } from "./auth/tokens.js";
import { createAuditRecorder, type AuditRecorder } from "./privacy/audit.js";
import { disclosureConfig } from "./privacy/disclosure-config.js";
import type { GridStore } from "./privacy/grid/store.js";
import type { DisclosureSummary } from "./privacy/disclosure-config.js";

/** What every resolver receives. Built once per request. */
export interface Context {
  requestId: string;
  /** The viewer's rights; read by the enforcement point and the loaders, never by resolvers. */
  access: Access;
  loaders: Loaders;
  /** Collects the personal-data fields this request resolves; written to the audit trail before the response leaves. */
  audit: AuditRecorder;
  config: Config;
  /** Seed metadata, for `about`. */
  about: { version: string; seedScale: string | null; disclosure: DisclosureSummary };
}

export interface ContextDeps {
  db: Db;
  /** How the imported sources read (src/db/read-cache.ts). */
  reads: ImportedReads;
  /** Which version of each imported slice is current; each request reads one snapshot of it. */
  versions: DataVersions;
  config: Config;
  about: Context["about"];
  verifyToken: TokenVerifier;
  /** The protected publication grids, one per dataset version; null only when config.disclosureGrid is off. */
  grids: GridStore | null;
}

/**
 * Verifies the token (a bad one fails the whole request with
 * UNAUTHENTICATED, never a partial answer), then builds loaders bound to the
 * viewer's row scopes: no cache is ever shared between viewers.
 */
export async function createContext(deps: ContextDeps, authorization: string | undefined): Promise<Context> {
  const access = createAccess(await deps.verifyToken(authorization));
  const loaders = createLoaders(
    deps.db,
    versionedReads(deps.reads, deps.versions, performance.now() + deps.config.executionTimeoutMs),
    access.scopes,
    disclosureConfig(deps.config.smallCountThreshold, deps.grids),
    access.viewer,
    deps.config.subgraph ? datasetsServedBy(deps.config.subgraph.name).map((d) => d.name) : null,
  );
  return {
    requestId: randomUUID(),
    access,
    loaders,
    audit: createAuditRecorder(deps.db),
    config: deps.config,
    about: deps.about,
  };
}
