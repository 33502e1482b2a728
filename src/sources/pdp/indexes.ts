import type { IndexSpec } from "../../db/index-spec.js";
import { FICHES } from "./types.js";
import { PURGED_STATS } from "./purge/purge.js";

/**
 * Indexes of the pdp collections: the list order and its filters, used by a
 * MongoDB behind MONGODB_URI. On the embedded FerretDB (PostgreSQL), the
 * launcher puts a GIN index beside each root field of them, which serves the
 * root equalities FerretDB pushes down (tools/ferretdb/pushdown_indexes.go).
 * The medical collection is read by `_id` = fiche id (plus the owning SPSTI,
 * checked on the one document the `_id` index finds).
 */
export const pdpIndexes: IndexSpec[] = [
  { collection: FICHES, keys: { "header.updatedAt": 1, _id: 1 } },
  // Row scopes: an SPSTI's care team lists its own fiches; a partner, the ones it sent (and, by orgIds, those addressed to it).
  { collection: FICHES, keys: { spstiId: 1, "header.updatedAt": 1 } },
  { collection: FICHES, keys: { "header.origin.id": 1, "header.updatedAt": 1 } },
  { collection: FICHES, keys: { orgIds: 1, "header.updatedAt": 1 } },
  { collection: FICHES, keys: { "job.siret": 1 } },
  { collection: FICHES, keys: { sentYear: 1 } },
  // The inbox (fiches addressed to an organisation, by status: the root mirror) and the retention purge.
  { collection: FICHES, keys: { orgIds: 1, status: 1, "header.updatedAt": 1 } },
  { collection: FICHES, keys: { "header.recipient.id": 1, "header.updatedAt": 1 } },
  { collection: FICHES, keys: { "header.status": 1, "header.closedAt": 1 } },
  // The anonymous statistics of purged fiches, read by the indicators like the live fiches.
  { collection: PURGED_STATS, keys: { sentYear: 1 } },
  { collection: PURGED_STATS, keys: { orgIds: 1 } },
];
