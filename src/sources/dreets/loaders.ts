import type { DisclosureConfig } from "../../privacy/disclosure-config.js";
import DataLoader from "dataloader";
import type { ImportedReads } from "../../db/imported-reads.js";
import { keyString } from "../../domain/canonical-key.js";
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
export function createDreetsLoaders(
  reads: ImportedReads,
  regions: string[] | null,
  disclosure: DisclosureConfig,
) {
  return {
    /** SUMER exposure indicators: margin cells, one row per indicator × cell. */
    sumerStats: new DataLoader<SumerQuery, SumerRow[], string>(
      (keys) => inScope(keys, regions, (k) => batchSumer(reads, k, disclosure)),
      { cacheKeyFn: keyString },
    ),
    /** EVREST indicators: sums of the sparse cells, one row per indicator × cell. */
    evrestStats: new DataLoader<EvrestQuery, EvrestRow[], string>(
      (keys) => inScope(keys, regions, (k) => batchEvrest(reads, k, disclosure)),
      { cacheKeyFn: keyString },
    ),
    /** MCP quinzaines: one row per pathology group × year × cell. */
    mcpStats: new DataLoader<McpQuery, McpRow[], string>(
      (keys) => inScope(keys, regions, (k) => batchMcp(reads, k, disclosure)),
      { cacheKeyFn: keyString },
    ),
  };
}

/**
 * Row scope of the regional (partner) rows: a DREETS or a regional analyst
 * reads its own region only (src/auth/scopes.ts). Each key's regions are cut
 * to the allowed ones before the query; a key left with none reads nothing.
 * National rows (`regions: null`) are open data and not restricted.
 */
async function inScope<K extends { regions: string[] | null }, R>(
  keys: readonly K[],
  allowed: string[] | null,
  run: (keys: K[]) => Promise<R[]>,
): Promise<(R | never[])[]> {
  const scoped = keys.map((k) =>
    k.regions === null || allowed === null
      ? k
      : { ...k, regions: k.regions.filter((r) => allowed.includes(r)) },
  );
  const live = scoped.filter((k) => k.regions === null || k.regions.length > 0);
  const results: R[] = live.length ? await run(live) : [];
  const byKey = new Map(live.map((k, i) => [k, results[i]] as const));
  return scoped.map((k) => byKey.get(k) ?? []);
}

export type DreetsLoaders = ReturnType<typeof createDreetsLoaders>;
