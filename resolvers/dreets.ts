import type { Context } from "../src/context.js";
import { badInput } from "../src/errors.js";
import { nafEntry, region } from "../src/domain/reference.js";
import { parseSector, parseTerritory, parseYears, regionsOf, type SectorKey } from "../src/domain/scope.js";
import {
  EVREST_INDICATORS,
  evrestIndicator,
  MCP_PATHOLOGIES,
  MCP_YEARS,
  mcpPathology,
  SUMER_INDICATORS,
  sumerIndicator,
} from "../src/sources/dreets/catalogue.js";
import { prevalence, wilsonInterval } from "../src/sources/dreets/stats.js";
import type {
  EvrestRow,
  McpRow,
  SumerQuery,
  SumerRow,
  SurveyBreakdown,
  SurveyCell,
} from "../src/sources/dreets/types.js";
import { versionsOf } from "./datasets.js";

/**
 * Resolvers of the DREETS source. Root fields only turn arguments into a
 * loader key; the loaders validate codes and periods. Rates are computed by
 * the type resolvers below from the row counts, so any caller that returns
 * raw rows (the joins module) gets the same prevalences.
 */

export interface SurveyArgs {
  sector?: { naf?: string | null; ctn?: string | null } | null;
  territory?: { region?: string | null; departement?: string | null; caisse?: string | null } | null;
  indicators?: string[] | null;
  period?: string | null;
  breakdown?: SurveyBreakdown[] | null;
}
interface McpArgs extends Pick<SurveyArgs, "territory" | "breakdown"> {
  years?: { from: number; to: number } | null;
  pathologies?: string[] | null;
}

/** null for the national field; the regions of the territory for a regional one. */
function regionsArg(args: SurveyArgs, regional: boolean): string[] | null {
  if (!regional) return null;
  const regions = regionsOf(parseTerritory(args.territory, "territory"));
  if (!regions)
    throw badInput(
      "territory: give a region, département or caisse; national rows come from the national field",
      "territory",
    );
  return regions;
}

/** Sorted and deduplicated, so that equal breakdowns make equal cache keys. */
const breakdownArg = (b: SurveyBreakdown[] | null | undefined): SurveyBreakdown[] =>
  [...new Set(b ?? [])].sort();

function surveyKey(args: SurveyArgs, regional: boolean): SumerQuery {
  return surveyQuery(args, parseSector(args.sector, "sector"), regionsArg(args, regional));
}

/** A SUMER/EVREST loader key for an already-parsed sector and regions (shared with the joins module). */
export function surveyQuery(
  args: Omit<SurveyArgs, "sector" | "territory">,
  sector: SectorKey | null,
  regions: string[] | null,
): SumerQuery {
  return {
    sector,
    regions,
    indicators: args.indicators ?? null,
    period: args.period ?? null,
    breakdown: breakdownArg(args.breakdown),
  };
}

function mcpKey(args: McpArgs, regional: boolean) {
  return {
    regions: regionsArg(args, regional),
    years: parseYears(args.years, "years", MCP_YEARS),
    pathologies: args.pathologies ?? null,
    breakdown: breakdownArg(args.breakdown),
  };
}

/** Fields every survey row computes from its counts. */
const cellFields = {
  region: (r: SurveyCell) => (r.region ? region(r.region) : null),
  // Null when disclosure control masked a count: a rate and its n would give the count back.
  prevalence: (r: SurveyCell) => (r.count === null || r.n === null ? null : prevalence(r.count, r.n)),
  confidenceInterval: (r: SurveyCell) =>
    r.count === null || r.n === null ? null : wilsonInterval(r.count, r.n),
  dataVersions: (r: SurveyCell, _: unknown, ctx: Context) => versionsOf(r.dataVersions, ctx),
};

const sectorOf = (r: { sectorCode: string | null }) => (r.sectorCode ? nafEntry(r.sectorCode) : null);

export const dreetsResolvers = {
  Query: {
    sumer: (_: unknown, args: SurveyArgs, ctx: Context) =>
      ctx.loaders.dreets.sumerStats.load(surveyKey(args, false)),
    sumerRegional: (_: unknown, args: SurveyArgs, ctx: Context) =>
      ctx.loaders.dreets.sumerStats.load(surveyKey(args, true)),
    sumerIndicatorCatalogue: () => SUMER_INDICATORS,
    evrest: (_: unknown, args: SurveyArgs, ctx: Context) =>
      ctx.loaders.dreets.evrestStats.load(surveyKey(args, false)),
    evrestRegional: (_: unknown, args: SurveyArgs, ctx: Context) =>
      ctx.loaders.dreets.evrestStats.load(surveyKey(args, true)),
    evrestIndicatorCatalogue: () => EVREST_INDICATORS,
    mcp: (_: unknown, args: McpArgs, ctx: Context) => ctx.loaders.dreets.mcpStats.load(mcpKey(args, false)),
    mcpRegional: (_: unknown, args: McpArgs, ctx: Context) =>
      ctx.loaders.dreets.mcpStats.load(mcpKey(args, true)),
    mcpPathologyCatalogue: () => MCP_PATHOLOGIES,
  },
  SumerIndicator: {
    ...cellFields,
    label: (r: SumerRow) => sumerIndicator.get(r.indicator)?.label ?? r.indicator,
    theme: (r: SumerRow) => sumerIndicator.get(r.indicator)?.theme ?? null,
    sector: sectorOf,
    source: (r: SumerRow) => `SUMER ${r.period}, DARES/DGT`,
  },
  EvrestIndicator: {
    ...cellFields,
    label: (r: EvrestRow) => evrestIndicator.get(r.indicator)?.label ?? r.indicator,
    category: (r: EvrestRow) => evrestIndicator.get(r.indicator)?.category ?? "",
    sector: sectorOf,
    source: (r: EvrestRow) => `EVREST ${r.period}, GIP EVREST`,
  },
  McpIndicator: {
    ...cellFields,
    label: (r: McpRow) => mcpPathology.get(r.pathology)?.label ?? r.pathology,
    theme: (r: McpRow) => mcpPathology.get(r.pathology)?.theme ?? null,
    source: (r: McpRow) => `MCP ${r.year}, Santé publique France`,
  },
};
