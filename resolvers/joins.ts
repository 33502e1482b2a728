import type { Context } from "../src/context.js";
import { caisseOf, nafEntry, sectionOf, themes, type ThemeRef } from "../src/domain/reference.js";
import { badInput } from "../src/errors.js";
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
import { MP_TABLEAUX } from "../src/sources/carsat/reference.js";
import { SUMER_INDICATORS } from "../src/sources/dreets/catalogue.js";
import type { Establishment } from "../src/sources/spsti/types.js";
import { atQuery, causeQuery, mpQuery, type MpArgs, type SinistraliteArgs } from "./carsat.js";
import { surveyQuery, type SurveyArgs } from "./dreets.js";
import { establishmentConnection, establishmentPageQuery, spstiIdsInDepartements } from "./spsti.js";

/**
 * The only place where two sources meet. Each join type carries a parsed
 * dimension key; its fields turn that key into one source's loader key, with
 * the same key builders the source's own root fields use.
 */
type SectorArg = { naf?: string | null; ctn?: string | null } | null;
type TerritoryArg = { region?: string | null; departement?: string | null; caisse?: string | null } | null;
type Scoped<T> = T & { sector?: SectorArg; territory?: TerritoryArg };
type PageArgs = { first?: number | null; after?: string | null };

const sectorOr = (fixed: SectorKey | null, arg: SectorArg | undefined) => fixed ?? parseSector(arg, "sector");
const territoryOr = (fixed: TerritoryKey | null, arg: TerritoryArg | undefined) =>
  fixed ?? parseTerritory(arg, "territory");

