import type { ApolloServerPlugin } from "@apollo/server";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import { getDirective } from "@graphql-tools/utils";
import {
  getNullableType,
  GraphQLError,
  isListType,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
} from "graphql";
import { getComplexity, type ComplexityEstimator } from "graphql-query-complexity";
import type { LimitsConfig, QueryLimits } from "../config.js";
import type { ViewerContext } from "../http/graphql.js";
import { ErrorCode } from "../errors.js";

/**
 * Static limits on a query, checked once the operation is known and before
 * anything executes: depth, aliases, directives (GraphQL Armor's rules) and
 * an estimated cost from list sizes (graphql-query-complexity). The token
 * count is bounded by the parser itself (Apollo's `parseOptions.maxTokens`).
 *
 * Why: one analyst query looping spstis → cpoms → volets → fiches → cpom…
 * over 8 levels returned 80 MB in 15-23 s and stalled everyone else; each
 * level multiplied the work by about 3.7.
 *
 * Anonymous callers get tighter limits than partners. Refusals carry the
 * stable code QUERY_LIMIT_EXCEEDED and the kind of limit, never its value
 * (OWASP: limits are not advertised to whoever probes them).
 */

export type LimitKind = "depth" | "aliases" | "directives" | "cost" | "tokens";

/** A list without `first:` nor `@listSize` counts this many items. */
export const DEFAULT_LIST_SIZE = 10;

export function limitExceeded(kind: LimitKind): GraphQLError {
  return new GraphQLError(
    `The query exceeds the server's ${kind} limit. Ask for fewer levels, aliases or items (first:), or split it.`,
    {
      extensions: { code: ErrorCode.QUERY_LIMIT_EXCEEDED, limit: kind, http: { status: 400 } },
    },
  );
}

/**
 * The cost of one field: itself, plus its children's cost times the number
 * of items it may return: its `first:` argument, else the size its SDL
 * declares with `@listSize(assumedSize:)`, else DEFAULT_LIST_SIZE for a list.
 */
export function listSizeEstimator(schema: GraphQLSchema): ComplexityEstimator {
  return ({ field, args, childComplexity }) => {
    const first = typeof args.first === "number" ? args.first : null;
    const declared = getDirective(schema, field, "listSize")?.[0]?.assumedSize as number | undefined;
    const isList = isListType(getNullableType(field.type));
    const items = first ?? declared ?? (isList ? DEFAULT_LIST_SIZE : 1);
    return 1 + childComplexity * Math.max(1, items);
  };
}

/** The estimated cost of an operation (see listSizeEstimator). */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
): number {
  return getComplexity({
    schema,
    query: document,
    operationName: operationName ?? undefined,
    variables,
    estimators: [listSizeEstimator(schema)],
  });
}

/** Whether an operation only introspects (__schema, __type): its cost is the schema's, bounded, and it is filtered per role. */
export function isIntrospectionOnly(document: DocumentNode): boolean {
  return document.definitions.every(
    (d) =>
      d.kind !== "OperationDefinition" ||
      d.selectionSet.selections.every((s) => s.kind === "Field" && s.name.value.startsWith("__")),
  );
}

/** Which limit an operation breaks for a viewer, or null. */
export function brokenLimit(
  schema: GraphQLSchema,
  document: DocumentNode,
  limits: QueryLimits,
  operationName?: string | null,
  variables?: Record<string, unknown>,
): LimitKind | null {
  // Armor's rules throw on rejection unless told not to; a callback records which rejected instead, so
  // that the refusal goes out as our own error. One traversal for the three rules.
  const rejected = new Set<LimitKind>();
  const mark = (kind: LimitKind) => ({
    propagateOnRejection: false,
    onReject: [() => void rejected.add(kind)],
  });
  validate(schema, document, [
    maxDepthRule({ n: limits.depth, ignoreIntrospection: true, flattenFragments: true, ...mark("depth") }),
    maxAliasesRule({ n: limits.aliases, ...mark("aliases") }),
    maxDirectivesRule({ n: limits.directives, ...mark("directives") }),
  ] as ValidationRule[]);
  for (const kind of ["depth", "aliases", "directives"] as const) if (rejected.has(kind)) return kind;
  if (isIntrospectionOnly(document)) return null;
  let cost: number;
  try {
    cost = queryCost(schema, document, operationName, variables);
  } catch {
    return null; // bad or missing variables: execution refuses them with its own BAD_USER_INPUT, naming the variable
  }
  return cost > limits.cost ? "cost" : null;
}

/** The Apollo plugin: the viewer is known by then (the context is built), so anonymous callers get their own limits. */
export function queryLimitsPlugin(
  schema: GraphQLSchema,
  config: LimitsConfig,
  onRefusal: (kind: LimitKind) => void = () => undefined,
): ApolloServerPlugin<ViewerContext> {
  // A repeated document is the same object (Apollo's document store): its verdict is computed once per
  // caller tier, operation and variables, not on every request (it cost dashboards half their throughput).
  const verdicts = new WeakMap<DocumentNode, Map<string, LimitKind | null>>();
  const verdict = (
    document: DocumentNode,
    anonymous: boolean,
    operationName: string | null,
    variables: Record<string, unknown> | undefined,
  ) => {
    const key = `${anonymous ? "a" : "p"}|${operationName ?? ""}|${variables ? JSON.stringify(variables) : ""}`;
    let known = verdicts.get(document);
    if (!known) {
      known = new Map();
      verdicts.set(document, known);
    }
    if (known.has(key)) return known.get(key)!;
    const kind = brokenLimit(
      schema,
      document,
      anonymous ? config.anonymous : config.partner,
      operationName,
      variables,
    );
    if (known.size >= 64) known.clear(); // documents called with ever new variables stay bounded
    known.set(key, kind);
    return kind;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operationName, request, contextValue }) {
          const kind = verdict(document, !contextValue.access.viewer, operationName, request.variables);
          if (!kind) return;
          onRefusal(kind);
          throw limitExceeded(kind);
        },
      };
    },
  };
}

/** The parser's own refusal past `maxTokens` quotes the limit: rewritten, as every limit refusal is. */
export function isTokenLimitError(message: string): boolean {
  // graphql 16 writes "more that"; later versions "more than".
  return /^Syntax Error: Document contains more tha[nt] \d+ tokens/.test(message);
}
