import type { ApolloServerOptionsWithGateway } from "@apollo/server";
import { execute, GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema } from "graphql";
import { buildExecutionContext } from "graphql/execution/execute.js";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";
import { LRUCache } from "lru-cache";

/**
 * Compiled execution (graphql-jit) behind Apollo Server 5.
 *
 * Apollo Server 5 has no `executor` option any more; its one hook for
 * replacing execution is the gateway interface, which hands the executor the
 * parsed, validated document and the request's context after every plugin
 * hook before execution has run. Everything else stays Apollo's: parsing,
 * validation, plugins (audit trail, argument naming), `formatError` (the
 * error masking), the HTTP status rules. Resolvers are the schema's own, so
 * the @access wrappers of src/auth/enforce.ts run exactly as on the stock
 * path. graphql-js remains the reference: `EXECUTOR=stock` selects it, and
 * tests/jit.test.ts compares both paths response by response.
 *
 * What is adapted so that responses are identical:
 * - request-level errors (unknown operation, bad variables) come from
 *   graphql-js's own `buildExecutionContext`, so their messages, `nodes`
 *   (Apollo turns bad variables into BAD_USER_INPUT with them) and the 400
 *   status are the stock ones;
 * - graphql-jit's field errors are a look-alike class without `nodes` whose
 *   `extensions` may be undefined (Apollo's error enrichment would then
 *   throw and lose `formatError`): they are rebuilt as graphql-js errors
 *   with the same message, locations, path, originalError and extensions.
 * A document graphql-jit cannot compile runs on graphql-js, and so does a
 * document's first use (see createJitExecutor).
 */

export type ExecutorKind = "jit" | "stock";

type Gateway = ApolloServerOptionsWithGateway<Record<string, unknown>>["gateway"];
type Compiled = CompiledQuery | "stock";

export interface JitExecutor {
  /** Executes one operation; the same contract as graphql-js's `execute` for queries. */
  run(args: {
    schema: GraphQLSchema;
    document: DocumentNode;
    cacheKey: string;
    operationName: string | null;
    variables: Record<string, unknown> | undefined;
    context: unknown;
  }): Promise<ExecutionResult>;
  /** Compiled documents kept, and how many fell back to graphql-js (for the benchmarks and tests). */
  stats(): { cached: number; compiled: number; fallbacks: number };
}

/**
 * Creates a compiling executor with a bounded cache of `maxDocuments` compiled
 * operations. Compiling costs milliseconds (tens for a large dashboard), far
 * more than one interpreted execution, so a document is compiled on its
 * `compileAfter`-th use (default: the second): one-off queries, or a flood of
 * distinct ones, run on graphql-js and never fill the cache.
 */
export function createJitExecutor(
  opts: { maxDocuments?: number; compileAfter?: number; log?: (line: string) => void } = {},
): JitExecutor {
  const max = opts.maxDocuments ?? 500;
  const cache = new LRUCache<string, Compiled>({ max });
  // Uses of documents not compiled yet, so that a flood of one-off queries cannot grow it without bound either.
  const seen = new LRUCache<string, number>({ max: max * 4 });
  const compileAfter = opts.compileAfter ?? 2;
  const log = opts.log ?? ((line: string) => console.warn(line));
  let compiled = 0;
  let fallbacks = 0;

  function compile(schema: GraphQLSchema, document: DocumentNode, operationName: string | null): Compiled {
    try {
      const result = compileQuery(schema, document, operationName ?? undefined, {
        disablingCapturingStackErrors: true,
      });
      if (isCompiledQuery(result)) {
        compiled++;
        return result;
      }
      log(
        `[passerelle] graphql-jit could not compile operation ${operationName ?? "(anonymous)"}: running it on graphql-js (${result.errors?.[0]?.message ?? "no reason given"})`,
      );
    } catch (err) {
      log(
        `[passerelle] graphql-jit failed on operation ${operationName ?? "(anonymous)"} (${err instanceof Error ? err.name : typeof err}): running it on graphql-js`,
      );
    }
    fallbacks++;
    return "stock";
  }

  return {
    async run({ schema, document, cacheKey, operationName, variables, context }) {
      // graphql-js's own checks first: identical request-level errors (and no compilation of a failing request).
      const checked = buildExecutionContext({
        schema,
        document,
        operationName,
        variableValues: variables,
        contextValue: context,
      });
      if (Array.isArray(checked)) return { errors: checked };
      const key = `${cacheKey}\u0000${operationName ?? ""}`;
      let query = cache.get(key);
      if (query === undefined) {
        const uses = (seen.get(key) ?? 0) + 1;
        if (uses < compileAfter) seen.set(key, uses);
        else {
          query = compile(schema, document, operationName);
          cache.set(key, query);
        }
      }
      if (query === undefined)
        return execute({ schema, document, operationName, variableValues: variables, contextValue: context });
      if (query === "stock")
        return execute({ schema, document, operationName, variableValues: variables, contextValue: context });
      const result = await query.query(undefined, context, variables);
      return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
    },
    stats: () => ({ cached: cache.size, compiled, fallbacks }),
  };
}

/** graphql-jit's error look-alike → a graphql-js GraphQLError carrying the same fields. */
function asGraphQLError(error: GraphQLError): GraphQLError {
  if (error.constructor === GraphQLError) return error;
  const original = error.originalError;
  const rebuilt = new GraphQLError(error.message, {
    path: error.path,
    originalError: original instanceof Error ? original : undefined,
    extensions: error.extensions ?? undefined,
  });
  // No AST nodes come with graphql-jit's errors; their computed locations are kept as they are.
  (rebuilt as { locations?: unknown }).locations = error.locations;
  return rebuilt;
}

/**
 * The gateway-shaped adapter Apollo Server 5 accepts: it publishes our own
 * schema once (no supergraph: `coreSupergraphSdl` is only read by Apollo's
 * schema reporting, which is off) and returns the compiling executor.
 */
export function jitGateway(schema: GraphQLSchema, executor: JitExecutor = createJitExecutor()): Gateway {
  return {
    async load() {
      return {
        executor: (request) =>
          executor.run({
            schema: request.schema,
            document: request.document,
            cacheKey: request.queryHash,
            // The name the client sent (Apollo's own `operationName` is null when it matched no operation).
            operationName: request.request.operationName ?? null,
            variables: request.request.variables,
            context: request.context,
          }) as ReturnType<NonNullable<Awaited<ReturnType<Gateway["load"]>>["executor"]>>,
      };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: "" });
      return () => undefined;
    },
    async stop() {},
  };
}
