import { findNir } from "./nir.js";

/**
 * Screening of what partners send (statistical files, free text of fiches de
 * liaison and messages) for personal data that must never enter Passerelle:
 * the NIR (décret 2019-341) and what identifies a worker, whose health data is
 * covered by the secret of L.1110-4 CSP. Reasons never quote the value, so
 * they can be returned to the caller and logged.
 */

export { findNir, type NirMatch } from "./nir.js";

/** Lower case, accents and compatibility forms removed: "Prénom" → "prenom". */
const fold = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
const set = (words: string) => new Set(words.trim().split(/\s+/));

/** Why `text` is refused (it contains a NIR), or null. The reason never quotes the value. */
export function screenText(text: string): string | null {
  return findNir(text) ? "contains a NIR (social security number)" : null;
}

const CIVILITIES = set("m mr mme mlle melle madame monsieur mademoiselle dr docteur pr professeur me maitre");
/** Name particles: skipped when counting words ("Charles de Gaulle", "LE GALL Yann"). */
const PARTICLES = set("de du des d le la les l van von der den di da del della dos ben el al");
/**
 * Words that make a value an organisation, a place, a sector or a role, not a
 * person: legal forms (a company named after its founder, "SARL DUPONT
 * BATIMENT", is not a person), institutions, acronyms of the field, address
 * and place words, sector words. Compared folded, word by word and hyphen part
 * by hyphen part.
 */
const NOT_A_PERSON = set(`
  sarl sas sasu sa eurl sci snc scop scic scm scp sel selarl selas gie gaec earl scea ei eirl sem spl
  association asso fondation mutuelle cooperative syndicat federation union groupe groupement holding
  societe ste ets etablissement etablissements entreprise entreprises cie compagnie freres fils
  centre hopital clinique ehpad chu chr ch cabinet laboratoire pharmacie lycee college ecole universite
  institut mairie commune ville communaute agglo agglomeration metropole departement region conseil
  prefecture service services direction agence office caisse maison residence foyer pole espace habitat
  btp edf gdf spsti spst ssti sst dreets direccte carsat cpam msa urssaf insee naf ape ars pdp cci cma tpe pme
  saint sainte st rue avenue bd boulevard place allee chemin impasse quai route square cours pays val
  vallee mont port pont ile bourg zone za zi zac parc gare nord sud est ouest grand grande petit haut
  haute hauts bas basse canton arrondissement loire atlantique france
  maire directeur directrice president presidente responsable gerant gerante salarie salariee
  employeur inconnu anonyme total autres autre divers renseigne
  batiment construction travaux transport transports plomberie electricite menuiserie maconnerie
  peinture couverture charpente nettoyage restauration restaurant hotel commerce industrie immobilier
  agriculture sante action sociale enseignement administration activites fabrication garage
  boulangerie boucherie logistique distribution securite interim formation bricolage`);
/** ~100 common French first names; place-like ones (Florence, Nancy, Lourdes) are left out on purpose. */
const FIRST_NAMES = set(`
  jean pierre michel andre philippe alain bernard jacques daniel patrick nicolas christophe francois
  eric laurent frederic stephane olivier david thierry pascal julien sebastien thomas christian claude
  gerard rene louis paul marc yves antoine guillaume alexandre maxime kevin romain vincent mathieu
  matthieu hugo lucas leo gabriel arthur jules raphael mohamed ahmed karim yann loic baptiste
  marie jeanne francoise monique catherine nathalie isabelle sylvie anne martine christine sophie
  valerie sandrine celine stephanie veronique julie aurelie emilie camille laura sarah manon lea
  chloe emma ines louise alice juliette claire helene nicole jacqueline brigitte annie danielle
  chantal odile patricia laurence caroline elodie melanie audrey pauline marion charlotte lucie
  fatima amina agnes virginie severine corinne beatrice denise josette`);

