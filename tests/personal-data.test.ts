import { describe, expect, it } from "vitest";
import { findNir, looksLikePersonName, personalHeader, screenText } from "../src/privacy/personal-data.js";

/** Unit tests of the pure personal-data screening: no database. */

/** The key of a 13-character NIR body, computed here independently: 97 − (N mod 97), 2A → 19, 2B → 18. */
function key(body: string): string {
  const n = BigInt(body.replace(/2A/i, "19").replace(/2B/i, "18"));
  return String(97n - (n % 97n)).padStart(2, "0");
}
const nir = (body: string) => body + key(body);
/** The usual layout 1 85 05 78 006 084 36, joined by `sep`. */
const spaced = (n: string, sep: string) =>
  [
    n.slice(0, 1),
    n.slice(1, 3),
    n.slice(3, 5),
    n.slice(5, 7),
    n.slice(7, 10),
    n.slice(10, 13),
    n.slice(13),
  ].join(sep);
const fullWidth = (s: string) =>
  s.replace(/[0-9A-Za-z ]/g, (c) => (c === " " ? "\u3000" : String.fromCharCode(c.charCodeAt(0) + 0xfee0)));
/** A NIR with its key off by one (still two digits). */
const wrongKey = (body: string) => body + String(((Number(key(body)) % 97) + 1) % 100).padStart(2, "0");

const MAN = nir("1850578006084"); // born May 1985 in Yvelines
const WOMAN = nir("2930144109123"); // born January 1993 in Nantes
const CORSICA_A = nir("185052A006084");
const CORSICA_B = nir("285122B012345");
const TEMPORARY = nir("7853099123456"); // temporary number, unknown month (30), born abroad (99)
const KEY_ENDS_IN_2 = nir("1850578006006"); // key 72: a glued "bis" must not be read as Corsica's B

const FLAGGED: [string, string][] = [
  ["plain 15 digits", MAN],
  ["plain, woman", WOMAN],
  ["plain, temporary number", TEMPORARY],
  ["spaces", spaced(MAN, " ")],
  ["double spaces", spaced(MAN, "  ")],
  ["slashes", spaced(MAN, "/")],
  ["underscores", spaced(MAN, "_")],
  ["dots", spaced(WOMAN, ".")],
  ["dashes", spaced(WOMAN, "-")],
  ["spaced dashes", spaced(WOMAN, " - ")],
  ["en dashes", spaced(WOMAN, "–")],
  ["NBSP", spaced(MAN, "\u00a0")],
  ["narrow NBSP (U+202F)", spaced(MAN, "\u202f")],
  ["thin space (U+2009)", spaced(MAN, "\u2009")],
  ["tabs", spaced(MAN, "\t")],
  ["zero-width spaces", spaced(MAN, "\u200b")],
  ["mixed separators", `${MAN.slice(0, 5)}.${MAN.slice(5, 10)}-${MAN.slice(10)}`],
  ["other grouping", `${MAN.slice(0, 5)} ${MAN.slice(5, 10)} ${MAN.slice(10)}`],
  ["glued letters", `nir${MAN}`],
  ["glued letters after", `${MAN}ans`],
  ["glued letters after a key ending in 2", `${KEY_ENDS_IN_2}bis`],
  ["glued nir, key mistyped (as in the finding)", "nir185057800608436"],
  ["NIR labelled, key wrong, run together", `NIR ${wrongKey("2930144109123")}`],
  ["glued NIR:", `NIR:${WOMAN}`],
  ["full-width digits", fullWidth(MAN)],
  ["full-width digits and spaces", fullWidth(spaced(WOMAN, " "))],
  ["2A", CORSICA_A],
  ["2a lower case", CORSICA_A.toLowerCase()],
  ["2A spaced", spaced(CORSICA_A, " ")],
  ["2B", CORSICA_B],
  ["2b lower case, dots", spaced(CORSICA_B.toLowerCase(), ".")],
  ["in a sentence", `Le salarié (n° ${spaced(MAN, " ")}) reprend lundi à mi-temps.`],
  ["followed by other numbers", `${MAN} 12 jours`],
  ["after another number", `dossier 2 ${spaced(WOMAN, " ")}`],
  ["at the end of a sentence", `Mon numéro : ${MAN}.`],
  ["13 characters after NIR :", `NIR : ${MAN.slice(0, 13)}`],
  ["13 characters glued to nir", `nir${MAN.slice(0, 13)}`],
  ["13 characters after n° SS", `n° SS ${spaced(WOMAN.slice(0, 13), " ")}`],
  ["13 characters after sécurité sociale", `numéro de sécurité sociale du salarié : ${WOMAN.slice(0, 13)}`],
  ["13 characters after sécu", `sécu ${CORSICA_A.slice(0, 13)}`],
  ["13 characters after INSEE", `INSEE: ${MAN.slice(0, 13)}`],
  ["13 characters after full-width ＮＩＲ", `ＮＩＲ ${fullWidth(MAN.slice(0, 13))}`],
  ["NIR labelled, key wrong, spaced", `NIR ${spaced(wrongKey("1850578006084"), " ")}`],
];

