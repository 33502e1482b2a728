import type { Db } from "mongodb";

/** Per-request loaders of the spsti source. */
export function createSpstiLoaders(_db: Db) {
  return {};
}
export type SpstiLoaders = ReturnType<typeof createSpstiLoaders>;
