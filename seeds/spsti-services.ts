import { caisses, region as regionRef, regionOf } from "../src/domain/reference.js";
import type { Spsti, SpstiStaff } from "../src/sources/spsti/types.js";
import { SSTRN_ID, type SeedScale } from "./context.js";
import type { Prng } from "./prng.js";
import { LARGE_DEPARTEMENTS, prefecture } from "./spsti-cities.js";

/** A `spsti_services` document, plus seed-only fields (weights of its départements, its caisse). */
export type SpstiDoc = { _id: string } & Omit<Spsti, "id">;
export interface SeedSpsti {
  doc: SpstiDoc;
  caisseSlug: string;
  /** Relative share of its establishments per département. */
  weights: number[];
}

/** SSTRN's identity card in its 2025-2029 CPOM (figures at 31/12/2024). */
const SSTRN_STAFF: SpstiStaff = {
  medecinsTravail: 73,
  collaborateursMedecins: 15,
  infirmiers: 65,
  preventeurs: 21,
  assistantsSst: 22,
  assistantesMedicales: 112,
  ergonomes: 8,
  psychologues: 4,
  assistantesSociales: 4,
  autres: 85,
  total: 394,
};

function card(
  id: string,
  name: string,
  shortName: string,
  departements: string[],
  figures: Partial<SpstiDoc>,
): SpstiDoc {
  return {
    _id: id,
    name,
    shortName,
    region: regionOf(departements[0])!,
    departements: [...departements].sort(),
    headquartersCity: prefecture(departements[0]),
    asOf: "2024-12-31",
    salaries: 0,
    adherents: 0,
    equipes: 0,
    centres: 0,
    hasCellulePdp: true,
    agrementFrom: "2023-01-01",
    agrementTo: "2027-12-31",
    staff: SSTRN_STAFF,
    ...figures,
  };
}

/** Staff in proportion to salariés, with SSTRN's ratios (per 100,000 salariés) and some spread. */
export function staffFor(rng: Prng, salaries: number): SpstiStaff {
  const per = (ratio: number) =>
    Math.max(1, Math.round((salaries / 100_000) * ratio * (0.85 + 0.3 * rng.next())));
  const s = {
    medecinsTravail: per(23.8),
    collaborateursMedecins: 0,
    infirmiers: per(21.2),
    preventeurs: per(6.8),
    assistantsSst: per(7.2),
    assistantesMedicales: per(36.5),
    ergonomes: per(2.6),
    psychologues: per(1.3),
    assistantesSociales: per(1.3),
    autres: per(27.7),
    total: 0,
  };
  s.collaborateursMedecins = Math.round(s.medecinsTravail * 0.2);
  s.total = staffTotal(s);
  return s;
}

/** Everyone, once: collaborateurs médecins are already counted among the médecins. */
export function staffTotal(s: SpstiStaff): number {
  return (
    s.medecinsTravail +
    s.infirmiers +
    s.preventeurs +
    s.assistantsSst +
    s.assistantesMedicales +
    s.ergonomes +
    s.psychologues +
    s.assistantesSociales +
    s.autres
  );
}

/** The three SPSTIs of Pays de la Loire every scale has (the two others are fictitious). */
function paysDeLaLoire(rng: Prng): SeedSpsti[] {
  const pdl = "carsat-pays-de-la-loire";
  return [
    {
      doc: card(SSTRN_ID, "Service de santé au travail de la région nantaise", "SSTRN", ["44"], {
        salaries: 306_979,
        adherents: 25_475,
        equipes: 20,
        centres: 13,
        agrementFrom: "2022-07-01",
        agrementTo: "2027-06-30",
      }),
      caisseSlug: pdl,
      weights: [1],
    },
    {
      doc: card("stam", "Santé au travail Anjou-Maine (fictif)", "STAM", ["49", "53", "72"], {
        salaries: 352_410,
        adherents: 29_830,
        equipes: 24,
        centres: 17,
        staff: staffFor(rng, 352_410),
        agrementFrom: "2023-04-01",
        agrementTo: "2028-03-31",
      }),
      caisseSlug: pdl,
      weights: [0.5, 0.2, 0.3],
    },
    {
      doc: card("stvo", "Prévention santé travail Vendée Océan (fictif)", "STVO", ["85"], {
        salaries: 168_250,
        adherents: 15_940,
        equipes: 11,
        centres: 8,
        staff: staffFor(rng, 168_250),
        agrementFrom: "2021-10-01",
        agrementTo: "2026-09-30",
      }),
      caisseSlug: pdl,
      weights: [1],
    },
  ];
}

/** Splits a caisse's départements into SPSTI areas of one to three départements (large ones alone). */
function areasOf(rng: Prng, departements: string[]): string[][] {
  const areas: string[][] = [];
  let current: string[] = [];
  for (const d of departements) {
    if (LARGE_DEPARTEMENTS[d] && LARGE_DEPARTEMENTS[d] >= 1.8) {
      areas.push([d]);
      continue;
    }
    current.push(d);
    if (current.length >= rng.int(1, 3)) {
      areas.push(current);
      current = [];
    }
  }
  if (current.length) areas.push(current);
  return areas;
}

function generated(rng: Prng, departements: string[], caisseSlug: string, n: number): SeedSpsti {
  const weights = departements.map((d) => LARGE_DEPARTEMENTS[d] ?? 0.6 + rng.next() * 0.6);
  const salaries = Math.round(weights.reduce((a, b) => a + b, 0) * rng.int(150_000, 230_000));
  const regionName = regionRef(regionOf(departements[0])!)!.name;
  const from = 2020 + rng.int(0, 4);
  const doc = card(
    `spsti-${departements.join("-").toLowerCase()}`,
    `Santé au travail ${regionName} ${n} (fictif)`,
    `SAT-${departements.join("-")}`,
    departements,
    {
      salaries,
      adherents: Math.round(salaries / rng.int(10, 14)),
      equipes: Math.max(3, Math.round(salaries / 15_000)),
      centres: Math.max(2, Math.round(salaries / 24_000)),
      hasCellulePdp: rng.next() < 0.88, // 88 % of SPSTIs had their cellule PDP in 2023 (DGT survey)
      agrementFrom: `${from}-01-01`,
      agrementTo: `${from + 4}-12-31`,
      staff: staffFor(rng, salaries),
    },
  );
  return { doc, caisseSlug, weights };
}

/** Every SPSTI of a scale: the three of Pays de la Loire, plus 60-80 across the country at national scale. */
export function seedSpstis(rng: Prng, scale: SeedScale): SeedSpsti[] {
  const out = paysDeLaLoire(rng);
  if (scale === "region") return out;
  const perRegion = new Map<string, number>();
  for (const c of caisses) {
    if (c.slug === "carsat-pays-de-la-loire") continue;
    // An SPSTI's area lies in one region (its agrément) and one caisse (its CPOM).
    const areas = c.regions.flatMap((r) =>
      areasOf(
        rng,
        c.departements.filter((d) => regionOf(d) === r),
      ),
    );
    for (const area of areas) {
      const n = (perRegion.get(regionOf(area[0])!) ?? 0) + 1;
      perRegion.set(regionOf(area[0])!, n);
      out.push(generated(rng, area, c.slug, n));
    }
  }
  return out;
}
