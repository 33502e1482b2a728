import { AT_CAUSES, type AtCause } from "../src/sources/carsat/causes.js";
import type { FactDoc } from "./carsat-at.js";
import type { Prng } from "./prng.js";

/**
 * The 12 accident-cause measures of the AT documents: each cell's accidents
 * split by a multinomial draw over sector-dependent weights. Nationally
 * manutention manuelle is about half of all AT (domain.md §1), falls about a
 * quarter; falls from height weigh more in construction, the road in
 * transport, assaults in health, social work and security. Drawn from a
 * generator of their own, after the other measures, so that adding them
 * changed no other figure of the seed.
 */

/** National weights of the causes (they sum to 1). */
const BASE: Record<AtCause, number> = {
  MANUAL_HANDLING: 0.5,
  SAME_LEVEL_FALL: 0.15,
  FALL_FROM_HEIGHT: 0.11,
  ROAD: 0.03,
  HAND_TOOLS: 0.07,
  MACHINES: 0.025,
  ASSAULT: 0.025,
  MECHANICAL_HANDLING: 0.02,
  CHEMICAL: 0.005,
  PHYSICAL: 0.005,
  OTHER_VEHICLES: 0.015,
  OTHER: 0.045,
};

const MANUFACTURING = Array.from({ length: 24 }, (_, i) => String(10 + i));

/** Sector factors on the weights: [NAF divisions, factors], first match wins. */
const SECTOR: [string[], Partial<Record<AtCause, number>>][] = [
  [["41", "42", "43"], { FALL_FROM_HEIGHT: 2.4, HAND_TOOLS: 1.6, MACHINES: 1.3, MANUAL_HANDLING: 0.85 }],
  [["53"], { ROAD: 6, SAME_LEVEL_FALL: 1.3, ASSAULT: 1.5 }],
  [
    ["49", "50", "51", "52"],
    { ROAD: 4, OTHER_VEHICLES: 2.5, MECHANICAL_HANDLING: 1.8, FALL_FROM_HEIGHT: 1.3 },
  ],
  [
    ["86", "87", "88"],
    { ASSAULT: 4, MANUAL_HANDLING: 1.15, SAME_LEVEL_FALL: 1.2, HAND_TOOLS: 0.4, MACHINES: 0.2 },
  ],
  [["80", "84"], { ASSAULT: 6, ROAD: 2 }],
  [["47"], { ASSAULT: 1.8, MECHANICAL_HANDLING: 1.3 }],
  [["55", "56"], { PHYSICAL: 4, HAND_TOOLS: 1.8, SAME_LEVEL_FALL: 1.4 }],
  [["78"], { FALL_FROM_HEIGHT: 1.4, MACHINES: 1.8, MECHANICAL_HANDLING: 1.5 }],
  [["19", "20", "21", "22"], { CHEMICAL: 6, MACHINES: 2 }],
  [MANUFACTURING, { MACHINES: 2.5, HAND_TOOLS: 1.3, MECHANICAL_HANDLING: 1.5, CHEMICAL: 1.5 }],
  [["01", "02", "03"], { MACHINES: 2, OTHER: 1.6, FALL_FROM_HEIGHT: 1.3 }],
  [
    ["62", "63", "64", "65", "66", "69", "70", "71", "72", "73"],
    { ROAD: 3, SAME_LEVEL_FALL: 2, MANUAL_HANDLING: 0.6, MACHINES: 0.2 },
  ],
];

function weightsOf(naf2: string): number[] {
  const factors = SECTOR.find(([divisions]) => divisions.includes(naf2))?.[1] ?? {};
  return AT_CAUSES.map((c) => BASE[c.code] * (factors[c.code] ?? 1));
}

/** Binomial draw: exact below 60 trials, normal approximation above. */
function binomial(rng: Prng, n: number, p: number): number {
  if (p <= 0 || n <= 0) return 0;
  if (p >= 1) return n;
  if (n < 60) {
    let k = 0;
    for (let i = 0; i < n; i++) if (rng.next() < p) k++;
    return k;
  }
  return Math.min(n, Math.max(0, Math.round(n * p + Math.sqrt(n * p * (1 - p)) * rng.normal())));
}

/** Adds the cause measures to AT documents (zeros not stored); they add up to each document's accidents. */
export function addCauses(rng: Prng, atDocs: FactDoc[]): void {
  for (const doc of atDocs) {
    let left = (doc.accidents as number | undefined) ?? 0;
    const weights = weightsOf(doc.naf2 as string);
    let weightLeft = weights.reduce((a, b) => a + b, 0);
    AT_CAUSES.forEach((cause, i) => {
      // Sequential binomials: the last cause takes what is left, so the split is exact.
      const n = i === AT_CAUSES.length - 1 ? left : binomial(rng, left, weights[i] / weightLeft);
      weightLeft -= weights[i];
      left -= n;
      if (n > 0) doc[cause.field] = n;
    });
  }
}
