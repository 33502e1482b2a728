import type { Context } from "../src/context.js";
import { caisseOf, nafEntry, sectionOf, themes } from "../src/domain/reference.js";
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
  departementsOf,
  parseSector,
  parseTerritory,
  regionsOf,
  type SectorKey,
  type TerritoryKey,
} from "../src/domain/scope.js";
import {
  sectorParent,
  spstiTerritory,
  territoryCaisses,
  territoryDepartements,
  territoryParent,
  themeAtCauses,
  themeParent,
} from "../src/joins/parents.js";
import type { SectorParent, TerritoryParent } from "../src/joins/parents.js";
import { computedValues } from "../src/joins/indicator-values.js";
import { MP_TABLEAUX } from "../src/sources/carsat/reference.js";
import { SUMER_INDICATORS } from "../src/sources/dreets/catalogue.js";
import { atQuery, causeQuery, mpQuery, type AtArgs, type MpArgs } from "./carsat.js";
import { surveyQuery } from "./dreets.js";
import {
  establishmentConnection,
  establishmentPageQuery,
  sharedList,
  spstiIdsInDepartements,
} from "./spsti.js";

/**
 * The only place where two sources meet. Each join type carries a parsed
 * dimension key; its fields turn that key into one source's loader key, with
 * the same key builders the source's own root fields use.
 */
/** Both dimension arguments, optional: Sector's fields take a territory, Territory's a sector. */
type Dimensions = Pick<QueryEstablishmentsArgs, "sector" | "territory">;

const sectorOr = (fixed: SectorKey | null, arg: Dimensions["sector"]) => fixed ?? parseSector(arg, "sector");
const territoryOr = (fixed: TerritoryKey | null, arg: Dimensions["territory"]) =>
  fixed ?? parseTerritory(arg, "territory");

/** Carsat and SPSTI fields shared by Sector and Territory: each fixes one dimension. */
function crossSource<P>(fixed: (parent: P) => { sector: SectorKey | null; territory: TerritoryKey | null }) {
  return {
    sinistralite: (p: P, args: AtArgs & Dimensions, ctx: Context) => {
      const f = fixed(p);
      return ctx.loaders.carsat.atStats.load(
        atQuery(args, sectorOr(f.sector, args.sector), territoryOr(f.territory, args.territory)),
      );
    },
    maladiesProfessionnelles: (p: P, args: MpArgs & Dimensions, ctx: Context) => {
      const f = fixed(p);
      return ctx.loaders.carsat.mpStats.load(
        mpQuery(args, sectorOr(f.sector, args.sector), territoryOr(f.territory, args.territory)),
      );
    },
    establishments: async (p: P, args: QueryEstablishmentsArgs, ctx: Context) => {
      const f = fixed(p);
      const departements = departementsOf(territoryOr(f.territory, args.territory));
      const q = establishmentPageQuery(args, ctx, {
        sector: sectorOr(f.sector, args.sector),
        departements,
        spstiId: args.spsti ?? null,
      });
      return establishmentConnection(ctx, q);
    },
  };
}

async function spstiIdsOf(t: TerritoryKey, ctx: Context) {
  return spstiIdsInDepartements(departementsOf(t), ctx);
}

const Sector = {
  ...crossSource((s: SectorParent) => ({ sector: s.key, territory: null })),
  naf: (s) => (s.kind === "NAF" ? nafEntry(s.code) : null),
  ctn: (s) => (s.kind === "CTN" ? { code: s.code, label: s.label } : null),
  sumer: (s, args, ctx) => ctx.loaders.dreets.sumerStats.load(surveyQuery(args, s.key, null)),
  evrest: (s, args, ctx) => ctx.loaders.dreets.evrestStats.load(surveyQuery(args, s.key, null)),
} satisfies SectorResolvers;

const Territory = {
  ...crossSource((t: TerritoryParent) => ({ sector: null, territory: t.key })),
  departements: territoryDepartements,
  caisses: territoryCaisses,
  spsti: (t, _, ctx) => (t.kind === "SPSTI" ? ctx.loaders.spsti.spstiById.load(t.code!) : null),
  spstis: (t, _, ctx) =>
    sharedList(ctx.loaders.spsti.spstisInDepartements.load({ departements: departementsOf(t.key) })),
  sumer: (t, args, ctx) =>
    ctx.loaders.dreets.sumerStats.load(
      surveyQuery(args, parseSector(args.sector, "sector"), regionsOf(t.key)),
    ),
  cpomActions: async (t, args, ctx) =>
    ctx.loaders.spsti.cpomActions.load({
      theme: args.theme ?? null,
      spstiIds: await spstiIdsOf(t.key, ctx),
      activeIn: args.year ?? null,
    }),
  annex4: async (t, args, ctx) =>
    ctx.loaders.spsti.annex4Rows.load({
      theme: args.theme ?? null,
      year: args.year,
      spstiIds: await spstiIdsOf(t.key, ctx),
    }),
} satisfies TerritoryResolvers;

