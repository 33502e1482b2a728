import type { Db, Document } from "mongodb";
import { directReads, type FindSpec, type ImportedReads } from "./imported-reads.js";
import { DataVersions } from "./data-versions.js";

export interface ReadCacheOptions {
  /** Budget, in bytes of the answers' JSON; the least recently used answers go first. */
  maxBytes: number;
  /** How long a read of the version marker is trusted: an import is seen at most this late. 0: at every lookup. */
  checkMs: number;
}

interface Entry {
  docs: Promise<readonly Document[]>;
  bytes: number;
}

export interface ReadCacheStats {
  hits: number;
  misses: number;
  entries: number;
  bytes: number;
  version: string | null;
}

/**
 * Answers a repeated query on the imported collections from memory.
 *
 * Why: dashboards send the same queries again and again, on data that
 * changes once per import, and FerretDB (the embedded database) decodes a
 * whole collection for any filter but a lone `_id` (docs/embedded-database.md).
 * At national scale that is seconds per query.
 *
 * What keeps it right:
 * - The key is the exact query: collection, filter, projection and sort. The
 *   viewer's row scope is in the filter and its rights in the projection, so
 *   a hit answers only a query the same viewer would have sent; nothing a
 *   viewer may not see is read for it (docs/privacy.md).
 * - Each answer belongs to one version of the imported data (the marker of
 *   data-versions.ts). A new version empties the cache; with no marker at
 *   all nothing is cached.
 * - Concurrent misses of one key share a single database command; a failed
 *   command is not kept.
 * - Answers are frozen: a caller that tried to change a shared document
 *   would throw instead of corrupting the next request's answer.
 */
export class ReadCache {
  private readonly direct: ImportedReads;
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private version: string | null = null;
  private hits = 0;
  private misses = 0;

  constructor(
    db: Db,
    private readonly options: ReadCacheOptions,
    private readonly versions: DataVersions = new DataVersions(db, options.checkMs),
  ) {
    this.direct = directReads(db);
  }

  /** The reads the loaders use: cached when the query can be keyed, else direct. */
  reads(): ImportedReads {
    return { find: (collection, filter, spec) => this.find(collection, filter, spec) as never };
  }

  stats(): ReadCacheStats {
    return { hits: this.hits, misses: this.misses, entries: this.entries.size, bytes: this.bytes, version: this.version };
  }

  private async find(collection: string, filter: Document, spec: FindSpec): Promise<readonly Document[]> {
    const key = queryKey(collection, filter, spec);
    const version = key === null ? null : (await this.versions.current()).version;
    if (key === null || version === null) return this.direct.find(collection, filter, spec);
    if (version !== this.version) {
      this.clear();
      this.version = version;
    }
    const hit = this.entries.get(key);
    if (hit) {
      this.hits++;
      this.entries.delete(key); // most recently used last
      this.entries.set(key, hit);
      return hit.docs;
    }
    this.misses++;
    const entry: Entry = { docs: this.direct.find(collection, filter, spec), bytes: 0 };
    this.entries.set(key, entry);
    entry.docs.then(
      (docs) => this.admit(key, entry, docs),
      () => this.entries.get(key) === entry && this.entries.delete(key),
    );
    return entry.docs;
  }

  /** Accounts for a filled entry (unless the cache moved on meanwhile), freezes it, and evicts down to the budget. */
  private admit(key: string, entry: Entry, docs: readonly Document[]): void {
    if (this.entries.get(key) !== entry) return;
    entry.bytes = JSON.stringify(docs).length;
    // One answer may not take more than a quarter of the budget: it would evict everything else.
    if (entry.bytes > this.options.maxBytes / 4) {
      this.entries.delete(key);
      return;
    }
    deepFreeze(docs);
    this.bytes += entry.bytes;
    for (const [oldKey, old] of this.entries) {
      if (this.bytes <= this.options.maxBytes) break;
      this.entries.delete(oldKey);
      this.bytes -= old.bytes;
    }
  }