const PASSING: [string, string][] = [
  ["wrong key", wrongKey("1850578006084")],
  ["wrong key, spaced", spaced(wrongKey("2930144109123"), " ")],
  ["wrong key, 2A", wrongKey("185052A006084")],
  ["13-digit timestamp", "1733313600000"],
  ["13-digit timestamp as idempotency key", "idempotencyKey: 1733313600000"],
  ["13 characters of a NIR without a NIR word", MAN.slice(0, 13)],
  ["a NIR word inside another word", `merci de fournir ${MAN.slice(0, 13)}`],
  ["phone number", "02 40 12 34 56"],
  ["international phone number", "+33 2 40 12 34 56"],
  ["SIRET", "73282932000074"],
  ["spaced SIRET", "732 829 320 00074"],
  ["amount", "1 234 567,89"],
  ["date", "2024-05-12"],
  ["16 digits containing a NIR", `1${MAN}`],
  ["NAF code and postcode", "4399C à 44600 Saint-Nazaire"],
  ["empty", ""],
];

describe("findNir", () => {
  it("has enough variants", () => expect(FLAGGED.length).toBeGreaterThanOrEqual(28));

  it.each(FLAGGED)("flags a NIR: %s", (_, text) => {
    expect(findNir(text)).not.toBeNull();
    expect(screenText(text)).toBe("contains a NIR (social security number)");
  });

  it.each(PASSING)("lets pass: %s", (_, text) => {
    expect(findNir(text)).toBeNull();
    expect(screenText(text)).toBeNull();
  });

  it("returns offsets in the original text, around the digits only", () => {
    const n = spaced(MAN, " ");
    const text = `Son NIR est ${n}, merci.`;
    expect(findNir(text)).toEqual({ start: 12, end: 12 + n.length });
    const wide = `ｎｉｒ：${fullWidth(MAN)}！`;
    expect(findNir(wide)).toEqual({ start: 4, end: 19 });
    expect(findNir(`nir${CORSICA_B.toLowerCase()}`)).toEqual({ start: 3, end: 18 });
  });

  it("finds a NIR after innocent numbers", () => {
    const text = `Tél. 02 40 12 34 56, SIRET 73282932000074, ts 1733313600000, NIR ${spaced(WOMAN, " ")}`;
    const m = findNir(text);
    expect(m && text.slice(m.start, m.end)).toBe(spaced(WOMAN, " "));
  });

  it("accepts keys computed for several generated bodies", () => {
    // Every month form and département kind, so the key check is not tuned to one number.
    const bodies = [
      "1000101001001",
      "2991299999999",
      "3452042123456",
      "4015050001002",
      "8777575056789",
      "1990197600000",
    ];
    for (const b of bodies) {
      expect(findNir(nir(b)), b).not.toBeNull();
      expect(findNir(wrongKey(b)), b).toBeNull();
    }
  });

  describe("with bareThirteen (free text written by people)", () => {
    it.each([
      ["13 characters in a sentence", `Salarié ${MAN.slice(0, 13)}, voir dossier.`],
      ["13 characters, spaced", `dossier ${spaced(WOMAN.slice(0, 13), " ").trim()}`],
      ["13 characters, 2B, dotted", spaced(CORSICA_B.slice(0, 13), ".").slice(0, -1)],
      ["a key mistyped, spaced", spaced(wrongKey("1850578006084"), " ")],
      ["a millisecond timestamp in a text", "rappel du 1733313600000"],
      ...FLAGGED,
    ])("flags %s", (_, text) => expect(findNir(text, { bareThirteen: true })).not.toBeNull());

    it.each([
      // Without a NIR word, 13 characters with the structure count here, even when a mistyped key follows in its own group.
      ...PASSING.filter(([label]) => !/13|word inside|wrong key, spaced/.test(label)),
      ["12-digit number", "185057800608"],
      ["two dates", "12/05/2024 - 13/06/2024"],
      ["a date and a phone", "le 12/05/2024 au 02 40 12 34 56"],
      ["an amount with spaces", "1 234 567 890 123 €"],
    ])("lets pass %s", (_, text) => expect(findNir(text, { bareThirteen: true })).toBeNull());

    it("is off by default, as imports call it", () =>
      expect(findNir(`Salarié ${MAN.slice(0, 13)}, voir dossier.`)).toBeNull());
  });

  it("never quotes the value in its reason", () => {
    expect(screenText(`NIR ${MAN}`)).not.toContain(MAN.slice(0, 5));
  });
});

