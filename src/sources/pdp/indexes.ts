import type { IndexSpec } from "../../db/indexes.js";

/** Indexes of the pdp collections. */
export const pdpIndexes: IndexSpec[] = [];
