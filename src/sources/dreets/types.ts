import type { SectorKey, YearSpan } from "../../domain/scope.js";

/**
 * Keys and rows of the DREETS source (SUMER, EVREST, MCP survey statistics).
 * Rows carry COUNTS only (respondents `n` and respondents with the trait
 * `count`); prevalences and confidence intervals are computed from them by
 * the GraphQL type resolvers, so that any caller (the joins module included)
 * can hand raw rows to the schema and small-count suppression can see `n`.
 */

export type Sex = "F" | "M";

/** The age bands every source uses (AgeBand enum of schema/_base.graphql). */
export const AGE_BANDS = ["A15_24", "A25_34", "A35_44", "A45_54", "A55_PLUS"] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const SEXES: readonly Sex[] = ["F", "M"];

/** Dimensions an estimate can be split by; both together give sex × age band cells. */
export type SurveyBreakdown = "SEX" | "AGE_BAND";

/**
 * `regions: null` asks for the national sample (public open data); an array
 * asks for the rows of each of those regions (regional extensions, partner
 * data): a caisse spanning two regions gets the rows of both, never a pool.
 */
interface SurveyScope {
  regions: string[] | null;
  breakdown: SurveyBreakdown[];
}

/** SUMER: `sector` may be any NAF level (mapped to the finest published level) but not a CTN. */
export interface SumerQuery extends SurveyScope {
  sector: SectorKey | null;
  /** Indicator codes of sumerIndicatorCatalogue; null = all. */
  indicators: string[] | null;
  /** "2016-2017" or "2009-2010"; null = every wave (trend). */
  period: string | null;
}

/** EVREST: `sector` is mapped to its NAF section (EVREST publishes by section only). */
export interface EvrestQuery extends SurveyScope {
  sector: SectorKey | null;
  indicators: string[] | null;
  /** A 2-year period such as "2021-2022"; null = every period. */
  period: string | null;
}

/** MCP quinzaines: no sector dimension; one row per year in the span. */
export interface McpQuery extends SurveyScope {
  years: YearSpan;
  /** Pathology group codes of mcpPathologyCatalogue; null = all. */
  pathologies: string[] | null;
}

/** The counts of one published cell; null dimension = all values of it. */
export interface SurveyCell {
  sex: Sex | null;
  ageBand: AgeBand | null;
  /** INSEE region code; null = national sample. */
  region: string | null;
  /** Respondents (salariés) in the cell; null when disclosure control masks the cell. */
  n: number | null;
  /** Respondents with the trait (SUMER, EVREST) or cases (MCP); null when disclosure control masks it. */
  count: number | null;
  /** Whether disclosure control masked `n` or `count`. */
  suppressed: boolean;
  /** Import ids (DatasetVersion ids) of the stored cells the counts add up, sorted: the row's provenance. */
  dataVersions: string[];
}

export interface SumerRow extends SurveyCell {
  indicator: string;
  period: string;
  /** NAF code the figures describe (may be coarser than the sector asked for); null = all sectors. */
  sectorCode: string | null;
  sectorLevel: "SECTION" | "DIVISION" | null;
}

export interface EvrestRow extends SurveyCell {
  indicator: string;
  period: string;
  /** NAF section the figures describe; null = all sectors. */
  sectorCode: string | null;
  sectorLevel: "SECTION" | null;
}

export interface McpRow extends SurveyCell {
  pathology: string;
  year: number;
}
