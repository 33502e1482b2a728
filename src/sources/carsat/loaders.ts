import type { Db } from "mongodb";

/** Per-request loaders of the carsat source. */
export function createCarsatLoaders(_db: Db) {
  return {};
}
export type CarsatLoaders = ReturnType<typeof createCarsatLoaders>;
