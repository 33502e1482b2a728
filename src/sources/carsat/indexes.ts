import type { IndexSpec } from "../../db/index-spec.js";
import { CARSAT_COLLECTIONS } from "./types.js";

/**
 * Indexes of the carsat collections. FerretDB v1 on SQLite does not use them
 * for these filters (it decodes every document), but a real MongoDB does:
 * every query filters on a year range, usually within caisses.
 */
export const carsatIndexes: IndexSpec[] = [
  { collection: CARSAT_COLLECTIONS.at, keys: { caisse: 1, year: 1 } },
  { collection: CARSAT_COLLECTIONS.trajet, keys: { caisse: 1, year: 1 } },
  { collection: CARSAT_COLLECTIONS.atDemography, keys: { caisse: 1, year: 1 } },
  { collection: CARSAT_COLLECTIONS.mp, keys: { caisse: 1, year: 1 } },
  { collection: CARSAT_COLLECTIONS.establishment, keys: { siret: 1, year: 1 } },
];
