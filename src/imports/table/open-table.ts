import { open } from "node:fs/promises";
import { FileRefused, type RowIssue } from "../issues.js";
import type { CellValue, OpenedTable, TableRow, TableSpec } from "./types.js";
import { openCsv } from "./csv-source.js";
import { openXlsx } from "./xlsx-source.js";
import { findHeader, type FoundColumn } from "./header.js";
import { readCell } from "./read-cell.js";
import { cellText, isBlankRow, type RawRow } from "./raw-row.js";

export { normaliseHeader } from "./normalise.js";
export { readCell, type CellReading } from "./read-cell.js";
export { detectDelimiter } from "./csv-source.js";

export interface OpenTableOptions {
  /** The header must be found within this many rows (lines in a CSV) from the top. Default 40. */
  maxHeaderSearchRows?: number;
}

/**
 * Opens a partner's table (XLSX or CSV, told apart by content: a zip is an
 * XLSX, anything else a CSV), finds its header and streams its data rows.
 *
 * Throws FileRefused when the file is empty, truncated or unreadable, or when
 * no row within the first rows has every required column of the spec (one
 * issue per missing column). The returned `rows` can be iterated once; they
 * stream from the file, so iterate them to the end or break out of the loop,
 * which closes the file. A file damaged after its first rows (a CSV quote
 * never closed) throws FileRefused from that iteration.
 */
export async function openTable(
  file: string,
  spec: TableSpec,
  options: OpenTableOptions = {},
): Promise<OpenedTable> {
  const maxLine = options.maxHeaderSearchRows ?? 40;
  const source = (await startsWithZipSignature(file)) ? await openXlsx(file, maxLine) : await openCsv(file);
  const rows = source.rows;
  // The header zone, plus the row below it: it may hold the lower half of a two-row header.
  const zone: RawRow[] = [];
  try {
    let ended = false;
    for (;;) {
      const next = await rows.next();
      if (next.done) ended = true;
      else zone.push(next.value);
      if (next.done || next.value.line > maxLine) break;
    }
    if (ended && zone.every(isBlankRow)) throw refuse(0, "the file is empty");
    const search = findHeader(zone, source.merges, spec, maxLine);
    if (!search.found) {
      throw new FileRefused(
        search.missing.map((c) => ({
          line: 0,
          column: c.headers[0] ?? c.key,
          value: null,
          reason: `required column not found (looked for ${c.headers.map((h) => `"${h}"`).join(", ")} in the first ${maxLine} rows)`,
        })),
      );
    }
    return {
      format: source.format,
      headerLine: zone[search.at].line,
      headers: Object.fromEntries(search.columns.map((c) => [c.key, c.header])),
      unknownHeaders: search.unknownHeaders,
      rows: dataRows(zone.slice(search.at + 1), rows, search.columns),
    };
  } catch (error) {
    await rows.return();
    throw error;
  }
}

async function startsWithZipSignature(file: string): Promise<boolean> {
  const handle = await open(file);
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    return bytesRead === 4 && buffer.toString("latin1") === "PK\x03\x04";
  } finally {
    await handle.close();
  }
}

/** The rows after the header (those already read first), wholly blank ones skipped. */
async function* dataRows(
  read: RawRow[],
  rest: AsyncGenerator<RawRow, void, undefined>,
  columns: FoundColumn[],
): AsyncGenerator<TableRow> {
  try {
    for (const row of read) if (!isBlankRow(row)) yield tableRow(row, columns);
    for await (const row of rest) if (!isBlankRow(row)) yield tableRow(row, columns);
  } finally {
    await rest.return();
  }
}

function tableRow(row: RawRow, columns: FoundColumn[]): TableRow {
  const values: Record<string, CellValue> = {};
  const raw: Record<string, string> = {};
  const issues: RowIssue[] = [];
  for (const column of columns) {
    const cell = row.cells[column.index] ?? null;
    raw[column.key] = cellText(cell);
    const reading = readCell(cell, column.kind);
    values[column.key] = reading.reason === undefined ? reading.value : null;
    if (reading.reason !== undefined)
      issues.push({ line: row.line, column: column.header, value: raw[column.key], reason: reading.reason });
  }
  return { line: row.line, values, raw, issues };
}

function refuse(line: number, reason: string): FileRefused {
  return new FileRefused([{ line, column: null, value: null, reason }]);
}
