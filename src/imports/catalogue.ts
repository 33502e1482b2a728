import type { DatasetDef } from "./dataset.js";
import { CARSAT_DATASETS } from "../sources/carsat/import/index.js";
import { DREETS_DATASETS } from "../sources/dreets/import/index.js";
import { SPSTI_DATASETS } from "../sources/spsti/import/index.js";

/** Every dataset a partner can bring in, by name. Each source declares its own. */
export const DATASETS: readonly DatasetDef[] = [...CARSAT_DATASETS, ...DREETS_DATASETS, ...SPSTI_DATASETS];

/**
 * The datasets a server takes in and lists: all of them in the single process;
 * in a partner's subgraph (its name), its own source's only, since its
 * database holds nobody else's data (docs/federation.md).
 */
export function datasetsServedBy(subgraph: string | null): readonly DatasetDef[] {
  return subgraph ? DATASETS.filter((d) => d.source === subgraph) : DATASETS;
}

export function datasetNamed(name: string): DatasetDef | undefined {
  return DATASETS.find((d) => d.name === name);
}

/** How the documents of a collection are sliced, when a dataset (or one's derived collection) writes it. */
export function slicerOf(
  collection: string,
): { dataset: DatasetDef; sliceOf: (doc: Record<string, unknown>) => string } | undefined {
  for (const dataset of DATASETS) {
    if (dataset.collection === collection) return { dataset, sliceOf: dataset.sliceOf };
    const derived = dataset.derived?.find((d) => d.collection === collection);
    if (derived) return { dataset, sliceOf: derived.sliceOf };
  }
  return undefined;
}

/** Every collection whose reads are versioned: datasets' own and derived ones. */
export function versionedCollections(): string[] {
  return DATASETS.flatMap((d) => [d.collection, ...(d.derived ?? []).map((x) => x.collection)]);
}
