import type { Db } from "mongodb";
import { createSpstiLoaders } from "./sources/spsti/loaders.js";
import { createCarsatLoaders } from "./sources/carsat/loaders.js";
import { createDreetsLoaders } from "./sources/dreets/loaders.js";
import { createPdpLoaders } from "./sources/pdp/loaders.js";

/**
 * One fresh set of loaders per request: DataLoader caches must never be shared
 * between viewers (a shared cache once skipped authorization across tenants).
 */
export function createLoaders(db: Db) {
  return {
    spsti: createSpstiLoaders(db),
    carsat: createCarsatLoaders(db),
    dreets: createDreetsLoaders(db),
    pdp: createPdpLoaders(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
