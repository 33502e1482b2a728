import type { Prng } from "./prng.js";
import { AGE_BANDS, SEXES, type AgeBand, type Sex } from "../src/sources/dreets/types.js";
import { SURVEY_SECTIONS } from "../src/sources/dreets/catalogue.js";

/**
 * Fictitious but plausible population structure and prevalence model shared
 * by the DREETS survey generators: a trait's probability in a cell is its
 * national prevalence (domain.md) times sector-group, sex and age factors,
 * calibrated so that the national population average stays on target.
 */

/** Share of private-sector employment by NAF section, percent (rounded, [K]). */
export const SECTION_WEIGHT: Record<string, number> = {
  A: 1.5,
  B: 0.2,
  C: 16,
  D: 0.8,
  E: 1.0,
  F: 8,
  G: 17,
  H: 7.5,
  I: 5.5,
  J: 4,
  K: 4.5,
  L: 1.3,
  M: 7,
  N: 9,
  P: 2,
  Q: 10,
  R: 1.5,
  S: 3.2,
};

/** Share of women by section ([K], rounded). */
export const FEMALE_SHARE: Record<string, number> = {
  A: 0.3,
  B: 0.15,
  C: 0.29,
  D: 0.25,
  E: 0.2,
  F: 0.12,
  G: 0.5,
  H: 0.27,
  I: 0.5,
  J: 0.33,
  K: 0.58,
  L: 0.55,
  M: 0.48,
  N: 0.45,
  P: 0.68,
  Q: 0.78,
  R: 0.45,
  S: 0.62,
};

export const AGE_SHARE: Record<AgeBand, number> = {
  A15_24: 0.1,
  A25_34: 0.22,
  A35_44: 0.25,
  A45_54: 0.25,
  A55_PLUS: 0.18,
};

/** Share of national employment by INSEE region ([K], rounded); regional samples scale with it. */
export const REGION_SHARE: Record<string, number> = {
  "11": 0.235,
  "24": 0.036,
  "27": 0.04,
  "28": 0.045,
  "32": 0.08,
  "44": 0.076,
  "52": 0.058,
  "53": 0.047,
  "75": 0.088,
  "76": 0.083,
  "84": 0.125,
  "93": 0.075,
  "94": 0.004,
  "01": 0.005,
  "02": 0.005,
  "03": 0.002,
  "04": 0.01,
  "06": 0.002,
};

export type SectorGroup =
  | "primary"
  | "industry"
  | "construction"
  | "trade"
  | "transport"
  | "hospitality"
  | "office"
  | "services"
  | "care";

const GROUP_OF: Record<string, SectorGroup> = {
  A: "primary",
  B: "industry",
  C: "industry",
  D: "industry",
  E: "industry",
  F: "construction",
  G: "trade",
  H: "transport",
  I: "hospitality",
  J: "office",
  K: "office",
  L: "office",
  M: "office",
  N: "services",
  P: "care",
  Q: "care",
  R: "services",
  S: "services",
};

/** How a trait varies: national prevalence and relative factors (1 when not given). */
export interface TraitModel {
  target: number;
  group: Partial<Record<SectorGroup, number>>;
  sex: [f: number, m: number];
  age: [number, number, number, number, number];
}

export interface Cell {
  section: string;
  sex: Sex;
  ageBand: AgeBand;
  /** Share of national employment in the cell. */
  weight: number;
}

/** The section × sex × age band cells of the surveyed population, with their employment shares. */
export const CELLS: Cell[] = (() => {
  const total = SURVEY_SECTIONS.reduce((s, x) => s + SECTION_WEIGHT[x], 0);
  return SURVEY_SECTIONS.flatMap((section) =>
    SEXES.flatMap((sex) =>
      AGE_BANDS.map((ageBand) => {
        const sexShare = sex === "F" ? FEMALE_SHARE[section] : 1 - FEMALE_SHARE[section];
        return {
          section,
          sex,
          ageBand,
          weight: (SECTION_WEIGHT[section] / total) * sexShare * AGE_SHARE[ageBand],
        };
      }),
    ),
  );
})();

function factor(m: TraitModel, section: string, sex: Sex, ageBand: AgeBand): number {
  return (m.group[GROUP_OF[section]] ?? 1) * m.sex[sex === "F" ? 0 : 1] * m.age[AGE_BANDS.indexOf(ageBand)];
}

const calibration = new WeakMap<TraitModel, number>();

/** Probability of the trait in a cell; `extra` carries period and region effects. */
export function probability(m: TraitModel, section: string, sex: Sex, ageBand: AgeBand, extra = 1): number {
  let z = calibration.get(m);
  if (z === undefined) {
    z = CELLS.reduce((s, c) => s + c.weight * factor(m, c.section, c.sex, c.ageBand), 0);
    calibration.set(m, z);
  }
  return Math.min(0.97, Math.max(0.001, (m.target * factor(m, section, sex, ageBand) * extra) / z));
}

/** Binomial draw: exact below 40 trials, normal approximation above. */
export function binomial(rng: Prng, n: number, p: number): number {
  if (n <= 40) {
    let k = 0;
    for (let i = 0; i < n; i++) if (rng.next() < p) k++;
    return k;
  }
  const k = Math.round(n * p + Math.sqrt(n * p * (1 - p)) * rng.normal());
  return Math.min(n, Math.max(0, k));
}

/** A region's own mild deviation from the national profile, stable per region and trait. */
export function regionEffect(rng: Prng, spread = 0.08): number {
  return Math.max(0.7, 1 + spread * rng.normal());
}
