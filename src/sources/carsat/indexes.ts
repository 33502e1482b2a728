import type { IndexSpec } from "../../db/index-spec.js";
import { CARSAT_COLLECTIONS } from "./types.js";

/**
 * Indexes of the carsat collections: every query filters on a year range,
 * usually within caisses. A real MongoDB uses them; on the embedded FerretDB
 * (PostgreSQL), the launcher's GIN index on `caisse` serves a read for one
 * caisse (tools/ferretdb/pushdown_indexes.go).
 */
export const carsatIndexes: IndexSpec[] = [
  { collection: CARSAT_COLLECTIONS.at, keys: { caisse: 1, year: 1 } },
  { collection: CARSAT_COLLECTIONS.trajet, keys: { caisse: 1, year: 1 } },
  { collection: CARSAT_COLLECTIONS.atDemography, keys: { caisse: 1, year: 1 } },
  { collection: CARSAT_COLLECTIONS.mp, keys: { caisse: 1, year: 1 } },
  { collection: CARSAT_COLLECTIONS.establishment, keys: { siret: 1, year: 1 } },
];
