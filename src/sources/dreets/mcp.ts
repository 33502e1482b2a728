import type { ImportedReads } from "../../db/imported-reads.js";
import type { GraphQLError } from "graphql";
import { findMcpCells, type CellDoc } from "./repository.js";
import type { DisclosureConfig } from "../../privacy/disclosure-config.js";
import { regions as allRegions } from "../../domain/reference.js";
import { mcpPathology } from "./catalogue.js";
import { protectStratum, type Stratum } from "./disclosure.js";
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

/** The breakdowns every MCP cell is published by: none, sex, age band, both. */
const SHAPES = [[], ["sex"], ["ageBand"], ["sex", "ageBand"]];
const REGIONS = allRegions.map((r) => r.code);

/**
 * The grid of each year: the pooled national cells and every region's, all
 * margins; the nation is the sum of the regions published and of those not
 * (a remainder, 0 when every participating region is published).
 */
function mcpStrata(
  national: readonly CellDoc[],
  regional: readonly CellDoc[],
  measures: string[],
): Stratum[] {
  const years = [...new Set([...national, ...regional].map((d) => d.year as number))].sort((a, b) => a - b);
  return years.map((year) => {
    const nation = national.filter((d) => d.year === year);
    const regions = regional.filter((d) => d.year === year);
    return {
      survey: "mcp",
      cells: SHAPES.flatMap((shape) => [
        ...sumBy(nation, ["year", ...shape], measures),
        ...sumBy(regions, ["year", "region", ...shape], measures),
      ]),
      node: (d: CellDoc) => (d.region as string | undefined) ?? "FR",
      links: [{ parent: "FR", children: REGIONS, remainder: true }],
      cost: (node: string) => (node === "FR" ? 1 : 0),
    };
  });
}

/**
 * The plan's rows. Cells are masked in the protected grid of their year
 * (the nation and every region together: disclosure.ts), the same whichever
 * query asks, then the plan's scope, regions and breakdown are kept.
 */
function rowsOf(
  plan: McpPlan,
  national: readonly CellDoc[],
  regional: readonly CellDoc[],
  config: DisclosureConfig,
): McpRow[] {
  const inYears = (d: CellDoc) => (d.year as number) >= plan.from && (d.year as number) <= plan.to;
  const cells = sortCells(
    mcpStrata(national.filter(inYears), regional.filter(inYears), plan.pathologies)
      .flatMap((s) => protectStratum(s, plan.pathologies, config))
      .filter(
        (d) =>
          (plan.regional ? plan.regions.includes(d.region as string) : d.region === undefined) &&
          Boolean(d.sex) === plan.sex &&
          Boolean(d.ageBand) === plan.age,
      ),
  );
  return plan.pathologies.flatMap((pathology) =>
    cells.map((d) => ({ pathology, year: d.year as number, ...cellOf(d, pathology) })),
  );
}

/** One bucket for every key: the national and the regional cells of the years asked for (two finds). */
async function runBucket(
  reads: ImportedReads,
  plans: McpPlan[],
  config: DisclosureConfig,
): Promise<McpRow[][]> {
  const live = plans.filter((p) => !p.regional || p.regions.length > 0);
  if (!live.length) return plans.map(() => []);
  const fetch = {
    from: Math.min(...live.map((p) => p.from)),
    to: Math.max(...live.map((p) => p.to)),
    // Every region: the nation and the regions are masked within one grid.
    regions: REGIONS,
    pathologies: union(live.map((p) => p.pathologies)),
  };
  const [national, regional] = await Promise.all([
    findMcpCells(reads, { ...fetch, regional: false }),
    findMcpCells(reads, { ...fetch, regional: true }),
  ]);
  // No derived() here: the rows come from two reads; the costly part, the grid, is kept by disclosure.ts.
  return plans.map((p) => (p.regional && !p.regions.length ? [] : rowsOf(p, national, regional, config)));
}

/** Batch function of `mcpStats`: two finds (national and regional cells), whatever the keys. */
export function batchMcp(
  reads: ImportedReads,
  keys: readonly McpQuery[],
  config: DisclosureConfig,
): Promise<(McpRow[] | Error)[]> {
  return batchPlans(
    keys,
    planMcp,
    () => "mcp",
    (plans) => runBucket(reads, plans, config),
  );
}
