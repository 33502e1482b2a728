import { open } from "node:fs/promises";
import ExcelJS from "exceljs";
import { FileRefused } from "../issues.js";
import type { MergeRange, RawCell, RawRow, TableSource } from "./raw-row.js";

/**
 * What this module uses of exceljs's streaming reader beyond its typings
 * (exceljs 4.4 types neither the workbook model nor the worksheet's name).
 */
interface SheetReader extends AsyncIterable<ExcelJS.Row> {
  name: string;
  /** The raw XML of the sheet: a file stream (sheet spooled to a temp file) or a generator over the zip entry. */
  iterator: AsyncIterable<Buffer | string> & {
    destroy?: () => void;
    on?: (event: "error", listener: (error: Error) => void) => unknown;
  };
}
interface BookReader extends AsyncIterable<SheetReader> {
  model?: { sheets?: { name: string }[] };
}

type ReaderOptions = ConstructorParameters<typeof ExcelJS.stream.xlsx.WorkbookReader>[1];

/** Styles are needed to tell a date from a number (a date is a number with a date format). */
const READ_ROWS: ReaderOptions = {
  worksheets: "emit",
  sharedStrings: "cache",
  styles: "cache",
  hyperlinks: "ignore",
  entries: "ignore",
};
/** The merge scan reads the raw XML only: no strings, no styles. */
const READ_XML: ReaderOptions = { ...READ_ROWS, sharedStrings: "ignore", styles: "ignore" };

/**
 * Opens the first worksheet of an XLSX file: its rows streamed, and the merged
 * ranges that start within the first `headerRows` + 1 rows.
 *
 * exceljs's streaming reader ignores <mergeCell> elements (exceljs issue
 * #3000), and the sheet's XML lists them after all the rows. So a first pass
 * reads the sheet's raw XML for them, without parsing the rows; the rows are
 * then streamed by exceljs in a second pass. Neither pass holds the sheet in
 * memory, but the file is unzipped twice.
 */
export async function openXlsx(path: string, headerRows: number): Promise<TableSource> {
  await checkComplete(path);
  let merges: MergeRange[] = [];
  try {
    for await (const sheet of firstSheet(path, READ_XML))
      merges = await scanMerges(sheet.iterator, headerRows + 1);
  } catch (error) {
    throw unreadable(error);
  }
  return { format: "xlsx", merges, rows: sheetRows(path) };
}

/**
 * A zip ends with its central directory's end record, so a file cut anywhere
 * lacks it. Looking for it first matters: exceljs 4.4, given a zip cut inside
 * a worksheet it spools to a temp file, waits forever (the spool's promise
 * settles on "finish" only); cut elsewhere, it fails with a bare "FILE_ENDED".
 */
async function checkComplete(path: string): Promise<void> {
  const file = await open(path);
  try {
    const { size } = await file.stat();
    const length = Math.min(size, 22 + 0xffff); // the end record and its longest comment
    const { buffer } = await file.read(Buffer.alloc(length), 0, length, size - length);
    if (buffer.lastIndexOf(Buffer.from("PK\x05\x06", "latin1")) < 0) {
      throw new FileRefused([
        {
          line: 0,
          column: null,
          value: null,
          reason: "the XLSX file is truncated or damaged (its zip directory is missing)",
        },
      ]);
    }
  } finally {
    await file.close();
  }
}

/** The rows of the first worksheet, each cell as a person reads it. */
async function* sheetRows(path: string): AsyncGenerator<RawRow, void, undefined> {
  try {
    for await (const sheet of firstSheet(path, READ_ROWS)) {
      for await (const row of sheet) {
        const cells: RawCell[] = [];
        (row.values as unknown[]).forEach((value, col) => {
          cells[col - 1] = rawCell(value);
        });
        yield { line: row.number, endLine: row.number, cells: Array.from(cells, (c) => c ?? null) };
      }
    }
  } catch (error) {
    throw unreadable(error);
  }
}

/**
 * Yields the workbook's first worksheet (first in tab order, as workbook.xml
 * lists the sheets: exceljs yields them in zip order), and once the caller is
 * done with it lets exceljs go through the others, which releases their temp
 * files.
 */
