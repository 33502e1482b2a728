/**
 * The 12 accident-cause columns of the Assurance Maladie AT files (the
 * "risques à l'origine des accidents", 2021 layout, domain.md §1): each one
 * is an optional measure of the AT documents, a count of AT en 1er
 * règlement. Files of the earlier layout have none; a document without any
 * cause measure says nothing of its accidents' causes (not "zero of each").
 */

/** A cause code, as the `AtCause` enum of schema/carsat.graphql spells it. */
export type AtCause =
  | "MANUAL_HANDLING"
  | "SAME_LEVEL_FALL"
  | "FALL_FROM_HEIGHT"
  | "ROAD"
  | "HAND_TOOLS"
  | "MACHINES"
  | "ASSAULT"
  | "MECHANICAL_HANDLING"
  | "CHEMICAL"
  | "PHYSICAL"
  | "OTHER_VEHICLES"
  | "OTHER";

/** A cause and where it lives: its measure field and its column headers. */
export interface AtCauseRef {
  code: AtCause;
  /** Measure field of the AT documents. */
  field: string;
  label: string;
  /** Header texts of its column in the published files (short code first). */
  headers: string[];
}

const ref = (code: AtCause, field: string, label: string, ...headers: string[]): AtCauseRef => ({
  code,
  field,
  label,
  headers: [...headers, label],
});

/** In the files' column order. */
export const AT_CAUSES: readonly AtCauseRef[] = [
  ref(
    "MANUAL_HANDLING",
    "causeManualHandling",
    "Manutention manuelle",
    "manutention_manuelle",
    "risque_manutention_manuelle",
  ),
  ref(
    "SAME_LEVEL_FALL",
    "causeSameLevelFall",
    "Chutes de plain-pied",
    "chutes_plain_pied",
    "chute_plain_pied",
    "Chute de plain-pied",
  ),
  ref(
    "FALL_FROM_HEIGHT",
    "causeFallFromHeight",
    "Chutes de hauteur",
    "chutes_hauteur",
    "chute_hauteur",
    "Chute de hauteur",
  ),
  ref("ROAD", "causeRoad", "Risque routier", "risque_routier", "routier"),
  ref(
    "HAND_TOOLS",
    "causeHandTools",
    "Outillage à main",
    "outillage_main",
    "outillage_a_main",
    "Outils à main",
  ),
  ref("MACHINES", "causeMachines", "Machines", "machines", "risque_machines"),
  ref("ASSAULT", "causeAssault", "Agressions", "agressions", "Agressions (y compris par animaux)"),
  ref(
    "MECHANICAL_HANDLING",
    "causeMechanicalHandling",
    "Manutention mécanique",
    "manutention_mecanique",
    "risque_manutention_mecanique",
  ),
  ref("CHEMICAL", "causeChemical", "Risque chimique", "risque_chimique", "chimique"),
  ref("PHYSICAL", "causePhysical", "Risque physique", "risque_physique", "physique"),
  ref(
    "OTHER_VEHICLES",
    "causeOtherVehicles",
    "Autres véhicules",
    "autres_vehicules",
    "Autres véhicules de transport",
  ),
  ref("OTHER", "causeOther", "Autres", "autres", "autres_risques", "Autres risques"),
];

const byCode = new Map(AT_CAUSES.map((c) => [c.code as string, c]));

/** A cause by code, or null. */
export const atCause = (code: string) => byCode.get(code) ?? null;

/** The measure fields of every cause. */
export const CAUSE_FIELDS: readonly string[] = AT_CAUSES.map((c) => c.field);