describe("looksLikePersonName", () => {
  it.each([
    "DUPONT Jean",
    "Jean Dupont",
    "Mme Martin",
    "M. Jean-Pierre Durand",
    "Martin DUBOIS",
    "LE GALL Yann",
    "Dr Bernard",
    "Marie-Claire LEROY",
    "Sophie Martin",
    "JEAN DUPONT",
    "DUPONT, Jean",
  ])("true for %s", (v) => expect(looksLikePersonName(v)).toBe(true));

  it.each([
    "Travaux de maçonnerie générale et gros œuvre de bâtiment",
    "Construction de maisons individuelles",
    "Saint-Nazaire",
    "LA ROCHE-SUR-YON",
    "Nantes",
    "BTP",
    "Services II",
    "Pays de la Loire",
    "Centre hospitalier",
    "SARL DUPONT BATIMENT",
    "DUPONT SAS",
    "Association Jean Dupont",
    "CHU Nantes",
    "Loire-Atlantique",
    "Centre-Val de Loire",
    "Saint Pierre",
    "Grand Ouest",
    "DUPONT",
    "4399C",
    "12",
    "",
  ])("false for %s", (v) => expect(looksLikePersonName(v)).toBe(false));
});

describe("personalHeader", () => {
  it.each([
    ["NIR", "NIR"],
    ["Numéro de sécurité sociale", "NIR"],
    ["N° SS", "NIR"],
    ["N° INSEE", "NIR"],
    ["INS", "INS"],
    ["Nom", "name"],
    ["NOM", "name"],
    ["Prénom", "name"],
    ["PRENOM", "name"],
    ["Nom de naissance", "name"],
    ["Nom du salarié", "name"],
    ["Date de naissance", "birth"],
    ["Adresse personnelle", "address"],
    ["Téléphone", "phone"],
    ["Tél.", "phone"],
    ["Email", "e-mail"],
    ["E-mail", "e-mail"],
    ["Courriel", "e-mail"],
  ])("names personal data: %s", (header, word) => {
    expect(personalHeader(header)).toContain(word);
  });

  it.each([
    "Nom de l'établissement",
    "Raison sociale",
    "Libellé NAF",
    "Nom de la commune",
    "Code commune",
    "Code INSEE",
    "Nombre de salariés",
    "Dénomination",
    "Téléphone de l'entreprise",
    "Régime de sécurité sociale",
    "Secteur d'activité",
    "Effectif",
  ])("names nothing personal: %s", (header) => expect(personalHeader(header)).toBeNull());
});
