import type { SeedContext } from "./context.js";
import { SEED_YEARS } from "./context.js";
import { NATIONAL, type Subclass } from "./carsat-model.js";
import type { Prng } from "./prng.js";

/**
 * Establishment-level accident counts for the establishments the SPSTI seed
 * created: what a caisse régionale knows of each SIRET (its "compte AT/MP")
 * and shares only with the CPOM parties. One document per SIRET × year with
 * at least one AT: most small establishments have none in a year, and
 * storing their zeros would multiply the documents FerretDB decodes.
 */
export function establishmentDocs(
  rng: Prng,
  establishments: SeedContext["shared"]["establishments"],
  subclasses: readonly Subclass[],
  divisionRisk: (naf2: string) => number,
): Record<string, string | number>[] {
  const riskOf = new Map(subclasses.map((s) => [s.naf5, s.risk]));
  const out: Record<string, string | number>[] = [];
  for (const e of establishments) {
    // Establishments of the same sector differ a lot (organisation, prevention culture).
    const risk = (riskOf.get(e.naf5) ?? divisionRisk(e.naf5.slice(0, 2))) * Math.exp(0.4 * rng.normal());
    for (const year of SEED_YEARS) {
      const at = rng.poisson((e.headcount * NATIONAL[year].atIf * risk) / 1000);
      if (at === 0) continue;
      const doc: Record<string, string | number> = {
        siret: e.siret,
        year,
        at,
        itDays: Math.round(at * 93 * (0.5 + rng.next())),
      };
      const newIp = Math.min(at, rng.poisson(at * 0.062));
      if (newIp > 0) doc.newIp = newIp;
      out.push(doc);
    }
  }
  return out;
}
