import type { IndexSpec } from "../../db/indexes.js";

/** Indexes of the carsat collections. */
export const carsatIndexes: IndexSpec[] = [];
