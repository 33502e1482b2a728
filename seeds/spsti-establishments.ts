import { completeSiren, completeSiret, LA_POSTE_SIREN } from "../src/domain/identifiers.js";
import { sectionOf } from "../src/domain/reference.js";
import type { Prng } from "./prng.js";
import type { Establishment } from "../src/sources/spsti/types.js";
import { companyName, ctnOfNaf5, pickNaf5 } from "./spsti-naf.js";

/** A member establishment document of `spsti_establishments` (lean: FerretDB decodes every field on each query). */
export type EstablishmentDoc = Omit<Establishment, "siret"> & { _id: string };

/**
 * Headcount bands with their share of establishments: 77.6 % under 10
 * salariés (DGT survey 2023), then the usual INSEE pyramid.
 */
const BANDS: [number, number, number][] = [
  [1, 9, 77.6],
  [10, 49, 17.5],
  [50, 249, 4.0],
  [250, 1200, 0.9],
];

function headcount(rng: Prng): number {
  const [lo, hi] = rng.weighted(
    BANDS,
    BANDS.map((b) => b[2]),
  );
  // Skewed towards the bottom of the band, as real size distributions are.
  return lo + Math.floor((hi - lo + 1) * rng.next() ** 2.2);
}

/**
 * A fresh, fictitious SIRET: a random SIREN (Luhn) and a small NIC (Luhn over
 * the 14 digits). These numbers are generated, not looked up: any match with
 * a real company would be a coincidence. La Poste's SIREN is avoided.
 */
function newSiret(rng: Prng, taken: Set<string>): string {
  for (;;) {
    const siren = completeSiren(String(rng.int(10_000_000, 99_999_999)));
    if (siren === LA_POSTE_SIREN) continue;
    const siret = completeSiret(siren + String(rng.int(1, 80)).padStart(4, "0"));
    if (!taken.has(siret)) {
      taken.add(siret);
      return siret;
    }
  }
}

function memberSince(rng: Prng): string {
  const year = rng.int(1975, 2024);
  return `${year}-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`;
}

/** `count` establishments of one SPSTI, spread over its départements by weight. */
export function establishmentsOf(
  rng: Prng,
  spsti: { id: string; departements: string[]; weights: number[] },
  count: number,
  taken: Set<string>,
): EstablishmentDoc[] {
  return Array.from({ length: count }, () => {
    const naf5 = pickNaf5(rng);
    return {
      _id: newSiret(rng, taken),
      name: companyName(rng, naf5, sectionOf(naf5)!),
      naf5,
      ctn: ctnOfNaf5(naf5),
      headcount: headcount(rng),
      departement: rng.weighted(spsti.departements, spsti.weights),
      spstiId: spsti.id,
      memberSince: memberSince(rng),
    };
  });
}
