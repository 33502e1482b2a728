import type { Db, Document } from "mongodb";
import { VERSION_CHECK_COMMENT } from "./mongo.js";

/**
 * Which version of the imported data is current: one document,
 * `meta/{_id: "imported-data"}`, the single point where an import becomes
 * visible (one document update is atomic on MongoDB and on FerretDB).
 *
 * - `heads`: for each slice of each dataset (one year of one caisse, one
 *   SPSTI's members…), the import whose documents are current, and the one
 *   before it (kept for rollback). Documents carry `_v: "<importId>/<slice>"`;
 *   reads keep only the current tags (`Snapshot.scopeOf`).
 * - `versioned`: every collection the import pipeline (or the demo seed) has
 *   written. Their reads are always filtered, even before any head exists,
 *   so that the rows of an import still in progress are never seen.
 * - `version`: changes with every switch; the read cache empties on it.
 *
 * A marker without `heads` was written by an older Passerelle: its data is
 * served unfiltered, as it was (legacy).
 */
export interface Head {
  dataset: string;
  slice: string;
  /** The collections the dataset writes (its own and derived ones). */
  collections: string[];
  current: string;
  previous: string | null;
}

export interface Marker {
  version: string;
  revision: number;
  versioned: string[];
  heads: Head[];
}

export const MARKER = { collection: "meta", id: "imported-data" } as const;

/** The marker, or null when nothing was ever imported or seeded. Legacy markers come back with `heads` null. */
export async function readMarker(db: Db): Promise<(Omit<Marker, "heads"> & { heads: Head[] | null }) | null> {
  const doc = await db
    .collection<{ _id: string } & Document>(MARKER.collection)
    .findOne(
      { _id: MARKER.id },
      { projection: { version: 1, revision: 1, versioned: 1, heads: 1 }, comment: VERSION_CHECK_COMMENT },
    );
  if (!doc || typeof doc.version !== "string") return null;
  return {
    version: doc.version,
    revision: typeof doc.revision === "number" ? doc.revision : 0,
    versioned: Array.isArray(doc.versioned) ? doc.versioned : [],
    heads: Array.isArray(doc.heads) ? (doc.heads as Head[]) : null,
  };
}

/**
 * What one request reads: the marker as it was when the request first read
 * imported data. Every read of the request uses it, so an import committing
 * meanwhile is seen by the next request, whole, never half-way.
 */
export class Snapshot {
  private readonly scopes = new Map<string, Document>();

  constructor(readonly marker: Awaited<ReturnType<typeof readMarker>>) {
    if (!marker?.heads) return;
    const tags = new Map<string, string[]>(marker.versioned.map((c) => [c, []]));
    for (const h of marker.heads) {
      for (const c of h.collections) tags.set(c, [...(tags.get(c) ?? []), `${h.current}/${h.slice}`]);
    }
    // Always `$in`: this string is also the basis under which protected grids are stored
    // (basisOf); the read of one tag becomes a pushed-down equality in directReads (filter-shape.ts).
    for (const [collection, list] of tags) this.scopes.set(collection, { $in: list.sort() });
  }

  /** The cache's version: a new one after every import, rollback or seed. */
  get version(): string | null {
    return this.marker?.version ?? null;
  }

  /** The condition on `_v` that keeps a collection's current documents, or null for a collection that is not versioned. */
  scopeOf(collection: string): Document | null {
    return this.scopes.get(collection) ?? null;
  }

  /** The current heads (empty for a legacy or empty database). */
  heads(): readonly Head[] {
    return this.marker?.heads ?? [];
  }
}

/**
 * The process's view of the marker, read again at most every `checkMs`
 * (an import is seen at most that late). Concurrent callers share one read;
 * a failed read is not kept.
 */
export class DataVersions {
  private last: { at: number; value: Promise<Snapshot> } | null = null;

  constructor(
    private readonly db: Db,
    private readonly checkMs: number,
  ) {}

  current(): Promise<Snapshot> {
    const now = performance.now();
    if (this.last && now - this.last.at < this.checkMs) return this.last.value;
    const value = readMarker(this.db).then((m) => new Snapshot(m));
    const read = { at: now, value };
    this.last = read;
    value.catch(() => {
      if (this.last === read) this.last = null;
    });
    return value;
  }
}
