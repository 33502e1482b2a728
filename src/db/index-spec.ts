import type { CreateIndexesOptions, IndexSpecification } from "mongodb";

/**
 * One index a source declares in its `indexes.ts`. A leaf module: the sources
 * declare their indexes with it, and src/db/indexes.ts, which creates them
 * all, imports every source's list (importing the type from there would be a
 * cycle).
 */
export interface IndexSpec {
  collection: string;
  keys: IndexSpecification;
  options?: CreateIndexesOptions;
}
