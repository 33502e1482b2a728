/**
 * Reference data of the carsat source: the CTN a NAF subclass falls under,
 * and the MP tableaux and syndromes the statistics are published by.
 */

/**
 * APPROXIMATE mapping NAF → CTN. In the real files a CTN is the risk code of
 * the establishment, so one NAF5 can appear under several CTN; here every
 * NAF5 gets the CTN that covers most of its salariés. Prefixes are tried from
 * the longest to the shortest.
 */
const CTN_BY_PREFIX: Record<string, string> = {
  // A Métallurgie: metal working, machines, vehicles, repair, garages.
  "24": "A",
  "25": "A",
  "26": "A",
  "27": "A",
  "28": "A",
  "29": "A",
  "30": "A",
  "33": "A",
  "45": "A",
  // B BTP.
  "41": "B",
  "42": "B",
  "43": "B",
  // C Transports, EGE (eau, gaz, électricité), livre, communication.
  "18": "C",
  "35": "C",
  "36": "C",
  "37": "C",
  "38": "C",
  "39": "C",
  "49": "C",
  "50": "C",
  "51": "C",
  "52": "C",
  "53": "C",
  "58": "C",
  "59": "C",
  "60": "C",
  "61": "C",
  // D Alimentation: food industry, food trade, hotels and restaurants.
  "01": "D",
  "03": "D",
  "10": "D",
  "11": "D",
  "12": "D",
  "463": "D",
  "471": "D",
  "472": "D",
  "55": "D",
  "56": "D",
  // E Chimie, caoutchouc, plasturgie.
  "19": "E",
  "20": "E",
  "21": "E",
  "22": "E",
  // F Bois, ameublement, papier, textile, cuirs, pierres et terres à feu.
  "02": "F",
  "05": "F",
  "06": "F",
  "07": "F",
  "08": "F",
  "09": "F",
  "13": "F",
  "14": "F",
  "15": "F",
  "16": "F",
  "17": "F",
  "23": "F",
  "31": "F",
  // G Commerce non alimentaire.
  "32": "G",
  "46": "G",
  "47": "G",
  "95": "G",
  // H Services I: banque, assurance, administration, conseil.
  "62": "H",
  "63": "H",
  "64": "H",
  "65": "H",
  "66": "H",
  "68": "H",
  "69": "H",
  "70": "H",
  "71": "H",
  "72": "H",
  "73": "H",
  "74": "H",
  "75": "H",
  "77": "H",
  "79": "H",
  "80": "H",
  "82": "H",
  "84": "H",
  "85": "H",
  "94": "H",
  "99": "H",
  "7810": "H",
  // I Services II + intérim: santé, action sociale, nettoyage, travail temporaire.
  "78": "I",
  "81": "I",
  "86": "I",
  "87": "I",
  "88": "I",
  "90": "I",
  "91": "I",
  "92": "I",
  "93": "I",
  "96": "I",
  "97": "I",
  "98": "I",
};

/** The CTN of a NAF subclass (approximate, see CTN_BY_PREFIX). */
export function ctnOfNaf5(naf5: string): string {
  for (const len of [4, 3, 2]) {
    const ctn = CTN_BY_PREFIX[naf5.slice(0, len)];
    if (ctn) return ctn;
  }
  return "H";
}

/** Flags the MP files carry on every row (yes/no columns). */
export type MpFlag = "TMS" | "CHIMIQUE" | "CANCER" | "PSY";

/** A syndrome of the MP statistics, with its tableau and flags. */
export interface MpSyndromeRef {
  code: string;
  tableau: string;
  label: string;
  flags: MpFlag[];
}

/** Labels of the tableaux of the régime général used here; `HT` = outside the tableaux (alinéa 7, CRRMP). */
export const MP_TABLEAUX: Record<string, string> = {
  "004": "Benzène et hémopathies",
  "030": "Affections dues à l'amiante",
  "030B": "Cancer broncho-pulmonaire provoqué par l'amiante (30 bis)",
  "042": "Atteinte auditive provoquée par les bruits lésionnels",
  "057": "Affections périarticulaires provoquées par certains gestes et postures",
  "065": "Lésions eczématiformes de mécanisme allergique",
  "066": "Rhinite et asthmes professionnels",
  "069": "Affections provoquées par les vibrations et chocs des machines-outils",
  "079": "Lésions chroniques du ménisque",
  "097": "Affections du rachis lombaire (vibrations du corps entier)",
  "098": "Affections du rachis lombaire (manutention de charges lourdes)",
  HT: "Hors tableaux (reconnaissance par un CRRMP, alinéa 7)",
};

