import type { OrgType } from "../../../auth/roles.js";
import type { DatasetDef, ImportContext } from "../../../imports/dataset.js";
import type { ColumnSpec, TableRow } from "../../../imports/table/types.js";
import type { IndicatorDef } from "../catalogue.js";
import {
  checkNational,
  PERIOD_COLUMN,
  readOwnRegion,
  readPeriod,
  readYear,
  REGION_COLUMN,
  YEAR_COLUMN,
} from "./dimensions.js";
import { RowCheck } from "../../../imports/row-check.js";

/**
 * The datasets of one survey, built alike for SUMER, EVREST and MCP.
 *
 * A row is one published cell, as the survey's documents store it: its
 * dimensions, `n` (respondents) and one count column per indicator of the
 * catalogue. One row is then one document, and every check of a cell (every
 * count at most `n`, every indicator present) is made on its row.
 *
 * Each survey gives two datasets, because the national sample and the
 * regional extensions are separate collections with separate stewards: the
 * national tables by a NATIONAL organisation (DARES, Santé publique France),
 * a region's tables by its DREETS, for its own region only.
 */
export interface SurveySpec {
  /** Dataset name of the national tables; the regional one adds `-regional`. */
  name: string;
  survey: string;
  collections: { national: string; regional: string };
  /** Whether cells are dated by a two-year period ("2016-2017") or a year. */
  time: "period" | "year";
  /** Headers accepted for `n`, besides "n". */
  nHeaders: string[];
  /** What a count column counts, for messages ("respondents with the trait", "cases"). */
  counted: string;
  measures: readonly IndicatorDef[];
  /** The survey's own dimension columns (sector, sex, age band). */
  columns: ColumnSpec[];
  /** The survey's own dimensions of a row, as stored (absent = all values). */
  dims(check: RowCheck, at: { period: string | null; national: boolean }): Record<string, string>;
  /** Its dimension fields, for the identity of a row. */
  keyFields: string[];
}

type Scope = "national" | "regional";

function columnsOf(spec: SurveySpec): ColumnSpec[] {
  return [
    spec.time === "period" ? PERIOD_COLUMN : YEAR_COLUMN,
    REGION_COLUMN,
    ...spec.columns,
    { key: "n", headers: ["n", ...spec.nHeaders], required: true, kind: "integer" },
    // A count column is named by the indicator's code or by its label as the catalogue writes it.
    ...spec.measures.map(
      (m): ColumnSpec => ({ key: m.code, headers: [m.code, m.label], required: true, kind: "integer" }),
    ),
  ];
}

function toDoc(spec: SurveySpec, scope: Scope, row: TableRow, ctx: ImportContext) {
  const check = new RowCheck(row);
  const region = scope === "regional" ? readOwnRegion(check, ctx.org) : checkNational(check);
  const time = spec.time === "period" ? readPeriod(check) : readYear(check, ctx.year);
  const dims = spec.dims(check, {
    period: spec.time === "period" ? (time as string | null) : null,
    national: scope === "national",
  });
  const n = check.count("n", "n (respondents)");
  const counts: Record<string, number | null> = {};
  for (const { code } of spec.measures) {
    const count = check.count(code, `${code} (${spec.counted})`);
    counts[code] = count;
    if (count !== null && n !== null && count > n)
      check.refuse(code, `${code} (${spec.counted}) cannot be more than n (${n})`);
  }
  if (check.issues.length > 0) return { issues: check.issues };
  return { doc: { [spec.time]: time, ...(region === null ? {} : { region }), ...dims, n, ...counts } };
}

const yearsOf = (spec: SurveySpec) => (doc: Record<string, unknown>) => {
  if (spec.time === "year") return { from: doc.year as number, to: doc.year as number };
  const [from, to] = String(doc.period).split("-").map(Number);
  return { from, to };
};

function dataset(spec: SurveySpec, scope: Scope): DatasetDef {
  const national = scope === "national";
  const orgTypes: readonly OrgType[] = national ? ["NATIONAL"] : ["DREETS"];
  return {
    name: national ? spec.name : `${spec.name}-regional`,
    source: "dreets",
    collection: national ? spec.collections.national : spec.collections.regional,
    title: national
      ? `${spec.survey}, national sample: published cells with their counts (a NATIONAL organisation)`
      : `${spec.survey}, regional extension: one region's published cells with their counts (that region's DREETS)`,
    orgTypes,
    table: { columns: columnsOf(spec) },
    toDoc: (row, ctx) => toDoc(spec, scope, row, ctx),
    rowKey: (doc) =>
      JSON.stringify([doc[spec.time], doc.region ?? null, ...spec.keyFields.map((f) => doc[f] ?? null)]),
    // A file is one period (or year) of one region, or of the national sample: it replaces that slice.
    sliceOf: (doc) => `${doc[spec.time]}|${doc.region ?? "FR"}`,
    yearsOf: yearsOf(spec),
  };
}

/** The national and the regional dataset of a survey. */
export function surveyDatasets(spec: SurveySpec): [DatasetDef, DatasetDef] {
  return [dataset(spec, "national"), dataset(spec, "regional")];
}
