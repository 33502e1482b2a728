/**
 * What a format reader (XLSX or CSV) hands to the header detection and the
 * row builder: cells as a person reads them, before any typing.
 */

/** A cell as read: text, a number (XLSX number cells only), or null when empty. */
export type RawCell = string | number | null;

export interface RawRow {
  /** 1-based line (CSV) or row (XLSX) where the row starts. */
  line: number;
  /** Last line of the row: a quoted CSV field may hold line breaks. */
  endLine: number;
  /** Cells by 0-based column index; missing trailing cells are empty. */
  cells: RawCell[];
}

/** A merged range of an XLSX sheet, 1-based rows and columns, inclusive. */
export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** The rows of a file, streamed, and the merged ranges of its header zone. */
export interface TableSource {
  format: "xlsx" | "csv";
  rows: AsyncGenerator<RawRow, void, undefined>;
  merges: MergeRange[];
}

/**
 * The text of a cell as written. A number keeps all its digits: String() only
 * turns to an exponent from 1e21, so a SIRET stored as a number comes back as
 * its 14 digits.
 */
export function cellText(cell: RawCell | undefined): string {
  if (cell === null || cell === undefined) return "";
  return typeof cell === "number" ? String(cell) : cell;
}

/** True when no cell of the row holds anything but whitespace. */
export function isBlankRow(row: RawRow): boolean {
  return row.cells.every((c) => cellText(c).trim() === "");
}
