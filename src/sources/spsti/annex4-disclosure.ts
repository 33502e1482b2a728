import type { Db } from "mongodb";
import { suppressTable, type MeasureRule, type TableSpec } from "../../privacy/disclosure.js";
import type { DisclosureConfig } from "../../privacy/disclosure-config.js";
import { findValidated, type PublishedReport } from "./campaign/repository.js";
import type { Annex4Row } from "./types.js";
import type { ANNEX4_COUNTS as COUNTS } from "./types-cpom.js";

/**
 * Disclosure control of the CPOM annexe 4 (rules in src/privacy/disclosure.ts).
 * Its counts are counts of establishments, business statistics: a count of
 * 1 or 2 establishments is masked (INSEE: at least 3 units per cell; each
 * establishment weighs 1 in a count, so with 3 or more none exceeds 85 %).
 * A "dont suivis COG" count is masked too when the establishments NOT
 * followed (total − dont) are 1 or 2, since the subtraction publishes them.
 *
 * The table of a year is every CPOM (SPSTI) × theme of that year, masked as
 * a whole, with secondary suppression along themes and along CPOMs; a query
 * (one theme, one territory, one CPOM) then keeps its rows, so a row gets
 * the same mask whichever query shows it. A masked row's COMMENTAIRES are
 * masked as well: the SPSTIs' free text often restates the counts.
 */

type CountField = (typeof COUNTS)[number];

/** An annexe-4 row after disclosure control: a masked count is null. */
export type MaskedAnnex4Row = Omit<Annex4Row, CountField> & { [K in CountField]: number | null } & {
  suppressed: boolean;
};

const MEASURES: MeasureRule[] = [
  { field: "formes", kind: "units" },
  { field: "formesSuivisCog", kind: "units", partOf: "formes" },
  { field: "accompagnes", kind: "units" },
  { field: "accompagnesSuivisCog", kind: "units", partOf: "accompagnes" },
  { field: "cibles", kind: "units" },
  { field: "ciblesSuivisCog", kind: "units", partOf: "cibles" },
];
const TABLE: TableSpec<Annex4Row> = { dims: ["theme", "cpomId"], strata: ["year"], measures: MEASURES };

/**
 * The published rows of the given years (null = every year): the columns of
 * the reports both the DREETS and the Carsat validated (campaign/), masked
 * year by year; one find. A report still in the campaign is not published.
 */
export async function maskedAnnex4(
  db: Db,
  years: readonly (number | null)[],
  config: DisclosureConfig,
): Promise<readonly MaskedAnnex4Row[]> {
  const wanted = years.includes(null) ? null : [...new Set(years as number[])];
  const rows = (await findValidated(db, wanted)).flatMap(publishedRows);
  return suppressTable(rows, TABLE, config).map((r) =>
    r.suppressed ? { ...r, commentaire: null } : r,
  ) as MaskedAnnex4Row[];
}

/** A validated report's columns as annexe-4 rows. */
function publishedRows(report: PublishedReport): Annex4Row[] {
  return report.rows.map((row) => ({
    ...row,
    id: `${report.cpomId}:${report.year}:${row.theme}`,
    cpomId: report.cpomId,
    spstiId: report.spstiId,
    year: report.year,
    cpomSignedOn: report.cpomSignedOn,
    cpomEndsOn: report.cpomEndsOn,
    dueBy: report.dueBy,
    reportedAt: report.firstSubmittedAt?.toISOString() ?? null,
  }));
}
