import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { Binary, type Db } from "mongodb";
import { LRUCache } from "lru-cache";
import type { ImportedReads } from "../../db/imported-reads.js";

/**
 * Where protected publication grids are kept: computed once per version of
 * the data they protect (the `_v` tags a request sees), then read back.
 *
 * - In memory: the last few, per process (lru-cache; its `fetch` makes
 *   concurrent requests for the same grid share one computation).
 * - In the database: collection `disclosure_grids`, one document per
 *   protected collection and version, the grid gzipped (a national grid's
 *   masked cells run to megabytes as text, over the 16 MB document limit
 *   uncompressed, and compress about tenfold). Read by `_id`, which the
 *   embedded FerretDB pushes down (docs/embedded-database.md).
 *   Imports compute the grid of the version they make current (so the first
 *   request after an import finds it); a request that finds none computes it
 *   in memory and writes nothing (a read never writes). A grid is derived data: losing it costs a recomputation,
 *   never a figure. Only the three newest versions per collection are kept.
 */

export const GRIDS_COLLECTION = "disclosure_grids";
const KEPT_VERSIONS = 3;

interface GridDocument {
  _id: string;
  collection: string;
  computedAt: Date;
  seconds: number;
  data: Binary;
}

/** How a source computes and (de)serialises its grid. */
export interface GridDef<T> {
  /**
   * What else the grid depends on besides the data: the rules' settings and
   * the algorithm's version. Part of the stored grid's id, so that a changed
   * threshold or a new algorithm never reads a grid computed otherwise.
   */
  variant: string;
  /**
   * Other collections the grid reads (a linked grid: the AT age band × sex
   * facts): their versions are part of the stored grid's id too.
   */
  also?: readonly string[];
  /** Computes the grid from the collection's documents, read through `reads` (same snapshot). */
  compute(reads: ImportedReads): Promise<T>;
  encode(grid: T): unknown;
  decode(json: unknown): T;
  /** The information loss, per part of the grid (a year): for tools/grid-report.ts. */
  report(grid: T): GridReport[];
}

/** One part of a grid (a year) as the information-loss report shows it. */
export interface GridReport {
  part: string;
  cells: number;
  /** Per measure, the cells masked (primary and secondary together). */
  masked: Record<string, number>;
  /** Complements added, per protected measure (or pattern). */
  secondary: Record<string, number>;
}

type Loaded = { value: unknown };

export class GridStore {
  private readonly memory = new LRUCache<string, Loaded, { load: () => Promise<unknown> }>({
    max: 16,
    fetchMethod: async (_key, _stale, { context }) => ({ value: await context.load() }),
  });

  /** `db` null: nothing is stored (grids are still computed and kept in memory). */
  constructor(private readonly db: Db | null) {}

  /**
   * The grid of `collection` as `reads` sees it. Only imports and the seed
   * `store` what they compute: a request that finds no stored grid computes
   * it in memory and writes nothing (a read never writes).
   */
  async get<T>(reads: ImportedReads, collection: string, def: GridDef<T>, store = false): Promise<T> {
    const bases = await Promise.all([collection, ...(def.also ?? [])].map((c) => reads.basisOf?.(c)));
    if (bases.some((b) => !b)) return def.compute(reads);
    const basis = bases.join("\n");
    const hash = createHash("sha256").update(`${def.variant}\n${basis}`).digest("hex").slice(0, 24);
    const id = `${collection}|${hash}`;
    const loaded = await this.memory.fetch(id, {
      context: { load: () => this.loadOrCompute(id, collection, reads, def, store) },
    });
    return loaded!.value as T;
  }

  /** Drops what this process holds (tests, and after an import in this process). */
  clear(): void {
    this.memory.clear();
  }

  private async loadOrCompute<T>(
    id: string,
    collection: string,
    reads: ImportedReads,
    def: GridDef<T>,
    store: boolean,
  ) {
    const stored = await this.db?.collection<GridDocument>(GRIDS_COLLECTION).findOne({ _id: id });
    if (stored) return def.decode(JSON.parse(gunzipSync(stored.data.buffer).toString("utf8")));
    const started = performance.now();
    const grid = await def.compute(reads);
    const seconds = (performance.now() - started) / 1000;
    if (store) await this.save(id, collection, def.encode(grid), seconds);
    return grid;
  }

  private async save(id: string, collection: string, json: unknown, seconds: number): Promise<void> {
    if (!this.db) return;
    const grids = this.db.collection<GridDocument>(GRIDS_COLLECTION);
    const data = new Binary(gzipSync(JSON.stringify(json)));
    try {
      await grids.insertOne({ _id: id, collection, computedAt: new Date(), seconds, data });
    } catch (e) {
      // Another process stored the same grid first (duplicate key): it is the same grid.
      if ((e as { code?: number }).code !== 11000) throw e;
    }
    const all = await grids
      .find({ collection }, { projection: { _id: 1, computedAt: 1 } })
      .sort({ computedAt: -1 })
      .toArray();
    const old = all.slice(KEPT_VERSIONS).map((d) => d._id);
    if (old.length > 0) await grids.deleteMany({ _id: { $in: old } });
  }
}
