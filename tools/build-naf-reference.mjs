// Regenerates src/domain/reference/naf.json from the INSEE NAF rév. 2 nomenclature
// as packaged by @socialgouv/codes-naf (Apache-2.0). One-off tool:
//   npm i --no-save @socialgouv/codes-naf && node tools/build-naf-reference.mjs
// Sections are not in that package; their division ranges are the INSEE ones.
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const codes = require("@socialgouv/codes-naf/index.json");

const sections = [
  ["A", "Agriculture, sylviculture et pêche", 1, 3],
  ["B", "Industries extractives", 5, 9],
  ["C", "Industrie manufacturière", 10, 33],
  ["D", "Production et distribution d'électricité, de gaz, de vapeur et d'air conditionné", 35, 35],
  ["E", "Production et distribution d'eau ; assainissement, gestion des déchets et dépollution", 36, 39],
  ["F", "Construction", 41, 43],
  ["G", "Commerce ; réparation d'automobiles et de motocycles", 45, 47],
  ["H", "Transports et entreposage", 49, 53],
  ["I", "Hébergement et restauration", 55, 56],
  ["J", "Information et communication", 58, 63],
  ["K", "Activités financières et d'assurance", 64, 66],
  ["L", "Activités immobilières", 68, 68],
  ["M", "Activités spécialisées, scientifiques et techniques", 69, 75],
  ["N", "Activités de services administratifs et de soutien", 77, 82],
  ["O", "Administration publique", 84, 84],
  ["P", "Enseignement", 85, 85],
  ["Q", "Santé humaine et action sociale", 86, 88],
  ["R", "Arts, spectacles et activités récréatives", 90, 93],
  ["S", "Autres activités de services", 94, 96],
  ["T", "Activités des ménages en tant qu'employeurs", 97, 98],
  ["U", "Activités extra-territoriales", 99, 99],
];
const levelOf = { 2: "DIVISION", 4: "GROUP", 5: "CLASS", 6: "SUBCLASS" };
const sectionOf = (div) => sections.find(([, , lo, hi]) => div >= lo && div <= hi)[0];

const out = sections.map(([code, label, lo, hi]) => ({
  code,
  level: "SECTION",
  label,
  parent: null,
  divisions: [lo, hi],
}));
for (const { id, label } of codes) {
  const code = id.replace(".", "");
  const level = levelOf[id.length];
  const parent =
    level === "DIVISION"
      ? sectionOf(Number(code))
      : code.slice(0, { GROUP: 2, CLASS: 3, SUBCLASS: 4 }[level]);
  out.push({ code, level, label, parent });
}
writeFileSync(
  new URL("../src/domain/reference/naf.json", import.meta.url),
  `${JSON.stringify(out, null, 0).replace(/},{/g, "},\n{")}\n`,
);
console.log(`wrote ${out.length} NAF codes`);
