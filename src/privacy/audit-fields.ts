import { MapperKind, getDirective, mapSchema, pathToArray } from "@graphql-tools/utils";
import {
  defaultFieldResolver,
  getNamedType,
  type GraphQLFieldConfig,
  type GraphQLNamedType,
  type GraphQLSchema,
} from "graphql";
import type { DataGroup } from "../auth/roles.js";
import { ficheOwner, PERSONAL_GROUPS, type AuditRecorder } from "./audit.js";

/**
 * Wraps every field that reads personal data so that its resolution is
 * recorded for the audit trail: root fields and fields of a personal group,
 * and every field of a type of a personal group (a fiche's `ref`, `status`,
 * `worker.pseudonym`... are personal data too, not only its consent-scoped
 * groups). Applied before the @access enforcement, so it runs inside it: a
 * denied field is never recorded as read.
 */
export function auditPersonalFields(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      if (!readsPersonalData(schema, field, typeName)) return field;
      const resolve = field.resolve ?? defaultFieldResolver;
      const coordinate = `${typeName}.${fieldName}`;
      return {
        ...field,
        resolve(source, args, ctx: { audit: AuditRecorder }, info) {
          // A fiche's own fields name it; deeper objects (job, messages, actions) are attributed by path.
          ctx.audit.record({
            ...ficheOwner(typeName, source),
            path: pathToArray(info.path).join("."),
            field: coordinate,
          });
          return resolve(source, args, ctx, info);
        },
      };
    },
  });
}

function readsPersonalData(
  schema: GraphQLSchema,
  field: GraphQLFieldConfig<unknown, unknown>,
  typeName: string,
): boolean {
  const groups = [
    groupOf(schema, field),
    groupOf(schema, getNamedType(field.type)),
    groupOf(schema, schema.getType(typeName)),
  ];
  return groups.some((g) => g !== null && PERSONAL_GROUPS.has(g));
}

function groupOf(
  schema: GraphQLSchema,
  node: GraphQLFieldConfig<unknown, unknown> | GraphQLNamedType | null | undefined,
): DataGroup | null {
  if (!node) return null;
  return (
    (getDirective(schema, node as Parameters<typeof getDirective>[1], "access")?.[0]?.group as
      | DataGroup
      | undefined) ?? null
  );
}
