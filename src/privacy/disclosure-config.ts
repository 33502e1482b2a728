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
   * a masked cell back. Null only in the negative controls of the attack
   * suites (config.disclosureGrid false): no setting of a server turns it off.
   */
  grids: GridStore | null;
}

/** INSEE's rules for cells of businesses: at least 3 units, none above 85 % of the cell. */
const MIN_UNITS = 3;
const MAX_UNIT_SHARE = 0.85;

/** The settings; without grids (unit tests of the per-table rules, the negative controls), per-table rules. */
export function disclosureConfig(
  smallCountThreshold: number,
  grids: GridStore | null = null,
): DisclosureConfig {
  return { smallCountThreshold, minUnits: MIN_UNITS, maxUnitShare: MAX_UNIT_SHARE, grids };
}

/**
 * The grids a process keeps, by the configuration (always on but in the
 * negative controls: src/config.ts). The server, the seed, imports and the
 * bench all take them from here, so that they protect and read alike.
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
    minUnits: MIN_UNITS,
    publicationGrids: config.disclosureGrid,
    protectedFigures: [...(config.disclosureGrid ? carsat : []), ...always],
  };
}
