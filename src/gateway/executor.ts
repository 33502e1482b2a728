import type { GatewayInterface } from "@apollo/server-gateway-interface";
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type ExecutionResult,
  type OperationDefinitionNode,
  type FieldNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from "graphql";
import { ErrorCode } from "../errors.js";
import type { Hive } from "./hive.js";

/** What the front's context gives the executor: the viewer's token, forwarded as is. */
export interface ForwardingContext {
  requestId: string;
  authorization?: string;
}

/**
 * Apollo's gateway interface over Hive Gateway's runtime: Apollo runs the
 * single process's pipeline (parsing with its token limit, validation
 * against the same API schema, query limits, trusted documents,
 * introspection, error formatting), then hands the parsed operation to
 * Hive, which plans it over the subgraphs. In-process, through Hive's
 * envelop pipeline (as its `sdkRequester` does, but keeping partial data
 * with its errors): no HTTP request, JSON round trip, second parse or second
 * validation between the two. Hive's subgraph plugins (signature, forwarded
 * headers, timeout) run as they do behind its HTTP server.
 */
export function hiveGateway(schema: GraphQLSchema, hive: Hive): GatewayInterface {
  return {
    async load() {
      return {
        executor: async (request) => {
          const context = request.context as ForwardingContext;
          // Hive's plugins read the client's headers from `context.request`: the token and the request id
          // they forward to every subgraph.
          const client = new Request("http://gateway.local/graphql", {
            method: "POST",
            headers: {
              "x-request-id": context.requestId,
              ...(context.authorization ? { authorization: context.authorization } : {}),
            },
          });
          let result: ExecutionResult;
          try {
            result = await execute(
              hive,
              operationDocument(request.document, request.operation),
              request.request.variables ?? {},
              client,
            );
          } catch (err) {
            result = { errors: [err instanceof GraphQLError ? err : new GraphQLError("execution failed")] };
          }
          return {
            data: result.data,
            ...(result.errors
              ? { errors: result.errors.map((e) => recoded(e as HiveError, request.document)) }
              : {}),
          };
        },
      };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: "" });
      return () => undefined;
    },
    async stop() {},
  };
}

interface HiveError {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

/** The codes Passerelle's own errors carry: passed on as the subgraph raised them. */
const OURS = new Set<string>(Object.values(ErrorCode));
/** One operation through Hive's runtime: its context (with the client's request), then its execution. */
async function execute(
  hive: Hive,
  document: DocumentNode,
  variableValues: Record<string, unknown>,
  request: Request,
): Promise<ExecutionResult> {
  await hive.getSchema();
  const run = hive.getEnveloped({ request });
  const contextValue = await run.contextFactory();
  return (await run.execute({
    schema: run.schema,
    document,
    variableValues,
    contextValue,
  })) as ExecutionResult;
}

/**
 * The document Hive executes: the client's chosen operation and the
 * fragments, the document the front already parsed and validated against
 * the same API. One object per document and operation, so that Hive's and
 * the delegation's caches, keyed by the document's nodes, hit on every
 * repeated request.
 */
function operationDocument(document: DocumentNode, operation: OperationDefinitionNode): DocumentNode {
  let byOperation = operationDocuments.get(document);
  if (!byOperation) {
    byOperation = new Map();
    operationDocuments.set(document, byOperation);
  }
  let only = byOperation.get(operation);
  if (!only) {
    only = {
      kind: Kind.DOCUMENT,
      definitions: document.definitions.filter((d) => d === operation || d.kind === Kind.FRAGMENT_DEFINITION),
    };
    byOperation.set(operation, only);
  }
  return only;
}
const operationDocuments = new WeakMap<DocumentNode, Map<OperationDefinitionNode, DocumentNode>>();

/** What Hive adds to a subgraph's error, which a client must not see (the subgraph's URL, the request it got). */
const HIVE_ONLY = new Set(["serviceName", "request", "response", "http", "originalError", "stacktrace"]);

/**
 * A subgraph's error as the single process would have raised it: its code and
 * message, at the field of the client's operation (for `locations`), without
 * what Hive adds. A subgraph that did not answer (refused connection, HTTP
 * error) becomes UPSTREAM_UNAVAILABLE, naming the partner; its fields are
 * null and the other partners' fields still answer. Anything else is an
 * internal error, logged by its code only (the message may quote a value).
 */
function recoded(e: HiveError, document: DocumentNode): GraphQLError {
  const extensions = e.extensions ?? {};
  const code = typeof extensions.code === "string" ? extensions.code : "";
  const nodes = e.path ? fieldAt(document, e.path) : undefined;
  const at = { path: e.path, nodes };
  if (OURS.has(code)) {
    const kept = Object.fromEntries(Object.entries(extensions).filter(([k]) => !HIVE_ONLY.has(k)));
    return new GraphQLError(e.message, { ...at, extensions: kept });
  }
  if (code === "GATEWAY_TIMEOUT")
    return new GraphQLError(
      "The request took longer than this server allows: ask for less (fewer years, items or levels), or retry.",
      { ...at, extensions: { code: ErrorCode.TIMEOUT } },
    );
  const service = typeof extensions.serviceName === "string" ? extensions.serviceName : null;
  if (service) {
    console.error(`[passerelle] the ${service} subgraph did not answer (${code || "no code"})`);
    return new GraphQLError(
      `The ${service} subgraph is unavailable: its fields are null. Please retry shortly.`,
      {
        ...at,
        extensions: { code: ErrorCode.UPSTREAM_UNAVAILABLE, subgraph: service },
      },
    );
  }
  console.error(
    `[passerelle] gateway error without a subgraph (${code || "no code"}) at ${e.path?.join(".") ?? "request"}`,
  );
  return new GraphQLError("Internal server error", {
    ...at,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  });
}

/** The field node a response path names in the operation (through fragments), for the error's `locations`. */
function fieldAt(document: DocumentNode, path: readonly (string | number)[]): FieldNode[] | undefined {
  const fragments = new Map(
    document.definitions.flatMap((d) =>
      d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [],
    ),
  );
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return undefined;
  let selections: SelectionSetNode | undefined = operation.selectionSet;
  let found: FieldNode | undefined;
  for (const key of path) {
    if (typeof key === "number") continue;
    found = selections ? findField(selections, key, fragments) : undefined;
    if (!found) return undefined;
    selections = found.selectionSet;
  }
  return found ? [found] : undefined;
}

function findField(
  set: SelectionSetNode,
  responseName: string,
  fragments: Map<string, { selectionSet: SelectionSetNode }>,
): FieldNode | undefined {
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD && (s.alias?.value ?? s.name.value) === responseName) return s;
    const inner =
      s.kind === Kind.INLINE_FRAGMENT
        ? s.selectionSet
        : s.kind === Kind.FRAGMENT_SPREAD
          ? fragments.get(s.name.value)?.selectionSet
          : undefined;
    const found = inner && findField(inner, responseName, fragments);
    if (found) return found;
  }
  return undefined;
}
