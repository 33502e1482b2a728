import type { EstablishmentScope } from "../../auth/scopes.js";
import type { ImportedReads } from "../../db/imported-reads.js";
import { batchByBucket } from "../batch.js";
import { keyString } from "../../domain/canonical-key.js";
import { findMembers } from "./repository.js";
import type { Establishment, EstablishmentPage, EstablishmentQuery } from "./types.js";

/**
 * Batch function of `establishmentPage`. One query on the list read model
 * (member-lists.ts) answers every key of a bucket: keys that differ only by
 * SPSTI (the nested `spstis { establishments(first: 10) }`), by cursor or by
 * page size. Rows come back unsorted and are sorted by SIRET, counted and cut
 * here (keyset pagination: rows after the cursor, `limit + 1` of them).
 */
export function loadEstablishmentPages(
  reads: ImportedReads,
  keys: readonly EstablishmentQuery[],
  scope: EstablishmentScope,
): Promise<EstablishmentPage[]> {
  return batchByBucket(keys, bucketOf, (bucket) => pagesOf(reads, bucket, scope));
}

function bucketOf(k: EstablishmentQuery): string {
  return keyString({
    sector: k.sector,
    departements: k.departements && [...k.departements].sort(),
    allSpstis: k.spstiId === null,
  });
}

async function pagesOf(
  reads: ImportedReads,
  keys: EstablishmentQuery[],
  scope: EstablishmentScope,
): Promise<EstablishmentPage[]> {
  const first = keys[0];
  const spstiIds = first.spstiId === null ? null : [...new Set(keys.map((k) => k.spstiId!))];
  const rows = await findMembers(
    reads,
    { sector: first.sector, departements: first.departements, spstiIds },
    scope,
  ); // SIRET order
  const bySpsti = new Map<string | null, readonly Establishment[]>([[null, rows]]);
  if (spstiIds) {
    const groups = new Map<string, Establishment[]>();
    for (const r of rows) {
      const list = groups.get(r.spstiId);
      if (list) list.push(r);
      else groups.set(r.spstiId, [r]);
    }
    for (const [id, list] of groups) bySpsti.set(id, list);
  }
  return keys.map((k) => pageOf(bySpsti.get(k.spstiId) ?? [], k));
}

/** The page after the cursor; the total counts the whole list, cursor or not. */
function pageOf(sorted: readonly Establishment[], k: EstablishmentQuery): EstablishmentPage {
  const start = k.after === null ? 0 : firstAfter(sorted, k.after);
  return { rows: sorted.slice(start, start + k.limit + 1), totalCount: sorted.length };
}

/** Index of the first row whose SIRET is greater than `after` (binary search). */
function firstAfter(sorted: readonly Establishment[], after: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].siret <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
