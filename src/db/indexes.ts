import type { Db } from "mongodb";
import { spstiIndexes } from "../sources/spsti/indexes.js";
import { carsatIndexes } from "../sources/carsat/indexes.js";
import { dreetsIndexes } from "../sources/dreets/indexes.js";
import { pdpIndexes } from "../sources/pdp/indexes.js";
import { auditIndexes } from "../sources/audit/indexes.js";

/** Creates every source's indexes; idempotent, run at each start. */
export async function ensureIndexes(db: Db): Promise<void> {
  for (const spec of [...spstiIndexes, ...carsatIndexes, ...dreetsIndexes, ...pdpIndexes, ...auditIndexes]) {
    await db.collection(spec.collection).createIndex(spec.keys, spec.options ?? {});
  }
}
