import type { RowIssue } from "./issues.js";
import { SECRET, type TableRow } from "./table/types.js";

/** What the table reader turns into null ("nothing"): its issue-free empty markers. */
const EMPTY = new Set(["", "-", "–", "—", "−"]);

/**
 * Reads the cells of one row of a partner's file and collects why the row is
 * refused, so that every problem of a row is reported at once. It starts
 * with the reader's own issues (cells that could not be read as their kind):
 * the pipeline calls `toDoc` only on rows without any, but a direct caller
 * then gets them too, and an unreadable cell is never taken for an empty one.
 *
 * Issues name the column by its key, which is the column's first accepted
 * header: the row does not carry the file's own header text (the pipeline
 * puts it back). Shared by the sources' datasets (src/sources/<source>/import/).
 */
export class RowCheck {
  readonly issues: RowIssue[];

  constructor(readonly row: TableRow) {
    this.issues = [...row.issues];
  }

  /** Records a problem with a cell (`key`) or with the whole row (null key). Returns null, for `return check.refuse(…)`. */
  refuse(key: string | null, reason: string): null {
    this.issues.push({
      line: this.row.line,
      column: key,
      value: key === null ? null : (this.row.raw[key] ?? null),
      reason,
    });
    return null;
  }

  /** A text cell, trimmed; null when empty or when the file has no such column. */
  text(key: string): string | null {
    const v = this.row.values[key];
    if (typeof v === "number") return String(v);
    return typeof v === "string" && v.trim() !== "" ? v.trim() : null;
  }

  /**
   * A count: a whole number, 0 or more. A secret cell is refused: a partner
   * sends its own raw figures, and disclosure control masks small ones when read.
   */
  count(key: string, what: string): number | null {
    const v = this.row.values[key];
    if (v === SECRET)
      return this.refuse(
        key,
        `${what}: a secret cell cannot be stored; give the figure (small ones are masked when read)`,
      );
    if (v === null || v === undefined) {
      // A cell the reader could not read is already among the issues.
      return EMPTY.has((this.row.raw[key] ?? "").trim()) ? this.refuse(key, `${what} is required`) : null;
    }
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0)
      return this.refuse(key, `${what} must be a whole number, 0 or more`);
    return v;
  }
}
