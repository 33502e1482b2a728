import type { Db, Document, Filter, UpdateFilter } from "mongodb";
import { allOf } from "./filter-shape.js";

/**
 * Single-document writes that hold their whole rule in their filter (a
 * version, allowed states, the writer's party), shared by the request-written
 * sources: the PDP exchange and the CPOM follow-up. FerretDB v1 has no
 * multi-document transaction, so every change of these sources is ONE
 * document's insert or update: a crash leaves it before or after, never
 * half-way.
 */

/** MongoDB's (and FerretDB's) duplicate-key error code. */
const DUPLICATE_KEY = 11000;

/**
 * Serialises the writes to one document within this process.
 *
 * Why: FerretDB v1 on SQLite applies an update as read, modify in Go, write
 * back, outside any transaction (FerretDB/FerretDB#3040). Measured here: 20
 * concurrent `updateOne({_id, version: 1}, {$inc, $push})` on one document
 * report up to 19 matches, and only one `$push` survives. Queuing the writes
 * to one document restores compare-and-set: the second writer's filter sees
 * the first one's version and gets CONFLICT. MongoDB (MONGODB_URI) makes each
 * update atomic by itself; the queue then costs nothing. Several server
 * processes writing to one FerretDB would need a lock in the database: not
 * supported (docs/embedded-database.md).
 */
const tails = new Map<string, Promise<unknown>>();

/** Runs `fn` after every earlier write under the same key has finished (whatever their outcome). */
export async function withDocLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  const tail = run.catch(() => undefined);
  tails.set(key, tail);
  try {
    return await run;
  } finally {
    // The last writer in the queue removes it, so the map holds only documents being written.
    if (tails.get(key) === tail) tails.delete(key);
  }
}

/** Inserts a new document; false when one with this `_id` exists already (an idempotent retry, or a race lost). */
export async function insertIfAbsent<T extends Document>(
  db: Db,
  collection: string,
  doc: T,
): Promise<boolean> {
  try {
    await db.collection<T>(collection).insertOne(doc as never);
    return true;
  } catch (err) {
    if ((err as { code?: unknown }).code === DUPLICATE_KEY) return false;
    throw err;
  }
}

/**
 * Document `id` of `collection` when it matches `condition`, projected; read
 * by `$match {_id}` first, which FerretDB v1 pushes down to its primary key.
 */
export function findOneWhere<T extends Document>(
  db: Db,
  collection: string,
  id: string,
  condition: Document,
  projection: Record<string, 1>,
): Promise<T[]> {
  return db
    .collection(collection)
    .aggregate<T>([{ $match: { _id: id } }, { $match: condition }, { $project: projection }])
    .toArray();
}

/**
 * One conditional update of document `id`; true when it met every condition
 * and the update was applied. The caller holds the document's lock
 * (withDocLock).
 *
 * On MongoDB: ONE updateOne whose filter is `{_id}` and every condition,
 * atomic by itself. On FerretDB v1 the same filter would give no more
 * atomicity (its update is read, modify, write back, outside a transaction;
 * the lock is what serialises the writes) and costs a scan of the whole
 * collection, because its update pushes down only a lone `{_id}` filter
 * (measured on the region seed's fiches: 250 ms for one near the end of the
 * table, 10× more at national scale). There the conditions are checked by a
 * pushed-down read of that one document, then the write goes by `{_id}`
 * alone: the same outcome, within the lock, in ~30 ms.
 */
export async function updateOneWhere<T extends Document>(
  db: Db,
  collection: string,
  id: string,
  conditions: readonly Document[],
  update: UpdateFilter<T>,
): Promise<boolean> {
  const docs = db.collection<T>(collection);
  if (!(await isFerretDb(db)))
    return (await docs.updateOne(atomicUpdateFilter(id, conditions) as Filter<T>, update)).matchedCount === 1;
  if ((await findOneWhere(db, collection, id, allOf(conditions), { _id: 1 })).length === 0) return false;
  return (await docs.updateOne({ _id: id } as Filter<T>, update)).matchedCount === 1;
}

/**
 * The filter of the MongoDB path: `_id` and every condition in ONE filter,
 * so that MongoDB's single-document atomicity makes it a compare-and-set
 * across any number of server processes (tests/write-filters.test.ts checks
 * the shapes the exchange sends). Not sent to FerretDB: its update pushes a
 * root dotted path down to PostgreSQL as a JSON path that does not enter
 * arrays, and then matches nothing (docs/embedded-database.md).
 */
export function atomicUpdateFilter(id: string, conditions: readonly Document[]): Document {
  return allOf([{ _id: id }, ...conditions]);
}

const backends = new WeakMap<Db, Promise<boolean>>();

/** Whether `db` is served by FerretDB (its buildInfo says so); asked once per connection. */
export function isFerretDb(db: Db): Promise<boolean> {
  let known = backends.get(db);
  if (!known) {
    known = db
      .admin()
      .command({ buildInfo: 1 })
      .then(
        (info) => "ferretdbVersion" in info,
        () => false,
      );
    backends.set(db, known);
  }
  return known;
}