  /** Forgets every answer (a new version does it; benchmarks too, to measure cold requests). */
  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}

/**
 * A canonical string for the query, or null when it holds a value this
 * function cannot spell exactly (then the query is not cached).
 * - Key order is kept: it is part of a Mongo sort. (Hence not keyString,
 *   which sorts keys, and spells a RegExp or an ObjectId as `{}`.)
 * - The values of `$in` and `$nin` are a set: spelled in sorted order, so the
 *   same keys batched in another order are the same query. Callers read the
 *   answers by key, never by position.
 */
export function queryKey(collection: string, filter: Document, spec: FindSpec): string | null {
  const parts: string[] = [];
  const ok = spell(collection, parts) && spell(filter, parts) && spell(spec.projection, parts) && spell(spec.sort ?? null, parts);
  return ok ? parts.join("") : null;
}

function spell(v: unknown, out: string[]): boolean {
  if (v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean") {
    out.push(JSON.stringify(v));
    return true;
  }
  if (v instanceof Date) {
    out.push(`D${v.getTime()}`);
    return true;
  }
  if (v instanceof RegExp) {
    out.push(`R${JSON.stringify(v.source)}${v.flags}`);
    return true;
  }
  if (Array.isArray(v)) {
    out.push("[");
    for (const item of v) {
      if (!spell(item, out)) return false;
      out.push(",");
    }
    out.push("]");
    return true;
  }
  if (typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    out.push("{");
    for (const [k, item] of Object.entries(v)) {
      out.push(JSON.stringify(k), ":");
      if (!((k === "$in" || k === "$nin") && Array.isArray(item) ? spellSet(item, out) : spell(item, out))) return false;
      out.push(",");
    }
    out.push("}");
    return true;
  }
  return false; // ObjectId, Decimal128, undefined, …: not keyed here
}

/** An array whose order does not matter, spelled with its items sorted. */
function spellSet(items: readonly unknown[], out: string[]): boolean {
  const spelled: string[] = [];
  for (const item of items) {
    const parts: string[] = [];
    if (!spell(item, parts)) return false;
    spelled.push(parts.join(""));
  }
  out.push("[", spelled.sort().join(","), "]");
  return true;
}

const derivedValues = new WeakMap<object, Map<string, unknown>>();

/**
 * A value computed from a read's answer (sums, disclosure control, an
 * unpacked list), computed once per cached answer instead of once per request.
 *
 * A cached answer is the same frozen array on every hit, so the value is kept
 * beside it, for as long as the answer is (a WeakMap: evicted with it). An
 * answer that is not cached (a direct read, or one too big for the budget) is
 * not frozen, and its value is computed every time and never kept. `key` must
 * name everything else `compute` depends on (the loader key; process-wide
 * settings such as the disclosure threshold belong to the cache's own app).
 * The kept value is frozen too: requests share it.
 */
export function derived<T>(docs: readonly unknown[], key: string, compute: () => T): T {
  if (!Object.isFrozen(docs)) return compute();
  let values = derivedValues.get(docs);
  if (!values) derivedValues.set(docs, (values = new Map()));
  if (values.has(key)) return values.get(key) as T;
  const value = compute();
  deepFreeze(value);
  values.set(key, value);
  return value;
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const item of Object.values(value)) deepFreeze(item);
}

/**
 * The reads a server uses: through a fresh ReadCache, or straight to the
 * driver when `maxMb` is 0; and the view of the data versions that both the
 * cache and the per-request snapshots (versionedReads) share.
 */
export function importedReadsFor(
  db: Db,
  settings: { maxMb: number; checkMs: number },
): { cache: ReadCache | null; reads: ImportedReads; versions: DataVersions } {
  const versions = new DataVersions(db, settings.checkMs);
  if (settings.maxMb <= 0) return { cache: null, reads: directReads(db), versions };
  const cache = new ReadCache(db, { maxBytes: settings.maxMb * 1e6, checkMs: settings.checkMs }, versions);
  return { cache, reads: cache.reads(), versions };
}
