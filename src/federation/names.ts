/** The four partner subgraphs of the federation (docs/federation.md). */
export const SUBGRAPH_NAMES = ["carsat", "dreets", "spsti", "pdp"] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

/**
 * The subgraph whose partner holds a collection: its name's prefix. Null for
 * the collections any database may have: meta, dataset_versions,
 * disclosure_grids, and audit_events (each subgraph writes the trail of the
 * data it holds).
 */
export function ownerOfCollection(collection: string): SubgraphName | null {
  const prefix = collection.split("_")[0];
  return (SUBGRAPH_NAMES as readonly string[]).includes(prefix) ? (prefix as SubgraphName) : null;
}
