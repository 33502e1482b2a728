import DataLoader from "dataloader";
import type { Db } from "mongodb";
import { keyString } from "../../domain/canonical-key.js";
import { countAuditEvents, fetchAuditEvents } from "./repository.js";
import type { AuditOrg, AuditPage, AuditQuery } from "./types.js";

const EMPTY: AuditPage = { rows: [], totalCount: 0 };

/**
 * Per-request loaders of the audit trail, bound to the organisation whose
 * trail the viewer may read (a DPO's own; null for everyone else). The row
 * rule goes into the Mongo filter; with no organisation nothing is read.
 */
export function createAuditLoaders(db: Db, viewerOrg: AuditOrg | null) {
  return {
    /** A keyset page of the organisation's events (limit + 1 rows) with the total; one find and one count per query. */
    eventPage: new DataLoader<AuditQuery, AuditPage, string>(
      (keys) => Promise.all(keys.map((k) => (viewerOrg ? loadPage(db, viewerOrg, k) : EMPTY))),
      { cacheKeyFn: keyString },
    ),
  };
}
export type AuditLoaders = ReturnType<typeof createAuditLoaders>;

/** Page and total in parallel: each is a full scan on FerretDB v1. */
async function loadPage(db: Db, org: AuditOrg, k: AuditQuery): Promise<AuditPage> {
  const [rows, totalCount] = await Promise.all([
    fetchAuditEvents(db, org, { ...k, limit: k.limit + 1 }),
    countAuditEvents(db, org, k),
  ]);
  return { rows, totalCount };
}
