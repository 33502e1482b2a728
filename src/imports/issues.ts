/**
 * What an import reports about a file it refuses. Every problem names where
 * it is (line, column), what was there and why it is refused, so that a data
 * steward can fix the file without guessing. Values are echoed only when they
 * are not personal: screening replaces a personal value by a placeholder.
 */
export interface RowIssue {
  /** 1-based line (CSV) or row (XLSX) number in the file; 0 for the file as a whole. */
  line: number;
  /** The column header as written in the file, or the expected one when it is missing; null for the whole row or file. */
  column: string | null;
  /** The cell's text as read (never a personal value); null when there is none. */
  value: string | null;
  /** Why the row, cell or file is refused, in plain words. */
  reason: string;
}

/** Thrown when a file cannot be read as a table of the expected layout at all (no header, unreadable, empty, truncated). */
export class FileRefused extends Error {
  constructor(readonly issues: RowIssue[]) {
    super(issues.map(formatIssue).join("\n"));
    this.name = "FileRefused";
  }
}

/** One line of the text report the command prints. */
export function formatIssue(i: RowIssue): string {
  const where = i.line > 0 ? `line ${i.line}` : "file";
  const col = i.column !== null ? `, column "${i.column}"` : "";
  const val = i.value !== null ? `, value "${i.value}"` : "";
  return `${where}${col}${val}: ${i.reason}`;
}
