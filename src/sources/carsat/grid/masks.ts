import { protectGrid } from "../../../privacy/grid/protect.js";
import type { DisclosureConfig } from "../../../privacy/disclosure-config.js";
import type { YearGrid } from "./cells.js";

/**
 * The protection of one year's grid (cells.ts), measure by measure, with the
 * rules of src/privacy/disclosure.ts applied to grid cells instead of query
 * rows:
 * - counts of persons (victims) from 1 to 10 are primary;
 *   `accidentsWith4Days` also when the accidents without 4 days off are;
 * - a cell of 1 or 2 establishments is business-confidential: every figure
 *   of it is primary (INSEE). One pattern protects headcount, hours and
 *   establishments (a pattern's safety does not depend on the values);
 * - IT days and IP rates are masked wherever the counts they follow are
 *   (a union of safe patterns is safe: more unknowns never determine more).
 * Then src/privacy/grid/protect.ts adds the complements, over the whole grid.
 */

/** What a grid's measures are and how each is masked. */
export interface MaskRules {
  /** Counts of persons (victims), each protected on its own: 1 to limit − 1 is primary. */
  persons: readonly string[];
  /** A count that is a part ("dont") of another: a small rest (whole − part) masks it too. */
  partOf: Readonly<Record<string, string>>;
  /** Magnitudes masked only by the unit rule, one pattern for all, and the count of units. */
  business: { measures: readonly string[]; units: string } | null;
  /** Measures masked wherever one of the counts they follow is (or is unknown). */
  follows: Readonly<Record<string, readonly string[]>>;
}

/**
 * The AT and trajet rules, for a grid with these measures: a theme's
 * accidents (`causes:…`, index.ts) are a "dont" of the accidents, like
 * those with 4 days off.
 */
export function atRules(measures: readonly string[]): MaskRules {
  const themes = measures.filter((m) => m.startsWith("causes:"));
  return {
    persons: ["accidents", "accidentsWith4Days", "newIpBelow10", "newIpFrom10", "deaths", ...themes],
    partOf: Object.fromEntries(["accidentsWith4Days", ...themes].map((m) => [m, "accidents"])),
    business: { measures: ["employees", "hoursWorked", "establishments"], units: "establishments" },
    follows: { itDays: ["accidents"], ipRateSum: ["accidents", "newIpBelow10", "newIpFrom10"] },
  };
}

/** The MP rules (MP documents carry no headcount nor establishments: no unit rule). */
export const MP_RULES: MaskRules = {
  persons: ["cases", "newIpBelow10", "newIpFrom10", "deaths"],
  partOf: {},
  business: null,
  follows: { itDays: ["cases"], ipRateSum: ["cases", "newIpBelow10", "newIpFrom10"] },
};

/** Grids up to this many cells are protected both ways (see protectYear). */
const BOTH_WAYS_UP_TO = 10_000;

export interface YearMasks {
  /** Per measure, the masked cell keys. */
  masked: Map<string, Set<string>>;
  /** Cells, and masked cells per measure: the information loss. */
  cells: number;
  /** Complements added per measure (secondary suppression). */
  secondary: Record<string, number>;
  /** The atoms present per dimension (AT: `<naf5>|<ctn>`; MP: `<naf2>|<ctn>`, then `<tableau>|<syndrome>`), to decompose queries (answer.ts). */
  atoms: string[][];
  /** Territories present. */
  territories: string[];
  /** AT: the masks of the age band × sex grid of the same year, linked to these (index.ts). */
  agesex?: YearMasks;
  /** Per measure, the cells the linked grid made primary here (index.ts): the information-loss report. */
  linked?: Record<string, number>;
}

/**
 * The AT age band × sex rules (cells.ts, buildAgeSexGrid): accidents are
 * counts of persons; IT days and IP rates follow them. The collection has no
 * establishments, so no unit rule of its own: headcount and hours are masked
 * only where the main grid masks the same margin (`extra`, index.ts), one
 * pattern for both.
 */
export const AGESEX_RULES: MaskRules = {
  persons: ["accidents"],
  partOf: {},
  business: { measures: ["employees", "hoursWorked"], units: "establishments" },
  follows: { itDays: ["accidents"], ipRateSum: ["accidents"] },
};

/**
 * Protects every measure of one year's grid by `rules`. `extra`: per
 * measure, more cells (indexes) to treat as primary: the margins a linked
 * grid masks (index.ts). For a measure that follows others, they are
 * protected as a pattern of their own (no threshold), united with the
 * followed counts' masks; for the unit-rule measures, one pattern for all.
 */
