import type { Context } from "../src/context.js";
import { badInput } from "../src/errors.js";
import { nafEntry, region } from "../src/domain/reference.js";
import { parseSector, parseTerritory, parseYears, regionsOf, type SectorKey } from "../src/domain/scope.js";
import type {
  QueryMcpArgs,
  QuerySumerArgs,
  Resolvers,
  TerritoryInput,
} from "../src/graphql/generated/resolvers-types.js";
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
import type { SumerQuery, SurveyBreakdown, SurveyCell } from "../src/sources/dreets/types.js";
import { versionsOf } from "./datasets.js";

/**
 * Resolvers of the DREETS source. Root fields only turn arguments into a
 * loader key; the loaders validate codes and periods. Rates are computed by
 * the type resolvers below from the row counts, so any caller that returns
 * raw rows (the joins module) gets the same prevalences.
 */

/** The survey arguments that are not a dimension (the same on SUMER and EVREST, national or regional, and on the joins). */
export type SurveyArgs = Pick<QuerySumerArgs, "indicators" | "period" | "breakdown">;

/** null for the national field (no territory); the regions of the territory for a regional one. */
function regionsArg(territory: TerritoryInput | null): string[] | null {
  if (territory === null) return null;
  const regions = regionsOf(parseTerritory(territory, "territory"));
  if (!regions)
    throw badInput(
      "territory: give a region, département or caisse; national rows come from the national field",
      "territory",
    );
  return regions;
}

/** Sorted and deduplicated, so that equal breakdowns make equal cache keys. */
const breakdownArg = (b: readonly SurveyBreakdown[] | null | undefined): SurveyBreakdown[] =>
  [...new Set(b ?? [])].sort();

/** `territory` is null for a national field, the (required) argument for a regional one. */
function surveyKey(args: QuerySumerArgs, territory: TerritoryInput | null): SumerQuery {
  return surveyQuery(args, parseSector(args.sector, "sector"), regionsArg(territory));
}

/** A SUMER/EVREST loader key for an already-parsed sector and regions (shared with the joins module). */
export function surveyQuery(
  args: SurveyArgs,
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

function mcpKey(args: QueryMcpArgs, territory: TerritoryInput | null) {
  return {
    regions: regionsArg(territory),
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
    sumer: (_, args, ctx) => ctx.loaders.dreets.sumerStats.load(surveyKey(args, null)),
    sumerRegional: (_, args, ctx) => ctx.loaders.dreets.sumerStats.load(surveyKey(args, args.territory)),
    sumerIndicatorCatalogue: () => SUMER_INDICATORS,
    evrest: (_, args, ctx) => ctx.loaders.dreets.evrestStats.load(surveyKey(args, null)),
    evrestRegional: (_, args, ctx) => ctx.loaders.dreets.evrestStats.load(surveyKey(args, args.territory)),
    evrestIndicatorCatalogue: () => EVREST_INDICATORS,
    mcp: (_, args, ctx) => ctx.loaders.dreets.mcpStats.load(mcpKey(args, null)),
    mcpRegional: (_, args, ctx) => ctx.loaders.dreets.mcpStats.load(mcpKey(args, args.territory)),
    mcpPathologyCatalogue: () => MCP_PATHOLOGIES,
  },
  SumerIndicator: {
    ...cellFields,
    label: (r) => sumerIndicator.get(r.indicator)?.label ?? r.indicator,
    theme: (r) => sumerIndicator.get(r.indicator)?.theme ?? null,
    sector: sectorOf,
    source: (r) => `SUMER ${r.period}, DARES/DGT`,
  },
  EvrestIndicator: {
    ...cellFields,
    label: (r) => evrestIndicator.get(r.indicator)?.label ?? r.indicator,
    category: (r) => evrestIndicator.get(r.indicator)?.category ?? "",
    sector: sectorOf,
    source: (r) => `EVREST ${r.period}, GIP EVREST`,
  },
  McpIndicator: {
    ...cellFields,
    label: (r) => mcpPathology.get(r.pathology)?.label ?? r.pathology,
    theme: (r) => mcpPathology.get(r.pathology)?.theme ?? null,
    source: (r) => `MCP ${r.year}, Santé publique France`,
  },
} satisfies Resolvers;
