import { readdirSync, readFileSync } from "node:fs";
import { makeExecutableSchema } from "@graphql-tools/schema";
import { getDirective } from "@graphql-tools/utils";
import { isObjectType, type GraphQLSchema } from "graphql";
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

/** SDL → executable schema → checks → protection. */
export function buildSchema(): GraphQLSchema {
  const schema = makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers });
  assertAccessDeclared(schema);
  return protect(schema);
}
