import type { GraphQLError } from "graphql";
import { badInput } from "../../errors.js";
import {
  allCaisseSlugs,
  caissesOf,
  NAF_FIELD,
  type SectorKey,
  type TerritoryKey,
} from "../../domain/scope.js";
import type { FactField, FactKey, SummedRow } from "./facts.js";
import {
  CARSAT_COLLECTIONS,
  NATIONAL_CAISSE,
  type AtGroupBy,
  type AtQuery,
  type AtRow,
  type MpGroupBy,
  type MpQuery,
  type MpRow,
} from "./types.js";

/**
 * From loader keys to fact keys (which collection, which fields), the rules
 * on what each collection's grain can answer, and back to typed rows.
 */

/** Measures of carsat_at_facts and carsat_trajet_facts (the ameli AT columns). */
export const AT_MEASURES = [
  "employees",
  "hoursWorked",
  "establishments",
  "accidents",
  "accidentsWith4Days",
  "newIpBelow10",
  "newIpFrom10",
  "deaths",
  "itDays",
  "ipRateSum",
] as const;
/** The subset kept at the age band × sex grain: enough for the four rates. */
export const DEMOGRAPHY_MEASURES = ["employees", "hoursWorked", "accidents", "itDays", "ipRateSum"] as const;
/** Measures of carsat_mp_facts. */
export const MP_MEASURES = ["cases", "newIpBelow10", "newIpFrom10", "deaths", "itDays", "ipRateSum"] as const;

const AT_DIM: Record<AtGroupBy, FactField> = {
  YEAR: "year",
  CAISSE: "caisse",
  CTN: "ctn",
  NAF2: "naf2",
  AGE_BAND: "ageBand",
  SEX: "sex",
};
const MP_DIM: Record<MpGroupBy, FactField> = {
  YEAR: "year",
  TABLEAU: "tableau",
  SYNDROME: "syndrome",
  CAISSE: "caisse",
  NAF2: "naf2",
};

const isDemographic = (q: AtQuery) => q.groupBy.includes("AGE_BAND") || q.groupBy.includes("SEX");

/**
 * The caisses whose documents answer a territory. The nation reads its own
 * FR rows (a national file), except when broken down by caisse: then the
 * caisses' rows, every real caisse, never FR. The age band × sex collection
 * has no FR rows: the nation is the sum of its caisses there.
 */
function factCaisses(territory: TerritoryKey, byCaisse: boolean, hasNationalRows: boolean): string[] | null {
  const slugs = caissesOf(territory);
  if (slugs || !hasNationalRows) return slugs;
  return byCaisse ? allCaisseSlugs : [NATIONAL_CAISSE];
}

/** The sector filter of a fact key (shared with the cause statistics). */
export function sectorField(sector: SectorKey | null): FactKey["sector"] {
  if (!sector) return null;
  return sector.kind === "CTN"
    ? { field: "ctn", code: sector.code }
    : { field: NAF_FIELD[sector.level] as FactField, code: sector.code };
}

/**
 * What the AT collections cannot answer. The age band × sex facts are kept per
 * NAF section only (a finer grain would multiply the documents FerretDB has to
 * decode on every query) and for accidents du travail only.
 */
export function atQueryProblem(q: AtQuery): GraphQLError | null {
  if (!isDemographic(q)) return null;
  if (q.kind === "TRAJET") {
    return badInput(
      "groupBy: the AGE_BAND and SEX breakdowns are kept for accidents du travail only, not for trajet",
      "groupBy",
    );
  }
  if (q.groupBy.includes("CTN") || q.groupBy.includes("NAF2")) {
    return badInput(
      "groupBy: the AGE_BAND and SEX breakdowns are kept per NAF section, so they cannot be combined with CTN or NAF2",
      "groupBy",
    );
  }
  if (q.sector?.kind === "CTN") {
    return badInput(
      `sector: the AGE_BAND and SEX breakdowns are kept per NAF section, not per CTN; give a section (e.g. F) instead of ctn ${q.sector.code}`,
      "sector",
    );
  }
  if (q.sector && q.sector.level !== "SECTION") {
    return badInput(
      `sector: the AGE_BAND and SEX breakdowns are kept per NAF section only; ${q.sector.code} is finer: give its section instead`,
      "sector",
    );
  }
  return null;
}

/** What carsat_mp_facts cannot answer: it is kept per CTN × NAF division (NAF2). */
export function mpQueryProblem(q: MpQuery): GraphQLError | null {
  if (q.sector?.kind === "NAF" && q.sector.level !== "SECTION" && q.sector.level !== "DIVISION") {
    return badInput(
      `sector: maladies professionnelles are kept per NAF division (NAF2); ${q.sector.code} is finer: give its division ${q.sector.code.slice(0, 2)}`,
      "sector",
    );
  }
  return null;
}

/** The collection, filter fields, group fields and measures an AT query reads. */
export function atFactKey(q: AtQuery): FactKey {
  const demographic = isDemographic(q);
  return {
    collection: demographic
      ? CARSAT_COLLECTIONS.atDemography
      : q.kind === "AT"
        ? CARSAT_COLLECTIONS.at
        : CARSAT_COLLECTIONS.trajet,
    years: q.years,
    caisses: factCaisses(q.territory, q.groupBy.includes("CAISSE"), !demographic),
    sector: sectorField(q.sector),
    tableaux: null,
    dims: q.groupBy.map((g) => AT_DIM[g]),
    measures: demographic ? DEMOGRAPHY_MEASURES : AT_MEASURES,
  };
}

/** The same for an MP query (always carsat_mp_facts). */
export function mpFactKey(q: MpQuery): FactKey {
  return {
    collection: CARSAT_COLLECTIONS.mp,
    years: q.years,
    caisses: factCaisses(q.territory, q.groupBy.includes("CAISSE"), true),
    sector: sectorField(q.sector),
    tableaux: q.tableaux,
    dims: q.groupBy.map((g) => MP_DIM[g]),
    measures: MP_MEASURES,
  };
}

/** A summed row as an AtRow: the counts not kept at the age/sex grain are null, never 0. */
export function toAtRow(q: AtQuery, row: SummedRow): AtRow {
  const out: Record<string, unknown> = {
    kind: q.kind,
    suppressed: false,
    unitsFloor: row.unitsFloor ?? null,
  };
  for (const m of AT_MEASURES) out[m] = m in row ? row[m] : null;
  for (const g of q.groupBy) out[AT_DIM[g]] = row[AT_DIM[g]];
  if (row.secret) out.secret = row.secret;
  out.dataVersions = row.versions ?? [];
  return out as unknown as AtRow;
}

/** A summed row as an MpRow. */
export function toMpRow(q: MpQuery, row: SummedRow): MpRow {
  const out: Record<string, unknown> = { suppressed: false };
  for (const m of MP_MEASURES) out[m] = row[m];
  for (const g of q.groupBy) out[MP_DIM[g]] = row[MP_DIM[g]];
  if (row.secret) out.secret = row.secret;
  out.dataVersions = row.versions ?? [];
  return out as unknown as MpRow;
}
