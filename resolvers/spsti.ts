import type { Context } from "../src/context.js";
import { badInput } from "../src/errors.js";
import type {
  CpomActionResolvers,
  CpomResolvers,
  EstablishmentResolvers,
  QueryEstablishmentsArgs,
  QueryResolvers,
  Resolvers,
  SpstiResolvers,
} from "../src/graphql/generated/resolvers-types.js";
import { parsePage, toConnection, type PageArgs } from "../src/graphql/pagination.js";
import { ctn, nafEntry, region } from "../src/domain/reference.js";
import {
  departementsOf,
  parseSector,
  parseTerritory,
  parseYears,
  type TerritoryKey,
} from "../src/domain/scope.js";
import { headcountBand, voletsOf } from "../src/sources/spsti/rules.js";
import { versionsOf } from "./datasets.js";
import type { EstablishmentQuery } from "../src/sources/spsti/types.js";

/**
 * A list a loader shares read-only, as a list result: graphql-js only reads it, but the generated
 * result types say `Array`. A type-level adapter: the same promise, no copy (also used by the joins module).
 */
export const sharedList = <T>(list: Promise<readonly T[]>) => list as Promise<T[]>;

/** The SPSTIs whose area intersects a territory argument (null = no restriction). */
/** The SPSTIs whose area meets these départements (null = all; shared with the joins module). */
export async function spstiIdsInDepartements(
  departements: string[] | null,
  ctx: Context,
): Promise<string[] | null> {
  if (!departements) return null;
  return (await ctx.loaders.spsti.spstisInDepartements.load({ departements })).map((s) => s.id);
}

/**
 * The CPOM fiches actions of the SPSTIs whose area meets a territory, on one
 * theme and in force one year (each optional): `cpomActions`, and the
 * territory's and theme's (resolvers/spsti-joins.ts).
 */
export async function cpomActionsIn(
  ctx: Context,
  territory: TerritoryKey,
  theme: string | null,
  year: number | null,
) {
  const spstiIds = await spstiIdsInDepartements(departementsOf(territory), ctx);
  return ctx.loaders.spsti.cpomActions.load({ theme, spstiIds, activeIn: year });
}

/** The annex-4 rows of a year of the SPSTIs whose area meets a territory, on one theme or all: `annex4`, and the territory's and theme's. */
export async function annex4In(ctx: Context, territory: TerritoryKey, theme: string | null, year: number) {
  const spstiIds = await spstiIdsInDepartements(departementsOf(territory), ctx);
  return ctx.loaders.spsti.annex4Rows.load({ theme, year, spstiIds });
}

/** Parses first/after; an establishment cursor always wraps a SIRET. */
function establishmentQuery(
  args: QueryEstablishmentsArgs,
  ctx: Context,
  spstiId: string | null,
): EstablishmentQuery {
  const sector = parseSector(args.sector, "sector");
  const departements = departementsOf(parseTerritory(args.territory, "territory"));
  return establishmentPageQuery(args, ctx, { sector, departements, spstiId });
}

/** An establishment page key for an already-parsed scope (shared with the joins module). */
export function establishmentPageQuery(
  page: PageArgs,
  ctx: Context,
  scope: Pick<EstablishmentQuery, "sector" | "departements" | "spstiId">,
): EstablishmentQuery {
  const { limit, after } = parsePage(page, ctx.config.maxPageSize);
  if (after !== null && !/^\d{14}$/.test(after))
    throw badInput("after is not a cursor returned by this API", "after");
  return { ...scope, limit, after };
}

/** The page, total and cursors of an establishment list (shared with the joins module). */
export async function establishmentConnection(ctx: Context, q: EstablishmentQuery) {
  const { rows, totalCount } = await ctx.loaders.spsti.establishmentPage.load(q);
  return { totalCount, ...toConnection(rows, q.limit, (e) => e.siret) };
}

