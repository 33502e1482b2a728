import { MP_SYNDROMES, type MpSyndromeRef } from "../src/sources/carsat/reference.js";
import { newIps, type FactDoc } from "./carsat-at.js";
import { NATIONAL, type Subclass } from "./carsat-model.js";
import type { Prng } from "./prng.js";

/**
 * Maladies professionnelles: one document per caisse × CTN × NAF2 × tableau ×
 * syndrome × year, only where there is at least one case. NAF2 (not NAF5) is
 * the lean grain: MP are ≈50 k a year against ≈550 k AT, and a NAF5 grain
 * would be mostly empty cells.
 *
 * Data quirk: the ameli MP files repeat the headcount (nb_salaries, heures)
 * of the CTN × NAF cell on EVERY tableau × syndrome row, so summing them over
 * rows counts the same salariés many times. MP documents carry no headcount;
 * a rate would take it from the AT facts, de-duplicated per caisse × NAF ×
 * year. (No overall MP frequency is published anyway: MP have long latency.)
 *
 * The files' yes/no flag columns (TMS, chimique, cancer, psy) are a function
 * of the syndrome: they live once in MP_SYNDROMES instead of on every row.
 */

type Family =
  | "TMS"
  | "RACHIS"
  | "AMIANTE"
  | "CANCER_AMIANTE"
  | "SURDITE"
  | "ECZEMA"
  | "ASTHME"
  | "BENZENE"
  | "PSY";

/** Share of all MP by syndrome (2023 shape: ≈80 % tableau 57) and its family. */
const SYNDROME_MODEL: Record<string, [number, Family]> = {
  "057A_EPAULE": [0.28, "TMS"],
  "057B_COUDE": [0.17, "TMS"],
  "057C_CANAL_CARPIEN": [0.3, "TMS"],
  "057D_GENOU": [0.05, "TMS"],
  "098_HERNIE_DISCALE": [0.052, "RACHIS"],
  "097_HERNIE_DISCALE": [0.007, "RACHIS"],
  "069_VIBRATIONS": [0.005, "RACHIS"],
  "079_MENISQUE": [0.0185, "RACHIS"],
  "030_PLAQUES": [0.025, "AMIANTE"],
  "030_MESOTHELIOME": [0.008, "CANCER_AMIANTE"],
  "030B_CANCER": [0.009, "CANCER_AMIANTE"],
  "042_SURDITE": [0.005, "SURDITE"],
  "065_ECZEMA": [0.006, "ECZEMA"],
  "066_ASTHME": [0.005, "ASTHME"],
  "004_HEMOPATHIE": [0.001, "BENZENE"],
  HT_PSY: [0.041, "PSY"],
};

const OFFICE = [
  "58",
  "59",
  "60",
  "61",
  "62",
  "63",
  "64",
  "65",
  "66",
  "68",
  "69",
  "70",
  "71",
  "72",
  "73",
  "74",
  "75",
  "99",
];
const METAL = ["24", "25", "26", "27", "28", "29", "30", "33"];

/** Relative frequency of a family in a division: [divisions, factor] rules, first match wins. */
const AFFINITY: Record<Family, [string[], number][]> = {
  TMS: [
    [["10"], 3],
    [["87", "88", "81", "29", "30", "22", "13", "14", "15"], 2],
    [["41", "43", "47", "56", "78", "86", "52", "25"], 1.3],
    [OFFICE, 0.15],
  ],
  RACHIS: [
    [["41", "42", "43"], 2.5],
    [["49", "52", "38", "87"], 2],
    [OFFICE, 0.1],
  ],
  AMIANTE: [
    [["43", "41"], 3],
    [[...METAL, "35", "38"], 2.5],
    [OFFICE, 0.1],
  ],
  CANCER_AMIANTE: [
    [["43", "41"], 3],
    [[...METAL, "35", "38"], 2.5],
    [OFFICE, 0.1],
  ],
  SURDITE: [
    [[...METAL, "16", "23", "10"], 3],
    [["41", "42", "43"], 2],
    [OFFICE, 0.05],
  ],
  ECZEMA: [
    [["96"], 8],
    [["43", "86", "81", "56"], 2],
    [OFFICE, 0.1],
  ],
  ASTHME: [
    [["10"], 5],
    [["96"], 4],
    [["16", "81"], 3],
    [OFFICE, 0.1],
  ],
  BENZENE: [
    [["19", "20"], 5],
    [["35", "45"], 2],
  ],
  PSY: [
    [["84", "86", "87", "88", "64", "65", "66"], 2],
    [["47", "70", "71", "82", "85"], 1.5],
    [["41", "42", "43"], 0.3],
  ],
};

