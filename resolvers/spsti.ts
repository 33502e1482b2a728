import type { Context } from "../src/context.js";
import { badInput } from "../src/errors.js";
import { parsePage, toConnection, type PageArgs } from "../src/graphql/pagination.js";
import { ctn, nafEntry, region } from "../src/domain/reference.js";
import {
  departementsOf,
  parseSector,
  parseTerritory,
  parseYears,
  type YearSpan,
} from "../src/domain/scope.js";
import { headcountBand, voletsOf } from "../src/sources/spsti/rules.js";
import { versionsOf } from "./datasets.js";
import type {
  ActivityRow,
  Annex4Row,
  Cpom,
  Establishment,
  EstablishmentQuery,
  FicheAction,
  Spsti,
  SpstiVisits,
} from "../src/sources/spsti/types.js";

type SectorArg = { naf?: string | null; ctn?: string | null } | null;
type TerritoryArg = { region?: string | null; departement?: string | null; caisse?: string | null } | null;
interface ListArgs extends PageArgs {
  sector?: SectorArg;
  territory?: TerritoryArg;
  spsti?: string | null;
}

/** The SPSTIs whose area intersects a territory argument (null = no restriction). */
async function spstiIdsIn(territory: TerritoryArg | undefined, ctx: Context): Promise<string[] | null> {
  return spstiIdsInDepartements(departementsOf(parseTerritory(territory, "territory")), ctx);
}

/** The SPSTIs whose area meets these départements (null = all; shared with the joins module). */
export async function spstiIdsInDepartements(
  departements: string[] | null,
  ctx: Context,
): Promise<string[] | null> {
  if (!departements) return null;
  return (await ctx.loaders.spsti.spstisInDepartements.load({ departements })).map((s) => s.id);
}

/** Parses first/after; an establishment cursor always wraps a SIRET. */
function establishmentQuery(args: ListArgs, ctx: Context, spstiId: string | null): EstablishmentQuery {
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
  spstis: (_: unknown, __: unknown, ctx: Context) =>
    ctx.loaders.spsti.spstisInDepartements.load({ departements: null }),
  spsti: (_: unknown, args: { id: string }, ctx: Context) => ctx.loaders.spsti.spstiById.load(args.id),
  establishments: (_: unknown, args: ListArgs, ctx: Context) =>
    establishmentConnection(ctx, establishmentQuery(args, ctx, args.spsti ?? null)),
  establishment: (_: unknown, args: { siret: string }, ctx: Context) =>
    ctx.loaders.spsti.establishmentBySiret.load(args.siret),
  cpom: (_: unknown, args: { id: string }, ctx: Context) => ctx.loaders.spsti.cpomById.load(args.id),
  cpomActions: async (
    _: unknown,
    args: { theme?: string | null; territory?: TerritoryArg; year?: number | null },
    ctx: Context,
  ) =>
    ctx.loaders.spsti.cpomActions.load({
      theme: args.theme ?? null,
      spstiIds: await spstiIdsIn(args.territory, ctx),
      activeIn: args.year ?? null,
    }),
  annex4: async (
    _: unknown,
    args: { year: number; theme?: string | null; territory?: TerritoryArg },
    ctx: Context,
  ) =>
    ctx.loaders.spsti.annex4Rows.load({
      theme: args.theme ?? null,
      year: args.year,
      spstiIds: await spstiIdsIn(args.territory, ctx),
    }),
};

const SpstiType = {
  region: (s: Spsti) => region(s.region),
  figuresAsOf: (s: Spsti) => s.asOf,
  salariesSuivis: (s: Spsti) => s.salaries,
  activity: async (s: Spsti, args: { years?: YearSpan | null }, ctx: Context) => {
    const span = args.years ? parseYears(args.years, "years") : null;
    const all = await ctx.loaders.spsti.activityBySpsti.load(s.id);
    return span ? all.filter((a) => a.year >= span.from && a.year <= span.to) : all;
  },
  cpoms: (s: Spsti, _: unknown, ctx: Context) => ctx.loaders.spsti.cpomsBySpsti.load(s.id),
  establishments: (s: Spsti, args: ListArgs, ctx: Context) =>
    establishmentConnection(
      ctx,
      establishmentQuery({ sector: args.sector, first: args.first, after: args.after }, ctx, s.id),
    ),
};

const EstablishmentType = {
  naf: (e: Establishment) => nafEntry(e.naf5),
  ctn: (e: Establishment) => ctn(e.ctn),
  headcountBand: (e: Establishment) => headcountBand(e.headcount),
  spsti: (e: Establishment, _: unknown, ctx: Context) => ctx.loaders.spsti.spstiById.load(e.spstiId),
};

const CpomType = {
  spsti: (c: Cpom, _: unknown, ctx: Context) => ctx.loaders.spsti.spstiById.load(c.spstiId),
  signatories: (c: Cpom) => [
    { type: "SPSTI", id: c.spstiId },
    { type: "DREETS", id: c.dreetsId },
    { type: "CARSAT", id: c.caisseSlug },
  ],
  inForceOn: (c: Cpom, args: { date: string }) => c.startsOn <= args.date && args.date <= c.endsOn,
  volets: async (c: Cpom, _: unknown, ctx: Context) =>
    voletsOf(await ctx.loaders.spsti.actionsByCpom.load(c.id)),
  annex4: (c: Cpom, args: { year?: number | null }, ctx: Context) =>
    ctx.loaders.spsti.annex4ByCpom.load({ cpomId: c.id, year: args.year ?? null }),
};

const FicheActionType = {
  pilots: (a: FicheAction) =>
    a.pilots.map((p) => ({ organisation: { type: p.organisation, id: p.organisationId }, role: p.role })),
  cpom: (a: FicheAction, _: unknown, ctx: Context) => ctx.loaders.spsti.cpomById.load(a.cpomId),
  spsti: (a: FicheAction, _: unknown, ctx: Context) => ctx.loaders.spsti.spstiById.load(a.spstiId),
};

/** Resolvers of the spsti source: identity cards, activity, member establishments, CPOMs and annexe 4. */
export const spstiResolvers = {
  Query,
  Spsti: SpstiType,
  SpstiActivity: {
    salariesSuivis: (a: ActivityRow) => a.salaries,
    dataVersions: (a: ActivityRow, _: unknown, ctx: Context) => versionsOf(a.dataVersions, ctx),
  },
  SpstiVisits: {
    total: (v: SpstiVisits) =>
      v.vip + v.sir + v.reprise + v.preReprise + v.aLaDemande + v.miCarriere + v.finCarriere,
  },
  Establishment: EstablishmentType,
  Cpom: CpomType,
  FicheAction: FicheActionType,
  Annex4Row: {
    cpom: (r: Annex4Row, _: unknown, ctx: Context) => ctx.loaders.spsti.cpomById.load(r.cpomId),
    spsti: (r: Annex4Row, _: unknown, ctx: Context) => ctx.loaders.spsti.spstiById.load(r.spstiId),
  },
};
