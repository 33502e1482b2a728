import { open } from "node:fs/promises";
import type { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { FileRefused } from "../issues.js";
import type { MergeRange, RawCell, RawRow, TableSource } from "./raw-row.js";
import { openZip, type ZipArchive } from "./zip-archive.js";

/** What this module uses of exceljs's worksheet reader: its rows. */
type SheetReader = AsyncIterable<ExcelJS.Row>;

/**
 * The steps of exceljs 4.4's streaming WorkbookReader, called one by one on
 * entries read through the zip's directory rather than through its parse(),
 * which reads the zip front to back and loses the last entry (exceljs issue
 * #3064: a workbook exceljs wrote, xl/workbook.xml last, then fails or is read
 * without its styles). They are private to exceljs, hence typed here.
 */
interface BookSteps {
  model?: { sheets?: { name: string; rId: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(xml: Readable, sheetNo: string): Iterable<{ value: SheetReader }>;
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

/**
 * Opens the first worksheet of an XLSX file: its rows streamed, and the merged
 * ranges that start within the first `headerRows` + 1 rows.
 *
 * exceljs's streaming reader ignores <mergeCell> elements (exceljs issue
 * #3000), and the sheet's XML lists them after all the rows. So a first pass
 * reads the sheet's raw XML for them, without parsing the rows; the rows are
 * then streamed by exceljs in a second pass. Neither pass holds the sheet in
 * memory, but the sheet is inflated twice.
 */
export async function openXlsx(path: string, headerRows: number): Promise<TableSource> {
  await checkComplete(path);
  let merges: MergeRange[] = [];
  await withZip(path, async (zip) => {
    merges = await scanMerges(await zip.open(firstSheet(zip, await bookOf(zip, false))), headerRows + 1);
  });
  return { format: "xlsx", merges, rows: sheetRows(path) };
}

/**
 * A zip ends with its central directory's end record, so a file cut anywhere
 * lacks it. Looking for it first gives that common case its own message
 * rather than the zip reader's.
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

/** Runs `read` on the opened zip, refusing the file on any error, and closes the zip. */
async function withZip<T>(path: string, read: (zip: ZipArchive) => Promise<T>): Promise<T> {
  let zip: ZipArchive | undefined;
  try {
    zip = await openZip(path);
    return await read(zip);
  } catch (error) {
    throw unreadable(error);
  } finally {
    zip?.close();
  }
}

/** The rows of the first worksheet, each cell as a person reads it. */
async function* sheetRows(path: string): AsyncGenerator<RawRow, void, undefined> {
  let zip: ZipArchive | undefined;
  let xml: Readable | undefined;
  try {
    zip = await openZip(path);
    const book = await bookOf(zip, true);
    const name = firstSheet(zip, book);
    xml = await zip.open(name);
    const [{ value: sheet }] = [...book._parseWorksheet(xml, name.match(/(\d*)\.xml$/)?.[1] ?? "1")];
    for await (const row of sheet) {
      const cells: RawCell[] = [];
      (row.values as unknown[]).forEach((value, col) => {
        cells[col - 1] = rawCell(value);
      });
      yield { line: row.number, endLine: row.number, cells: Array.from(cells, (c) => c ?? null) };
    }
  } catch (error) {
    throw unreadable(error);
  } finally {
    xml?.destroy(); // a reader that stopped early leaves the entry's stream open
    zip?.close();
  }
}

/**
 * An exceljs workbook reader primed with the workbook's sheet list and, when
 * the cells are to be read, the shared strings and styles (and the date
 * system, in the workbook's properties) they need.
 */
async function bookOf(zip: ZipArchive, cells: boolean): Promise<BookSteps> {
  const book = new ExcelJS.stream.xlsx.WorkbookReader("", READ_ROWS) as unknown as BookSteps;
  const read = async (name: string, step: (entry: Readable) => Promise<void>) => {
    if (zip.has(name)) await step(await zip.open(name));
  };
  await read("xl/_rels/workbook.xml.rels", (e) => book._parseRels(e));
  await read("xl/workbook.xml", (e) => book._parseWorkbook(e));
  if (cells) {
    await read("xl/sharedStrings.xml", async (e) => {
      for await (const _ of book._parseSharedStrings(e)); // cached: nothing is yielded
    });
    await read("xl/styles.xml", (e) => book._parseStyles(e));
  }
  return book;
}

/**
 * The zip entry of the workbook's first worksheet in tab order: the first
 * sheet xl/workbook.xml lists, found through its relationship. A workbook
 * without that list (some generators write none) gives its first
 * xl/worksheets entry.
 */
function firstSheet(zip: ZipArchive, book: BookSteps): string {
  const first = book.model?.sheets?.[0];
  const target = first && book.workbookRels?.find((rel) => rel.Id === first.rId)?.Target;
  // A target is relative to xl/, or absolute from the package's root.
  const listed = target && (target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  if (listed && zip.has(listed)) return listed;
  const number = (n: string) => Number(n.match(/(\d+)\.xml$/)?.[1] ?? Number.MAX_SAFE_INTEGER);
  const [sheet] = zip.names
    .filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n))
    .sort((a, b) => number(a) - number(b));
  if (!sheet)
    throw new FileRefused([
      { line: 0, column: null, value: null, reason: "not an XLSX workbook: it has no worksheet" },
    ]);
  return sheet;
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
    } else {
      text += bytes.toString("latin1");
    }
    if (text?.includes("</mergeCells>")) break; // what follows holds no merge
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
