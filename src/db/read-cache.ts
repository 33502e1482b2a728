import { LRUCache } from "lru-cache";
import type { Db, Document } from "mongodb";
import { keyString, type KeyOptions } from "../domain/canonical-key.js";
import { directReads, type FindSpec, type ImportedReads } from "./imported-reads.js";
import { DataVersions } from "./data-versions.js";

export interface ReadCacheOptions {
  /** Budget, in bytes of the answers' JSON; the least recently used answers go first. */
  maxBytes: number;
  /** How long a read of the version marker is trusted: an import is seen at most this late. 0: at every lookup. */
  checkMs: number;
}

export interface ReadCacheStats {
  hits: number;
  misses: number;
  entries: number;
  bytes: number;
  version: string | null;
}

type Answer = readonly Document[];

/** What the database is asked on a miss. */
interface Query {
  collection: string;
  filter: Document;
  spec: FindSpec;
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
 * - Concurrent misses of one key share a single database command (lru-cache's
 *   fetch); a failed command is not kept. A command still running when its
 *   entry goes (a new version, an eviction) answers its callers, and is not
 *   kept either.
 * - Answers are frozen: a caller that tried to change a shared document
 *   would throw instead of corrupting the next request's answer.
 */
export class ReadCache {
  private readonly direct: ImportedReads;
  private readonly answers: LRUCache<string, Answer, Query>;
  private version: string | null = null;
  private hits = 0;
  private misses = 0;

  constructor(
    db: Db,
    options: ReadCacheOptions,
    private readonly versions: DataVersions = new DataVersions(db, options.checkMs),
  ) {
    this.direct = directReads(db);
    this.answers = new LRUCache<string, Answer, Query>({
      // lru-cache wants whole units (a budget in MB may not give one); an answer's size is a whole number of characters.
      maxSize: Math.max(1, Math.floor(options.maxBytes)),
      // One answer may not take more than a quarter of the budget: it would evict everything else.
      maxEntrySize: Math.max(1, Math.floor(options.maxBytes / 4)),
      sizeCalculation: (docs) => JSON.stringify(docs).length,
      backgroundFetchSize: 0, // a command in flight takes no room until its answer is in
      fetchMethod: (_key, _stale, { context: q }) => this.direct.find(q.collection, q.filter, q.spec),
      // Only a kept answer is frozen: one over the per-entry cap is handed back as read, and derived() keeps nothing for it.
      onInsert: (docs) => deepFreeze(docs),
      // A command whose entry was cleared or evicted still answers its callers (its answer is not kept).
      ignoreFetchAbort: true,
    });
  }

  /** The reads the loaders use: cached when the query can be keyed, else direct. */
  reads(): ImportedReads {
    return { find: (collection, filter, spec) => this.find(collection, filter, spec) as never };
  }

  stats(): ReadCacheStats {
    return {
      hits: this.hits,
      misses: this.misses,
      entries: this.answers.size,
      bytes: this.answers.calculatedSize,
      version: this.version,
    };
  }

  private async find(collection: string, filter: Document, spec: FindSpec): Promise<Answer> {
    const key = queryKey(collection, filter, spec);
    const version = key === null ? null : (await this.versions.current()).version;
    if (key === null || version === null) return this.direct.find(collection, filter, spec);
    if (version !== this.version) {
      this.clear();
      this.version = version;
    }
    const status: LRUCache.Status<string, Answer, Query> = {};
    try {
      return await this.answers.forceFetch(key, { context: { collection, filter, spec }, status });
    } finally {
      // A key already being fetched counts as a hit: it sends no command.
      if (status.fetch === "miss") this.misses++;
      else this.hits++;
    }
  }

  /** Forgets every answer (a new version does it; benchmarks too, to measure cold requests). */
  clear(): void {
    this.answers.clear();
  }
}

/**
 * The canonical key writer's options for a Mongo query: key order kept (it is
 * part of a sort); the values of `$in` and `$nin` a set, so the same keys
 * batched in another order are the same query (callers read the answers by
 * key, never by position); exact, so that a value it cannot spell (ObjectId,
 * Decimal128…) leaves the query uncached rather than confused with another.
 */
const QUERY_KEY: KeyOptions = { keepKeyOrder: true, setKeys: new Set(["$in", "$nin"]), exact: true };

/** A canonical string for the query, or null when it holds a value that cannot be spelled exactly (then it is not cached). */
export function queryKey(collection: string, filter: Document, spec: FindSpec): string | null {
  return keyString([collection, filter, spec.projection, spec.sort ?? null], QUERY_KEY);
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
  if (!values) {
    values = new Map();
    derivedValues.set(docs, values);
  }
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