/**
 * Syndromes; each belongs to one tableau, so a syndrome code implies its
 * tableau and flags. A partial catalogue: the tableaux and paragraphs the
 * API reports on; an import refuses the others (src/sources/carsat/import/mp-codes.ts).
 */
export const MP_SYNDROMES: MpSyndromeRef[] = [
  {
    code: "057A_EPAULE",
    tableau: "057",
    label: "Épaule : tendinopathie de la coiffe des rotateurs",
    flags: ["TMS"],
  },
  { code: "057B_COUDE", tableau: "057", label: "Coude : épicondylite", flags: ["TMS"] },
  {
    code: "057C_CANAL_CARPIEN",
    tableau: "057",
    label: "Poignet, main : syndrome du canal carpien",
    flags: ["TMS"],
  },
  { code: "057D_GENOU", tableau: "057", label: "Genou : hygroma, tendinopathie", flags: ["TMS"] },
  {
    code: "057E_CHEVILLE",
    tableau: "057",
    label: "Cheville et pied : tendinite achilléenne",
    flags: ["TMS"],
  },
  {
    code: "098_HERNIE_DISCALE",
    tableau: "098",
    label: "Sciatique par hernie discale L4-L5 ou L5-S1",
    flags: ["TMS"],
  },
  {
    code: "097_HERNIE_DISCALE",
    tableau: "097",
    label: "Sciatique par hernie discale (vibrations)",
    flags: ["TMS"],
  },
  {
    code: "069_VIBRATIONS",
    tableau: "069",
    label: "Atteintes ostéo-articulaires et vasculaires (vibrations)",
    flags: ["TMS"],
  },
  { code: "079_MENISQUE", tableau: "079", label: "Lésions méniscales", flags: ["TMS"] },
  { code: "030_ASBESTOSE", tableau: "030", label: "Asbestose (fibrose pulmonaire)", flags: ["CHIMIQUE"] },
  { code: "030_PLAQUES", tableau: "030", label: "Plaques pleurales", flags: ["CHIMIQUE"] },
  { code: "030_MESOTHELIOME", tableau: "030", label: "Mésothéliome", flags: ["CHIMIQUE", "CANCER"] },
  { code: "030B_CANCER", tableau: "030B", label: "Cancer broncho-pulmonaire", flags: ["CHIMIQUE", "CANCER"] },
  { code: "042_SURDITE", tableau: "042", label: "Hypoacousie de perception", flags: [] },
  { code: "065_ECZEMA", tableau: "065", label: "Eczéma allergique", flags: ["CHIMIQUE"] },
  { code: "066_ASTHME", tableau: "066", label: "Rhinite, asthme", flags: ["CHIMIQUE"] },
  { code: "004_HEMOPATHIE", tableau: "004", label: "Hémopathies (benzène)", flags: ["CHIMIQUE", "CANCER"] },
  {
    code: "HT_PSY",
    tableau: "HT",
    label: "Affections psychiques (dépression, anxiété, stress post-traumatique)",
    flags: ["PSY"],
  },
];

const syndromeByCode = new Map(MP_SYNDROMES.map((s) => [s.code, s]));
/** A syndrome by code, or null. */
export const mpSyndrome = (code: string) => syndromeByCode.get(code) ?? null;

/**
 * Normalises a tableau as users write it (`57`, `057`, `30 bis`, `30B`, `ht`)
 * to the stored code (`057`, `030B`, `HT`); null when the shape is wrong.
 */
export function normaliseTableau(raw: string): string | null {
  const s = raw.trim().toUpperCase();
  if (s === "HT") return s;
  const m = /^(\d{1,3})\s*(B|BIS)?$/.exec(s);
  if (!m || Number(m[1]) < 1) return null;
  return m[1].padStart(3, "0") + (m[2] ? "B" : "");
}
