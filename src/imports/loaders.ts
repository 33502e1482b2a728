import DataLoader from "dataloader";
import type { Db } from "mongodb";
import type { ImportOrg } from "./dataset.js";
import { importsOf, servedVersions, versionsById, type VersionView } from "./provenance.js";

export interface MyImportsKey {
  dataset: string | null;
  limit: number;
}

/**
 * Per-request loaders of the datasets' provenance, bound to the organisation
 * whose import record the viewer may read (null: none). Provenance is read
 * from the database each time, never cached: it is what an operator checks
 * right after an import.
 */
export function createImportLoaders(db: Db, importsOrg: ImportOrg | null, only: readonly string[] | null) {
  // `only`: a partner's subgraph lists its own source's datasets, which the gateway merges
  // (src/gateway/datasets.ts); the single process lists every dataset.
  const among = (dataset: string | null) =>
    dataset ? (only && !only.includes(dataset) ? [] : [dataset]) : only;
  return {
    /** Versions served now (current or previous), by dataset name ("" = all). */
    served: new DataLoader<string, VersionView[]>((keys) =>
      Promise.all(keys.map((k) => servedVersions(db, among(k || null), importsOrg))),
    ),
    /** Versions by id (an aggregate row's provenance), all ids of a request in one find. */
    byId: new DataLoader<string, VersionView | null>((ids) => versionsById(db, ids, importsOrg)),
    /** The viewer's organisation's own attempts. */
    mine: new DataLoader<MyImportsKey, VersionView[], string>(
      (keys) =>
        Promise.all(
          keys.map((k) => (importsOrg ? importsOf(db, importsOrg, among(k.dataset), k.limit) : [])),
        ),
      { cacheKeyFn: (k) => `${k.dataset ?? ""}|${k.limit}` },
    ),
  };
}
