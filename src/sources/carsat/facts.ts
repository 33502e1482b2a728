import type { Filter, Document } from "mongodb";
import { keyString } from "../../domain/canonical-key.js";
import type { YearSpan } from "../../domain/scope.js";

/**
 * Batching and summing of fact documents, shared by the AT, trajet and MP
 * loaders.
 *
 * Why the sums are done here and not in a Mongo `$group`: FerretDB v1 (the
 * embedded database) computes only the FIRST accumulator of a `$group` stage
 * and silently returns 0 for the others (FerretDB issue #4616: the group's
 * document iterator is consumed by the first accumulator). Our rows need ten
 * sums, so one `$group` would return wrong zeros, and one aggregate per
 * measure would read the collection ten times (FerretDB decodes every
 * document on every query). So a batch reads the matching documents once,
 * with a projection, and this module sums them: still one command per
 * collection and batch, whatever the number of keys.
 */

/** Document fields a fact key may filter or group on (allow-list). */
export type FactField =
  | "year"
  | "caisse"
  | "ctn"
  | "section"
  | "naf2"
  | "naf3"
  | "naf4"
  | "naf5"
  | "ageBand"
  | "sex"
  | "tableau"
  | "syndrome";

/** One normalised request against one fact collection. */
export interface FactKey {
  collection: string;
  years: YearSpan;
  /** null = every document's caisse (the nation reads its own FR rows instead: queries.ts). */
  caisses: string[] | null;
  /** null = every sector. */
  sector: { field: FactField; code: string } | null;
  /** null = every tableau (MP only). */
  tableaux: string[] | null;
  /** Fields to group by, in output order. */
  dims: FactField[];
  /** Measure fields to sum (a missing field counts 0: zero measures are not stored). */
  measures: readonly string[];
}

/**
 * Sums by the key's dims. `secret` lists the measures some summed document
 * holds as secret (withheld by its publisher): their sum is unknown, not the
 * sum of the others.
 */
export type SummedRow = Record<string, string | number | string[]>;

/** Keys that one `$in` can answer together: all but the sector code are equal. */
function bucketOf(k: FactKey): string {
  return keyString({ c: k.collection, y: k.years, ca: k.caisses, t: k.tableaux, f: k.sector?.field ?? null });
}

/**
 * The one filter for a batch of keys of the same collection: the buckets'
 * filters joined by `$or`, each bucket's sector codes merged into one `$in`.
 */
export function batchFilter(keys: readonly FactKey[]): Filter<Document> {
  const buckets = new Map<string, { key: FactKey; codes: Set<string> }>();
  for (const k of keys) {
    const b = bucketOf(k);
    const entry = buckets.get(b) ?? { key: k, codes: new Set<string>() };
    if (k.sector) entry.codes.add(k.sector.code);
    buckets.set(b, entry);
  }
  const parts = [...buckets.values()].map(({ key, codes }) => {
    const f: Filter<Document> = { year: { $gte: key.years.from, $lte: key.years.to } };
    if (key.caisses) f.caisse = { $in: key.caisses };
    if (key.tableaux) f.tableau = { $in: key.tableaux };
    if (key.sector) f[key.sector.field] = { $in: [...codes] };
    return f;
  });
  return parts.length === 1 ? parts[0] : { $or: parts };
}

/** The fields a batch needs back: filter fields, group fields and measures, nothing else. */
export function batchProjection(keys: readonly FactKey[]): Record<string, 1> {
  // `_v` names the dataset version of each document: rows say which versions their figures come from.
  const fields = new Set<string>(["year", "caisse", "secret", "_v"]);
  for (const k of keys) {
    if (k.tableaux) fields.add("tableau");
    if (k.sector) fields.add(k.sector.field);
    for (const d of k.dims) fields.add(d);
    for (const m of k.measures) fields.add(m);
  }
  return Object.fromEntries([...fields].map((f) => [f, 1 as const]));
}

/** Whether a document belongs to a key (the same conditions as batchFilter, for one key). */
function matches(doc: Document, k: FactKey): boolean {
  if (doc.year < k.years.from || doc.year > k.years.to) return false;
  if (k.caisses && !k.caisses.includes(doc.caisse)) return false;
  if (k.tableaux && !k.tableaux.includes(doc.tableau)) return false;
  return !k.sector || doc[k.sector.field] === k.sector.code;
}

/**
 * Sums the documents of one key by its dims. Without dims there is always
 * one row (zeros when nothing matched), so a total is never "missing".
 * Rows summing `establishments` also get `unitsFloor`, its largest yearly
 * sum (see AtRow.unitsFloor).
 */
export function sumForKey(docs: readonly Document[], k: FactKey): SummedRow[] {
  const rows = new Map<string, SummedRow>();
  const units = new Map<SummedRow, Map<number, number>>();
  const blank = (doc: Document | null): SummedRow => {
    const row: SummedRow = {};
    for (const d of k.dims) row[d] = doc?.[d];
    for (const m of k.measures) row[m] = 0;
    return row;
  };
  if (k.dims.length === 0) rows.set("", blank(null));
  for (const doc of docs) {
    if (!matches(doc, k)) continue;
    const id = k.dims.map((d) => String(doc[d])).join("|");
    let row = rows.get(id);
    if (!row) {
      row = blank(doc);
      rows.set(id, row);
    }
    for (const m of k.measures) row[m] = (row[m] as number) + (typeof doc[m] === "number" ? doc[m] : 0);
    if (Array.isArray(doc.secret)) markSecret(row, doc.secret, k.measures);
    if (typeof doc._v === "string") addVersion(row, doc._v.slice(0, doc._v.indexOf("/")));
    if (typeof doc.establishments === "number") {
      const byYear = units.get(row) ?? new Map<number, number>();
      byYear.set(doc.year, (byYear.get(doc.year) ?? 0) + doc.establishments);
      units.set(row, byYear);
    }
  }
  if (k.measures.includes("establishments"))
    for (const row of rows.values()) row.unitsFloor = Math.max(0, ...(units.get(row)?.values() ?? []));
  return [...rows.values()].sort((a, b) => compareDims(a, b, k.dims));
}

/** Adds the import id of a summed document to the row's `versions` (its provenance, DatasetVersion ids). */
function addVersion(row: SummedRow, importId: string): void {
  const known = (row.versions as string[] | undefined) ?? [];
  if (!known.includes(importId)) row.versions = [...known, importId].sort();
}

/** Adds to the row's `secret` the measures of the key that a document withholds. */
function markSecret(row: SummedRow, secret: unknown[], measures: readonly string[]): void {
  const hit = measures.filter((m) => secret.includes(m));
  if (hit.length === 0) return;
  const known = (row.secret as string[] | undefined) ?? [];
  row.secret = [...known, ...hit.filter((m) => !known.includes(m))];
}

function compareDims(a: SummedRow, b: SummedRow, dims: FactField[]): number {
  for (const d of dims) {
    const x = a[d];
    const y = b[d];
    if (x !== y)
      return typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
  }
  return 0;
}
