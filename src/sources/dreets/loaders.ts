import type { DisclosureConfig } from "../../privacy/disclosure-config.js";
import DataLoader from "dataloader";
import type { Db } from "mongodb";
import { keyString } from "../../domain/scope.js";
import { batchSumer } from "./sumer.js";
import { batchEvrest } from "./evrest.js";
import { batchMcp } from "./mcp.js";
import type { EvrestQuery, EvrestRow, McpQuery, McpRow, SumerQuery, SumerRow } from "./types.js";

/**
 * Per-request loaders of the DREETS source. Each is keyed by a whole survey
 * query; keys that differ only by sector code, region, period or indicator
 * list share one database command (see the batch functions). A key that
 * fails validation (CTN sector for SUMER, unknown indicator code, unknown
 * period, unsupported breakdown) rejects with BAD_USER_INPUT naming the
 * argument, without failing the other keys of the batch.
 */
export function createDreetsLoaders(db: Db, _regions: string[] | null, _disclosure: DisclosureConfig) {
  return {
    /** SUMER exposure indicators: margin cells, one row per indicator × cell. */
    sumerStats: new DataLoader<SumerQuery, SumerRow[], string>((keys) => batchSumer(db, keys), { cacheKeyFn: keyString }),
    /** EVREST indicators: sums of the sparse cells, one row per indicator × cell. */
    evrestStats: new DataLoader<EvrestQuery, EvrestRow[], string>((keys) => batchEvrest(db, keys), { cacheKeyFn: keyString }),
    /** MCP quinzaines: one row per pathology group × year × cell. */
    mcpStats: new DataLoader<McpQuery, McpRow[], string>((keys) => batchMcp(db, keys), { cacheKeyFn: keyString }),
  };
}

export type DreetsLoaders = ReturnType<typeof createDreetsLoaders>;