export function protectYear(
  grid: YearGrid,
  config: DisclosureConfig,
  rules: MaskRules,
  extra: ReadonlyMap<string, ReadonlySet<number>> = new Map(),
): YearMasks {
  const n = grid.keys.length;
  const rank = grid.keys.map((_, i) => i);
  const units = rules.business ? grid.values.get(rules.business.units) : undefined;
  const extraOf = (m: string, i: number) => extra.get(m)?.has(i) === true;
  const businessExtra = (i: number) => rules.business?.measures.some((m) => extraOf(m, i)) === true;
  const business = grid.keys.map((_, i) => {
    const e = units?.[i];
    return typeof e === "number" && e > 0 && e < config.minUnits;
  });
  const businessPrimary = business.map((b, i) => b || businessExtra(i));
  /**
   * Both ways of searching cycles give a safe pattern (the audit checks each);
   * which masks less depends on the grid: mirrored within territories saved
   * 85 % of the complements of the region seed (one caisse, the nation equal
   * to it), searching across them 15 % of a national synthetic grid
   * (bench/grid-protect.ts). Small grids try both and keep the smaller
   * pattern; a national grid (seconds per measure and year) searches across.
   */
  const protectOnce = (measure: string, primary: boolean[], limit: number) => {
    const equations = grid.equations.filter((e) => !e.only || e.only.has(measure)).map((e) => e.eq);
    const input = { values: grid.values.get(measure)!, primary, rank, cost: grid.cost, equations, limit };
    if (n > BOTH_WAYS_UP_TO) return protectGrid(input);
    const mirrored = protectGrid({ ...input, layers: grid.layers });
    if (grid.territories.length < 2) return mirrored;
    const across = protectGrid(input);
    // A pattern that leaves a cell exposed loses to one that does not, whatever their sizes.
    const safe = (r: typeof mirrored) => r.exposed === 0 && r.unaudited === 0;
    if (safe(mirrored) !== safe(across)) return safe(mirrored) ? mirrored : across;
    return across.secondary < mirrored.secondary ? across : mirrored;
  };
  /**
   * Fails closed: a pattern whose audit left a masked cell determined (`exposed`:
   * reached through cells beyond its own, all masked, equations) or unchecked
   * masks the whole measure for the year rather than publish a recoverable cell.
   */
  const run = (measure: string, primary: boolean[], limit: number) => {
    const result = protectOnce(measure, primary, limit);
    if (result.exposed === 0 && result.unaudited === 0) return result;
    return { ...result, masked: result.masked.map(() => true) };
  };
  const masked = new Map<string, Set<string>>();
  const secondary: Record<string, number> = {};
  const keep = (measure: string, mask: readonly boolean[]) =>
    masked.set(measure, new Set(grid.keys.filter((_, i) => mask[i])));

  const businessMeasures = rules.business?.measures.filter((m) => grid.values.has(m)) ?? [];
  if (businessMeasures.length > 0 && (units || businessPrimary.some(Boolean))) {
    const result = run(businessMeasures[0], businessPrimary, 0);
    for (const m of businessMeasures) keep(m, result.masked);
    secondary.business = result.secondary;
  } else for (const m of businessMeasures) keep(m, []);
  const persons = new Map<string, boolean[]>();
  for (const m of rules.persons) {
    const vals = grid.values.get(m);
    if (!vals) continue;
    const whole = m in rules.partOf ? grid.values.get(rules.partOf[m]) : undefined;
    const primary = vals.map((v, i) => {
      if (business[i] || extraOf(m, i)) return true;
      if (v === null) return false;
      if (v > 0 && v < config.smallCountThreshold) return true;
      const total = whole?.[i];
      return typeof total === "number" && total - v > 0 && total - v < config.smallCountThreshold;
    });
    const result = run(m, primary, config.smallCountThreshold);
    persons.set(m, result.masked);
    keep(m, result.masked);
    secondary[m] = result.secondary;
  }
  for (const [m, followed] of Object.entries(rules.follows)) {
    if (!grid.values.has(m)) continue;
    const union = new Array<boolean>(n).fill(false);
    const values = grid.values.get(m)!;
    for (let i = 0; i < n; i++) {
      union[i] = values[i] === null || followed.some((f) => persons.get(f)?.[i] === true);
    }
    if (grid.keys.some((_, i) => extraOf(m, i) && !union[i])) {
      // The linked grid's masks on this measure, with the followed ones: protected together (no threshold).
      const result = run(
        m,
        union.map((u, i) => u || extraOf(m, i)),
        0,
      );
      result.masked.forEach((x, i) => {
        if (x) union[i] = true;
      });
      secondary[m] = result.secondary;
    }
    keep(m, union);
  }
  return { masked, cells: n, secondary, atoms: grid.atoms, territories: grid.territories };
}
