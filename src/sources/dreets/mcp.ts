import type { ImportedReads } from "../../db/imported-reads.js";
import { derived } from "../../db/read-cache.js";
import type { GraphQLError } from "graphql";
import { keyString } from "../../domain/canonical-key.js";
import { findMcpCells, type CellDoc } from "./repository.js";
import type { DisclosureConfig } from "../../privacy/disclosure-config.js";
import { regions as allRegions } from "../../domain/reference.js";
import { mcpPathology } from "./catalogue.js";
import { breakdownDims, suppressCells } from "./disclosure.js";
import {
  batchPlans,
  cellOf,
  inCatalogueOrder,
  sortCells,
  sumBy,
  union,
  unknownCode,
  wantsAge,
  wantsSex,
} from "./tabulate.js";
import type { McpQuery, McpRow } from "./types.js";

/**
 * MCP batch. Cells are year × sex × age band, per participating region
 * (regional collection) and pooled nationally (national collection: the sum
 * of all participating regions, as Santé publique France publishes it). A
 * region that held no quinzaine a given year simply has no cells that year.
 */

interface McpPlan {
  regional: boolean;
  from: number;
  to: number;
  regions: string[];
  pathologies: string[];
  sex: boolean;
  age: boolean;
}

function planMcp(q: McpQuery): McpPlan | GraphQLError {
  const bad = unknownCode(q.pathologies, mcpPathology, "pathologies", "mcpPathologyCatalogue");
  if (bad) return bad;
  return {
    regional: q.regions !== null,
    from: q.years.from,
    to: q.years.to,
    regions: q.regions ?? [],
    pathologies: inCatalogueOrder(q.pathologies, mcpPathology),
    sex: wantsSex(q.breakdown),
    age: wantsAge(q.breakdown),
  };
}

/**
 * The plan's rows. Regional cells are masked in the table of every region
 * held (regions add up to the pooled national cells, which are public), then
 * the plan's regions are kept; years are separate tables (none is pooled).
 */
function rowsOf(plan: McpPlan, docs: readonly CellDoc[], config: DisclosureConfig): McpRow[] {
  const mine = docs.filter((d) => (d.year as number) >= plan.from && (d.year as number) <= plan.to);
  const dims = [...(plan.regional ? ["region"] : []), ...breakdownDims(plan)];
  const table = sumBy(mine, ["year", ...dims], plan.pathologies);
  const masked = suppressCells(table, { dims, strata: ["year"], measures: plan.pathologies }, config);
  const cells = sortCells(masked.filter((d) => !plan.regional || plan.regions.includes(d.region as string)));
  return plan.pathologies.flatMap((pathology) =>
    cells.map((d) => ({ pathology, year: d.year as number, ...cellOf(d, pathology) })),
  );
}

async function runBucket(
  reads: ImportedReads,
  plans: McpPlan[],
  config: DisclosureConfig,
): Promise<McpRow[][]> {
  const [first] = plans;
  const regions = union(plans.map((p) => p.regions));
  if (first.regional && !regions.length) return plans.map(() => []);
  const docs = await findMcpCells(reads, {
    regional: first.regional,
    from: Math.min(...plans.map((p) => p.from)),
    to: Math.max(...plans.map((p) => p.to)),
    // Every region: a region is masked within the table of all of them.
    regions: allRegions.map((r) => r.code),
    pathologies: union(plans.map((p) => p.pathologies)),
  });
  return plans.map((p) => derived(docs, `mcp:${keyString(p)}`, () => rowsOf(p, docs, config)));
}

/** Batch function of `mcpStats`: one find per scope (national or regional), whatever the keys. */
export function batchMcp(
  reads: ImportedReads,
  keys: readonly McpQuery[],
  config: DisclosureConfig,
): Promise<(McpRow[] | Error)[]> {
  return batchPlans(
    keys,
    planMcp,
    (p) => keyString({ r: p.regional }),
    (plans) => runBucket(reads, plans, config),
  );
}
