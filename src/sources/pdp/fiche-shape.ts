import type { AnyBulkWriteOperation, Db } from "mongodb";
import { META } from "../../db/meta.js";
import type { FicheDoc } from "./documents.js";
import { FICHES } from "./types.js";

/** The shape this code writes: 1 = `status` mirrored at the root (documents.ts). */
const SHAPE = { _id: "pdp-fiche-shape", version: 1 };
/**
 * Statements per `update` command. Why so few: FerretDB v1 on PostgreSQL
 * keeps one pooled connection per statement until the whole command ends,
 * and its pool has 50: a command of 50 statements waits forever for a 51st
 * connection, and the server with it (docs/embedded-database.md).
 */
const BATCH = 10;

/**
 * Brings the fiches written before the root `status` existed to the current
 * shape, once per database (a marker in `meta` says it is done), at start,
 * before the server answers: without it their inbox would miss them. Each
 * fiche is one single-document `$set` of a field it did not have, so a crash
 * half-way loses nothing and the next start finishes the job. A database
 * without fiches is left untouched. Returns the number of fiches updated.
 */
export async function ensureFicheShape(db: Db): Promise<number> {
  const meta = db.collection<{ _id: string; version: number }>(META);
  if (((await meta.findOne({ _id: SHAPE._id }))?.version ?? 0) >= SHAPE.version) return 0;
  const docs = await db
    .collection<FicheDoc>(FICHES)
    .find({}, { projection: { _id: 1, status: 1, "header.status": 1 } })
    .toArray();
  const stale = docs.filter((d) => d.status !== d.header.status);
  for (let i = 0; i < stale.length; i += BATCH) {
    const ops: AnyBulkWriteOperation<FicheDoc>[] = stale.slice(i, i + BATCH).map((d) => ({
      updateOne: { filter: { _id: d._id }, update: { $set: { status: d.header.status } } },
    }));
    await db.collection<FicheDoc>(FICHES).bulkWrite(ops, { ordered: false });
  }
  // A database without fiches (a partner's) gets no marker: a start writes nothing it did not need.
  if (docs.length > 0)
    await meta.updateOne({ _id: SHAPE._id }, { $set: { version: SHAPE.version } }, { upsert: true });
  return stale.length;
}
