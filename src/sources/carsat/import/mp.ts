import type { DatasetDef, ImportContext } from "../../../imports/dataset.js";
import type { GridDef } from "../../../privacy/grid/store.js";
import { mpGridDef } from "../grid/index.js";
import type { RowIssue } from "../../../imports/issues.js";
import type { ColumnSpec, TableRow } from "../../../imports/table/types.js";
import { MP_MEASURES } from "../queries.js";
import { CARSAT_COLLECTIONS } from "../types.js";
import { readRowPlace, sliceOfFact, yearsOfFact } from "./at.js";
import { readMeasures } from "./cells.js";
import { HEADCOUNT_COLUMNS, LABEL_COLUMNS, PLACE_COLUMNS, SEVERITY_COLUMNS } from "./columns.js";
import { readTableau, storedSyndrome } from "./mp-codes.js";

/**
 * The MP file of the Assurance Maladie: one row per CTN × NAF5 × tableau ×
 * syndrome (docs/datasets/carsat-mp.md).
 *
 * Data quirk: the file repeats the headcount of the CTN × NAF5 cell on every
 * tableau × syndrome row, so summing it over rows would count the same
 * salariés many times. The headcount columns are accepted and ignored: MP
 * documents store none, as the seed's (headcounts come from the AT file,
 * counted once per CTN × NAF5). The yes/no flag columns are a function of
 * the syndrome (MP_SYNDROMES): accepted and ignored too.
 */

const text = (key: string, ...headers: string[]): ColumnSpec => ({
  key,
  kind: "text",
  required: false,
  headers,
});

const MP_COLUMNS: ColumnSpec[] = [
  {
    key: "tableau",
    kind: "text",
    required: true,
    headers: [
      "tableau",
      "code_tableau",
      "tableau_mp",
      "Tableau",
      "Tableau de MP",
      "N° de tableau",
      "Numéro de tableau",
    ],
  },
  text("syndrome", "syndrome", "code_syndrome", "Code syndrome", "Syndrome"),
  {
    key: "cases",
    kind: "integer",
    required: true,
    headers: [
      "mp_1er_reglement",
      "Nombre de MP en 1er règlement",
      "MP en 1er règlement",
      "Nombre de maladies professionnelles en 1er règlement",
    ],
  },
  text("labelTableau", "libelle_tableau", "Libellé tableau", "Libellé du tableau"),
  text("labelSyndrome", "libelle_syndrome", "Libellé syndrome", "Libellé du syndrome"),
  text("flagTms", "tms", "flag_tms", "TMS"),
  text("flagChemical", "chimique", "flag_chimique", "Chimique", "Risque chimique"),
  text("flagBiological", "biologique", "flag_biologique", "Biologique"),
  text("flagCancer", "cancer", "flag_cancer", "Cancer"),
  text("flagPsy", "psy", "flag_psy", "Psychique", "RPS"),
];

// Read as text: their values are never used, so a cell in any format must not refuse the row.
const IGNORED_HEADCOUNTS = HEADCOUNT_COLUMNS(false).map((c) => ({ ...c, kind: "text" as const }));

function toMpDoc(
  row: TableRow,
  ctx: ImportContext,
): { doc: Record<string, unknown> } | { issues: RowIssue[] } {
  // The reader's own issues first: an unreadable cell must never be taken for an empty one (0), even for a direct caller.
  const issues: RowIssue[] = [...row.issues];
  const place = readRowPlace(row, ctx, issues);
  const tableauCell = typeof row.values.tableau === "string" ? row.values.tableau : "";
  const syndromeCell = typeof row.values.syndrome === "string" ? row.values.syndrome : null;
  const tableau = readTableau(tableauCell);
  const refuse = (column: string, reason: string) =>
    issues.push({ line: row.line, column, value: row.raw[column] ?? null, reason });
  let codes: { tableau: string; syndrome: string; publishedCode: string } | null = null;
  if ("reason" in tableau) refuse("tableau", tableau.reason);
  else {
    const found = storedSyndrome(tableau, syndromeCell);
    if ("reason" in found) refuse(syndromeCell ? "syndrome" : "tableau", found.reason);
    // The row's identity as published (`057/A|057AAM96B`): several published syndromes or paragraphs may share one stored syndrome.
    else
      codes = {
        tableau: tableau.tableau,
        syndrome: found.syndrome,
        publishedCode: `${tableau.tableau}/${tableau.paragraph ?? ""}|${(syndromeCell ?? "").toUpperCase().replace(/\s+/g, "")}`,
      };
  }
  if (place === null || codes === null || issues.length > 0) return { issues };
  const { measures, secret } = readMeasures(row, MP_MEASURES);
  return {
    doc: {
      ...place,
      ...codes,
      ...measures,
      ...(secret.length > 0 ? { secret } : {}),
    },
  };
}

/** `carsat-mp`: maladies professionnelles par CTN × NAF5 × tableau × syndrome. */
export const CARSAT_MP: DatasetDef = {
  name: "carsat-mp",
  source: "carsat",
  collection: CARSAT_COLLECTIONS.mp,
  title:
    "Maladies professionnelles par CTN × NAF × tableau × syndrome, one year (Assurance Maladie - Risques professionnels, ameli; a caisse's or the nation's)",
  orgTypes: ["NATIONAL", "CARSAT"],
  table: {
    columns: [...PLACE_COLUMNS, ...MP_COLUMNS, ...SEVERITY_COLUMNS, ...IGNORED_HEADCOUNTS, ...LABEL_COLUMNS],
  },
  toDoc: toMpDoc,
  rowKey: (doc) => `${doc.caisse}|${doc.year}|${doc.ctn}|${doc.naf5}|${doc.publishedCode}`,
  sliceOf: sliceOfFact,
  yearsOf: yearsOfFact,
  grid: (disclosure) => mpGridDef(disclosure) as GridDef<unknown>,
};
