import type { GatewayInterface } from "@apollo/server-gateway-interface";
import {
  GraphQLError,
  Kind,
  print,
  type DocumentNode,
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
 * introspection, error formatting), then hands the operation to Hive, which
 * plans it over the subgraphs. In-process (`hive.fetch`): no socket between
 * the two.
 */
export function hiveGateway(schema: GraphQLSchema, hive: Hive): GatewayInterface {
  return {
    async load() {
      return {
        executor: async (request) => {
          const context = request.context as ForwardingContext;
          const response = await hive.fetch("http://gateway.local/graphql", {
            method: "POST",
            headers: {
              "content-type": "application/json",
              accept: "application/graphql-response+json, application/json",
              "x-request-id": context.requestId,
              ...(context.authorization ? { authorization: context.authorization } : {}),
            },
            body: JSON.stringify({
              query: request.source ?? print(request.document),
              variables: request.request.variables,
              operationName: request.operationName ?? undefined,
            }),
          });
          const result = (await response.json()) as {
            data?: Record<string, unknown> | null;
            errors?: HiveError[];
          };
          return {
            data: result.data,
            ...(result.errors ? { errors: result.errors.map((e) => recoded(e, request.document)) } : {}),
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
