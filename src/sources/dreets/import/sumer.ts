import { sectionOf } from "../../../domain/reference.js";
import type { ColumnSpec } from "../../../imports/table/types.js";
import {
  DREETS_COLLECTIONS as C,
  SUMER_DETAILED_PERIOD,
  SUMER_INDICATORS,
  SUMER_NAF2_PUBLISHED,
  SURVEY_SECTIONS,
} from "../catalogue.js";
import { AGE_COLUMN, readAgeBand, readSex, SEX_COLUMN } from "./dimensions.js";
import type { RowCheck } from "../../../imports/row-check.js";
import { surveyDatasets } from "./survey.js";

/**
 * SUMER tables (DARES, DGT): margin cells of one wave. The level of a row
 * follows from its sector cells: a division (NAF2), a section (SECTION), or
 * neither (ALL, every sector). Only what SUMER publishes is accepted, since
 * the reads rely on it (the disclosure grid works out the remainder of a
 * section's unpublished divisions from its published ones):
 * - divisions: the national sample only, the divisions of
 *   SUMER_NAF2_PUBLISHED only, and not in the coarse 2009-2010 wave;
 * - all sectors: by sex, by age band, or both;
 * - a section or a division: by sex or by age band, not both; in the
 *   2009-2010 wave, section totals only.
 */

const COLUMNS: ColumnSpec[] = [
  {
    key: "section",
    headers: ["section", "section NAF", "section naf rév. 2"],
    required: false,
    kind: "text",
  },
  {
    key: "naf2",
    headers: ["naf2", "division", "division NAF", "NAF 88", "code NAF2"],
    required: false,
    kind: "text",
  },
  SEX_COLUMN(false),
  AGE_COLUMN(false),
];

const published = new Set<string>(SUMER_NAF2_PUBLISHED);
const sections = new Set<string>(SURVEY_SECTIONS);

/** Waves before the detailed one keep all-sector margins and section totals only. */
const isCoarse = (period: string | null) => period !== null && period < SUMER_DETAILED_PERIOD;

function readSector(
  check: RowCheck,
  at: { period: string | null; national: boolean },
): { section?: string; naf2?: string } {
  const section = check.text("section")?.toUpperCase() ?? null;
  const raw = check.text("naf2");
  // A division stored as a number in a spreadsheet loses its leading zero.
  const naf2 = raw !== null && /^\d$/.test(raw) ? `0${raw}` : raw;
  if (section !== null && !sections.has(section)) {
    check.refuse("section", `SUMER covers the NAF sections ${SURVEY_SECTIONS.join(", ")}`);
    return {};
  }
  if (naf2 === null) return section === null ? {} : { section };
  if (!at.national) check.refuse("naf2", "regional extensions publish no division: give the section");
  else if (isCoarse(at.period))
    check.refuse("naf2", `the ${at.period} wave publishes no division: give the section`);
  else if (!published.has(naf2))
    check.refuse(
      "naf2",
      `SUMER publishes only the divisions with enough respondents: ${SUMER_NAF2_PUBLISHED.join(", ")}`,
    );
  else if (section !== null && sectionOf(naf2) !== section)
    check.refuse("section", `division ${naf2} belongs to section ${sectionOf(naf2)}`);
  return { section: sectionOf(naf2) ?? undefined, naf2 };
}

function dims(check: RowCheck, at: { period: string | null; national: boolean }): Record<string, string> {
  const sector = readSector(check, at);
  const sex = readSex(check, true);
  const ageBand = readAgeBand(check, true);
  const level = sector.naf2 ? "NAF2" : sector.section ? "SECTION" : "ALL";
  if (level !== "ALL" && sex !== null && ageBand !== null) {
    check.refuse(null, "SUMER publishes a sector by sex or by age band, not by both");
  } else if (level === "SECTION" && isCoarse(at.period) && (sex !== null || ageBand !== null)) {
    check.refuse(null, `the ${at.period} wave publishes section totals only, without sex or age band`);
  }
  return { level, ...sector, ...(sex === null ? {} : { sex }), ...(ageBand === null ? {} : { ageBand }) };
}

/** `dreets-sumer` (national sample, dreets_sumer) and `dreets-sumer-regional` (regional extensions, dreets_sumer_regional). */
export const SUMER_DATASETS = surveyDatasets({
  name: "dreets-sumer",
  survey: "SUMER",
  collections: { national: C.sumer, regional: C.sumerRegional },
  time: "period",
  nHeaders: ["répondants", "nombre de répondants", "effectif", "respondents"],
  counted: "respondents with the trait",
  measures: SUMER_INDICATORS,
  columns: COLUMNS,
  dims,
  keyFields: ["level", "section", "naf2", "sex", "ageBand"],
});
