import { hostname } from "node:os";
import type { Db } from "mongodb";
import { readMarker, type Head } from "../db/data-versions.js";
import type { ImportOrg } from "./dataset.js";
import { demote, switchHeads } from "./commit.js";

/**
 * The provenance of every dataset version: one document per import (and one
 * per dataset for the demo seed) in `dataset_versions`. What is current is
 * not stored here but in the marker's heads (src/db/data-versions.ts): a
 * crash between the two writes cannot make them disagree for long, since
 * `cleanupImports` reconciles them.
 */
export const VERSIONS = "dataset_versions";

export type VersionStatus = "STAGING" | "COMMITTED" | "FAILED" | "ROLLED_BACK";

export interface VersionDoc {
  _id: string;
  dataset: string;
  org: ImportOrg;
  file: { name: string; sha256: string; bytes: number };
  rows: { read: number; accepted: number; refused: number };
  /** Years the file covers; null for a dataset without years. */
  period: { from: number; to: number } | null;
  slices: string[];
  /** Where its documents are (the dataset's collection and derived ones). */
  collections: string[];
  /** The importer's subject (token `sub`, or the operator's login for the command). */
  importedBy: string;
  importedAt: Date;
  committedAt: Date | null;
  status: VersionStatus;
  /** Why a version failed (interrupted, refused rows); never a cell value. */
  failure?: string;
  /** The process writing a STAGING version, and when it last said it was alive. */
  process: { host: string; pid: number };
  heartbeatAt: Date;
  /** Its documents were deleted (no longer current nor previous); the provenance stays. */
  pruned?: boolean;
}

/** How long a STAGING version may go without a heartbeat before it counts as interrupted. */
export const STALE_MS = Number(process.env.IMPORT_STALE_MS ?? 60_000);

/**
 * FerretDB's SQLite backend deletes the documents a filter matched by
 * listing their ids in one SQL statement, and SQLite takes at most 32,766
 * variables: a `deleteMany` matching more fails ("too many SQL variables").
 * And every command scans the whole collection (0.08 ms a document at
 * national scale). So a version's documents are counted per tag in one
 * aggregate, then deleted a few tags at a time, under that bound
 * (docs/embedded-database.md).
 */
const MAX_DELETE = 30_000;

/** Deletes the documents of one version, in each of its collections (they are all tagged "<importId>/…"). */
export async function deleteDocumentsOf(db: Db, v: Pick<VersionDoc, "_id" | "collections">): Promise<number> {
  let n = 0;
  for (const name of v.collections) {
    const collection = db.collection(name);
    const tags = await collection
      .aggregate<{ _id: string; n: number }>([
        { $match: { _v: { $regex: `^${v._id}/` } } },
        { $group: { _id: "$_v", n: { $sum: 1 } } },
      ])
      .toArray();
    for (const group of packTags(tags)) {
      if (group.n <= MAX_DELETE) n += (await collection.deleteMany({ _v: { $in: group.tags } })).deletedCount;
      else n += await deleteInRounds(collection, group.tags[0]);
    }
  }
  return n;
}

/** Groups tags so that each group matches at most MAX_DELETE documents (a bigger tag stands alone). */
function packTags(tags: { _id: string; n: number }[]): { tags: string[]; n: number }[] {
  const groups: { tags: string[]; n: number }[] = [];
  for (const t of tags.sort((a, b) => b.n - a.n)) {
    const fit = groups.find((g) => g.n + t.n <= MAX_DELETE);
    if (fit) {
      fit.tags.push(t._id);
      fit.n += t.n;
    } else groups.push({ tags: [t._id], n: t.n });
  }
  return groups;
}

