import type { IndexSpec } from "../../db/indexes.js";

/** Indexes of the dreets collections. */
export const dreetsIndexes: IndexSpec[] = [];
