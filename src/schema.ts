import { readdirSync, readFileSync } from "node:fs";
import { makeExecutableSchema } from "@graphql-tools/schema";
import { getDirective, MapperKind, mapSchema } from "@graphql-tools/utils";
import { isObjectType, isScalarType, type GraphQLSchema } from "graphql";
import { resolvers } from "../resolvers/index.js";
import { enforceAccess } from "./auth/enforce.js";
import { auditPersonalFields } from "./privacy/audit-fields.js";

const schemaDir = new URL("../schema/", import.meta.url);

/** All SDL files of schema/, in name order (`_directives` and `_base` first). */
export function loadTypeDefs(): string[] {
  return readdirSync(schemaDir)
    .filter((f) => f.endsWith(".graphql"))
    .sort()
    .map((f) => readFileSync(new URL(f, schemaDir), "utf8"));
}

/**
 * Deny by default: every root field and every object type must declare its
 * data group with @access. A field or type nobody thought about must not
 * become reachable, so the server refuses to start instead.
 */
export function assertAccessDeclared(schema: GraphQLSchema, exempt: readonly string[] = []): void {
  const missing: string[] = [];
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (!root) continue;
    for (const field of Object.values(root.getFields())) {
      if (exempt.includes(`${root.name}.${field.name}`)) continue;
      if (!getDirective(schema, field, "access")?.length) missing.push(`${root.name}.${field.name}`);
    }
  }
  if (missing.length) {
    throw new Error(
      `These root fields declare no @access(group: ...) and would be reachable by anyone: ${missing.join(", ")}`,
    );
  }
  // Every object type states its data group too, so a new type carrying personal data cannot slip in undeclared.
  const roots = new Set(
    [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].map((t) => t?.name),
  );
  const undeclared = Object.values(schema.getTypeMap())
    .filter(
      (t) =>
        isObjectType(t) &&
        !t.name.startsWith("__") &&
        !exempt.includes(t.name) &&
        !roots.has(t.name) &&
        !getDirective(schema, t, "access")?.length,
    )
    .map((t) => t.name);
  if (undeclared.length)
    throw new Error(`These types declare no @access(group: ...): ${undeclared.join(", ")}`);
}

/** Names of the object types that declare a data group at type level. */
export function typesWithAccess(schema: GraphQLSchema): string[] {
  return Object.values(schema.getTypeMap())
    .filter((t) => isObjectType(t) && getDirective(schema, t, "access")?.length)
    .map((t) => t.name);
}

/** The audit wrapping, then the @access enforcement, last, so that it wraps every field. */
export function protect(schema: GraphQLSchema): GraphQLSchema {
  return enforceAccess(auditPersonalFields(schema));
}

/** SDL → executable schema → checks → the API (no federation-internal field) → protection. */
export function buildSchema(): GraphQLSchema {
  const schema = makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers });
  assertAccessDeclared(schema);
  return protect(withoutInaccessible(withSdlScalarDescriptions(schema)));
}

/**
 * The custom scalars' descriptions are the SDL's (schema/_base.graphql), as
 * the supergraph has them: graphql-tools copies every property of the
 * scalars' implementations (src/graphql/scalars.ts) onto the types, their
 * empty description included.
 */
export function withSdlScalarDescriptions(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap()))
    if (isScalarType(type) && !type.description && type.astNode?.description)
      type.description = type.astNode.description.value;
  return schema;
}

/**
 * The single process serves the supergraph's API: the fields and types the
 * subgraphs exchange among themselves (@inaccessible) are not in it.
 */
export function withoutInaccessible(schema: GraphQLSchema): GraphQLSchema {
  const hidden = (node: Parameters<typeof getDirective>[1]) =>
    Boolean(getDirective(schema, node, "inaccessible")?.length);
  return mapSchema(schema, {
    [MapperKind.TYPE]: (type) => (hidden(type) ? null : type),
    [MapperKind.OBJECT_FIELD]: (field) => (hidden(field) ? null : field),
  });
}
