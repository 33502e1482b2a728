import type { Db } from "mongodb";
import { ownerOfCollection, type SubgraphName } from "../federation/names.js";
import { spstiIndexes } from "../sources/spsti/indexes.js";
import { carsatIndexes } from "../sources/carsat/indexes.js";
import { dreetsIndexes } from "../sources/dreets/indexes.js";
import { pdpIndexes } from "../sources/pdp/indexes.js";
import { auditIndexes } from "../sources/audit/indexes.js";

/**
 * Creates every source's indexes, or one subgraph's (its source's, and the
 * shared collections'); idempotent, run at each start.
 */
export async function ensureIndexes(db: Db, subgraph: SubgraphName | null = null): Promise<void> {
  for (const spec of [...spstiIndexes, ...carsatIndexes, ...dreetsIndexes, ...pdpIndexes, ...auditIndexes]) {
    const owner = ownerOfCollection(spec.collection);
    if (subgraph && owner && owner !== subgraph) continue;
    await db.collection(spec.collection).createIndex(spec.keys, spec.options ?? {});
  }
}