const Query = {
  spstis: (_, __, ctx) => sharedList(ctx.loaders.spsti.spstisInDepartements.load({ departements: null })),
  spsti: (_, args, ctx) => ctx.loaders.spsti.spstiById.load(args.id),
  establishments: (_, args, ctx) =>
    establishmentConnection(ctx, establishmentQuery(args, ctx, args.spsti ?? null)),
  establishment: (_, args, ctx) => ctx.loaders.spsti.establishmentBySiret.load(args.siret),
  cpom: (_, args, ctx) => ctx.loaders.spsti.cpomById.load(args.id),
  cpomActions: (_, args, ctx) =>
    cpomActionsIn(ctx, parseTerritory(args.territory, "territory"), args.theme ?? null, args.year ?? null),
  annex4: (_, args, ctx) =>
    annex4In(ctx, parseTerritory(args.territory, "territory"), args.theme ?? null, args.year),
} satisfies QueryResolvers;

const SpstiType = {
  // Non-null in the schema: SPSTIs are registered with an INSEE region code; a miss would be a bug (a GraphQL error, as before).
  region: (s) => region(s.region)!,
  figuresAsOf: (s) => s.asOf,
  salariesSuivis: (s) => s.salaries,
  activity: async (s, args, ctx) => {
    const span = args.years ? parseYears(args.years, "years") : null;
    const all = await ctx.loaders.spsti.activityBySpsti.load(s);
    return span ? all.filter((a) => a.year >= span.from && a.year <= span.to) : all;
  },
  cpoms: (s, _, ctx) => ctx.loaders.spsti.cpomsBySpsti.load(s.id),
  establishments: (s, args, ctx) =>
    establishmentConnection(
      ctx,
      establishmentQuery({ sector: args.sector, first: args.first, after: args.after }, ctx, s.id),
    ),
} satisfies SpstiResolvers;

const EstablishmentType = {
  naf: (e) => nafEntry(e.naf5)!, // non-null: the import refuses a code outside the nomenclature
  ctn: (e) => ctn(e.ctn),
  headcountBand: (e) => headcountBand(e.headcount),
  spsti: (e, _, ctx) => ctx.loaders.spsti.spstiById.load(e.spstiId),
} satisfies EstablishmentResolvers;

const CpomType = {
  spsti: (c, _, ctx) => ctx.loaders.spsti.spstiById.load(c.spstiId),
  signatories: (c) => [
    { type: "SPSTI", id: c.spstiId },
    { type: "DREETS", id: c.dreetsId },
    { type: "CARSAT", id: c.caisseSlug },
  ],
  inForceOn: (c, args) => c.startsOn <= args.date && args.date <= c.endsOn,
  volets: async (c, _, ctx) => voletsOf(await ctx.loaders.spsti.actionsByCpom.load(c.id)),
  annex4: (c, args, ctx) => ctx.loaders.spsti.annex4ByCpom.load({ cpomId: c.id, year: args.year ?? null }),
} satisfies CpomResolvers;

/** Also the resolvers of the deprecated type FicheAction: the same model (mapped in codegen.ts), the same fields. */
const CpomActionType = {
  pilots: (a) =>
    a.pilots.map((p) => ({ organisation: { type: p.organisation, id: p.organisationId }, role: p.role })),
  cpom: (a, _, ctx) => ctx.loaders.spsti.cpomById.load(a.cpomId),
  spsti: (a, _, ctx) => ctx.loaders.spsti.spstiById.load(a.spstiId),
} satisfies CpomActionResolvers;

/** Resolvers of the spsti source: identity cards, activity, member establishments, CPOMs and annexe 4. */
export const spstiResolvers = {
  Query,
  Spsti: SpstiType,
  SpstiActivity: {
    salariesSuivis: (a) => a.salaries,
    dataVersions: (a, _, ctx) => versionsOf(a.dataVersions, ctx),
  },
  Establishment: EstablishmentType,
  Cpom: CpomType,
  CpomVolet: {
    // Deprecated field: the same actions under the old type name.
    fiches: (v) => v.actions,
  },
  CpomAction: CpomActionType,
  // Deprecated type, served only by CpomVolet.fiches: the same resolvers as CpomAction.
  FicheAction: CpomActionType,
  Annex4Row: {
    cpom: (r, _, ctx) => ctx.loaders.spsti.cpomById.load(r.cpomId),
    spsti: (r, _, ctx) => ctx.loaders.spsti.spstiById.load(r.spstiId),
  },
} satisfies Resolvers;
