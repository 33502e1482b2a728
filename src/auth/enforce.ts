import { MapperKind, getDirective, mapSchema } from "@graphql-tools/utils";
import {
  defaultFieldResolver,
  getNamedType,
  isNamedType,
  isNonNullType,
  isObjectType,
  type GraphQLFieldConfig,
  type GraphQLNamedType,
  type GraphQLSchema,
} from "graphql";
import type { Path } from "graphql/jsutils/Path.js";
import { forbidden } from "../errors.js";
import type { DataGroup } from "./roles.js";
import type { Access } from "./access.js";
import { ficheOwner, type AuditEntry, type AuditRecorder } from "../privacy/audit.js";
import { pathToArray } from "@graphql-tools/utils";

/**
 * The single enforcement point of @access. A field is checked against the
 * group it declares, or else the group of the type it returns; a field with
 * neither inherits the check already made on its parent. A denied field
 * throws FORBIDDEN: graphql-js then resolves it to null with exactly one
 * error at its path, and never runs the fields below it (nor their loaders).
 * Fiche groups also pass the per-fiche rules (ownership, consent).
 */
export function enforceAccess(schema: GraphQLSchema): GraphQLSchema {
  assertSensitiveFieldsNullable(schema);
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      const group = checkedGroup(schema, field, typeName);
      if (!group || group === "PUBLIC_AGGREGATE") return field;
      const resolve = field.resolve ?? defaultFieldResolver;
      return {
        ...field,
        resolve(source, args, ctx: { access: Access; audit: AuditRecorder }, info) {
          const denial = ctx.access.denial(group, typeName, fieldName, source);
          if (denial) {
            // A refused field of a fiche (a consent not covering it, medical secrecy) is traced as such.
            const entry = auditEntry(typeName, source, info.path);
            if (PERSONAL.has(group) && entry.ficheId && ctx.access.viewer)
              ctx.audit.record({ ...entry, field: `${typeName}.${fieldName}`, kind: "ACCESS_DENIED" });
            throw forbidden(denial);
          }
          if (PERSONAL.has(group)) ctx.audit.record(auditEntry(typeName, source, info.path));
          return resolve(source, args, ctx, info);
        },
      };
    },
  });
}

/** Groups of personal data: every resolution is audited (never the value). */
const PERSONAL = new Set<DataGroup>(["FICHE_ADMIN", "FICHE_CONSENT", "FICHE_MEDICAL"]);

function auditEntry(typeName: string, source: unknown, path: Path): AuditEntry {
  return { ...ficheOwner(typeName, source), path: pathToArray(path).join(".") };
}

/**
 * The data group a field is checked against: its own @access, else its
 * return type's; none when that is the group of the type it belongs to,
 * which was already checked on the way in.
 */
export function checkedGroup(
  schema: GraphQLSchema,
  field: GraphQLFieldConfig<unknown, unknown>,
  typeName: string,
): DataGroup | null {
  const group = fieldGroup(schema, field);
  if (!group) return null;
  const parent = schema.getType(typeName);
  return parent && directiveGroup(schema, parent) === group ? null : group;
}

/** The group a field belongs to: its own @access, else its return type's; null for a field that only inherits its parent's. */
export function fieldGroup(
  schema: GraphQLSchema,
  field: GraphQLFieldConfig<unknown, unknown>,
): DataGroup | null {
  return directiveGroup(schema, field) ?? directiveGroup(schema, getNamedType(field.type));
}

function directiveGroup(
  schema: GraphQLSchema,
  node: Parameters<typeof getDirective>[1] | GraphQLNamedType,
): DataGroup | null {
  if (!("astNode" in node) && !("extensions" in node)) return null;
  if (isNamedType(node) && !isObjectType(node)) return null;
  return (
    (getDirective(schema, node as Parameters<typeof getDirective>[1], "access")?.[0]?.group as
      | DataGroup
      | undefined) ?? null
  );
}

/**
 * A denial must never null the parent, so a field checked against any group
 * but the public one must be nullable; the server refuses to start otherwise.
 */
function assertSensitiveFieldsNullable(schema: GraphQLSchema): void {
  const offenders: string[] = [];
  mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      const group = checkedGroup(schema, field, typeName);
      if (group && group !== "PUBLIC_AGGREGATE" && isNonNullType(field.type))
        offenders.push(`${typeName}.${fieldName} (${group})`);
      return field;
    },
  });
  if (offenders.length)
    throw new Error(
      `Sensitive fields must be nullable so that a denial does not null their parent: ${offenders.join(", ")}`,
    );
}
