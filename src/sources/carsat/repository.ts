import type { Document } from "mongodb";
import type { ImportedReads } from "../../db/imported-reads.js";
import { batchFilter, batchProjection, type FactKey } from "./facts.js";
import { CARSAT_COLLECTIONS, type EstablishmentAccidentYear } from "./types.js";

/**
 * The only place of the carsat source that talks to the database. Filters
 * are built from typed keys (facts.ts), never from client objects.
 */

/**
 * Reads, in one `find`, the documents of one fact collection that any of the
 * keys needs, with a projection of the fields they use. All keys must share
 * `collection`.
 */
export async function findFacts(
  reads: ImportedReads,
  keys: readonly FactKey[],
): Promise<readonly Document[]> {
  if (keys.length === 0) return [];
  return reads.find(keys[0].collection, batchFilter(keys), {
    projection: { _id: 0, ...batchProjection(keys) },
  });
}

interface EstablishmentDoc {
  siret: string;
  year: number;
  at: number;
  itDays?: number;
  newIp?: number;
}

/** The yearly accident rows of many establishments, in one `$in` find, year order. */
export async function findEstablishmentAccidents(
  reads: ImportedReads,
  sirets: readonly string[],
): Promise<EstablishmentAccidentYear[]> {
  const docs = await reads.find<EstablishmentDoc>(
    CARSAT_COLLECTIONS.establishment,
    { siret: { $in: [...sirets] } },
    {
      projection: { _id: 0, siret: 1, year: 1, at: 1, itDays: 1, newIp: 1 },
      sort: { year: 1 },
    },
  );
  // Zero counts are not stored (leaner documents): read a missing one as 0.
  return docs.map((d) => ({
    siret: d.siret,
    year: d.year,
    accidents: d.at,
    itDays: d.itDays ?? 0,
    newIp: d.newIp ?? 0,
  }));
}