const Theme = {
  mpTableaux: (t) => t.mpTableaux.map((code) => ({ code, label: MP_TABLEAUX[code] ?? code })),
  sumerIndicators: (t) => SUMER_INDICATORS.filter((i) => t.sumerIndicators.includes(i.code)),
  maladiesProfessionnelles: (t, args, ctx) =>
    t.mpTableaux.length === 0
      ? []
      : ctx.loaders.carsat.mpStats.load(
          mpQuery(
            { ...args, tableaux: t.mpTableaux },
            parseSector(args.sector, "sector"),
            parseTerritory(args.territory, "territory"),
          ),
        ),
  atCauses: themeAtCauses,
  accidents: (t, args, ctx) => {
    const causes = themeAtCauses(t);
    if (causes.length === 0) return [];
    return ctx.loaders.carsat.causeStats.load(
      causeQuery(
        args,
        causes,
        parseSector(args.sector, "sector"),
        parseTerritory(args.territory, "territory"),
      ),
    );
  },
  sumer: (t, args, ctx) =>
    t.sumerIndicators.length === 0
      ? []
      : ctx.loaders.dreets.sumerStats.load(
          surveyQuery({ ...args, indicators: t.sumerIndicators }, parseSector(args.sector, "sector"), null),
        ),
  cpomActions: async (t, args, ctx) =>
    ctx.loaders.spsti.cpomActions.load({
      theme: t.code,
      spstiIds: await spstiIdsOf(parseTerritory(args.territory, "territory"), ctx),
      activeIn: args.year ?? null,
    }),
  annex4: async (t, args, ctx) =>
    ctx.loaders.spsti.annex4Rows.load({
      theme: t.code,
      year: args.year,
      spstiIds: await spstiIdsOf(parseTerritory(args.territory, "territory"), ctx),
    }),
} satisfies ThemeResolvers;

const NAF_PREFIX = { SUBCLASS: 5, CLASS: 4, GROUP: 3, DIVISION: 2 } as const;

const EstablishmentJoins = {
  sector: (e) => sectorParent({ kind: "NAF", code: e.naf5, level: "SUBCLASS" }),
  sectorSinistralite: (e, args, ctx) => {
    const level = args.level ?? "SUBCLASS";
    const code = level === "SECTION" ? sectionOf(e.naf5)! : e.naf5.slice(0, NAF_PREFIX[level]);
    const slug = caisseOf(e.departement);
    const territory: TerritoryKey = slug ? { kind: "CAISSE", slug } : { kind: "NATIONAL" };
    return ctx.loaders.carsat.atStats.load(
      atQuery({ years: args.years }, { kind: "NAF", code, level }, territory),
    );
  },
  accidents: (e, _, ctx) => ctx.loaders.carsat.accidentsBySiret.load(e.siret),
} satisfies EstablishmentResolvers;

/**
 * A CPOM indicator's values: declared ones from the follow-up (spsti); computed
 * ones from the PDP fiches or the annexe 4, for a party to the CPOM only
 * (src/joins/indicator-values.ts).
 */
const ActionIndicatorJoins = {
  values: async (i, args, ctx) => {
    const followUp = ctx.loaders.cpomFollowUp;
    const year = args.year ?? null;
    if (!i.computed) return followUp.declaredValues(i, year);
    const access = await followUp.accessTo(i.cpomId);
    return access ? computedValues(i, access, followUp.years(i, year), ctx.loaders) : [];
  },
} satisfies ActionIndicatorResolvers;

/** The cross-source resolvers: Sector, Territory, Theme, Establishment's links to the other sources, and CPOM indicators' values. */
export const joinsResolvers = {
  Query: {
    sector: (_, args) => sectorParent(parseSector(args ?? {}, "sector")!),
    territory: async (_, args, ctx) => {
      const { spsti, ...rest } = args ?? {};
      if (spsti == null) return territoryParent(parseTerritory(rest, "territory"));
      if (Object.values(rest).some((v) => v != null))
        throw badInput("territory: give at most one of region, departement, caisse, spsti", "spsti");
      const found = await ctx.loaders.spsti.spstiById.load(spsti);
      return found ? spstiTerritory(found) : null;
    },
    theme: (_, args) => themeParent(args.code),
    themes: () => themes,
    // The register lookup carries the viewer's row scope; Carsat's counts are read only for a SIRET it lets through.
    establishmentAccidents: async (_, args, ctx) =>
      (await ctx.loaders.spsti.establishmentBySiret.load(args.siret))
        ? ctx.loaders.carsat.accidentsBySiret.load(args.siret)
        : null,
  },
  Sector,
  Territory,
  Theme,
  Establishment: EstablishmentJoins,
  ActionIndicator: ActionIndicatorJoins,
} satisfies Resolvers;
