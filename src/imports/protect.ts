import type { Db } from "mongodb";
import { DataVersions } from "../db/data-versions.js";
import { directReads, versionedReads } from "../db/imported-reads.js";
import type { DisclosureConfig } from "../privacy/disclosure-config.js";
import type { DatasetDef } from "./dataset.js";

/**
 * Computes and stores the protected publication grid (DatasetDef.grid) of
 * each dataset's current version: by an import for the version it makes
 * current, by the demo seed for what it wrote. Returns the seconds each took.
 * A grid is derived data: if this fails, the first reader computes it.
 */
export async function protectCurrent(
  db: Db,
  disclosure: DisclosureConfig,
  datasets: readonly DatasetDef[],
): Promise<{ dataset: string; seconds: number }[]> {
  const out: { dataset: string; seconds: number }[] = [];
  if (!disclosure.grids) return out;
  for (const dataset of datasets) {
    if (!dataset.grid) continue;
    const started = performance.now();
    const reads = versionedReads(directReads(db), new DataVersions(db, 0));
    await disclosure.grids.get(reads, dataset.collection, dataset.grid(disclosure), true);
    out.push({ dataset: dataset.name, seconds: (performance.now() - started) / 1000 });
  }
  return out;
}