function affinity(family: Family, naf2: string): number {
  return AFFINITY[family].find(([divs]) => divs.includes(naf2))?.[1] ?? 0.3;
}

/** Per case: [P(new IP), P(rate ≥10 % | IP), mean rate when ≥10 %, IT days, P(death)]. */
const SEVERITY: Record<Family, [number, number, number, number, number]> = {
  TMS: [0.45, 0.2, 15, 200, 0],
  RACHIS: [0.6, 0.4, 15, 250, 0],
  AMIANTE: [0.9, 0.2, 15, 20, 0],
  CANCER_AMIANTE: [0.95, 1, 80, 150, 0.25],
  SURDITE: [0.9, 0.9, 20, 5, 0],
  ECZEMA: [0.3, 0.1, 12, 60, 0],
  ASTHME: [0.5, 0.4, 20, 80, 0],
  BENZENE: [0.9, 1, 60, 150, 0.2],
  PSY: [0.5, 0.7, 30, 300, 0],
};

function caseCounts(rng: Prng, syndrome: MpSyndromeRef, family: Family, cases: number): FactDoc {
  const [pIp, pFrom10, meanFrom10, days, pDeath] = SEVERITY[family];
  const ip = newIps(rng, cases, pIp, pFrom10, meanFrom10);
  const doc: FactDoc = {
    tableau: syndrome.tableau,
    syndrome: syndrome.code,
    cases,
    newIpBelow10: ip.below,
    newIpFrom10: ip.from,
    deaths: rng.poisson(cases * pDeath),
    itDays: Math.round(cases * days * (0.8 + 0.4 * rng.next())),
    ipRateSum: ip.rateSum,
  };
  // Zero counts are not stored (lean documents).
  return Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== 0));
}

/** The MP documents, from the headcounts of the AT documents (caisse × CTN × NAF2 × year). */
export function mpDocs(rng: Prng, atDocs: readonly FactDoc[], subclasses: readonly Subclass[]): FactDoc[] {
  const families = [...new Set(Object.values(SYNDROME_MODEL).map(([, f]) => f))];
  // Normalises each family so that its national total keeps its share of all MP.
  const norm = Object.fromEntries(
    families.map((f) => [f, subclasses.reduce((a, s) => a + s.share * affinity(f, s.naf5.slice(0, 2)), 0)]),
  );
  const groups = new Map<string, { dims: FactDoc; employees: number }>();
  for (const d of atDocs) {
    const id = `${d.caisse}|${d.ctn}|${d.naf2}|${d.year}`;
    const g = groups.get(id) ?? {
      dims: { caisse: d.caisse, ctn: d.ctn, section: d.section, naf2: d.naf2, year: d.year },
      employees: 0,
    };
    g.employees += d.employees as number;
    groups.set(id, g);
  }
  const out: FactDoc[] = [];
  for (const { dims, employees } of groups.values()) {
    const year = dims.year as number;
    const perEmployee = NATIONAL[year].mp / (NATIONAL[year].employeesM * 1e6);
    for (const syndrome of MP_SYNDROMES) {
      // Syndromes the demo does not model (asbestose, cheville) get no case; skipped before any draw, so the others keep their figures.
      if (!SYNDROME_MODEL[syndrome.code]) continue;
      const [share, family] = SYNDROME_MODEL[syndrome.code];
      const cases = rng.poisson(
        (employees * perEmployee * share * affinity(family, dims.naf2 as string)) / norm[family],
      );
      if (cases > 0) out.push({ ...dims, ...caseCounts(rng, syndrome, family, cases) });
    }
  }
  return out;
}
