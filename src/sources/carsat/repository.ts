import type { Db, Document } from "mongodb";
import { batchFilter, batchProjection, type FactKey } from "./facts.js";
import { CARSAT_COLLECTIONS, type EstablishmentAccidentYear } from "./types.js";

/**
 * The only place of the carsat source that talks to the database. Filters
 * are built from typed keys (facts.ts), never from client objects.
 */

/**
 * Large enough for every matching fact of a batch to come back in the first
 * reply: a getMore per 101 documents would make the command count grow with
 * the data (16 MB replies hold far more of these small projected documents).
 */
const FACT_BATCH_SIZE = 100_000;

/**
 * Reads, in one `find`, the documents of one fact collection that any of the
 * keys needs, with a projection of the fields they use. All keys must share
 * `collection`.
 */
export async function findFacts(db: Db, keys: readonly FactKey[]): Promise<Document[]> {
  if (keys.length === 0) return [];
  return db
    .collection(keys[0].collection)
    .find(batchFilter(keys), { projection: { _id: 0, ...batchProjection(keys) }, batchSize: FACT_BATCH_SIZE })
    .toArray();
}

interface EstablishmentDoc {
  siret: string;
  year: number;
  at: number;
  itDays?: number;
  newIp?: number;
}

/** The yearly accident rows of many establishments, in one `$in` find, year order. */
export async function findEstablishmentAccidents(db: Db, sirets: readonly string[]): Promise<EstablishmentAccidentYear[]> {
  const docs = await db
    .collection<EstablishmentDoc>(CARSAT_COLLECTIONS.establishment)
    .find(
      { siret: { $in: [...sirets] } },
      { projection: { _id: 0, siret: 1, year: 1, at: 1, itDays: 1, newIp: 1 }, sort: { year: 1 }, batchSize: FACT_BATCH_SIZE },
    )
    .toArray();
  // Zero counts are not stored (leaner documents): read a missing one as 0.
  return docs.map((d) => ({ siret: d.siret, year: d.year, accidents: d.at, itDays: d.itDays ?? 0, newIp: d.newIp ?? 0 }));
}
