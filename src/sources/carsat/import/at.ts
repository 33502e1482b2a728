import type { GridDef } from "../../../privacy/grid/store.js";
import { atGridDef } from "../grid/index.js";
import type { DatasetDef, ImportContext } from "../../../imports/dataset.js";
import type { RowIssue } from "../../../imports/issues.js";
import type { ColumnSpec, TableRow } from "../../../imports/table/types.js";
import { nafFields } from "../../../domain/scope.js";
import { AT_CAUSES, CAUSE_FIELDS } from "../causes.js";
import { AT_MEASURES } from "../queries.js";
import { CARSAT_COLLECTIONS } from "../types.js";
import { readCtn, readMeasures, readNaf5, readPlace, readYear } from "./cells.js";
import {
  accidentColumns,
  HEADCOUNT_COLUMNS,
  LABEL_COLUMNS,
  PLACE_COLUMNS,
  SEVERITY_COLUMNS,
} from "./columns.js";

/**
 * The AT and trajet files of the Assurance Maladie, one row per CTN × NAF5
 * (docs/datasets/carsat-at.md, carsat-trajet.md). A caisse imports its own
 * figures, the national steward the nation's (caisse FR). A slice is one
 * year of one caisse (or of the nation): a new file for it replaces it whole.
 */

const CAUSE_COLUMNS: ColumnSpec[] = AT_CAUSES.map((c) => ({
  key: c.field,
  kind: "integer",
  required: false,
  headers: c.headers,
}));

/** Where a row belongs (caisse, regions, CTN, NAF fields, year), or null with its issues pushed; shared with the MP dataset. */
export function readRowPlace(row: TableRow, ctx: ImportContext, issues: RowIssue[]) {
  const naf5 = readNaf5(row, "naf5", issues);
  const ctn = readCtn(row, "ctn", issues);
  const year = readYear(row, "year", ctx, issues);
  const place = readPlace(row, "caisse", ctx, issues);
  return naf5 === null || ctn === null || year === null || place === null
    ? null
    : { ...place, ctn, ...nafFields(naf5), year };
}

/**
 * The 12 cause columns come together (2021 layout) or not at all (earlier
 * files): with some missing, a theme's share of the accidents would be
 * computed over causes that were never counted.
 */
function causeProblem(row: TableRow): RowIssue | null {
  const present = CAUSE_FIELDS.filter((f) => f in row.values);
  if (present.length === 0 || present.length === CAUSE_FIELDS.length) return null;
  const missing = AT_CAUSES.filter((c) => !present.includes(c.field)).map((c) => `"${c.label}"`);
  return {
    line: row.line,
    column: null,
    value: null,
    reason: `the 12 accident-cause columns come together: missing ${missing.join(", ")}`,
  };
}

function toAtDoc(
  kind: "AT" | "TRAJET",
  row: TableRow,
  ctx: ImportContext,
): { doc: Record<string, unknown> } | { issues: RowIssue[] } {
  // The reader's own issues first: an unreadable cell must never be taken for an empty one (0), even for a direct caller.
  const issues: RowIssue[] = [...row.issues];
  const place = readRowPlace(row, ctx, issues);
  const causes = kind === "AT" ? CAUSE_FIELDS : [];
  const problem = kind === "AT" ? causeProblem(row) : null;
  if (problem) issues.push(problem);
  if (place === null || issues.length > 0) return { issues };
  const { measures, secret } = readMeasures(row, [...AT_MEASURES, ...causes], ["employees"]);
  return { doc: { ...place, ...measures, ...(secret.length > 0 ? { secret } : {}) } };
}

/** Slice of a document of the AT, trajet or MP collections (also the seed's): one year of one caisse, or of the nation (FR). */
export const sliceOfFact = (doc: Record<string, unknown>) => `${doc.year}|${doc.caisse}`;
/** The year of such a document, as a period. */
export const yearsOfFact = (doc: Record<string, unknown>) => ({
  from: doc.year as number,
  to: doc.year as number,
});

function atDataset(kind: "AT" | "TRAJET"): DatasetDef {
  const at = kind === "AT";
  return {
    name: at ? "carsat-at" : "carsat-trajet",
    source: "carsat",
    collection: at ? CARSAT_COLLECTIONS.at : CARSAT_COLLECTIONS.trajet,
    title: at
      ? "Accidents du travail par CTN × NAF, one year (Assurance Maladie - Risques professionnels, ameli; a caisse's or the nation's)"
      : "Accidents de trajet par CTN × NAF, one year (Assurance Maladie - Risques professionnels, ameli; a caisse's or the nation's)",
    orgTypes: ["NATIONAL", "CARSAT"],
    table: {
      columns: [
        ...PLACE_COLUMNS,
        ...HEADCOUNT_COLUMNS(true),
        ...accidentColumns(kind),
        ...SEVERITY_COLUMNS,
        ...(at ? CAUSE_COLUMNS : []),
        ...LABEL_COLUMNS,
      ],
    },
    toDoc: (row, ctx) => toAtDoc(kind, row, ctx),
    // One NAF5 appears under several CTN (each establishment's risk code): the CTN is part of a row's identity.
    rowKey: (doc) => `${doc.caisse}|${doc.year}|${doc.ctn}|${doc.naf5}`,
    sliceOf: sliceOfFact,
    yearsOf: yearsOfFact,
    grid: (disclosure) =>
      atGridDef(at ? CARSAT_COLLECTIONS.at : CARSAT_COLLECTIONS.trajet, disclosure) as GridDef<unknown>,
  };
}

/** `carsat-at`: the AT file, with its 12 cause columns when it has them. */
export const CARSAT_AT = atDataset("AT");
/** `carsat-trajet`: the trajet file, same layout without causes. */
export const CARSAT_TRAJET = atDataset("TRAJET");
