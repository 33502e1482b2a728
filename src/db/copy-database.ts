import type { Db } from "mongodb";

const BATCH = 2000;

/**
 * Copies every collection of `from` into `to` (empty collections of the
 * same names): the documents in batches, then the indexes. Returns the
 * number of documents copied per collection. Used to move an embedded
 * database from SQLite to PostgreSQL (src/db/move-to-postgresql.ts) and by
 * the tests to copy their seeded template.
 */
export async function copyDatabase(from: Db, to: Db): Promise<Map<string, number>> {
  const copied = new Map<string, number>();
  for (const { name } of await from.listCollections({}, { nameOnly: true }).toArray()) {
    const source = from.collection(name);
    const target = to.collection(name);
    let n = 0;
    let batch: Record<string, unknown>[] = [];
    for await (const doc of source.find({}, { batchSize: BATCH })) {
      batch.push(doc);
      if (batch.length === BATCH) {
        await target.insertMany(batch, { ordered: false });
        n += batch.length;
        batch = [];
      }
    }
    if (batch.length > 0) await target.insertMany(batch, { ordered: false });
    n += batch.length;
    if (n === 0) await to.createCollection(name);
    for (const index of await source.listIndexes().toArray()) {
      if (index.name === "_id_") continue;
      const { key, name: indexName, unique, sparse, partialFilterExpression, expireAfterSeconds } = index;
      await target.createIndex(key, {
        name: indexName,
        ...(unique ? { unique } : {}),
        ...(sparse ? { sparse } : {}),
        ...(partialFilterExpression ? { partialFilterExpression } : {}),
        ...(expireAfterSeconds !== undefined ? { expireAfterSeconds } : {}),
      });
    }
    copied.set(name, n);
  }
  return copied;
}
