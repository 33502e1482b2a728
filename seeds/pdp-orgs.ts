import { completeSiret } from "../src/domain/identifiers.js";
import { caisseOf, nafEntry, regions } from "../src/domain/reference.js";
import type { OrgRef } from "../src/sources/pdp/types.js";
import { SSTRN_ID, type SeedContext } from "./context.js";
import { FALLBACK_NAF5 } from "./pdp-pools.js";
import type { Prng } from "./prng.js";

/** An establishment as the SPSTI seed shares it. */
export type Establishment = SeedContext["shared"]["establishments"][number];

/** An SPSTI that exchanges fiches, with the establishments it follows. */
export interface Party {
  spstiId: string;
  establishments: Establishment[];
  /** Mean number of fiches per year. */
  perYear: number;
}

const PDL = "52";
/** Fiches per year of the SSTRN cellule PDP (≈ 60: a fraction of its ≈ 8 k pré-reprises reach the Carsat). */
const SSTRN_PER_YEAR = 60;
/** Fiches per year of all other SPSTIs together: Pays de la Loire at region scale, France at national scale. */
const OTHERS_PER_YEAR = { region: 18, national: 720 };

export const spstiRef = (id: string): OrgRef => ({ type: "SPSTI", id });
export const carsatRef = (departement: string): OrgRef => ({
  type: "CARSAT",
  id: caisseOf(departement) ?? "carsat-pays-de-la-loire",
});
export const cpamRef = (departement: string): OrgRef => ({
  type: "CPAM",
  id: `cpam-${departement.toLowerCase()}`,
});
export const capEmploiRef = (departement: string): OrgRef => ({
  type: "CAP_EMPLOI",
  id: `cap-emploi-${departement.toLowerCase()}`,
});
export const mdphRef = (departement: string): OrgRef => ({
  type: "MDPH",
  id: `mdph-${departement.toLowerCase()}`,
});
export const cometeRef = (departement: string): OrgRef => ({
  type: "COMETE",
  id: `comete-${departement.toLowerCase()}`,
});

/**
 * The SPSTIs of the scale (Pays de la Loire only at region scale) with their
 * establishments from the SPSTI seed. When that seed shared nothing (it runs
 * first, but may be empty while it is being written), fictitious SPSTIs and
 * establishments are generated so that the PDP source stands on its own.
 */
export function partiesOf(ctx: SeedContext, rng: Prng): Party[] {
  const spstis = ctx.shared.spstis.length ? ctx.shared.spstis : fallbackSpstis(ctx.scale);
  const inScope = spstis.filter((s) => ctx.scale === "national" || s.region === PDL || s.id === SSTRN_ID);
  if (!inScope.some((s) => s.id === SSTRN_ID))
    inScope.unshift({ id: SSTRN_ID, region: PDL, departements: ["44"] });
  const others = inScope.length - 1;
  return inScope.map((s) => {
    let establishments = ctx.shared.establishments.filter((e) => e.spstiId === s.id);
    if (establishments.length === 0)
      establishments = fallbackEstablishments(rng, s.id, s.departements[0] ?? "44");
    const perYear = s.id === SSTRN_ID ? SSTRN_PER_YEAR : OTHERS_PER_YEAR[ctx.scale] / Math.max(1, others);
    return { spstiId: s.id, establishments, perYear };
  });
}

function fallbackSpstis(scale: SeedContext["scale"]): SeedContext["shared"]["spstis"] {
  const deps = regions.flatMap((r) => r.departements.map((d) => ({ d, region: r.code })));
  return deps
    .filter(({ region }) => scale === "national" || region === PDL)
    .map(({ d, region }) => ({
      id: d === "44" ? SSTRN_ID : `spsti-${d.toLowerCase()}`,
      region,
      departements: [d],
    }));
}

function fallbackEstablishments(rng: Prng, spstiId: string, departement: string): Establishment[] {
  return Array.from({ length: 40 }, () => {
    const naf5 = rng.pick(FALLBACK_NAF5);
    if (!nafEntry(naf5)) throw new Error(`fallback NAF ${naf5} is not in the nomenclature`);
    const prefix = String(rng.int(1, 9)) + Array.from({ length: 12 }, () => rng.int(0, 9)).join("");
    const headcount = rng.weighted(
      [rng.int(1, 10), rng.int(11, 49), rng.int(50, 249), rng.int(250, 1200)],
      [45, 33, 17, 5],
    );
    return { siret: completeSiret(prefix), naf5, departement, spstiId, headcount };
  });
}
