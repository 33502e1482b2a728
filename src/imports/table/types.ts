import type { RowIssue } from "../issues.js";

/**
 * The layout a dataset expects of a partner's table, whatever its format
 * (XLSX or CSV). Columns are found by their header text, in any order.
 */
export interface TableSpec {
  columns: ColumnSpec[];
}

export interface ColumnSpec {
  /** The name the dataset's mapper reads the value by. */
  key: string;
  /**
   * Header texts accepted for this column. Matching ignores case, accents,
   * spacing, punctuation and line breaks: "Nombre de salariés" matches
   * "NOMBRE DE\nSALARIES" and "nombre_de_salaries".
   */
  headers: string[];
  /** A file without this column is refused as a whole. */
  required: boolean;
  /**
   * How a cell is read:
   * - text: trimmed string;
   * - integer: a whole number, French or plain formats ("1 234", "1234", "1 234,0");
   * - decimal: a number, French or plain formats ("12,5", "1 234,56", "12.5").
   */
  kind: "text" | "integer" | "decimal";
}

/** A cell withheld by its publisher (statistical secret): its value exists but is not given. */
export const SECRET = Symbol("secret");

/**
 * A cell's value: a string (text columns), a number (number columns), null
 * for an empty cell or a dash ("-", "–"), or SECRET for a cell marked secret
 * ("s", "secret", "c", "*", "nd", "n.d.", "(s)").
 */
export type CellValue = string | number | null | typeof SECRET;

export interface TableRow {
  /** 1-based line (CSV) or row (XLSX) number in the file. */
  line: number;
  /** One entry per column of the spec that the file has; missing optional columns are absent. */
  values: Record<string, CellValue>;
  /** The raw text of each of those cells, as written (for reports). */
  raw: Record<string, string>;
  /** Cells that could not be read as their kind (for example "12x" in an integer column). */
  issues: RowIssue[];
}

export interface OpenedTable {
  format: "xlsx" | "csv";
  /** Line of the header row (the last one when the header spans two rows). */
  headerLine: number;
  /** For each column of the spec found in the file: its header text as written. */
  headers: Record<string, string>;
  /** Header texts of the file that match no column of the spec. */
  unknownHeaders: string[];
  /** The data rows after the header, wholly blank rows skipped, streamed. */
  rows: AsyncIterable<TableRow>;
}
