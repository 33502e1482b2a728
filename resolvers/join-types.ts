import type { Context } from "../src/context.js";
import { nafEntry, themes } from "../src/domain/reference.js";
import { parseSector, parseTerritory, type SectorKey, type TerritoryKey } from "../src/domain/scope.js";
import type { Resolvers } from "../src/graphql/generated/resolvers-types.js";
import {
  sectorFromReference,
  sectorParent,
  territoryFromReference,
  themeParent,
  type SectorParent,
  type TerritoryParent,
} from "../src/joins/parents.js";

/**
 * The join dimensions' reference fields (schema/_join-types.graphql): public
 * nomenclatures, resolved alike by every subgraph that serves them, and the
 * entity references through which one subgraph names a sector, territory or
 * theme to another. No partner's data is read here.
 */
export const joinTypesResolvers = {
  Query: {
    sector: (_, args) => sectorParent(parseSector(args ?? {}, "sector")!),
    theme: (_, args) => themeParent(args.code),
    themes: () => themes,
  },
  Sector: {
    ...entity(sectorFromReference),
    naf: (s) => (s.kind === "NAF" ? nafEntry(s.code) : null),
    ctn: (s) => (s.kind === "CTN" ? { code: s.code, label: s.label } : null),
  },
} satisfies Resolvers;

/** How every subgraph serving them turns a reference to a territory or a theme into its parent value. */
export const joinReferencesResolvers = {
  Territory: entity(territoryFromReference),
  Theme: entity((ref: { code: string }) => themeParent(ref.code)),
};

/** Both dimension arguments, optional: Sector's fields take a territory, Territory's a sector. */
export interface Dimensions {
  sector?: { naf?: string | null; ctn?: string | null } | null;
  territory?: { region?: string | null; departement?: string | null; caisse?: string | null } | null;
}

/** The dimension a join type fixes; the other comes from the field's argument. */
export interface Fixed {
  sector: SectorKey | null;
  territory: TerritoryKey | null;
}

/** A join type's fixed dimension, or else the field's argument. */
export function dimensions(fixed: Fixed, args: Dimensions) {
  return {
    sector: fixed.sector ?? parseSector(args.sector, "sector"),
    territory: fixed.territory ?? parseTerritory(args.territory, "territory"),
  };
}

/** Sector fixes the sector, Territory the territory. */
export const ofSector = (s: SectorParent): Fixed => ({ sector: s.key, territory: null });
export const ofTerritory = (t: TerritoryParent): Fixed => ({ sector: null, territory: t.key });

/**
 * An entity's `__resolveReference` (Federation): how a subgraph turns another's reference into its
 * parent value. Spread into a type's resolvers, as codegen's types do not list it; the single process
 * never calls it.
 */
export function entity<R, P>(resolve: (ref: R, ctx: Context) => P | Promise<P>) {
  return { __resolveReference: resolve };
}
