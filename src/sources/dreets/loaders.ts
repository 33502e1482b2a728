import type { Db } from "mongodb";

/** Per-request loaders of the dreets source. */
export function createDreetsLoaders(_db: Db) {
  return {};
}
export type DreetsLoaders = ReturnType<typeof createDreetsLoaders>;
