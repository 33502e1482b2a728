import type { OrgType } from "../auth/roles.js";
import type { DisclosureConfig } from "../privacy/disclosure-config.js";
import type { GridDef } from "../privacy/grid/store.js";
import type { RowIssue } from "./issues.js";
import type { TableRow, TableSpec } from "./table/types.js";

/**
 * A kind of file a partner brings in, and how its rows become documents of
 * one collection. Each source declares its own datasets next to its code
 * (src/sources/<source>/import/); the pipeline (src/imports/pipeline.ts)
 * knows nothing of any source.
 *
 * Versions: every document a dataset writes carries `_v`, "<importId>/<slice>".
 * A slice is the unit a new file replaces (for example one year of one
 * caisse). Reads see only the current version of each slice (the heads of
 * the marker document, src/imports/heads.ts), so an import becomes visible in
 * one step, and a rollback too.
 */
export interface DatasetDef {
  /** Name on the command line and in `POST /imports/<name>`: `carsat-at`, `dreets-sumer`, … */
  name: string;
  source: "carsat" | "dreets" | "spsti";
  /** The collection its documents go to. */
  collection: string;
  /** One line for humans: what the file is, who publishes it. */
  title: string;
  /** Organisation types whose data stewards may import it (their organisation's own data only: see `toDoc`). */
  orgTypes: readonly OrgType[];
  table: TableSpec;
  /**
   * One row of the file as the document to store (without `_v`), or the
   * reasons it is refused. `ctx.org` is the importing organisation: rows
   * outside it (another caisse, another SPSTI, another region) are refused here.
   */
  toDoc(row: TableRow, ctx: ImportContext): { doc: Record<string, unknown> } | { issues: RowIssue[] };
  /** Identity of a document within one file: two rows with the same key are a duplicate. */
  rowKey(doc: Record<string, unknown>): string;
  /** The slice a stored document belongs to (also applied to the demo seed's documents). */
  sliceOf(doc: Record<string, unknown>): string;
  /** The years a document covers, for the version's period. */
  yearsOf(doc: Record<string, unknown>): { from: number; to: number };
  /**
   * Free-text cells that must be screened for personal data (a NIR, a
   * person's name) beyond the whole-file checks. Keys of `table.columns`.
   */
  screened?: readonly string[];
  /**
   * Collections computed from the documents of a slice (for example the
   * packed member lists of the SPSTI establishments), written and versioned
   * with them. The pipeline holds a file's documents in memory only for
   * datasets that declare some.
   */
  derived?: readonly DerivedCollection[];
  /**
   * The protected publication grid of the collection (src/privacy/grid/):
   * computed within the import, for the version it makes current, so that
   * the first request after it reads a stored grid.
   */
  grid?: (disclosure: DisclosureConfig) => GridDef<unknown>;
}

export interface DerivedCollection {
  collection: string;
  /** The derived documents of one slice, from all its documents. */
  build(docs: readonly Record<string, unknown>[]): Record<string, unknown>[];
  /** The slice of a derived document (the demo seed tags its own with it). */
  sliceOf(doc: Record<string, unknown>): string;
}

/** What an import knows besides the file. */
export interface ImportContext {
  org: ImportOrg;
  /**
   * The year the file is about, when given with the file (`--year`,
   * `?year=`): the Assurance Maladie's yearly files carry it only in their
   * title. A file with a year column needs none; null when not given.
   */
  year: number | null;
}

/** The organisation an import is made for (a steward's own, or the operator's `--org`). */
export interface ImportOrg {
  type: OrgType;
  id: string;
}

/** Field every dataset document carries: "<importId>/<slice>". */
export const VERSION_FIELD = "_v";

export function versionTag(importId: string, slice: string): string {
  return `${importId}/${slice}`;
}