async function* firstSheet(path: string, options: ReaderOptions): AsyncGenerator<SheetReader> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, options) as unknown as BookReader;
  let chosen = false;
  for await (const sheet of reader) {
    const names = reader.model?.sheets?.map((s) => s.name) ?? [];
    // A sheet exceljs could not tie to workbook.xml keeps a made-up name: taken as it comes.
    if (!chosen && (!names.includes(sheet.name) || sheet.name === names[0])) {
      chosen = true;
      yield sheet;
    } else {
      // A spooled sheet's file stream, left open otherwise. exceljs deletes its
      // temp file as soon as we move on, which can be before the stream has
      // opened it: the stream then fails with ENOENT, an error on a stream we
      // are discarding, so it is listened to and ignored (uncaught, it would
      // crash the process).
      sheet.iterator.on?.("error", () => {});
      sheet.iterator.destroy?.();
    }
  }
  if (!chosen)
    throw new FileRefused([
      { line: 0, column: null, value: null, reason: "not an XLSX workbook: it has no worksheet" },
    ]);
}

/**
 * The merged ranges that start by row `lastRow`, read from the sheet's raw
 * XML: the text from <mergeCells> on is kept, the rows before it only go by.
 * Searching bytes, not a decoded string, keeps this pass at a fraction of the
 * row parsing's time; "<" cannot occur in XML text, so "<mergeCells" is the
 * tag. (exceljs reads no namespace-prefixed sheet, so neither does this.)
 */
async function scanMerges(xml: AsyncIterable<Buffer | string>, lastRow: number): Promise<MergeRange[]> {
  let tail = Buffer.alloc(0); // the end of the previous chunk, for a tag cut in two
  let text: string | null = null;
  for await (const chunk of xml) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk, "latin1") : chunk;
    if (text === null) {
      const joined = Buffer.concat([tail, bytes]);
      const at = joined.indexOf("<mergeCells");
      if (at < 0) tail = joined.subarray(-16);
      else text = joined.subarray(at).toString("latin1");
    } else if (!text.includes("</mergeCells>")) {
      text += bytes.toString("latin1");
    } // and the rest is read all the same, so that exceljs moves on to the next zip entry
  }
  const merges: MergeRange[] = [];
  for (const m of (text ?? "").matchAll(
    /<mergeCell\s[^>]*?\bref="\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)"/g,
  )) {
    const range = {
      left: columnNumber(m[1]),
      top: Number(m[2]),
      right: columnNumber(m[3]),
      bottom: Number(m[4]),
    };
    if (range.top <= lastRow) merges.push(range);
  }
  return merges;
}

/** "A" is 1, "Z" 26, "AA" 27. */
function columnNumber(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

/**
 * A cell value of exceljs as a person reads it in Excel. Numbers keep at most
 * 15 significant digits, as Excel shows them (a formula's 0.1 + 0.2 is 0.3).
 * Dates are French (31/12/2023), as the partners' Excel shows them.
 */
function rawCell(value: unknown): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number")
    return !Number.isFinite(value) ? null : Number.isInteger(value) ? value : Number(value.toPrecision(15));
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "VRAI" : "FAUX";
  if (value instanceof Date) return frenchDate(value);
  if (typeof value !== "object") return String(value);
  const v = value as { richText?: { text?: string }[]; error?: string; result?: unknown; text?: unknown };
  if (Array.isArray(v.richText)) return v.richText.map((r) => r.text ?? "").join("");
  if (typeof v.error === "string") return v.error; // "#N/A", "#DIV/0!": refused in number columns
  // A formula: its cached result. exceljs drops a result of 0 or "" (FormulaValue
  // copies only truthy fields), so such a formula reads as empty.
  if ("result" in v || "formula" in v || "sharedFormula" in v) return rawCell(v.result);
  return "text" in v ? rawCell(v.text) : null;
}

function frenchDate(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  const two = (n: number) => String(n).padStart(2, "0");
  // exceljs builds dates in UTC from the serial number: read them back in UTC.
  const day = `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
  const hasTime = d.getUTCHours() + d.getUTCMinutes() + d.getUTCSeconds() > 0;
  return hasTime ? `${day} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}` : day;
}

function unreadable(error: unknown): FileRefused {
  if (error instanceof FileRefused) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new FileRefused([
    { line: 0, column: null, value: null, reason: `not a readable XLSX workbook (${detail})` },
  ]);
}
