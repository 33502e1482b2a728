import type { Db, Document } from "mongodb";
import { ONE_REPLY, VERSION_CHECK_COMMENT } from "./mongo.js";

/**
 * How the SPSTI, Carsat and DREETS sources read their collections. Those
 * collections hold partner data imported in batches (statistics, registers,
 * CPOM follow-up); Passerelle never writes them. That is what lets
 * `ReadCache` (read-cache.ts) answer a repeated query from memory. PDP fiches
 * and the audit trail, which requests do write, go to the driver directly.
 */
export interface ImportedReads {
  /** Every document matching `filter`, with `projection` (and `sort`), in one reply. The documents are read-only. */
  find<T = Document>(collection: string, filter: Document, options: FindSpec): Promise<readonly T[]>;
}

export interface FindSpec {
  projection: Document;
  sort?: Document;
}

/**
 * Marks the data of a database seeded before the marker existed, from its seed
 * metadata (the seed is then the only writer it ever had). A database with
 * neither keeps no marker: nothing of it is cached.
 */
export async function markSeededData(db: Db, seed: { scale: string; seededAt: string } | null): Promise<void> {
  if (seed && (await readImportedDataVersion(db)) === null) await markImportedData(db, seedVersion(seed));
}

/** The version a seed gives the data it wrote. */
export function seedVersion(seed: { scale: string; seededAt: string }): string {
  return `seed:${seed.scale}:${seed.seededAt}`;
}

/** Straight to the driver: one `find` per call. */
export function directReads(db: Db): ImportedReads {
  return {
    find<T>(collection: string, filter: Document, { projection, sort }: FindSpec) {
      const cursor = db.collection(collection).find(filter, { projection, batchSize: ONE_REPLY });
      return (sort ? cursor.sort(sort) : cursor).toArray() as Promise<unknown[]> as Promise<T[]>;
    },
  };
}

/**
 * The marker of the imported data's version: `meta/{_id: "imported-data"}`.
 * Whoever writes an imported collection (the seed today, a partner import
 * tomorrow) sets a new `version` once its writes are done; every cache drops
 * what it holds when it sees the change.
 */
const IMPORTED_DATA_MARKER = { collection: "meta", id: "imported-data" } as const;

export async function markImportedData(db: Db, version: string): Promise<void> {
  await db
    .collection<{ _id: string; version: string; at: Date }>(IMPORTED_DATA_MARKER.collection)
    .updateOne({ _id: IMPORTED_DATA_MARKER.id }, { $set: { version, at: new Date() } }, { upsert: true });
}

/** The current version, or null when no import ever marked it (then nothing is cached). */
export async function readImportedDataVersion(db: Db): Promise<string | null> {
  const doc = await db
    .collection<{ _id: string; version?: unknown }>(IMPORTED_DATA_MARKER.collection)
    .findOne({ _id: IMPORTED_DATA_MARKER.id }, { projection: { version: 1 }, comment: VERSION_CHECK_COMMENT });
  return typeof doc?.version === "string" ? doc.version : null;
}
