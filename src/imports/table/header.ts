import type { ColumnSpec, TableSpec } from "./types.js";
import { normaliseHeader } from "./normalise.js";
import { cellText, isBlankRow, type MergeRange, type RawRow } from "./raw-row.js";

/** A column of the spec found in the file. */
export interface FoundColumn {
  key: string;
  kind: ColumnSpec["kind"];
  /** 0-based index of the column in the rows. */
  index: number;
  /** Its header as written (whitespace runs collapsed, for reports). */
  header: string;
}

export type HeaderSearch =
  | { found: true; at: number; columns: FoundColumn[]; unknownHeaders: string[] }
  | { found: false; missing: ColumnSpec[] };

/** A column's header text: as written, normalised, and its lower part alone for two-row headers. */
interface Label {
  written: string;
  full: string;
  lower: string | null;
}

interface Candidate {
  at: number;
  columns: FoundColumn[];
  unknownHeaders: string[];
  required: number;
}

/**
 * Finds the header among the first rows of a file: the first row, with a line
 * up to maxLine, in which every required column of the spec is matched, either
 * alone or as the lower row of a two-row header whose upper row holds group
 * labels (merged cells spread their value over their range). `at` is the index
 * in `rows` of the header's last row. When several readings of the same rows
 * match, the one finding more columns of the spec wins, a one-row header on
 * ties: a title right above the header must not be read as group labels.
 */
export function findHeader(
  rows: RawRow[],
  merges: MergeRange[],
  spec: TableSpec,
  maxLine: number,
): HeaderSearch {
  const texts = mergedTexts(rows, merges);
  const usable = (i: number) => i >= 0 && i < rows.length && !isBlankRow(rows[i]);
  // Rows of a two-row header follow each other (no blank or missing row between).
  const adjacent = (i: number) => usable(i) && usable(i + 1) && rows[i].endLine + 1 === rows[i + 1].line;
  const requiredCount = spec.columns.filter((c) => c.required).length;
  let best: Candidate | null = null;

  for (let i = 0; i < rows.length && rows[i].line <= maxLine; i++) {
    if (!usable(i)) continue;
    const single = match(
      i,
      texts[i].map((t) => label("", t)),
      spec,
    );
    const readings = [single];
    if (adjacent(i - 1)) readings.push(match(i, twoRows(texts[i - 1], texts[i]), spec));
    // This row may itself be the upper row, its group labels above a row of sub-headers.
    if (single.required === requiredCount && single.columns.length > 0 && adjacent(i))
      readings.push(match(i + 1, twoRows(texts[i], texts[i + 1]), spec));
    // At least one column found: a spec without required columns must not take a title for a header.
    const complete = readings.filter((r) => r.required === requiredCount && r.columns.length > 0);
    if (complete.length > 0) {
      const chosen = complete.reduce((a, b) => (b.columns.length > a.columns.length ? b : a));
      return { found: true, at: chosen.at, columns: chosen.columns, unknownHeaders: chosen.unknownHeaders };
    }
    for (const r of readings) if (best === null || r.required > best.required) best = r;
  }
  const foundKeys = new Set(best?.columns.map((c) => c.key));
  return { found: false, missing: spec.columns.filter((c) => c.required && !foundKeys.has(c.key)) };
}

/**
 * The header texts of each row, a merged range's value repeated over the
 * whole range (the file stores it in the range's top-left cell only).
 */
function mergedTexts(rows: RawRow[], merges: MergeRange[]): string[][] {
  const byLine = new Map(rows.map((r) => [r.line, r]));
  return rows.map((row) => {
    const texts = row.cells.map((c) => cellText(c).replace(/\s+/g, " ").trim());
    for (const m of merges) {
      if (row.line < m.top || row.line > m.bottom) continue;
      const origin = cellText(byLine.get(m.top)?.cells[m.left - 1] ?? null)
        .replace(/\s+/g, " ")
        .trim();
      for (let col = m.left; col <= m.right; col++) texts[col - 1] = origin;
    }
    return Array.from(texts, (t) => t ?? "");
  });
}

function label(upper: string, lower: string): Label {
  // A label merged down over both rows is written once, not twice.
  const written = upper && lower && upper !== lower ? `${upper} ${lower}` : lower || upper;
  return { written, full: normaliseHeader(written), lower: upper && lower ? normaliseHeader(lower) : null };
}

function twoRows(upper: string[], lower: string[]): Label[] {
  const width = Math.max(upper.length, lower.length);
  return Array.from({ length: width }, (_, c) => label(upper[c] ?? "", lower[c] ?? ""));
}

/** Matches the spec against one reading of the header; a file column serves one spec column only. */
function match(at: number, labels: Label[], spec: TableSpec): Candidate {
  const lowerCount = new Map<string, number>();
  for (const l of labels) if (l.lower) lowerCount.set(l.lower, (lowerCount.get(l.lower) ?? 0) + 1);
  const used = new Set<number>();
  const columns: FoundColumn[] = [];
  let required = 0;
  for (const col of spec.columns) {
    const accepted = new Set(col.headers.map(normaliseHeader));
    let index = labels.findIndex((l, i) => !used.has(i) && accepted.has(l.full));
    if (index < 0) {
      // "taux < 10 %" alone names the column only when no other group has one.
      index = labels.findIndex(
        (l, i) => !used.has(i) && l.lower !== null && accepted.has(l.lower) && lowerCount.get(l.lower) === 1,
      );
    }
    if (index < 0) continue;
    used.add(index);
    columns.push({ key: col.key, kind: col.kind, index, header: labels[index].written });
    if (col.required) required++;
  }
  const unknownHeaders = labels.filter((l, i) => !used.has(i) && l.written !== "").map((l) => l.written);
  return { at, columns, unknownHeaders, required };
}
