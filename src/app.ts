import { ApolloServer } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import type { Db } from "mongodb";
import type { GraphQLSchema } from "graphql";
import type { Config, LimitsConfig } from "./config.js";
import { createContext, type Context } from "./context.js";
import { buildSchema } from "./schema.js";
import { buildSubgraph } from "./federation/subgraph-schema.js";
import { formatError, nameBadArguments } from "./graphql/format-error.js";
import { readSeedInfo } from "./db/meta.js";
import { createTokenVerifier, type TokenVerifier } from "./auth/tokens.js";
import { auditTrailPlugin } from "./privacy/audit.js";
import { requestTracePlugin } from "./ops/request-trace.js";
import { jitGateway } from "./graphql/jit-executor.js";
import { queryLimitsPlugin } from "./graphql/limits.js";
import { recordLimitRefusal } from "./ops/metrics.js";
import { introspectionPlugin } from "./graphql/introspection.js";
import { trustedDocumentsCache, trustedDocumentsPlugin } from "./graphql/trusted-documents.js";
import {
  disclosureConfig,
  disclosureSummary,
  gridsFor,
  type DisclosureConfig,
} from "./privacy/disclosure-config.js";
import { importedReadsFor, type ReadCache } from "./db/read-cache.js";

export const API_VERSION = "0.1.0";

export interface App {
  apollo: ApolloServer<Context>;
  /** Builds the per-request context (viewer from the Authorization header, fresh loaders). */
  context(authorization: string | undefined): Promise<Context>;
  db: Db;
  config: Config;
  /** The same token verification as GraphQL's, for the other HTTP routes (imports). */
  verifyToken: TokenVerifier;
  /** The process's cache of imported-data reads; null when READ_CACHE_MB=0. */
  readCache: ReadCache | null;
  /** Disclosure settings with the process's protected grids (imports compute the grid of what they make current). */
  disclosure: DisclosureConfig;
  stop(): Promise<void>;
}

/**
 * Assembles the GraphQL server over a connected database. Used by main.ts,
 * the tests and the benchmarks alike, so they all exercise the same server.
 */
export async function createApp(db: Db, config: Config): Promise<App> {
  const seed = await readSeedInfo(db);
  const about = {
    version: API_VERSION,
    seedScale: seed?.scale ?? null,
    disclosure: disclosureSummary(config),
  };
  const verifyToken = createTokenVerifier(config.auth);
  // SUBGRAPH: one partner's part of the schema, as a Federation subgraph; else the whole schema.
  const schema = config.subgraph ? buildSubgraph(config.subgraph.name) : buildSchema();
  const { cache: readCache, reads, versions } = importedReadsFor(db, config.readCache);
  const grids = gridsFor(config, db);
  const options = apolloOptions(schema, config, { audit: true });
  // EXECUTOR=jit: compiled execution behind the same Apollo pipeline (src/graphql/jit-executor.ts); stock: graphql-js.
  const apollo =
    config.executor === "jit"
      ? new ApolloServer<Context>({ ...options, gateway: jitGateway(schema) })
      : new ApolloServer<Context>({ ...options, schema });
  await apollo.start();
  return {
    apollo,
    db,
    config,
    verifyToken,
    context: (authorization) =>
      createContext({ db, reads, versions, config, about, verifyToken, grids }, authorization),
    readCache,
    disclosure: disclosureConfig(config.smallCountThreshold, grids),
    stop: () => apollo.stop(),
  };
}

/**
 * Apollo's settings, the same for the single process, a subgraph and the
 * gateway's front (src/gateway/app.ts): error masking, limits,
 * introspection, trusted documents; the audit trail where personal data is
 * read (not at the gateway, which reads none).
 */
export function apolloOptions(schema: GraphQLSchema, config: Config, { audit }: { audit: boolean }) {
  const limits = config.subgraph ? subgraphLimits(config.limits) : config.limits;
  return {
    introspection: true,
    // main.ts owns SIGINT/SIGTERM. With Apollo's own handlers too, both called stop() at once, and
    // Apollo 5 never releases a second, concurrent stop() (its barrier is only resolved on failure): the
    // server hung instead of exiting (tests/startup.test.ts).
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    formatError,
    // No cache hints are used; the cache-control plugin costs 35-45 % on lists (shared/references.md).
    // The landing page is ours (offline GraphiQL), not Apollo's CDN-loaded one.
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      // A subgraph would otherwise add Apollo's usage traces to its answers for whoever asks.
      ApolloServerPluginInlineTraceDisabled(),
      nameBadArguments,
      queryLimitsPlugin(schema, limits, recordLimitRefusal),
      introspectionPlugin(schema),
      // The gateway enforces trusted documents; a subgraph answers the queries its query plans make.
      trustedDocumentsPlugin(config.subgraph ? { mode: "off", adHocRoles: [] } : config.trustedDocuments),
      ...(audit ? [auditTrailPlugin] : []),
      requestTracePlugin,
    ],
    // Clients call the trusted documents by hash; nobody can register new ones.
    persistedQueries: { cache: trustedDocumentsCache() },
    // The lexer stops past this many tokens, before anything else is spent on the document.
    parseOptions: { maxTokens: limits.tokens },
  };
}

/**
 * A subgraph's limits: the gateway applied the caller's own before planning,
 * so a subgraph guards against a runaway plan, not against the caller. Every
 * caller gets the partners' limits, with room for the aliases Hive adds when
 * it merges requests to one subgraph (`_v0_field`: one per field), and for
 * the longer text of its queries.
 */
export function subgraphLimits(limits: LimitsConfig): LimitsConfig {
  const partner = { ...limits.partner, aliases: limits.partner.aliases * 10 };
  return { partner, anonymous: partner, tokens: limits.tokens * 10 };
}
