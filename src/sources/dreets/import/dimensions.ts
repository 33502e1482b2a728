import type { ImportOrg } from "../../../imports/dataset.js";
import type { ColumnSpec } from "../../../imports/table/types.js";
import { region as regionRef } from "../../../domain/reference.js";
import { AGE_BANDS, type AgeBand, type Sex } from "../types.js";
import type { RowCheck } from "../../../imports/row-check.js";

/**
 * The dimensions the three surveys share (period or year, region, sex, age
 * band): their columns, and how a cell is read into the stored code.
 */

const text = (key: string, headers: string[], required: boolean): ColumnSpec => ({
  key,
  headers: [key, ...headers],
  required,
  kind: "text",
});

/** A survey wave or two-year period, "2016-2017". */
export const PERIOD_COLUMN = text("period", ["période", "vague", "wave"], true);
/** A year; optional, since it may be given with the file instead. */
export const YEAR_COLUMN: ColumnSpec = {
  key: "year",
  headers: ["year", "année", "année de la quinzaine"],
  required: false,
  kind: "integer",
};
/** INSEE region code; optional (a regional file is its steward's region, a national one has none). */
export const REGION_COLUMN = text("region", ["code région", "reg"], false);
/** Sex, required where the survey publishes every cell by sex. */
export const SEX_COLUMN = (required: boolean) => text("sex", ["sexe"], required);
/** Age band, required where the survey publishes every cell by age band. */
export const AGE_COLUMN = (required: boolean) =>
  text("age_band", ["tranche d'âge", "classe d'âge", "âge"], required);

/** Words that mean "every value" in a total row. */
const ALL = new Set(["ENSEMBLE", "TOTAL", "TOUS", "TOUTES", "ALL"]);

/** Surveys only go back to SUMER 1994; a period or year is checked against this range. */
const FIRST_YEAR = 1994;
const lastYear = () => new Date().getFullYear();

/** A period of two consecutive years, "2016-2017" ("2016/2017" and "2016–2017" are read the same). */
export function readPeriod(check: RowCheck): string | null {
  const raw = check.text("period");
  if (raw === null) return check.refuse("period", "the period is required (for example 2016-2017)");
  const m = /^(\d{4})\s*[-/–]\s*(\d{4})$/.exec(raw);
  if (!m || Number(m[2]) !== Number(m[1]) + 1)
    return check.refuse("period", "a period is two consecutive years, written 2016-2017");
  if (Number(m[1]) < FIRST_YEAR || Number(m[2]) > lastYear())
    return check.refuse("period", `a period lies between ${FIRST_YEAR} and ${lastYear()}`);
  return `${m[1]}-${m[2]}`;
}

/** The year of a row: its `year` cell, else the year given with the file; both must agree. */
export function readYear(check: RowCheck, given: number | null): number | null {
  const cell = check.row.values.year;
  const year = typeof cell === "number" ? cell : given;
  if (year === null)
    return check.refuse("year", "the year is required: a year column, or the year given with the file");
  if (typeof cell === "number" && given !== null && cell !== given)
    return check.refuse("year", `the file was given for ${given}`);
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > lastYear())
    return check.refuse("year", `a year lies between ${FIRST_YEAR} and ${lastYear()}`);
  return year;
}

/**
 * Sex: F, or M (H for "homme" too); empty or "ensemble" is both sexes (a
 * total row) when `optional`. Null for both, and for a refused cell.
 */
export function readSex(check: RowCheck, optional: boolean): Sex | null {
  const raw = check.text("sex")?.toUpperCase() ?? null;
  if (raw === null || ALL.has(raw))
    return optional ? null : check.refuse("sex", "the survey publishes cells by sex: F or M");
  if (["F", "FEMME", "FEMMES", "FEMALE"].includes(raw)) return "F";
  if (["M", "H", "HOMME", "HOMMES", "MALE"].includes(raw)) return "M";
  return check.refuse("sex", "sex is F or M (H is read as M), or empty for both");
}

/**
 * Age band: the API's codes (A15_24 … A55_PLUS) or as written in the
 * surveys' tables ("15-24", "15 à 24 ans", "55+", "55 ans et plus").
 */
export function readAgeBand(check: RowCheck, optional: boolean): AgeBand | null {
  const raw = check.text("age_band");
  if (raw === null || ALL.has(raw.toUpperCase()))
    return optional ? null : check.refuse("age_band", "the survey publishes cells by age band");
  return (
    ageBandCode(raw) ??
    check.refuse("age_band", `age bands are ${AGE_BANDS.join(", ")} (or 15-24, 25-34, 35-44, 45-54, 55+)`)
  );
}

function ageBandCode(raw: string): AgeBand | null {
  if ((AGE_BANDS as readonly string[]).includes(raw.toUpperCase())) return raw.toUpperCase() as AgeBand;
  const s = raw
    .toLowerCase()
    .replace(/ans?\b/g, "")
    .replace(/\s+/g, "");
  if (/^55(\+|etplus|ouplus|plus)$/.test(s)) return "A55_PLUS";
  const m = /^(\d{2})(?:-|à|a)(\d{2})$/.exec(s);
  const code = m ? `A${m[1]}_${m[2]}` : "";
  return (AGE_BANDS as readonly string[]).includes(code) ? (code as AgeBand) : null;
}

/** INSEE region code as written, a lost leading zero put back ("1" → "01"). */
const regionCode = (raw: string) => (/^\d$/.test(raw) ? `0${raw}` : raw);

/** The region of a DREETS steward: the code after `dreets-` (dreets-52), if it is an INSEE region. */
export function orgRegion(org: ImportOrg): string | null {
  const code = org.type === "DREETS" ? /^dreets-(\w+)$/.exec(org.id)?.[1] : undefined;
  return code && regionRef(code) ? code : null;
}

/**
 * The region of a regional row: the steward's own. The region column may be
 * left out; when given, a row of another region is refused.
 */
export function readOwnRegion(check: RowCheck, org: ImportOrg): string | null {
  const own = orgRegion(org);
  if (own === null)
    return check.refuse(
      null,
      `regional tables are imported by a DREETS (organisation id dreets-<region code>), not by ${org.type} ${org.id}`,
    );
  const raw = check.text("region");
  if (raw === null || regionCode(raw) === own) return own;
  return check.refuse("region", `a DREETS imports its own region's rows only (region ${own})`);
}

/** A national row has no region (null); a region in it means a regional table sent as a national one. */
export function checkNational(check: RowCheck): null {
  const raw = check.text("region");
  if (raw === null || ["FR", "FRANCE", "NATIONAL", "ENSEMBLE"].includes(raw.toUpperCase())) return null;
  return check.refuse(
    "region",
    "a national table has no region: regional rows go to the dataset of the regional extensions",
  );
}
