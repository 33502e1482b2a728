import { HeaderMap, type ApolloServerPlugin } from "@apollo/server";
import { MapperKind, mapSchema, pruneSchema } from "@graphql-tools/utils";
import { execute, GraphQLError, visit, type DocumentNode, type GraphQLSchema } from "graphql";
import { fieldGroup } from "../auth/enforce.js";
import type { DataGroup } from "../auth/roles.js";
import type { ViewerContext } from "../http/graphql.js";
import { ErrorCode } from "../errors.js";

/**
 * What the schema says to whom (RGPD minimisation applies to the schema too:
 * a field list tells what data exists).
 * - Anonymous callers get no introspection, and no "Did you mean" field
 *   suggestions (OWASP GraphQL cheat sheet: they map the schema for free).
 * - An authenticated caller's introspection shows only the types and fields
 *   its roles may read (as mercurius-auth's filterSchema does): GraphiQL's
 *   documentation pane then shows each analyst what it can really query.
 *   The filtered schema is built once per set of data groups.
 */

const introspecting = new WeakMap<DocumentNode, boolean>();

/** Whether an operation asks the schema about itself (`__schema`, `__type`; `__typename` is data). Once per document. */
export function introspects(document: DocumentNode): boolean {
  const known = introspecting.get(document);
  if (known !== undefined) return known;
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === "__schema" || node.name.value === "__type") found = true;
    },
  });
  introspecting.set(document, found);
  return found;
}

/** The schema without the fields (and the types only they reach) that `groups` may not read. */
export function schemaForGroups(schema: GraphQLSchema, groups: ReadonlySet<DataGroup>): GraphQLSchema {
  const mapped = mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field) => {
      const group = fieldGroup(schema, field);
      return group && !groups.has(group) ? null : field;
    },
  });
  return pruneSchema(mapped);
}

/** graphql-js's suggestion, appended to validation messages ("Did you mean \"x\" or \"y\"?"). */
const SUGGESTION = / ?Did you mean .*\?$/;

export function introspectionPlugin(schema: GraphQLSchema): ApolloServerPlugin<ViewerContext> {
  const byGroups = new Map<string, GraphQLSchema>();
  const filtered = (groups: ReadonlySet<DataGroup>) => {
    const key = [...groups].sort().join(",");
    let s = byGroups.get(key);
    if (!s) {
      s = schemaForGroups(schema, groups);
      byGroups.set(key, s);
    }
    return s;
  };
  return {
    async requestDidStart({ contextValue }) {
      const anonymous = !contextValue.access.viewer;
      return {
        async validationDidStart() {
          // Hand-written rather than Armor's block-field-suggestions plugin: suggestions stay for partners.
          return async (errors) => {
            if (anonymous) for (const e of errors ?? []) e.message = e.message.replace(SUGGESTION, "");
          };
        },
        async didResolveOperation({ document }) {
          if (anonymous && introspects(document)) {
            throw new GraphQLError(
              "Introspection needs a token: the schema a role may read is shown to that role.",
              {
                extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } },
              },
            );
          }
        },
        async responseForOperation({ document, request, operationName }) {
          if (!introspects(document)) return null;
          const result = await execute({
            schema: filtered(contextValue.access.groups),
            document,
            variableValues: request.variables,
            contextValue,
            operationName,
          });
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: "single", singleResult: result },
          };
        },
      };
    },
  };
}
