import { readFileSync } from "node:fs";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { mergeResolvers } from "@graphql-tools/merge";
import { getDirective } from "@graphql-tools/utils";
import { isObjectType, parse, type DocumentNode, type GraphQLSchema } from "graphql";
import type { Access } from "../auth/access.js";
import type { DataGroup } from "../auth/roles.js";
import { forbidden } from "../errors.js";
import { assertAccessDeclared, protect, withSdlScalarDescriptions } from "../schema.js";
import { SUBGRAPHS, type SubgraphName } from "./subgraphs.js";

const schemaDir = new URL("../../schema/", import.meta.url);

/** The Federation 2 directives the SDL files use; the single process declares them in schema/_federation.graphql instead. */
export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@inaccessible"])';

/** What Federation adds to every subgraph: guarded by the gateway signature and the entity check below, not by @access. */
const FEDERATION_ENTRY = ["Query._entities", "Query._service", "_Service"];

/** A subgraph's SDL: the Federation link, then its files of schema/. */
export function subgraphTypeDefs(name: SubgraphName): DocumentNode {
  const sdl = SUBGRAPHS[name].files.map((f) => readFileSync(new URL(f, schemaDir), "utf8"));
  return parse([FEDERATION_LINK, ...sdl].join("\n"));
}

/**
 * One partner's subgraph: its SDL and resolvers, with the same deny-by-default
 * check, audit and @access enforcement as the single process, plus a check of
 * each entity reference against its type's data group. In the single process,
 * a type's group is checked on the field that returns it; here another
 * subgraph's reference arrives through `_entities`, so the check is made on
 * the way in instead.
 */
export function buildSubgraph(name: SubgraphName): GraphQLSchema {
  // @apollo/subgraph types its resolver map apart from graphql-tools'; the maps are the same plain objects.
  const resolvers = mergeResolvers(SUBGRAPHS[name].resolvers) as SubgraphModule["resolvers"];
  const schema = buildSubgraphSchema([{ typeDefs: subgraphTypeDefs(name), resolvers }]);
  withSdlScalarDescriptions(schema);
  assertAccessDeclared(schema, FEDERATION_ENTRY);
  guardEntityReferences(schema);
  guardServiceField(schema);
  return protect(schema);
}

/** `_service` (this subgraph's SDL) answers a verified viewer only; the gateway never asks (it composes at build time). */
function guardServiceField(schema: GraphQLSchema): void {
  const field = schema.getQueryType()?.getFields()._service;
  if (!field) throw new Error("A subgraph schema without _service: @apollo/subgraph changed");
  const resolve = field.resolve!;
  field.resolve = (source, args, ctx: { access: Access }, info) => {
    if (!ctx.access.viewer) throw forbidden("This subgraph's SDL is given to a signed-in partner only.");
    return resolve(source, args, ctx, info);
  };
}

type SubgraphModule = Exclude<
  Extract<Parameters<typeof buildSubgraphSchema>[0], readonly unknown[]>[number],
  DocumentNode
>;
type ResolveReference = (ref: unknown, ctx: { access: Access }, info: unknown) => unknown;
type EntityExtensions = { apollo?: { subgraph?: { resolveReference?: ResolveReference } } };

/** Wraps each entity type's `__resolveReference` (kept by @apollo/subgraph in the type's extensions) with its group's check. */
function guardEntityReferences(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !getDirective(schema, type, "key")?.length) continue;
    const group = getDirective(schema, type, "access")?.[0]?.group as DataGroup | undefined;
    if (!group) throw new Error(`Entity ${type.name} declares no @access(group: ...)`);
    const extensions = type.extensions as EntityExtensions;
    const subgraph = extensions.apollo?.subgraph;
    const resolve: ResolveReference = subgraph?.resolveReference ?? ((ref) => ref);
    const guarded: ResolveReference = (ref, ctx, info) => {
      const denial = ctx.access.denial(group, type.name, "_entities", ref);
      // A rejected promise, not a throw: one refused reference is one null with FORBIDDEN, not the whole list.
      return denial ? Promise.reject(forbidden(denial)) : resolve(ref, ctx, info);
    };
    type.extensions = {
      ...type.extensions,
      apollo: { ...extensions.apollo, subgraph: { ...subgraph, resolveReference: guarded } },
    };
  }
}
