import { caisses, subclassesOf } from "../src/domain/reference.js";
import type { Prng } from "./prng.js";

/**
 * Fictitious but plausible magnitudes of the AT/MP statistics (domain.md §1):
 * national régime général, 2019-2024. Every number here is an assumption
 * ([K]/[D] in domain.md), tuned so that the national totals land near the
 * published ones: ≈20.8 M salariés, IF ≈26, TF ≈16, TG ≈1.5, ≈760 AT deaths.
 */

/** National yearly figures: salariés (millions), AT IF, trajet IF, MP cases. */
export const NATIONAL: Record<number, { employeesM: number; atIf: number; trajetIf: number; mp: number }> = {
  2019: { employeesM: 19.7, atIf: 33.5, trajetIf: 5.0, mp: 50_400 },
  2020: { employeesM: 19.4, atIf: 27.9, trajetIf: 4.2, mp: 40_200 }, // COVID: lockdowns, fewer hours worked
  2021: { employeesM: 19.9, atIf: 30.1, trajetIf: 4.5, mp: 47_400 },
  2022: { employeesM: 20.4, atIf: 27.7, trajetIf: 4.4, mp: 44_200 },
  2023: { employeesM: 20.7, atIf: 26.8, trajetIf: 4.5, mp: 47_000 },
  2024: { employeesM: 20.8, atIf: 26.4, trajetIf: 4.6, mp: 50_100 },
};

/**
 * Per NAF division: [salariés ‰ of the régime général, relative AT risk,
 * hours worked per salarié and year, mean salariés per establishment].
 */
const DIVISIONS: Record<string, [number, number, number, number]> = {
  "01": [2, 1.6, 1700, 5],
  "02": [0.4, 2.5, 1700, 4],
  "03": [0.2, 1.8, 1600, 4],
  "05": [0.05, 1.5, 1700, 50],
  "06": [0.1, 0.5, 1700, 60],
  "07": [0.05, 1.5, 1700, 40],
  "08": [0.8, 1.6, 1750, 15],
  "09": [0.2, 0.8, 1700, 40],
  "10": [25, 1.8, 1700, 25],
  "11": [2.5, 1.3, 1700, 20],
  "12": [0.2, 0.8, 1700, 80],
  "13": [2, 1.2, 1700, 20],
  "14": [1.5, 0.8, 1650, 15],
  "15": [1, 1.0, 1650, 25],
  "16": [2.5, 2.2, 1750, 10],
  "17": [3, 1.4, 1750, 40],
  "18": [3, 1.0, 1700, 12],
  "19": [0.5, 0.4, 1700, 150],
  "20": [7, 0.7, 1700, 50],
  "21": [4, 0.5, 1650, 150],
  "22": [6.5, 1.4, 1750, 40],
  "23": [5.5, 1.7, 1750, 25],
  "24": [4, 1.4, 1750, 100],
  "25": [11, 1.5, 1750, 20],
  "26": [6, 0.4, 1650, 60],
  "27": [5, 0.8, 1700, 60],
  "28": [8.5, 1.0, 1700, 40],
  "29": [9, 1.1, 1700, 120],
  "30": [7, 0.7, 1650, 150],
  "31": [2, 1.8, 1750, 15],
  "32": [3, 0.8, 1650, 10],
  "33": [7, 1.2, 1700, 15],
  "35": [7, 0.4, 1650, 60],
  "36": [1.5, 1.3, 1650, 40],
  "37": [1.5, 1.8, 1700, 30],
  "38": [4.5, 2.3, 1700, 30],
  "39": [0.3, 1.8, 1700, 20],
  "41": [12, 2.0, 1750, 8],
  "42": [7, 1.6, 1750, 25],
  "43": [60, 2.4, 1750, 5],
  "45": [20, 1.1, 1700, 6],
  "46": [45, 0.9, 1700, 10],
  "47": [85, 1.1, 1450, 7],
  "49": [35, 1.5, 1750, 15],
  "50": [0.8, 1.2, 1700, 30],
  "51": [3, 0.6, 1650, 200],
  "52": [16, 1.9, 1650, 30],
  "53": [10, 1.6, 1600, 60],
  "55": [7, 1.2, 1500, 10],
  "56": [40, 1.2, 1350, 5],
  "58": [3, 0.2, 1650, 15],
  "59": [2, 0.4, 1500, 6],
  "60": [1, 0.3, 1650, 30],
  "61": [6, 0.3, 1650, 60],
  "62": [24, 0.1, 1650, 20],
  "63": [3, 0.15, 1650, 15],
  "64": [20, 0.15, 1600, 15],
  "65": [8, 0.15, 1600, 40],
  "66": [7, 0.15, 1600, 8],
  "68": [12, 0.7, 1600, 4],
  "69": [13, 0.1, 1600, 6],
  "70": [20, 0.2, 1650, 15],
  "71": [16, 0.3, 1650, 8],
  "72": [4, 0.2, 1650, 40],
  "73": [5, 0.3, 1600, 10],
  "74": [2, 0.3, 1600, 5],
  "75": [1, 0.8, 1550, 4],
  "77": [4, 1.0, 1700, 8],
  "78": [38, 2.1, 1500, 60],
  "79": [2, 0.3, 1600, 6],
  "80": [8, 1.0, 1650, 25],
  "81": [32, 1.7, 1250, 15],
  "82": [10, 0.6, 1550, 20],
  "84": [12, 0.8, 1550, 30],
  "85": [18, 0.5, 1350, 10],
  "86": [55, 1.1, 1550, 12],
  "87": [33, 2.2, 1500, 40],
  "88": [50, 1.5, 1350, 20],
  "90": [2, 0.6, 1450, 10],
  "91": [1, 0.7, 1500, 10],
  "92": [1, 0.6, 1550, 30],
  "93": [6, 1.3, 1350, 6],
  "94": [12, 0.6, 1350, 6],
  "95": [1, 0.9, 1650, 4],
  "96": [12, 0.5, 1450, 4],
  "97": [5, 0.5, 900, 1.3],
  "98": [0.05, 0.5, 900, 1],
  "99": [0.3, 0.2, 1600, 30],
};

