import type { SectorKey, TerritoryKey, YearSpan } from "../../domain/scope.js";

/**
 * Types of the carsat source (Assurance Maladie - Risques professionnels
 * statistics as the caisses régionales receive them). The joins module calls
 * the loaders with these keys and gets these rows back.
 */

/** Accidents du travail, or accidents de trajet (home ↔ work). */
export type AtKind = "AT" | "TRAJET";

/** Dimensions an AT/trajet query can be broken down by. */
export type AtGroupBy = "YEAR" | "CAISSE" | "CTN" | "NAF2" | "AGE_BAND" | "SEX";

/** Dimensions an MP query can be broken down by. */
export type MpGroupBy = "YEAR" | "TABLEAU" | "SYNDROME" | "CAISSE" | "NAF2";

export type AgeBand = "A15_24" | "A25_34" | "A35_44" | "A45_54" | "A55_PLUS";
export type Sex = "F" | "M";

/** Key of the `atStats` loader. `sector: null` = every sector. */
export interface AtQuery {
  kind: AtKind;
  sector: SectorKey | null;
  territory: TerritoryKey;
  years: YearSpan;
  groupBy: AtGroupBy[];
}

/**
 * Summed counts of an AT/trajet row (never ratios). The five counts kept only
 * at the detailed grain are null on rows of a query grouped by AGE_BAND or
 * SEX. Any count is also null when disclosure control masks it (`suppressed`).
 */
export interface AtCounts {
  /** Sum of yearly average headcounts (person-years when several years are pooled). */
  employees: number | null;
  hoursWorked: number | null;
  /** Establishments (SIRET) with at least one salarié; null at the age/sex grain. */
  establishments: number | null;
  /** AT (or trajet accidents) en 1er règlement: with time off work or an IP. */
  accidents: number | null;
  accidentsWith4Days: number | null;
  newIpBelow10: number | null;
  newIpFrom10: number | null;
  deaths: number | null;
  itDays: number | null;
  ipRateSum: number | null;
}

/** One row of `atStats`: the counts plus the values of the requested dimensions. */
export interface AtRow extends AtCounts {
  kind: AtKind;
  /** Import ids of the dataset versions whose documents the row sums (its provenance). */
  dataVersions: string[];
  /** Whether disclosure control masked at least one count of the row. */
  suppressed: boolean;
  /** Measures the publisher withheld (statistical secret) in a document summed here: they come back null. Internal. */
  secret?: string[];
  /**
   * Fewest distinct establishments the row can cover: the largest yearly
   * count (an establishment is counted once a year, but again every year
   * pooled). The INSEE unit rule reads this, not `establishments`. Internal.
   */
  unitsFloor: number | null;
  year?: number;
  /** Caisse slug. */
  caisse?: string;
  /** CTN letter. */
  ctn?: string;
  naf2?: string;
  ageBand?: AgeBand;
  sex?: Sex;
}

/** Key of the `mpStats` loader. `tableaux: null` = every tableau (and MP outside tableaux). */
export interface MpQuery {
  sector: SectorKey | null;
  territory: TerritoryKey;
  years: YearSpan;
  tableaux: string[] | null;
  groupBy: MpGroupBy[];
}

/** Summed counts of maladies professionnelles (null when disclosure control masks them). No headcount: see the MP seed for why. */
export interface MpCounts {
  /** MP en 1er règlement (first payment in the year). */
  cases: number | null;
  newIpBelow10: number | null;
  newIpFrom10: number | null;
  deaths: number | null;
  itDays: number | null;
  ipRateSum: number | null;
}

/** One row of `mpStats`. */
export interface MpRow extends MpCounts {
  /** Import ids of the dataset versions whose documents the row sums (its provenance). */
  dataVersions: string[];
  /** Whether disclosure control masked at least one count of the row. */
  suppressed: boolean;
  /** Measures the publisher withheld in a document summed here. Internal. */
  secret?: string[];
  year?: number;
  /** Tableau code, `057`, `030B` (30 bis) or `HT` (outside the tableaux). */
  tableau?: string;
  /** Syndrome code, see MP_SYNDROMES. */
  syndrome?: string;
  caisse?: string;
  naf2?: string;
}

/** Key of the `causeStats` loader: the accidents du travail of some causes (a theme's), per year. */
export interface CauseQuery {
  /** Cause codes (AT_CAUSES). */
  causes: string[];
  sector: SectorKey | null;
  territory: TerritoryKey;
  years: YearSpan;
}

/** One year of `causeStats` (null counts: masked, or no cause breakdown that year). */
export interface ThemeAccidentYear {
  year: number;
  suppressed: boolean;
  /** All AT en 1er règlement (as `sinistralite` gives them). */
  accidents: number | null;
  /** The AT of the key's causes; null when masked or when no summed document has a cause breakdown. */
  themeAccidents: number | null;
  /** Measures the publisher withheld in a document summed here. Internal. */
  secret?: string[];
}

/** Yearly accident counts of one establishment (confidential to the CPOM parties). */
export interface EstablishmentAccidentYear {
  siret: string;
  year: number;
  accidents: number;
  itDays: number;
  newIp: number;
}

/**
 * Caisse of the nation's own rows in the AT, trajet and MP collections: a
 * national file has no caisse, and its figures are not the sum of the
 * caisses' files (a caisse may be missing, late, or revised). A territory
 * without restriction reads these rows; every other territory, and a
 * breakdown by caisse, reads the caisses' rows.
 */
export const NATIONAL_CAISSE = "FR";

/** Collection names: one database, prefixed by source. */
export const CARSAT_COLLECTIONS = {
  /** Yearly AT facts, caisse × CTN × NAF5 × year (caisse FR: the nation's rows). */
  at: "carsat_at_facts",
  /** Yearly trajet facts, same grain and shape as `at`. */
  trajet: "carsat_trajet_facts",
  /** AT by age band × sex, coarser: caisse × NAF section × year × ageBand × sex. */
  atDemography: "carsat_at_demography",
  /** MP, caisse × CTN × NAF2 (imports: NAF5) × tableau × syndrome × year (caisse FR: the nation's rows). */
  mp: "carsat_mp_facts",
  /** AT per establishment (SIRET) and year, only years with at least one AT. */
  establishment: "carsat_establishment_at",
} as const;
