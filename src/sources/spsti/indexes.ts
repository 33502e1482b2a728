import type { IndexSpec } from "../../db/index-spec.js";

/**
 * Indexes of the spsti collections, for a real MongoDB (MONGODB_URI) and, on
 * the embedded FerretDB (PostgreSQL), through the GIN index the launcher puts
 * beside each root field (tools/ferretdb/pushdown_indexes.go): list cells by SPSTI,
 * NAF5 or département, activity by SPSTI, CPOM pieces by their parent. The
 * establishment register is read by SIRET (`_id` or `siret`).
 */
export const spstiIndexes: IndexSpec[] = [
  { collection: "spsti_services", keys: { departements: 1 } },
  // Unique per version: an import's year is staged next to the current one until the switch.
  { collection: "spsti_activity", keys: { spstiId: 1, year: 1, _v: 1 }, options: { unique: true } },
  // Imported member lists carry the SIRET in `siret` (the seed's in `_id`).
  { collection: "spsti_establishments", keys: { siret: 1 } },
  { collection: "spsti_establishment_cells", keys: { spstiId: 1 } },
  { collection: "spsti_establishment_cells", keys: { naf5: 1 } },
  { collection: "spsti_establishment_cells", keys: { departement: 1 } },
  { collection: "spsti_cpoms", keys: { spstiId: 1, startsOn: 1 } },
  { collection: "spsti_cpom_actions", keys: { cpomId: 1 } },
  { collection: "spsti_cpom_actions", keys: { theme: 1, spstiId: 1 } },
  // The CPOM follow-up: declared values by indicator, yearly bilans by action (final bilans by `_id`).
  { collection: "spsti_indicator_values", keys: { indicatorId: 1, year: 1 } },
  { collection: "spsti_cpom_bilans", keys: { actionId: 1, year: 1 } },
  // The published table reads the validated reports of a year (campaign/repository.ts).
  { collection: "spsti_annex4_reports", keys: { state: 1, year: 1 } },
];
