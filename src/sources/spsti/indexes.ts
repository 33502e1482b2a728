import type { IndexSpec } from "../../db/indexes.js";

/** Indexes of the spsti collections. */
export const spstiIndexes: IndexSpec[] = [];
