import type { Db } from "mongodb";
import { GridStore } from "./grid/store.js";

/** Settings of the statistical disclosure control, shared by every source's loaders. */
export interface DisclosureConfig {
  /** Counts of persons below this are suppressed (default 11: ATIH/CNIL practice for health data). */
  smallCountThreshold: number;
  /** Business statistics need at least this many units per cell (INSEE rule: 3). */
  minUnits: number;
  /** No single unit may weigh more than this share of a cell's value (INSEE rule: 85 %). */
  maxUnitShare: number;
  /**
   * The protected publication grids (src/privacy/grid/): answers add up cells
   * of one grid per dataset version, so that no combination of answers gives
   * a masked cell back. Null only in the negative control of the attack suite
   * (tests/secrecy-attacks.test.ts): no setting of a server turns it off.
   */
  grids: GridStore | null;
}

/** The settings; without grids (the default while the grid is not switched on: src/config.ts), per-table rules. */
export function disclosureConfig(
  smallCountThreshold: number,
  grids: GridStore | null = null,
): DisclosureConfig {
  return { smallCountThreshold, minUnits: 3, maxUnitShare: 0.85, grids };
}

/**
 * The grids a process keeps, by the configuration: none while the grid is
 * not switched on (src/config.ts), so that neither the server, nor the seed,
 * nor an import spends time protecting what nobody reads.
 */
export function gridsFor(config: { disclosureGrid: boolean }, db: Db): GridStore | null {
  return config.disclosureGrid ? new GridStore(db) : null;
}

/** What `about { disclosure }` tells a reader of how statistics are protected (schema/_base.graphql). */
export interface DisclosureSummary {
  smallCountThreshold: number;
  minUnits: number;
  publicationGrids: boolean;
  protectedFigures: string[];
}

/**
 * The figures answered from protected grids: the Carsat ones when the grids
 * are on (config.disclosureGrid), the DREETS surveys and the PDP measures
 * always (their grids are small and computed on read).
 */
export function disclosureSummary(config: {
  smallCountThreshold: number;
  disclosureGrid: boolean;
}): DisclosureSummary {
  const carsat = [
    "Query.sinistralite",
    "Sector.sinistralite",
    "Territory.sinistralite",
    "Theme.accidents",
    "Query.maladiesProfessionnelles",
  ];
  const always = [
    "Query.sumer",
    "Query.sumerRegional",
    "Query.evrest",
    "Query.evrestRegional",
    "Query.mcp",
    "Query.mcpRegional",
    "Query.pdpMeasures",
  ];
  return {
    smallCountThreshold: config.smallCountThreshold,
    minUnits: disclosureConfig(config.smallCountThreshold).minUnits,
    publicationGrids: config.disclosureGrid,
    protectedFigures: [...(config.disclosureGrid ? carsat : []), ...always],
  };
}
