import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Db } from "mongodb";
import { MARKER, readMarker, type Head } from "../db/data-versions.js";

/**
 * Switching the current version of slices: the one step that makes an
 * import (or a rollback) visible, in one update of the marker document.
 *
 * Writers of the marker (an import command, the HTTP endpoint of any server
 * process, a rollback) take a lock first: a document inserted with a fixed
 * `_id`, which MongoDB and FerretDB both refuse twice (duplicate key). A
 * conditional update alone was not enough: FerretDB loses concurrent
 * conditional updates (docs/embedded-database.md). A lock whose holder died
 * is taken over after LOCK_STALE_MS.
 */

const LOCK_ID = "imports-commit-lock";
const LOCK_STALE_MS = 30_000;
const DUPLICATE_KEY = 11000;

/** A new import id: sortable by time, and safe in a `_v` prefix regex (letters, digits, `_`). */
export function newImportId(): string {
  return `imp_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
}

/** Who holds a lock or runs an import: enough to tell, on the same host, whether it is still alive. */
export function processMark(): { host: string; pid: number } {
  return { host: hostname(), pid: process.pid };
}

async function withLock<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  const meta = db.collection<{ _id: string; owner: string; at: Date }>(MARKER.collection);
  const owner = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await meta.insertOne({ _id: LOCK_ID, owner, at: new Date() });
      break;
    } catch (err) {
      if ((err as { code?: number }).code !== DUPLICATE_KEY) throw err;
      const held = await meta.findOne({ _id: LOCK_ID });
      if (held && Date.now() - held.at.getTime() > LOCK_STALE_MS)
        await meta.deleteOne({ _id: LOCK_ID, owner: held.owner });
      if (attempt > 600) throw new Error("the import lock stayed taken for over a minute");
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await fn();
  } finally {
    await meta.deleteOne({ _id: LOCK_ID, owner });
  }
}

/**
 * Applies `change` to the heads under the lock and writes the new marker
 * (new revision, new version). `collections` are added to the versioned ones.
 */
export async function switchHeads(
  db: Db,
  collections: readonly string[],
  change: (heads: Head[]) => Head[],
): Promise<{ revision: number; heads: Head[] }> {
  return withLock(db, async () => {
    const marker = await readMarker(db);
    const revision = (marker?.revision ?? 0) + 1;
    const heads = change([...(marker?.heads ?? [])]);
    const versioned = [...new Set([...(marker?.versioned ?? []), ...collections])].sort();
    await db
      .collection<{ _id: string }>(MARKER.collection)
      .updateOne(
        { _id: MARKER.id },
        { $set: { version: `rev-${revision}-${Date.now()}`, revision, versioned, heads, at: new Date() } },
        { upsert: true },
      );
    return { revision, heads };
  });
}

/** Makes `importId` current for each of its slices; the versions they replace become the previous ones. */
export function promote(
  dataset: string,
  collections: string[],
  slices: Iterable<string>,
  importId: string,
): (heads: Head[]) => Head[] {
  return (heads) => {
    const bySlice = new Map(heads.filter((h) => h.dataset === dataset).map((h) => [h.slice, h]));
    const others = heads.filter((h) => h.dataset !== dataset);
    for (const slice of slices) {
      const old = bySlice.get(slice);
      bySlice.set(slice, {
        dataset,
        slice,
        collections,
        current: importId,
        previous: old && old.current !== importId ? old.current : (old?.previous ?? null),
      });
    }
    return [...others, ...bySlice.values()];
  };
}

/**
 * Puts back the previous version of every slice whose current version is
 * `importId`; a slice it created (no previous version) is removed.
 */
export function demote(importId: string): (heads: Head[]) => Head[] {
  return (heads) =>
    heads.flatMap((h) => {
      if (h.current !== importId) return [h];
      return h.previous ? [{ ...h, current: h.previous, previous: null }] : [];
    });
}
