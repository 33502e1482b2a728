import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { pipeline } from "node:stream";
import { parse } from "csv-parse";
import { FileRefused } from "../issues.js";
import type { RawRow, TableSource } from "./raw-row.js";

/** Delimiters tried, in order of preference on ties: French Excel exports use ";". */
const DELIMITERS = [";", ",", "\t"] as const;

/** Bytes read to guess the delimiter. */
const SAMPLE_BYTES = 64 * 1024;

/**
 * Opens a CSV file: its records streamed by csv-parse, each with the line it
 * starts on. The text is UTF-8 (a BOM is dropped) when its bytes are valid
 * UTF-8 and Windows-1252 otherwise, the encoding of CSV files saved by a French
 * Windows Excel; it has "’" and "œ" where Latin-1 has control characters.
 */
export async function openCsv(path: string): Promise<TableSource> {
  const encoding = (await isUtf8(path)) ? "utf-8" : "windows-1252";
  const delimiter = detectDelimiter(await readSample(path, encoding));
  return { format: "csv", merges: [], rows: csvRows(path, encoding, delimiter) };
}

/**
 * The whole file is checked, not a sample: an export is often plain ASCII for
 * thousands of lines before its first accented name.
 */
async function isUtf8(path: string): Promise<boolean> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for await (const chunk of createReadStream(path)) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return true;
  } catch (error) {
    if (error instanceof TypeError) return false; // what a fatal TextDecoder throws on an invalid byte
    throw error;
  }
}

async function readSample(path: string, encoding: string): Promise<string> {
  const file = await open(path);
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(SAMPLE_BYTES), 0, SAMPLE_BYTES, 0);
    // stream: true, so that a character cut at the end of the sample is not an error mark.
    return new TextDecoder(encoding).decode(buffer.subarray(0, bytesRead), { stream: true });
  } finally {
    await file.close();
  }
}

/**
 * Guesses the delimiter from the first lines: the one found the same number
 * of times (at least once) on the most lines, outside quotes. csv-parse takes
 * a delimiter but does not guess one. Counting lines, not characters, keeps
 * the decimal commas of a ";" file ("12,5") from winning; the title lines
 * above the header have none of the delimiters and count for none.
 */
export function detectDelimiter(sample: string): string {
  const hint = /^sep=(.)\r?$/m.exec(sample.slice(0, 8)); // Excel's "sep=;" first line
  if (hint && (DELIMITERS as readonly string[]).includes(hint[1])) return hint[1];
  const lines: number[][] = [];
  let counts = DELIMITERS.map(() => 0);
  let quoted = false;
  for (const ch of sample) {
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === "\n" || ch === "\r") {
      lines.push(counts);
      counts = DELIMITERS.map(() => 0);
    } else {
      const d = DELIMITERS.indexOf(ch as (typeof DELIMITERS)[number]);
      if (d >= 0) counts[d]++;
    }
  }
  let best = { delimiter: ";", lines: 0, fields: 0 };
  DELIMITERS.forEach((delimiter, d) => {
    const tally = new Map<number, number>();
    for (const line of lines) if (line[d] > 0) tally.set(line[d], (tally.get(line[d]) ?? 0) + 1);
    for (const [fields, n] of tally) {
      if (n > best.lines || (n === best.lines && fields > best.fields))
        best = { delimiter, lines: n, fields };
    }
  });
  return best.delimiter;
}

async function* csvRows(
  path: string,
  encoding: string,
  delimiter: string,
): AsyncGenerator<RawRow, void, undefined> {
  const decoder = new TextDecoder(encoding); // drops a UTF-8 BOM by default
  const parser = parse({
    delimiter,
    raw: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  });
  pipeline(
    createReadStream(path),
    async function* (bytes: AsyncIterable<Buffer>) {
      for await (const chunk of bytes) yield decoder.decode(chunk, { stream: true });
      const rest = decoder.decode();
      if (rest) yield rest;
    },
    parser,
    () => {}, // an error reaches the loop below through the parser
  );
  // csv-parse's info.lines is the line a record ends on, and counts a CRLF
  // inside quotes as two lines; the start line is counted here from the raw
  // text of each record instead (raw ends with the first character of the
  // record delimiter).
  let line = 1;
  try {
    for await (const { record, raw } of parser as AsyncIterable<{ record: string[]; raw: string }>) {
      const breaks = raw.replace(/[\r\n]$/, "").match(/\r\n|\r|\n/g)?.length ?? 0;
      yield { line, endLine: line + breaks, cells: record };
      line += breaks + 1;
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason =
      code === "CSV_QUOTE_NOT_CLOSED"
        ? "a quoted field is never closed: the file is truncated or damaged"
        : `not a readable CSV file (${error instanceof Error ? error.message : String(error)})`;
    throw new FileRefused([{ line, column: null, value: null, reason }]);
  }
}
