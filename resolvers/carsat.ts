import { badInput } from "../src/errors.js";
import { caisse, ctn, nafEntry } from "../src/domain/reference.js";
import {
  parseSector,
  parseTerritory,
  parseYears,
  type SectorKey,
  type TerritoryKey,
} from "../src/domain/scope.js";
import type {
  QueryMaladiesProfessionnellesArgs,
  QuerySinistraliteArgs,
  Resolvers,
  ThemeAccidentsArgs,
} from "../src/graphql/generated/resolvers-types.js";
import { frequencyIndex, frequencyRate, severityIndex, severityRate } from "../src/sources/carsat/rates.js";
import { MP_TABLEAUX, mpSyndrome, normaliseTableau } from "../src/sources/carsat/reference.js";
import { versionsOf } from "./datasets.js";
import type { AtQuery, CauseQuery, MpQuery } from "../src/sources/carsat/types.js";

/** The arguments of the sinistralité fields that are not a dimension (the same on Query, Sector, Territory, Establishment). */
export type AtArgs = Pick<QuerySinistraliteArgs, "kind" | "years" | "groupBy">;
/** The arguments of the maladies professionnelles fields that are not a dimension (Query, Sector, Territory, Theme). */
export type MpArgs = Pick<QueryMaladiesProfessionnellesArgs, "years" | "tableaux" | "groupBy">;

const tableauRef = (code: string) => ({ code, label: MP_TABLEAUX[code] ?? code });

function parseTableaux(raw: readonly string[] | null | undefined): string[] | null {
  if (!raw) return null;
  return [
    ...new Set(
      raw.map((t) => {
        const code = normaliseTableau(t);
        if (!code)
          throw badInput(
            `tableaux: "${t}" is not a tableau (expected e.g. 57, 057, 30 bis or HT)`,
            "tableaux",
          );
        return code;
      }),
    ),
  ];
}

/** The AT/trajet loader key for already-parsed sector and territory (shared with the joins module). */
export function atQuery(args: AtArgs, sector: SectorKey | null, territory: TerritoryKey): AtQuery {
  return {
    kind: args.kind ?? "AT",
    sector,
    territory,
    years: parseYears(args.years, "years"),
    groupBy: [...new Set(args.groupBy ?? (["YEAR"] as const))],
  };
}

/** The MP loader key for already-parsed sector and territory (shared with the joins module). */
export function mpQuery(args: MpArgs, sector: SectorKey | null, territory: TerritoryKey): MpQuery {
  return {
    sector,
    territory,
    years: parseYears(args.years, "years"),
    tableaux: parseTableaux(args.tableaux),
    groupBy: [...new Set(args.groupBy ?? (["YEAR", "TABLEAU"] as const))],
  };
}

/** The cause loader key (a theme's causes) for already-parsed sector and territory (used by the joins module). */
export function causeQuery(
  args: Pick<ThemeAccidentsArgs, "years">,
  causes: string[],
  sector: SectorKey | null,
  territory: TerritoryKey,
): CauseQuery {
  return { causes, sector, territory, years: parseYears(args.years, "years") };
}

/** Resolvers of the carsat source: thin, the loaders do the work. */
export const carsatResolvers = {
  Query: {
    sinistralite: (_, args, ctx) =>
      ctx.loaders.carsat.atStats.load(
        atQuery(args, parseSector(args.sector, "sector"), parseTerritory(args.territory, "territory")),
      ),
    maladiesProfessionnelles: (_, args, ctx) =>
      ctx.loaders.carsat.mpStats.load(
        mpQuery(args, parseSector(args.sector, "sector"), parseTerritory(args.territory, "territory")),
      ),
  },
  // Type-level resolvers: any AtRow (from here or from the joins module) gets its dimensions and rates.
  SinistraliteRow: {
    dataVersions: (r, _, ctx) => versionsOf(r.dataVersions, ctx),
    caisse: (r) => (r.caisse ? caisse(r.caisse) : null),
    ctn: (r) => (r.ctn ? ctn(r.ctn) : null),
    naf2: (r) => (r.naf2 ? nafEntry(r.naf2) : null),
    frequencyIndex,
    frequencyRate,
    severityRate,
    severityIndex,
  },
  MpRow: {
    dataVersions: (r, _, ctx) => versionsOf(r.dataVersions, ctx),
    tableau: (r) => (r.tableau ? tableauRef(r.tableau) : null),
    syndrome: (r) => (r.syndrome ? mpSyndrome(r.syndrome) : null),
    caisse: (r) => (r.caisse ? caisse(r.caisse) : null),
    naf2: (r) => (r.naf2 ? nafEntry(r.naf2) : null),
  },
  ThemeAccidentYear: {
    // A share, computed from the row's counts (never stored); null wherever a count it uses is.
    share: (r) =>
      r.themeAccidents !== null && r.accidents !== null && r.accidents > 0
        ? r.themeAccidents / r.accidents
        : null,
  },
  MpSyndrome: {
    tableau: (s) => tableauRef(s.tableau),
  },
} satisfies Resolvers;
