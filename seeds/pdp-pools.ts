/**
 * Fixed, fictitious vocabularies of the PDP seed. Free texts come only from
 * these lists: no name, no date of birth, no number that could look like a
 * NIR, no diagnosis outside the medical group.
 */

export const DAY = 86_400_000;
/** Cellules PDP became mandatory in 2022 (loi du 2 août 2021); the seed's "today" is fixed for determinism. */
export const START = Date.UTC(2022, 0, 3);
export const NOW = Date.UTC(2025, 10, 15);

/** Job titles by NAF section (fallback `*`). */
export const POSTES: Record<string, string[]> = {
  F: [
    "maçon",
    "coffreur-bancheur",
    "plombier-chauffagiste",
    "électricien du bâtiment",
    "couvreur",
    "conducteur d'engins",
  ],
  Q: [
    "aide-soignant",
    "agent de service hospitalier",
    "auxiliaire de vie",
    "infirmier de nuit",
    "brancardier",
  ],
  H: ["chauffeur poids lourd", "cariste", "préparateur de commandes", "agent de quai", "livreur"],
  C: ["opérateur de production", "soudeur", "conducteur de ligne", "agent de conditionnement", "régleur"],
  G: ["employé de libre-service", "vendeur", "caissier", "magasinier", "boucher"],
  I: ["cuisinier", "serveur", "plongeur", "réceptionniste", "commis de cuisine"],
  N: ["agent de propreté", "agent de sécurité", "manutentionnaire intérimaire", "jardinier paysagiste"],
  "*": [
    "employé administratif",
    "technicien de maintenance",
    "assistant de gestion",
    "agent d'accueil",
    "commercial itinérant",
  ],
};

/** Functional restrictions: what to avoid, never why. */
export const RESTRICTIONS = [
  "pas de port de charges > 10 kg",
  "pas de port de charges > 5 kg",
  "éviter les gestes répétitifs des membres supérieurs",
  "pas de bras au-dessus des épaules",
  "pas de travail en hauteur",
  "pas de conduite de véhicule",
  "éviter la station debout prolongée",
  "pas de travail de nuit",
  "éviter les postures en torsion du tronc",
  "pas d'exposition aux vibrations",
  "éviter le travail isolé",
  "temps partiel thérapeutique",
  "pas de contact avec le public en situation de tension",
  "alternance assis-debout",
];

/** CIM-10 chapter letters with their weight among PDP situations (TMS and mental health dominate). */
export const PATHOLOGY_GROUPS = ["M", "F", "S", "C", "I", "G", "E", "H", "J"];
export const PATHOLOGY_WEIGHTS = [44, 30, 8, 5, 4, 4, 2, 2, 1];

/** Generic, fictitious medical notes between médecins. */
export const MEDICAL_NOTES = [
  "Évolution favorable, reprise envisageable avec aménagements.",
  "Consolidation attendue, séquelles fonctionnelles probables.",
  "Suivi spécialisé en cours, reprise non envisageable à court terme.",
  "Amélioration partielle, capacités à réévaluer à la prochaine visite.",
  "Pathologie chronique stabilisée, contre-indication au poste actuel.",
  "Échange souhaité avec le médecin conseil avant la visite de reprise.",
];

/** Motifs, weighted. */
export const MOTIFS = [
  "ARRET_LONG",
  "ARRETS_REPETES",
  "RISQUE_INAPTITUDE",
  "RESTRICTIONS_DURABLES",
  "PROJET_RECONVERSION",
  "DEMANDE_SALARIE",
] as const;
export const MOTIF_WEIGHTS = [34, 12, 22, 16, 8, 8];

export const OUTCOMES = [
  "MAINTIEN_POSTE",
  "AMENAGEMENT",
  "RECLASSEMENT",
  "RECONVERSION",
  "INAPTITUDE",
  "INVALIDITE",
  "ABANDON",
] as const;
export const OUTCOME_WEIGHTS = [22, 26, 10, 12, 18, 4, 8];

/** NAF subclasses used when the SPSTI seed gave no establishment (sectors with most PDP situations). */
export const FALLBACK_NAF5 = [
  "4120A",
  "4399C",
  "4322A",
  "8710A",
  "8610Z",
  "8810A",
  "4941A",
  "5210B",
  "2511Z",
  "1013A",
  "4711D",
  "5610A",
  "8121Z",
  "7820Z",
  "6201Z",
];

/** Crockford base32 without I, L, O, U: pseudonyms can never be read as digits-only numbers. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export function token(next: () => number, length: number): string {
  let s = "";
  for (let i = 0; i < length; i++) s += ALPHABET[Math.floor(next() * ALPHABET.length)];
  return s;
}
