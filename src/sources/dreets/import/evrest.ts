import type { ColumnSpec } from "../../../imports/table/types.js";
import { DREETS_COLLECTIONS as C, EVREST_INDICATORS, SURVEY_SECTIONS } from "../catalogue.js";
import { AGE_COLUMN, readAgeBand, readSex, SEX_COLUMN } from "./dimensions.js";
import type { RowCheck } from "../../../imports/row-check.js";
import { surveyDatasets } from "./survey.js";

/**
 * EVREST reports (GIS Evrest, per two-year period): sex × age band cells,
 * per NAF section or for all sectors (no section). EVREST publishes by
 * section only, and every cell by sex and age band: the reads sum these
 * finest cells into any margin (evrest.ts), so a total row (no sex or no
 * age band) would be counted twice and is refused. The all-sector rows are
 * part of the file, as the reports publish them ("Ensemble"): they are
 * stored, not recomputed, because FerretDB cannot sum them cheaply.
 */

const COLUMNS: ColumnSpec[] = [
  { key: "section", headers: ["section", "section NAF", "secteur"], required: false, kind: "text" },
  SEX_COLUMN(true),
  AGE_COLUMN(true),
];

const sections = new Set<string>(SURVEY_SECTIONS);

function dims(check: RowCheck): Record<string, string> {
  const raw = check.text("section")?.toUpperCase() ?? null;
  const section = raw === null || raw === "ENSEMBLE" || raw === "TOUS" ? null : raw;
  if (section !== null && !sections.has(section))
    check.refuse(
      "section",
      `EVREST is published by NAF section: ${SURVEY_SECTIONS.join(", ")}, or empty for all sectors`,
    );
  const sex = readSex(check, false);
  const ageBand = readAgeBand(check, false);
  return {
    ...(section === null ? {} : { section }),
    ...(sex === null ? {} : { sex }),
    ...(ageBand === null ? {} : { ageBand }),
  };
}

/** `dreets-evrest` (national base, dreets_evrest) and `dreets-evrest-regional` (regional bases, dreets_evrest_regional). */
export const EVREST_DATASETS = surveyDatasets({
  name: "dreets-evrest",
  survey: "EVREST",
  collections: { national: C.evrest, regional: C.evrestRegional },
  time: "period",
  nHeaders: ["salariés", "nombre de salariés", "répondants", "effectif", "respondents"],
  counted: "respondents with the trait",
  measures: EVREST_INDICATORS,
  columns: COLUMNS,
  dims,
  keyFields: ["section", "sex", "ageBand"],
});
