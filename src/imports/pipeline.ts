import { protectCurrent } from "./protect.js";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { Db } from "mongodb";
import { readMarker } from "../db/data-versions.js";
import { findNir, looksLikePersonName, personalHeader } from "../privacy/personal-data.js";
import { VERSION_FIELD, type DatasetDef, type ImportContext } from "./dataset.js";
import { FileRefused, type RowIssue } from "./issues.js";
import { openTable } from "./table/open-table.js";
import type { OpenedTable, TableRow } from "./table/types.js";
import { cleanupImports, VERSIONS, type VersionDoc } from "./versions.js";
import { StagedVersion } from "./staged-version.js";
import type { ImportRequest, ReadResult, RowCounts } from "./request.js";

export type { ImportRequest, RowCounts } from "./request.js";

/**
 * One pipeline for every dataset, behind the command (tools/import.ts) and
 * the HTTP endpoint (src/http/imports.ts):
 * 1. refuse a file its organisation may not bring, or one already current
 *    (same SHA-256: nothing changes, and it says so);
 * 2. stream the rows: validate each, screen it for personal data, write it
 *    tagged with a new import id (invisible: reads keep current tags only);
 * 3. any refused row → delete what was written, report every refused row;
 * 4. otherwise switch the current version of every slice in one update.
 * A crash anywhere before 4 leaves the previous version current; the next
 * start (or import) deletes the leftovers (versions.ts, cleanupImports).
 */

export type ImportReport =
  | {
      status: "IMPORTED" | "UNCHANGED";
      version: VersionDoc;
      rows: RowCounts;
      seconds: number;
      /** Time spent protecting the new version's publication grid (DatasetDef.grid); null or absent when none. */
      protectionSeconds?: number | null;
      warnings: string[];
    }
  | { status: "VALID"; rows: RowCounts; seconds: number; warnings: string[] }
  | { status: "REFUSED"; rows: RowCounts; seconds: number; issues: RowIssue[]; issueCount: number };

/** At most this many issues are listed (all are counted): a wholly wrong file must not make a megabyte report. */
export const MAX_LISTED_ISSUES = 1_000;
const PROGRESS_EVERY = 10_000;

export async function runImport(db: Db, req: ImportRequest): Promise<ImportReport> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const refuse = (
    issues: RowIssue[],
    rows: RowCounts = { read: 0, accepted: 0, refused: 0 },
  ): ImportReport => ({
    status: "REFUSED",
    rows,
    seconds: seconds(),
    issues: issues.slice(0, MAX_LISTED_ISSUES),
    issueCount: issues.length,
  });
  const { dataset } = req;
  if (!dataset.orgTypes.includes(req.org.type)) {
    return refuse([
      {
        line: 0,
        column: null,
        value: null,
        reason: `an organisation of type ${req.org.type} does not publish "${dataset.name}"`,
      },
    ]);
  }
  const file = { name: req.fileName, ...(await fingerprint(req.path)) };
  await cleanupImports(db);
  const unchanged = await currentWithHash(db, req, file.sha256);
  if (unchanged)
    return {
      status: "UNCHANGED",
      version: unchanged,
      rows: unchanged.rows,
      seconds: seconds(),
      warnings: [],
    };
  const blocked = await legacyData(db, dataset);
  if (blocked) return refuse([blocked]);

  let table: OpenedTable;
  try {
    table = await openTable(req.path, dataset.table);
  } catch (err) {
    if (err instanceof FileRefused) return refuse(err.issues);
    throw err;
  }
  const headerIssues = [...Object.values(table.headers), ...table.unknownHeaders].flatMap((h): RowIssue[] => {
    const reason = personalHeader(h);
    return reason
      ? [
          {
            line: table.headerLine,
            column: h,
            value: null,
            reason: `${reason}: personal data is never imported`,
          },
        ]
      : [];
  });
  if (headerIssues.length > 0) return refuse(headerIssues);
  const warnings =
    table.unknownHeaders.length > 0 ? [`columns ignored: ${table.unknownHeaders.join(", ")}`] : [];

  const writer = req.dryRun ? null : await StagedVersion.open(db, req, file);
  try {
    const result = await readRows(table, req, writer);
    if (result.issues.length > 0 || result.rows.accepted === 0) {
      if (result.rows.read === 0)
        result.issues.push({
          line: table.headerLine,
          column: null,
          value: null,
          reason: "no data row under the header",
        });
      await writer?.abandon(`refused: ${result.issues.length} problems`);
      return refuse(result.issues, result.rows);
    }
    if (!writer) return { status: "VALID", rows: result.rows, seconds: seconds(), warnings };
    const version = await writer.commit(result);
    const protectionSeconds = await protectNewVersion(db, req);
    return {
      status: "IMPORTED",
      version,
      rows: result.rows,
      seconds: seconds(),
      protectionSeconds,
      warnings,
    };
  } catch (err) {
    await writer?.abandon("failed while writing").catch(() => undefined);
    throw err;
  }
}

/**
 * Computes and stores the protected grid of the version just made current
 * (DatasetDef.grid), and says how long it took; null for a dataset without.
 * The data is already committed: a failure here costs the first reader a
 * computation, never a figure, so it does not fail the import.
 */
