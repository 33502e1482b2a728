import { subclassesOf } from "../src/domain/reference.js";
import type { Prng } from "./prng.js";

/**
 * The NAF mix of the member establishments: a section by weight (share of
 * establishments with salariés, rounded: commerce ≈ 20 %, BTP ≈ 12 %,
 * hôtellerie-restauration ≈ 10 %...), then mostly a frequent subclass of that
 * section, sometimes any other. Section A is left out: farm workers are
 * followed by the MSA's own services, not by SPSTIs.
 */
const SECTIONS: [string, number, string[]][] = [
  ["G", 20, ["4711D", "4711F", "4771Z", "4773Z", "4520A", "4690Z", "4511Z", "4776Z", "4778C", "4741Z"]],
  ["F", 12, ["4120A", "4120B", "4321A", "4322A", "4332A", "4334Z", "4391B", "4399C", "4312A", "4211Z"]],
  ["I", 10, ["5610A", "5610C", "5510Z", "5630Z"]],
  ["Q", 9, ["8810A", "8710A", "8690D", "8621Z", "8623Z", "8891A"]],
  ["N", 9, ["7820Z", "7810Z", "8121Z", "8010Z"]],
  ["M", 8, ["6920Z", "7112B", "7022Z"]],
  ["C", 8, ["1071C", "1013A", "2562B", "2511Z", "3312Z", "2229A", "1610A", "3101Z"]],
  ["S", 6, ["9602A", "9499Z"]],
  ["H", 4, ["4941A", "4939A", "5229A", "5210B", "5320Z"]],
  ["K", 3, ["6419Z", "6622Z"]],
  ["L", 3, ["6820B"]],
  ["J", 3, ["6201Z", "5814Z"]],
  ["P", 2, ["8559A", "8510Z"]],
  ["R", 2, ["9311Z", "9001Z"]],
  ["E", 0.6, ["3700Z", "3811Z"]],
  ["O", 0.5, ["8411Z"]],
  ["D", 0.2, ["3511Z"]],
  ["B", 0.2, ["0812Z"]],
];
const allOf = new Map(SECTIONS.map(([s]) => [s, subclassesOf(s)]));

/** A NAF5 code drawn from the mix. */
export function pickNaf5(rng: Prng): string {
  const [section, , frequent] = rng.weighted(
    SECTIONS,
    SECTIONS.map((s) => s[1]),
  );
  return rng.next() < 0.8 ? rng.pick(frequent) : rng.pick(allOf.get(section)!);
}

/**
 * The CTN an establishment of this NAF5 is usually attached to. A real
 * establishment's CTN follows its risk code, not its NAF; this simplified
 * mapping by division is good enough for fictitious data.
 */
export function ctnOfNaf5(naf5: string): string {
  const div = Number(naf5.slice(0, 2));
  if (div >= 41 && div <= 43) return "B";
  if ((div >= 10 && div <= 12) || div === 55 || div === 56) return "D";
  if (div === 46 || div === 47) return /^(4711|472|463)/.test(naf5) ? "D" : "G";
  if (div === 45 || (div >= 24 && div <= 30) || div === 32 || div === 33) return "A";
  if (div >= 19 && div <= 22) return "E";
  if ((div >= 5 && div <= 9) || (div >= 13 && div <= 17) || div === 23 || div === 31) return "F";
  if (div === 18 || (div >= 35 && div <= 39) || (div >= 49 && div <= 53) || (div >= 58 && div <= 60))
    return "C";
  if (div === 78 || div === 81 || (div >= 86 && div <= 88) || div === 96) return "I";
  return "H";
}

const SYLLABLES = [
  "ka",
  "lo",
  "ver",
  "mi",
  "dor",
  "tan",
  "bel",
  "ri",
  "sol",
  "nor",
  "fa",
  "lu",
  "ger",
  "vi",
  "mon",
  "tra",
  "cé",
  "bri",
  "ol",
  "zan",
];
const FORMS = ["SARL", "SAS", "SASU", "EURL", "SA", "SCOP"];
const TRADES: Record<string, string[]> = {
  F: ["Bâtiment", "Construction", "Charpente", "Maçonnerie", "Électricité"],
  G: ["Distribution", "Commerce", "Négoce", "Automobiles"],
  I: ["Restauration", "Hôtel", "Brasserie"],
  Q: ["Soins", "Aide à domicile", "Résidence"],
  N: ["Intérim", "Propreté", "Services"],
  C: ["Industrie", "Mécanique", "Agroalimentaire", "Plasturgie"],
  H: ["Transports", "Logistique"],
};

/** A fictitious company name: invented syllables, never a real brand on purpose. */
export function companyName(rng: Prng, naf5: string, section: string): string {
  const root = Array.from({ length: rng.int(2, 3) }, () => rng.pick(SYLLABLES)).join("");
  const trade = TRADES[section] ? rng.pick(TRADES[section]) : naf5 === "6920Z" ? "Conseil" : "Services";
  return `${rng.pick(FORMS)} ${root[0].toUpperCase()}${root.slice(1)} ${trade}`;
}
