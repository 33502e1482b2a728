import type { GraphQLResolveInfo } from "graphql";
import type { Context } from "../src/context.js";
import { badInput } from "../src/errors.js";
import type {
  QueryFichesLiaisonArgs,
  QueryPdpSignalementsArgs,
  Resolvers,
} from "../src/graphql/generated/resolvers-types.js";
import { parsePage, toConnection } from "../src/graphql/pagination.js";
import { parseYears } from "../src/domain/scope.js";
import { ficheCursorKey, parseFicheCursorKey } from "../src/sources/pdp/read/mapping.js";
import { selectedSharedGroups } from "../src/sources/pdp/read/selection.js";
import type { Fiche, SharedGroup, SharedGroups } from "../src/sources/pdp/types.js";

/** Organisation ids are slugs (`sstrn`, `carsat-pays-de-la-loire`, `cpam-44`); anything else is a client error. */
function parseOrg(org: string | null | undefined, argument: string): string | null {
  if (org == null) return null;
  if (!/^[a-z0-9][a-z0-9-]{1,63}$/.test(org))
    throw badInput(`${argument}: "${org}" is not an organisation id (e.g. sstrn, cpam-44)`, argument);
  return org;
}

function fichesQuery(args: QueryFichesLiaisonArgs, ctx: Context, info: GraphQLResolveInfo) {
  const page = parsePage(args, ctx.config.maxPageSize);
  if (page.after !== null && !parseFicheCursorKey(page.after))
    throw badInput("after is not a cursor returned by fichesLiaison", "after");
  if (args.status?.length === 0)
    throw badInput("status: give at least one status, or leave it out", "status");
  const orgId = parseOrg(args.org, "org");
  const filter = {
    status: args.status ?? null,
    direction: args.direction ?? null,
    siret: args.siret ?? null,
    updatedSince: args.updatedSince ?? null,
  };
  return { ...filter, orgId, limit: page.limit, after: page.after, groups: prefetchedGroups(ctx, info) };
}

/**
 * The consent-scoped groups the page's one find may project. The documented
 * exception to "resolvers never read ctx.access": only the owning SPSTI's care
 * team (whose row filter already guarantees ownership) gets them with the
 * page; a partner's page carries none, and each group is then read by
 * `ficheGroup` for the fiches whose consent check passed.
 */
function prefetchedGroups(ctx: Context, info: GraphQLResolveInfo): SharedGroup[] {
  return ctx.access.prefetchFicheGroups ? selectedSharedGroups(info, ["nodes"]) : [];
}

/** The aggregate key of the indicator fields (`pdpMeasures` takes the same arguments). */
function countsQuery(args: QueryPdpSignalementsArgs) {
  return { years: parseYears(args.years, "years"), orgId: parseOrg(args.org, "org") };
}

/**
 * A consent-scoped group: already on the fiche when the owner's page projected it, else read now (the consent check has passed).
 * Typed by its group: the loader answers the group its key names (its value type is the union of all groups).
 */
const group =
  <G extends SharedGroup>(g: G, field: "job" | "arret" | "capacities" | "actions" | "messages") =>
  (f: Fiche, _: unknown, ctx: Context) =>
    (f[field] !== undefined
      ? f[field]
      : ctx.loaders.pdp.ficheGroup.load({ id: f.id, group: g, status: f.status })) as
      | SharedGroups[G]
      | null
      | Promise<SharedGroups[G] | null>;

/** Resolvers of the pdp source: parse, load, map. */
export const pdpResolvers = {
  Query: {
    ficheLiaison: (_, args, ctx) => ctx.loaders.pdp.ficheById.load(args.id),
    fichesLiaison: async (_, args, ctx, info) => {
      const query = fichesQuery(args, ctx, info);
      const { rows, totalCount } = await ctx.loaders.pdp.fichePage.load(query);
      return { ...toConnection(rows, query.limit, ficheCursorKey), totalCount };
    },
    pdpSignalements: (_, args, ctx) => ctx.loaders.pdp.signalementCounts.load(countsQuery(args)),
    pdpMeasures: (_, args, ctx) => ctx.loaders.pdp.measureCounts.load(countsQuery(args)),
  },
  FicheLiaison: {
    job: group("JOB", "job"),
    arret: group("ARRET", "arret"),
    capacities: group("CAPACITIES", "capacities"),
    actions: group("ACTIONS", "actions"),
    messages: group("MESSAGES", "messages"),
    medical: (f, _, ctx) => ctx.loaders.pdp.medicalByFicheId.load(f.id),
  },
} satisfies Resolvers;
