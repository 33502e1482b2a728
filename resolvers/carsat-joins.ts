import type { Context } from "../src/context.js";
import { caisseOf, sectionOf } from "../src/domain/reference.js";
import { parseSector, parseTerritory, type TerritoryKey } from "../src/domain/scope.js";
import type {
  EstablishmentResolvers,
  Resolvers,
  SectorResolvers,
  TerritoryResolvers,
  ThemeResolvers,
} from "../src/graphql/generated/resolvers-types.js";
import { themeAtCauses, type SectorParent, type TerritoryParent } from "../src/joins/parents.js";
import { MP_TABLEAUX } from "../src/sources/carsat/reference.js";
import { atQuery, causeQuery, mpQuery, type AtArgs, type MpArgs } from "./carsat.js";
import { dimensions, entity, ofSector, ofTerritory, type Fixed, type Dimensions } from "./join-types.js";

/**
 * What the Carsat source answers about the join dimensions and about a
 * member establishment (schema/carsat-joins.graphql): the same loaders and
 * key builders as its own root fields.
 */
function figures<P>(fixed: (parent: P) => Fixed) {
  return {
    sinistralite: (p: P, args: AtArgs & Dimensions, ctx: Context) => {
      const d = dimensions(fixed(p), args);
      return ctx.loaders.carsat.atStats.load(atQuery(args, d.sector, d.territory));
    },
    maladiesProfessionnelles: (p: P, args: MpArgs & Dimensions, ctx: Context) => {
      const d = dimensions(fixed(p), args);
      return ctx.loaders.carsat.mpStats.load(mpQuery(args, d.sector, d.territory));
    },
  };
}

const Sector = figures((s: SectorParent) => ofSector(s)) satisfies SectorResolvers;

const Territory = figures((t: TerritoryParent) => ofTerritory(t)) satisfies TerritoryResolvers;

const Theme = {
  mpTableaux: (t) => t.mpTableaux.map((code) => ({ code, label: MP_TABLEAUX[code] ?? code })),
  atCauses: themeAtCauses,
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
} satisfies ThemeResolvers;

const NAF_PREFIX = { SUBCLASS: 5, CLASS: 4, GROUP: 3, DIVISION: 2 } as const;

/** What a subgraph receives of an establishment: its key and the fields `sectorSinistralite` requires. */
interface EstablishmentReference {
  siret: string;
  naf?: { code: string };
  departement?: string;
}

const Establishment = {
  // The representation comes from the SPSTI register's answer to this viewer (its row scope): only the
  // SIRET, plus the NAF code and département that the sector comparison requires.
  ...entity((ref: EstablishmentReference) => ({
    siret: ref.siret,
    naf5: ref.naf?.code ?? "",
    departement: ref.departement ?? "",
  })),
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

/** The Carsat source's join fields. */
export const carsatJoinsResolvers = { Sector, Territory, Theme, Establishment } satisfies Resolvers;
