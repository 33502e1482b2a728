import type { Context } from "../src/context.js";
import { badInput } from "../src/errors.js";
import { caisse, ctn, nafEntry } from "../src/domain/reference.js";
import {
  parseSector,
  parseTerritory,
  parseYears,
  type SectorKey,
  type TerritoryKey,
  type YearSpan,
} from "../src/domain/scope.js";
import { frequencyIndex, frequencyRate, severityIndex, severityRate } from "../src/sources/carsat/rates.js";
import {
  MP_TABLEAUX,
  mpSyndrome,
  normaliseTableau,
  type MpSyndromeRef,
} from "../src/sources/carsat/reference.js";
import { versionsOf } from "./datasets.js";
import type {
  AtGroupBy,
  AtKind,
  AtQuery,
  AtRow,
  CauseQuery,
  MpGroupBy,
  MpQuery,
  MpRow,
  ThemeAccidentYear,
} from "../src/sources/carsat/types.js";

type Scope = {
  sector?: { naf?: string | null; ctn?: string | null } | null;
  territory?: Record<string, string | null> | null;
  years: YearSpan;
};
export type SinistraliteArgs = Scope & { kind?: AtKind | null; groupBy?: AtGroupBy[] | null };
export type MpArgs = Scope & { tableaux?: string[] | null; groupBy?: MpGroupBy[] | null };

const tableauRef = (code: string) => ({ code, label: MP_TABLEAUX[code] ?? code });

function parseTableaux(raw: string[] | null | undefined): string[] | null {
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
export function atQuery(
  args: Omit<SinistraliteArgs, "sector" | "territory">,
  sector: SectorKey | null,
  territory: TerritoryKey,
): AtQuery {
  return {
    kind: args.kind ?? "AT",
    sector,
    territory,
    years: parseYears(args.years, "years"),
    groupBy: [...new Set(args.groupBy ?? (["YEAR"] as const))],
  };
}

/** The MP loader key for already-parsed sector and territory (shared with the joins module). */
export function mpQuery(
  args: Omit<MpArgs, "sector" | "territory">,
  sector: SectorKey | null,
  territory: TerritoryKey,
): MpQuery {
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
  args: { years: YearSpan },
  causes: string[],
  sector: SectorKey | null,
  territory: TerritoryKey,
): CauseQuery {
  return { causes, sector, territory, years: parseYears(args.years, "years") };
}

/** Resolvers of the carsat source: thin, the loaders do the work. */
export const carsatResolvers = {
  Query: {
    sinistralite: (_: unknown, args: SinistraliteArgs, ctx: Context) =>
      ctx.loaders.carsat.atStats.load(
        atQuery(args, parseSector(args.sector, "sector"), parseTerritory(args.territory, "territory")),
      ),
    maladiesProfessionnelles: (_: unknown, args: MpArgs, ctx: Context) =>
      ctx.loaders.carsat.mpStats.load(
        mpQuery(args, parseSector(args.sector, "sector"), parseTerritory(args.territory, "territory")),
      ),
  },
  // Type-level resolvers: any AtRow (from here or from the joins module) gets its dimensions and rates.
  SinistraliteRow: {
    dataVersions: (r: AtRow, _: unknown, ctx: Context) => versionsOf(r.dataVersions, ctx),
    caisse: (r: AtRow) => (r.caisse ? caisse(r.caisse) : null),
    ctn: (r: AtRow) => (r.ctn ? ctn(r.ctn) : null),
    naf2: (r: AtRow) => (r.naf2 ? nafEntry(r.naf2) : null),
    frequencyIndex,
    frequencyRate,
    severityRate,
    severityIndex,
  },
  MpRow: {
    dataVersions: (r: MpRow, _: unknown, ctx: Context) => versionsOf(r.dataVersions, ctx),
    tableau: (r: MpRow) => (r.tableau ? tableauRef(r.tableau) : null),
    syndrome: (r: MpRow) => (r.syndrome ? mpSyndrome(r.syndrome) : null),
    caisse: (r: MpRow) => (r.caisse ? caisse(r.caisse) : null),
    naf2: (r: MpRow) => (r.naf2 ? nafEntry(r.naf2) : null),
  },
  ThemeAccidentYear: {
    // A share, computed from the row's counts (never stored); null wherever a count it uses is.
    share: (r: ThemeAccidentYear) =>
      r.themeAccidents !== null && r.accidents !== null && r.accidents > 0
        ? r.themeAccidents / r.accidents
        : null,
  },
  MpSyndrome: {
    tableau: (s: MpSyndromeRef) => tableauRef(s.tableau),
  },
};