/** A tag with more documents than one delete may match: by ids, a bounded batch at a time. */
async function deleteInRounds(collection: ReturnType<Db["collection"]>, tag: string): Promise<number> {
  let n = 0;
  for (;;) {
    const ids = (await collection.find({ _v: tag }, { projection: { _id: 1 }, limit: 5_000 }).toArray()).map(
      (d) => d._id,
    );
    if (ids.length === 0) return n;
    n += (await collection.deleteMany({ _id: { $in: ids } })).deletedCount;
  }
}

function isAlive(v: VersionDoc): boolean {
  if (Date.now() - v.heartbeatAt.getTime() > STALE_MS) return false;
  if (v.process.host !== hostname()) return true;
  try {
    process.kill(v.process.pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * After a crash: a STAGING version that the heads reference did commit (the
 * process died before saying so); one they do not reference, whose process
 * is gone, is an interrupted import: its documents are deleted. Run at every
 * start and before every import. Returns how many leftovers were removed.
 */
export async function cleanupImports(db: Db): Promise<number> {
  const versions = db.collection<VersionDoc>(VERSIONS);
  const staging = await versions.find({ status: "STAGING" }).toArray();
  if (staging.length === 0) return 0;
  const heads = (await readMarker(db))?.heads ?? [];
  let removed = 0;
  for (const v of staging) {
    if (heads.some((h) => h.current === v._id || h.previous === v._id)) {
      await versions.updateOne(
        { _id: v._id, status: "STAGING" },
        { $set: { status: "COMMITTED", committedAt: new Date() } },
      );
    } else if (!isAlive(v)) {
      await deleteDocumentsOf(db, v);
      await versions.updateOne(
        { _id: v._id, status: "STAGING" },
        { $set: { status: "FAILED", failure: "interrupted before it was committed" } },
      );
      removed++;
    }
  }
  return removed;
}

/**
 * Deletes the documents of committed versions that are neither current nor
 * previous for any slice any more: two versions of each slice are kept (the
 * current one, and the one a rollback would restore).
 */
export async function pruneVersions(db: Db, heads: readonly Head[]): Promise<void> {
  const kept = new Set(heads.flatMap((h) => [h.current, h.previous ?? ""]));
  const versions = db.collection<VersionDoc>(VERSIONS);
  const done = await versions
    .find({ status: { $in: ["COMMITTED", "ROLLED_BACK"] }, pruned: { $ne: true } })
    .toArray();
  for (const v of done.filter((d) => !kept.has(d._id))) {
    await deleteDocumentsOf(db, v);
    await versions.updateOne({ _id: v._id }, { $set: { pruned: true } });
  }
}

/** Marks a version committed once the heads point at it, then prunes what the switch left unreferenced. */
export async function settleCommit(db: Db, importId: string, heads: readonly Head[]): Promise<void> {
  await db
    .collection<VersionDoc>(VERSIONS)
    .updateOne({ _id: importId }, { $set: { status: "COMMITTED", committedAt: new Date() } });
  await pruneVersions(db, heads);
}

/**
 * `--rollback <dataset>`: the latest committed version of the dataset (for
 * `org` when given) stops being current; each of its slices gets its previous
 * version back. Returns the version rolled back, or null when none is current.
 */
export async function rollback(db: Db, dataset: string, org: ImportOrg | null): Promise<VersionDoc | null> {
  const heads = (await readMarker(db))?.heads ?? [];
  const current = new Set(heads.filter((h) => h.dataset === dataset).map((h) => h.current));
  const candidates = await db
    .collection<VersionDoc>(VERSIONS)
    .find({ dataset, status: "COMMITTED", ...(org ? { "org.type": org.type, "org.id": org.id } : {}) })
    .sort({ committedAt: -1 })
    .toArray();
  const latest = candidates.find((v) => current.has(v._id));
  if (!latest) return null;
  const { heads: after } = await switchHeads(db, [], demote(latest._id));
  await db
    .collection<VersionDoc>(VERSIONS)
    .updateOne({ _id: latest._id }, { $set: { status: "ROLLED_BACK" } });
  await pruneVersions(db, after);
  return latest;
}
