import { pushdownShape } from "./filter-shape.js";
import type { Db, Document } from "mongodb";
import { ONE_REPLY } from "./mongo.js";
import { MARKER, readMarker, type DataVersions, type Snapshot } from "./data-versions.js";
import { timedOut } from "../errors.js";

/**
 * How the SPSTI, Carsat and DREETS sources read their collections. Those
 * collections hold partner data imported in batches (statistics, registers,
 * CPOM follow-up); requests never write them. That is what lets
 * `ReadCache` (read-cache.ts) answer a repeated query from memory. PDP fiches
 * and the audit trail, which requests do write, go to the driver directly.
 * Versioned collections are read at one snapshot per request
 * (`versionedReads`), so an import is seen whole or not at all.
 */
export interface ImportedReads {
  /** Every document matching `filter`, with `projection` (and `sort`), in one reply. The documents are read-only. */
  find<T = Document>(collection: string, filter: Document, options: FindSpec): Promise<readonly T[]>;
  /**
   * Which versions of a collection these reads see, as a stable string (the
   * current `_v` tags), so that what is derived from the whole collection
   * (a protected publication grid) can be kept per version. Null when the
   * data has no version (nothing may be kept); undefined for reads with no snapshot.
   */
  basisOf?(collection: string): Promise<string | null>;
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
export async function markSeededData(
  db: Db,
  seed: { scale: string; seededAt: string } | null,
): Promise<void> {
  if (seed && (await readMarker(db)) === null) await markImportedData(db, seedVersion(seed));
}

/** The version a seed gives the data it wrote. */
export function seedVersion(seed: { scale: string; seededAt: string }): string {
  return `seed:${seed.scale}:${seed.seededAt}`;
}

/** Straight to the driver: one `find` per call. */
export function directReads(db: Db): ImportedReads {
  return {
    find<T>(collection: string, filter: Document, { projection, sort }: FindSpec) {
      const cursor = db
        .collection(collection)
        .find(pushdownShape(filter), { projection, batchSize: ONE_REPLY });
      return (sort ? cursor.sort(sort) : cursor).toArray() as Promise<unknown[]> as Promise<T[]>;
    },
  };
}

/**
 * Gives the marker a new `version` (heads unchanged): every read cache drops
 * what it holds. Imports switch heads through src/imports/commit.ts instead.
 */
export async function markImportedData(db: Db, version: string): Promise<void> {
  await db
    .collection<{ _id: string; version: string; at: Date }>(MARKER.collection)
    .updateOne({ _id: MARKER.id }, { $set: { version, at: new Date() } }, { upsert: true });
}

/**
 * The reads of one request: the first read takes a snapshot of the marker,
 * and every read of a versioned collection keeps only that snapshot's
 * current documents (`_v` in its heads). Past `deadline`
 * (performance.now() time), every read fails with TIMEOUT.
 */
export function versionedReads(
  inner: ImportedReads,
  versions: DataVersions,
  deadline = Infinity,
): ImportedReads {
  let snapshot: Promise<Snapshot> | null = null;
  return {
    async find<T>(collection: string, filter: Document, spec: FindSpec) {
      // A request past its time stops reading: what it would still ask for is never fetched.
      if (performance.now() > deadline) throw timedOut();
      snapshot ??= versions.current();
      const scope = (await snapshot).scopeOf(collection);
      return inner.find<T>(collection, scope ? { ...filter, _v: scope } : filter, spec);
    },
    async basisOf(collection: string) {
      snapshot ??= versions.current();
      const s = await snapshot;
      const scope = s.scopeOf(collection);
      // Unversioned (legacy) data changes only with the marker's version; without a marker, nothing is kept.
      if (scope) return JSON.stringify(scope);
      return s.version ? `unversioned:${s.version}` : null;
    },
  };
}
