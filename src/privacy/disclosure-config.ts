/** Settings of the statistical disclosure control, shared by every source's loaders. */
export interface DisclosureConfig {
  /** Counts of persons below this are suppressed (default 11: ATIH/CNIL practice for health data). */
  smallCountThreshold: number;
  /** Business statistics need at least this many units per cell (INSEE rule: 3). */
  minUnits: number;
  /** No single unit may weigh more than this share of a cell's value (INSEE rule: 85 %). */
  maxUnitShare: number;
}

export function disclosureConfig(smallCountThreshold: number): DisclosureConfig {
  return { smallCountThreshold, minUnits: 3, maxUnitShare: 0.85 };
}