const isCaps = (t: string) => /^\p{Lu}+(?:['’-]\p{Lu}+)*$/u.test(t) && t.replace(/\P{L}/gu, "").length >= 2;
const isTitle = (t: string) => /^\p{Lu}\p{Ll}*(?:['’-]\p{Lu}?\p{Ll}+)*$/u.test(t) && /\p{Ll}/u.test(t);
const parts = (t: string) => fold(t).split(/['’-]/).filter(Boolean);
const isFirstName = (t: string) => parts(t).every((p) => FIRST_NAMES.has(p));
/** An all-caps word that is no surname: no vowel (BTP), or a small Roman numeral ("Services II"). */
const isAcronym = (t: string) => !/[aeiouy]/.test(fold(t)) || /^X{0,2}(?:IX|IV|V?I{0,3})$/.test(t);

/**
 * Whether a cell of a statistical file looks like a person's name, to refuse
 * the file before any row is stored.
 *
 * True for: a civility ("M.", "Mme", "Dr"...) followed by one to three name
 * words ("Mme Martin"); or two or three name words (particles "de", "le"...
 * not counted) of which one is a known first name ("Jean Dupont",
 * "M. Jean-Pierre Durand") or one is in capitals and another capitalised
 * ("DUPONT Jean", "LE GALL Yann"). A name word is all capitals or capitalised
 * (hyphens and apostrophes allowed).
 *
 * False for anything with a digit or `@ & / ( ) + = # %`, more than six words,
 * a lower-case word other than a particle ("Construction de maisons
 * individuelles", "Centre hospitalier"), one word ("Nantes", "BTP",
 * "Saint-Nazaire"), all-caps places ("LA ROCHE-SUR-YON"), and any value with a
 * word of NOT_A_PERSON (legal forms, institutions, acronyms, places, sectors).
 *
 * Conservative by design, since one positive refuses a partner's whole file:
 * a single surname ("DUPONT"), an all-lowercase or all-caps name without a
 * known first name ("jean dupont", "NGUYEN VAN AN"), or a name with more than
 * three words are missed; an unknown acronym before a capitalised word ("ABCD
 * Vendée") or a person's name used for a place ("Jean Moulin" without "Lycée")
 * is taken for a person.
 */
export function looksLikePersonName(value: string): boolean {
  const v = value.normalize("NFC").replace(/,/g, " ").trim();
  if (v.length === 0 || v.length > 60 || /[\p{N}@&/\\()+=#%]/u.test(v)) return false;
  let tokens = v.split(/\s+/);
  if (tokens.length > 6) return false;
  const civility = CIVILITIES.has(fold(tokens[0]).replace(/\.$/, ""));
  if (civility) tokens = tokens.slice(1);
  const names = tokens.filter((t) => !PARTICLES.has(fold(t).replace(/['’]$/, "")));
  if (names.some((t) => !(isCaps(t) || isTitle(t)) || parts(t).some((p) => NOT_A_PERSON.has(p))))
    return false;
  if (civility) return names.length >= 1 && names.length <= 3;
  if (names.length < 2 || names.length > 3) return false;
  if (names.some(isFirstName)) return true;
  return names.some((t) => isCaps(t) && !isAcronym(t)) && names.some(isTitle);
}

/** Words that make a header name an establishment's or a place's attribute ("Nom de la commune"), not a person's. */
const QUALIFIERS = set(`
  etablissement etablissements entreprise employeur societe structure organisme commune ville departement
  region pays secteur service site branche activite naf ape raison enseigne spsti caisse agence centre
  voie rue lieu establishment company employer city town municipality business sector organisation organization`);
/** Words skipped when looking for the qualifier next to a term ("nom de l'établissement"). */
const LINKS = set("de du des d l la le les of the en a");

interface HeaderRule {
  term: RegExp;
  reason: string;
  /** Whether an establishment or place qualifier next to the term makes it harmless. */
  qualifiable: boolean;
}
const HEADER_RULES: HeaderRule[] = [
  {
    term: /\b(?:nir|nni|ssn|secu|n(?:o|um|umero)? (?:de )?(?:ss|secu)|n(?:o|um|umero)? (?:d )?insee)\b|(?:\b(?:n|no|num|numero|matricule|immatriculation) (?:de )?(?:la )?|^)securite sociale\b/g,
    reason: "names a NIR (social security number)",
    qualifiable: false,
  },
  {
    term: /\b(?:ins|matricule ins|identifiant national de sante)\b/g,
    reason: "names the INS (identifiant national de santé)",
    qualifiable: false,
  },
  {
    term: /\b(?:date (?:de )?naissance|lieu de naissance|ddn|nee? le|birth ?date|date of birth|dob)\b/g,
    reason: "names a birth date or place",
    qualifiable: false,
  },
  {
    term: /\b(?:nom de naissance|nom d usage|nom de famille|noms?|patronyme|prenoms?|name|first ?name|last ?name|surname|given name)\b/g,
    reason: "names a person's name",
    qualifiable: true,
  },
  {
    term: /\b(?:adresse (?:personnelle|perso|privee|du domicile|de domicile)|domicile|home address)\b/g,
    reason: "names a personal address",
    qualifiable: false,
  },
  { term: /\b(?:telephone|tel|phone|gsm)\b/g, reason: "names a phone number", qualifiable: true },
  {
    term: /\b(?:e ?mail|mail|courriel|adresse electronique)\b/g,
    reason: "names an e-mail address",
    qualifiable: true,
  },
];

/**
 * Why a column header of an imported file names personal data ("names a
 * person's name"), or null. Case, accents and punctuation are ignored
 * ("Prénom", "E-mail", "N° SS", "Date de naissance").
 *
 * A name, phone or e-mail header is allowed when an establishment or place
 * word is its complement or precedes it ("Nom de l'établissement", "Nom de la
 * commune", "Téléphone entreprise", "Commune - nom"): those are not about a
 * person. "Raison sociale", "Libellé NAF", "Code commune" or "Code INSEE"
 * name nothing personal.
 *
 * Limits: a plain "Adresse" (most often the establishment's), "Année de
 * naissance" or "Âge" are allowed; a header naming a person through an
 * establishment word ("Nom du gérant de l'entreprise" is caught, but
 * "Entreprise nom du gérant" is not) can slip through. Cell values are
 * screened separately (findNir, looksLikePersonName).
 */
export function personalHeader(header: string): string | null {
  const h = fold(header)
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
  for (const rule of HEADER_RULES) {
    for (const m of h.matchAll(rule.term)) {
      if (!rule.qualifiable) return rule.reason;
      const before = h.slice(0, m.index).trim().split(" ").filter(Boolean);
      const after = h
        .slice(m.index + m[0].length)
        .trim()
        .split(" ")
        .filter((w) => w && !LINKS.has(w));
      if (!QUALIFIERS.has(before[before.length - 1] ?? "") && !QUALIFIERS.has(after[0] ?? ""))
        return rule.reason;
    }
  }
  return null;
}
