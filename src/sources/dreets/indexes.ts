import type { IndexSpec } from "../../db/index-spec.js";
import { DREETS_COLLECTIONS as C } from "./catalogue.js";

/**
 * Indexes of the dreets collections, for a real MongoDB, where each batch
 * filters on these prefixes; on the embedded FerretDB (PostgreSQL) the
 * launcher puts a GIN index beside each root field (tools/ferretdb/pushdown_indexes.go).
 */
export const dreetsIndexes: IndexSpec[] = [
  { collection: C.sumer, keys: { level: 1, period: 1 } },
  { collection: C.sumerRegional, keys: { region: 1, level: 1, period: 1 } },
  { collection: C.evrest, keys: { period: 1, section: 1 } },
  { collection: C.evrestRegional, keys: { region: 1, period: 1 } },
  { collection: C.mcp, keys: { year: 1 } },
  { collection: C.mcpRegional, keys: { region: 1, year: 1 } },
];
