import type { Db } from "mongodb";

/** Per-request loaders of the pdp source. */
export function createPdpLoaders(_db: Db) {
  return {};
}
export type PdpLoaders = ReturnType<typeof createPdpLoaders>;