/** Carsat, DREETS and SPSTI fields shared by Sector, Territory and Theme: each fixes some dimensions. */
function crossSource(fixed: (parent: any) => { sector: SectorKey | null; territory: TerritoryKey | null }) {
  return {
    sinistralite: (p: unknown, args: Scoped<SinistraliteArgs>, ctx: Context) => {
      const f = fixed(p);
      return ctx.loaders.carsat.atStats.load(
        atQuery(args, sectorOr(f.sector, args.sector), territoryOr(f.territory, args.territory)),
      );
    },
    maladiesProfessionnelles: (p: unknown, args: Scoped<MpArgs>, ctx: Context) => {
      const f = fixed(p);
      return ctx.loaders.carsat.mpStats.load(
        mpQuery(args, sectorOr(f.sector, args.sector), territoryOr(f.territory, args.territory)),
      );
    },
    establishments: async (p: unknown, args: Scoped<PageArgs> & { spsti?: string | null }, ctx: Context) => {
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
  naf: (s: SectorParent) => (s.kind === "NAF" ? nafEntry(s.code) : null),
  ctn: (s: SectorParent) => (s.kind === "CTN" ? { code: s.code, label: s.label } : null),
  sumer: (s: SectorParent, args: SurveyArgs, ctx: Context) =>
    ctx.loaders.dreets.sumerStats.load(surveyQuery(args, s.key, null)),
  evrest: (s: SectorParent, args: SurveyArgs, ctx: Context) =>
    ctx.loaders.dreets.evrestStats.load(surveyQuery(args, s.key, null)),
};

const Territory = {
  ...crossSource((t: TerritoryParent) => ({ sector: null, territory: t.key })),
  departements: territoryDepartements,
  caisses: territoryCaisses,
  spsti: (t: TerritoryParent, _: unknown, ctx: Context) =>
    t.kind === "SPSTI" ? ctx.loaders.spsti.spstiById.load(t.code!) : null,
  spstis: (t: TerritoryParent, _: unknown, ctx: Context) =>
    ctx.loaders.spsti.spstisInDepartements.load({ departements: departementsOf(t.key) }),
  sumer: (t: TerritoryParent, args: Scoped<SurveyArgs>, ctx: Context) =>
    ctx.loaders.dreets.sumerStats.load(
      surveyQuery(args, parseSector(args.sector, "sector"), regionsOf(t.key)),
    ),
  cpomActions: async (
    t: TerritoryParent,
    args: { theme?: string | null; year?: number | null },
    ctx: Context,
  ) =>
    ctx.loaders.spsti.cpomActions.load({
      theme: args.theme ?? null,
      spstiIds: await spstiIdsOf(t.key, ctx),
      activeIn: args.year ?? null,
    }),
  annex4: async (t: TerritoryParent, args: { year: number; theme?: string | null }, ctx: Context) =>
    ctx.loaders.spsti.annex4Rows.load({
      theme: args.theme ?? null,
      year: args.year,
      spstiIds: await spstiIdsOf(t.key, ctx),
    }),
};

const Theme = {
  mpTableaux: (t: ThemeRef) => t.mpTableaux.map((code) => ({ code, label: MP_TABLEAUX[code] ?? code })),
  sumerIndicators: (t: ThemeRef) => SUMER_INDICATORS.filter((i) => t.sumerIndicators.includes(i.code)),
  maladiesProfessionnelles: (t: ThemeRef, args: Scoped<MpArgs>, ctx: Context) =>
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
  accidents: (t: ThemeRef, args: Scoped<{ years: { from: number; to: number } }>, ctx: Context) => {
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
  sumer: (t: ThemeRef, args: Scoped<SurveyArgs>, ctx: Context) =>
    t.sumerIndicators.length === 0
      ? []
      : ctx.loaders.dreets.sumerStats.load(
          surveyQuery({ ...args, indicators: t.sumerIndicators }, parseSector(args.sector, "sector"), null),
        ),
  cpomActions: async (t: ThemeRef, args: { territory?: TerritoryArg; year?: number | null }, ctx: Context) =>
    ctx.loaders.spsti.cpomActions.load({
      theme: t.code,
      spstiIds: await spstiIdsOf(parseTerritory(args.territory, "territory"), ctx),
      activeIn: args.year ?? null,
    }),
  annex4: async (t: ThemeRef, args: { year: number; territory?: TerritoryArg }, ctx: Context) =>
    ctx.loaders.spsti.annex4Rows.load({
      theme: t.code,
      year: args.year,
      spstiIds: await spstiIdsOf(parseTerritory(args.territory, "territory"), ctx),
    }),
};

const NAF_PREFIX = { SUBCLASS: 5, CLASS: 4, GROUP: 3, DIVISION: 2 } as const;

const EstablishmentJoins = {
  sector: (e: Establishment) => sectorParent({ kind: "NAF", code: e.naf5, level: "SUBCLASS" }),
  sectorSinistralite: (
    e: Establishment,
    args: { years: { from: number; to: number }; level?: keyof typeof NAF_PREFIX | "SECTION" | null },
    ctx: Context,
  ) => {
    const level = args.level ?? "SUBCLASS";
    const code = level === "SECTION" ? sectionOf(e.naf5)! : e.naf5.slice(0, NAF_PREFIX[level]);
    const slug = caisseOf(e.departement);
    const territory: TerritoryKey = slug ? { kind: "CAISSE", slug } : { kind: "NATIONAL" };
    return ctx.loaders.carsat.atStats.load(
      atQuery({ years: args.years }, { kind: "NAF", code, level }, territory),
    );
  },
  accidents: (e: Establishment, _: unknown, ctx: Context) =>
    ctx.loaders.carsat.accidentsBySiret.load(e.siret),
};

/** The cross-source resolvers: Sector, Territory, Theme, and Establishment's links to the other sources. */
export const joinsResolvers = {
  Query: {
    sector: (_: unknown, args: SectorArg) => sectorParent(parseSector(args ?? {}, "sector")!),
    territory: async (_: unknown, args: TerritoryArg & { spsti?: string | null }, ctx: Context) => {
      const { spsti, ...rest } = args ?? {};
      if (spsti == null) return territoryParent(parseTerritory(rest, "territory"));
      if (Object.values(rest).some((v) => v != null))
        throw badInput("territory: give at most one of region, departement, caisse, spsti", "spsti");
      const found = await ctx.loaders.spsti.spstiById.load(spsti);
      return found ? spstiTerritory(found) : null;
    },
    theme: (_: unknown, args: { code: string }) => themeParent(args.code),
    themes: () => themes,
    // The register lookup carries the viewer's row scope; Carsat's counts are read only for a SIRET it lets through.
    establishmentAccidents: async (_: unknown, args: { siret: string }, ctx: Context) =>
      (await ctx.loaders.spsti.establishmentBySiret.load(args.siret))
        ? ctx.loaders.carsat.accidentsBySiret.load(args.siret)
        : null,
  },
  Sector,
  Territory,
  Theme,
  Establishment: EstablishmentJoins,
};