/** Salariés share of each caisse (‰); Pays de la Loire ≈ 6 % of the national total. */
const CAISSE_SHARE: Record<string, number> = {
  cramif: 215,
  "carsat-rhone-alpes": 105,
  "carsat-sud-est": 75,
  "carsat-nord-picardie": 70,
  "carsat-pays-de-la-loire": 60,
  "carsat-aquitaine": 55,
  "carsat-bretagne": 50,
  "carsat-normandie": 45,
  "carsat-midi-pyrenees": 45,
  "carsat-nord-est": 40,
  "carsat-alsace-moselle": 35,
  "carsat-languedoc-roussillon": 35,
  "carsat-bourgogne-franche-comte": 35,
  "carsat-centre-val-de-loire": 33,
  "carsat-centre-ouest": 30,
  "carsat-auvergne": 20,
  "cgss-reunion": 8,
  "cgss-guadeloupe": 4,
  "cgss-martinique": 4,
  "cgss-guyane": 2,
  "css-mayotte": 1,
};
const caisseTotal = Object.values(CAISSE_SHARE).reduce((a, b) => a + b, 0);
export const caisseShare = (slug: string) => CAISSE_SHARE[slug] / caisseTotal;

/** Codes every seed must contain (the tests and the joins refer to them). */
const REQUIRED_NAF5 = ["4120A", "4120B", "4321A", "4399C", "7820Z"];

export interface Subclass {
  naf5: string;
  /** Share of national salariés. */
  share: number;
  /** AT risk relative to the national average (weighted mean 1). */
  risk: number;
  hours: number;
  meanSize: number;
}

/**
 * The NAF subclasses "with activity" in the seed: every division gets one,
 * big divisions a few more (≈160 in all, every NAF section covered). A real
 * file has ≈700; a subset keeps the collections small enough for FerretDB.
 */
export function pickSubclasses(rng: Prng): {
  subclasses: Subclass[];
  divisionRisk: (naf2: string) => number;
} {
  const picked: Omit<Subclass, "risk">[] = [];
  const raw: number[] = [];
  for (const [div, [permille, risk, hours, meanSize]] of Object.entries(DIVISIONS)) {
    const all = subclassesOf(div);
    const required = all.filter((c) => REQUIRED_NAF5.includes(c));
    const others = all
      .filter((c) => !required.includes(c))
      .map((c) => ({ c, r: rng.next() }))
      .sort((a, b) => a.r - b.r)
      .map((x) => x.c);
    const k = Math.min(all.length, Math.max(required.length, 1 + Math.floor(permille / 9)));
    const codes = [...required, ...others].slice(0, k);
    const weights = codes.map(() => 0.3 + rng.next());
    const wsum = weights.reduce((a, b) => a + b, 0);
    codes.forEach((naf5, i) => {
      picked.push({ naf5, share: (permille / 1000) * (weights[i] / wsum), hours, meanSize });
      // Subclasses of a division differ in risk; the required ones keep their division's (tests rely on them).
      raw.push(risk * (required.includes(naf5) ? 1 : Math.exp(0.2 * rng.normal())));
    });
  }
  const shareTotal = picked.reduce((a, s) => a + s.share, 0);
  const meanRisk = picked.reduce((a, s, i) => a + s.share * raw[i], 0) / shareTotal;
  return {
    subclasses: picked.map((s, i) => ({ ...s, share: s.share / shareTotal, risk: raw[i] / meanRisk })),
    // For establishments whose subclass is outside the subset.
    divisionRisk: (naf2) => (DIVISIONS[naf2]?.[1] ?? 1) / meanRisk,
  };
}

/** The caisses a scale covers. */
export function caissesOfScale(scale: "region" | "national"): typeof caisses {
  return scale === "region" ? caisses.filter((c) => c.slug === "carsat-pays-de-la-loire") : caisses;
}