async function protectNewVersion(db: Db, req: ImportRequest): Promise<number | null> {
  if (!req.dataset.grid || !req.disclosure) return null;
  try {
    const [done] = await protectCurrent(db, req.disclosure, [req.dataset]);
    return done?.seconds ?? null;
  } catch {
    return null;
  }
}

/** Validates and screens every row; writes the good ones while the file has no refused row. */
async function readRows(
  table: OpenedTable,
  req: ImportRequest,
  writer: StagedVersion | null,
): Promise<ReadResult> {
  const { dataset } = req;
  const ctx: ImportContext = { org: req.org, year: req.year };
  const seen = new Map<string, number>();
  const out: ReadResult = {
    rows: { read: 0, accepted: 0, refused: 0 },
    issues: [],
    slices: new Set(),
    period: null,
    bySlice: dataset.derived ? new Map() : null,
  };
  for await (const row of table.rows) {
    out.rows.read++;
    if (out.rows.read % PROGRESS_EVERY === 0) req.onProgress?.(out.rows.read);
    const issues = [...row.issues, ...screenRow(row, dataset, table.headers)];
    const mapped = issues.length === 0 ? dataset.toDoc(row, ctx) : null;
    // A mapper names a column by its key: the report names it as the file writes it.
    if (mapped && "issues" in mapped)
      issues.push(
        ...mapped.issues.map((i) => ({
          ...i,
          column: i.column === null ? null : (table.headers[i.column] ?? i.column),
        })),
      );
    if (mapped && "doc" in mapped && issues.length === 0) {
      const key = dataset.rowKey(mapped.doc);
      const first = seen.get(key);
      // The key is made of statistical dimensions (year, caisse, NAF, SIRET…): never personal, so it is named.
      if (first !== undefined)
        issues.push({
          line: row.line,
          column: null,
          value: key,
          reason: `duplicate of line ${first}: the same cell twice`,
        });
      else seen.set(key, row.line);
    }
    if (issues.length > 0) {
      out.rows.refused++;
      out.issues.push(...issues);
      continue;
    }
    out.rows.accepted++;
    const doc = (mapped as { doc: Record<string, unknown> }).doc;
    const slice = dataset.sliceOf(doc);
    out.slices.add(slice);
    const years = dataset.yearsOf(doc);
    out.period = out.period
      ? { from: Math.min(out.period.from, years.from), to: Math.max(out.period.to, years.to) }
      : { ...years };
    if (out.bySlice) out.bySlice.set(slice, [...(out.bySlice.get(slice) ?? []), doc]);
    // Once a row is refused nothing more is written: the file will be refused whole.
    if (writer && out.issues.length === 0) await writer.add(dataset.collection, doc, slice);
  }
  return out;
}

/**
 * Personal data never gets in (RGPD art. 5-1-c minimisation; a NIR's use is
 * regulated by décret 2019-341): every text cell is screened for a NIR, and
 * the dataset's free-text cells for a person's name. The value is not echoed.
 */
function screenRow(row: TableRow, dataset: DatasetDef, headers: Record<string, string>): RowIssue[] {
  const issues: RowIssue[] = [];
  for (const [key, raw] of Object.entries(row.raw)) {
    const column = headers[key] ?? key;
    if (findNir(raw))
      issues.push({
        line: row.line,
        column,
        value: null,
        reason: "looks like a NIR (social security number): personal data is never imported",
      });
    else if (dataset.screened?.includes(key) && looksLikePersonName(raw)) {
      issues.push({
        line: row.line,
        column,
        value: null,
        reason: "looks like a person's name: personal data is never imported",
      });
    }
  }
  return issues;
}

async function fingerprint(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return { sha256: hash.digest("hex"), bytes: (await stat(path)).size };
}

/** The committed version of this dataset and organisation with this file's hash, if it is still current for each of its slices. */
async function currentWithHash(db: Db, req: ImportRequest, sha256: string): Promise<VersionDoc | null> {
  const same = await db
    .collection<VersionDoc>(VERSIONS)
    .find({
      dataset: req.dataset.name,
      "org.type": req.org.type,
      "org.id": req.org.id,
      "file.sha256": sha256,
      status: "COMMITTED",
    })
    .toArray();
  const heads = (await readMarker(db))?.heads ?? [];
  return (
    same.find((v) =>
      v.slices.every((s) =>
        heads.some((h) => h.dataset === v.dataset && h.slice === s && h.current === v._id),
      ),
    ) ?? null
  );
}

/**
 * A database filled before versions existed (an older Passerelle's seed, or
 * documents written by hand) has untagged documents that versioned reads
 * would hide: refuse rather than make them vanish.
 */
async function legacyData(db: Db, dataset: DatasetDef): Promise<RowIssue | null> {
  const marker = await readMarker(db);
  if (marker?.heads) return null;
  const untagged = await db
    .collection(dataset.collection)
    .findOne({ [VERSION_FIELD]: { $exists: false } }, { projection: { _id: 1 } });
  if (!untagged) return null;
  return {
    line: 0,
    column: null,
    value: null,
    reason: `the collection ${dataset.collection} holds documents written outside the import pipeline (an older Passerelle's seed?); importing would hide them. Reseed (npm run seed -- --drop <database>) or move them away first`,
  };
}
