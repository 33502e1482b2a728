import type { Context } from "../src/context.js";
import { departementsOf, parseTerritory } from "../src/domain/scope.js";
import { badInput } from "../src/errors.js";
import type {
  ActionIndicatorResolvers,
  EstablishmentResolvers,
  QueryEstablishmentsArgs,
  Resolvers,
  SectorResolvers,
  TerritoryResolvers,
  ThemeResolvers,
} from "../src/graphql/generated/resolvers-types.js";
import {
  sectorParent,
  spstiTerritory,
  territoryCaisses,
  territoryDepartements,
  territoryParent,
  type SectorParent,
  type TerritoryParent,
} from "../src/joins/parents.js";
import { computedValues, type PdpFigures } from "../src/joins/indicator-values.js";
import { pdpBasisOf, pdpMeasuresFor, pdpSignalementsFor } from "../src/joins/indicator-pdp.js";
import type { MeasureCount, SignalementCount } from "../src/sources/pdp/types.js";
import type { IndicatorModel } from "../src/sources/spsti/indicators/definition.js";
import type { FollowUpAccess } from "../src/sources/spsti/indicators/service.js";
import { dimensions, entity, ofSector, ofTerritory, type Fixed } from "./join-types.js";
import {
  annex4In,
  cpomActionsIn,
  establishmentConnection,
  establishmentPageQuery,
  sharedList,
} from "./spsti.js";

/**
 * What the SPSTI source answers about the join dimensions
 * (schema/spsti-joins.graphql): territories (an SPSTI's area is its
 * register's), member establishments, CPOM actions and annex-4 rows.
 */
function members<P>(fixed: (parent: P) => Fixed) {
  return {
    establishments: async (p: P, args: QueryEstablishmentsArgs, ctx: Context) => {
      const d = dimensions(fixed(p), args);
      const q = establishmentPageQuery(args, ctx, {
        sector: d.sector,
        departements: departementsOf(d.territory),
        spstiId: args.spsti ?? null,
      });
      return establishmentConnection(ctx, q);
    },
  };
}

const Sector = members((s: SectorParent) => ofSector(s)) satisfies SectorResolvers;

const Territory = {
  ...members((t: TerritoryParent) => ofTerritory(t)),
  departements: territoryDepartements,
  caisses: territoryCaisses,
  spsti: (t, _, ctx) => (t.kind === "SPSTI" ? ctx.loaders.spsti.spstiById.load(t.code!) : null),
  spstis: (t, _, ctx) =>
    sharedList(ctx.loaders.spsti.spstisInDepartements.load({ departements: departementsOf(t.key) })),
  cpomActions: (t, args, ctx) => cpomActionsIn(ctx, t.key, args.theme ?? null, args.year ?? null),
  annex4: (t, args, ctx) => annex4In(ctx, t.key, args.theme ?? null, args.year),
} satisfies TerritoryResolvers;

const Theme = {
  cpomActions: (t, args, ctx) =>
    cpomActionsIn(ctx, parseTerritory(args.territory, "territory"), t.code, args.year ?? null),
  annex4: (t, args, ctx) => annex4In(ctx, parseTerritory(args.territory, "territory"), t.code, args.year),
} satisfies ThemeResolvers;

const Establishment = {
  // Another subgraph names an establishment by SIRET: the register answers within this viewer's row scope.
  ...entity((ref: { siret: string }, ctx: Context) => ctx.loaders.spsti.establishmentBySiret.load(ref.siret)),
  sector: (e) => sectorParent({ kind: "NAF", code: e.naf5, level: "SUBCLASS" }),
} satisfies EstablishmentResolvers;

/** An indicator, with the PDP figures its `values` requires when the PDP subgraph gave them (federation). */
type IndicatorParent = IndicatorModel & {
  pdpSignalements?: readonly SignalementCount[] | null;
  pdpMeasures?: readonly MeasureCount[] | null;
};

/**
 * A CPOM indicator's values: declared ones from the follow-up (spsti); computed
 * ones from the PDP fiches or the annex 4, for a party to the CPOM only
 * (src/joins/indicator-values.ts). The PDP figures are the PDP source's: in
 * the federation its subgraph's answer for `pdpBasis`, which `values`
 * @requires; in the single process, its loaders' for the same basis.
 */
const ActionIndicator = {
  ...entity(async (ref: IndicatorParent & { id: string }, ctx: Context) => {
    const indicator = await ctx.loaders.cpomFollowUp.indicator(ref.id);
    return (
      indicator && {
        ...indicator,
        pdpSignalements: ref.pdpSignalements ?? null,
        pdpMeasures: ref.pdpMeasures ?? null,
      }
    );
  }),
  pdpBasis: async (i, _, ctx) => {
    const followUp = ctx.loaders.cpomFollowUp;
    const access = await followUp.accessTo(i.cpomId);
    return access ? pdpBasisOf(i, access, followUp.years(i, null)) : null;
  },
  values: async (i, args, ctx) => {
    const followUp = ctx.loaders.cpomFollowUp;
    const year = args.year ?? null;
    if (!i.computed) return followUp.declaredValues(i, year);
    const access = await followUp.accessTo(i.cpomId);
    if (!access) return [];
    return computedValues(i, access, followUp.years(i, year), {
      pdp: pdpFigures(i, access, ctx),
      spsti: ctx.loaders.spsti,
    });
  },
} satisfies ActionIndicatorResolvers;

function pdpFigures(i: IndicatorParent, access: FollowUpAccess, ctx: Context): PdpFigures {
  if ("pdpSignalements" in i)
    return { signalements: async () => i.pdpSignalements ?? [], measures: async () => i.pdpMeasures ?? [] };
  // A subgraph never reads the PDP collections (its database has none): the figures come with the reference.
  if (ctx.config.subgraph)
    throw new Error("ActionIndicator.values reached without the PDP subgraph's figures");
  const basis = pdpBasisOf(i, access, ctx.loaders.cpomFollowUp.years(i, null));
  const viewer = access.viewer;
  return {
    signalements: async () => (await pdpSignalementsFor(basis, viewer, ctx.loaders.pdp)) ?? [],
    measures: async () => (await pdpMeasuresFor(basis, viewer, ctx.loaders.pdp)) ?? [],
  };
}

/** The SPSTI source's join fields, and the territory root (an SPSTI's area needs its register). */
export const spstiJoinsResolvers = {
  Query: {
    territory: async (_, args, ctx) => {
      const { spsti, ...rest } = args ?? {};
      if (spsti == null) return territoryParent(parseTerritory(rest, "territory"));
      if (Object.values(rest).some((v) => v != null))
        throw badInput("territory: give at most one of region, departement, caisse, spsti", "spsti");
      const found = await ctx.loaders.spsti.spstiById.load(spsti);
      return found ? spstiTerritory(found) : null;
    },
  },
  Sector,
  Territory,
  Theme,
  Establishment,
  ActionIndicator,
} satisfies Resolvers;
