import type { ImportedReads } from "../../db/imported-reads.js";
import { derived } from "../../db/read-cache.js";
import { suppressTable, type MeasureRule, type TableSpec } from "../../privacy/disclosure.js";
import type { DisclosureConfig } from "../../privacy/disclosure-config.js";
import { findAnnex4For } from "./repository-cpom.js";
import type { Annex4Row } from "./types.js";

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

const COUNTS = [
  "formes",
  "formesSuivisCog",
  "accompagnes",
  "accompagnesSuivisCog",
  "cibles",
  "ciblesSuivisCog",
] as const;
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

/** The rows of the given years (null = every year), masked year by year; one find. */
export async function maskedAnnex4(
  reads: ImportedReads,
  years: readonly (number | null)[],
  config: DisclosureConfig,
): Promise<readonly MaskedAnnex4Row[]> {
  const wanted = years.includes(null) ? [null] : [...new Set(years)];
  const rows = await findAnnex4For(
    reads,
    wanted.map((year) => ({ theme: null, year, spstiIds: null })),
  );
  // Masked once per cached answer (src/db/read-cache.ts); the years are in the query, the threshold is the app's.
  return derived(
    rows,
    "masked",
    () =>
      suppressTable(rows, TABLE, config).map((r) =>
        r.suppressed ? { ...r, commentaire: null } : r,
      ) as MaskedAnnex4Row[],
  );
}
