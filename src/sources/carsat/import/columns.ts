import type { ColumnSpec } from "../../../imports/table/types.js";

/**
 * The columns of the Assurance Maladie AT / trajet / MP files (ameli, "Risque
 * AT / MP / trajet par CTN x NAF", domain.md §1), matched by header text: the
 * short codes of the open-data CSV and the long French headers a person sees
 * in the published xlsx. Matching ignores case, accents, spacing and
 * punctuation (src/imports/table/normalise.ts).
 */

const col = (key: string, kind: ColumnSpec["kind"], required: boolean, ...headers: string[]): ColumnSpec => ({
  key,
  kind,
  required,
  headers,
});

/** CTN, NAF, year and caisse: where a row's figures belong. */
export const PLACE_COLUMNS: ColumnSpec[] = [
  col("ctn", "text", true, "ctn", "code_ctn", "Code CTN", "CTN", "Comité technique national"),
  col(
    "naf5",
    "text",
    true,
    "naf5",
    "code_naf5",
    "naf",
    "code_naf",
    "Code NAF",
    "Code NAF 5",
    "NAF 732",
    "Code NAF 732",
    "Sous-classe NAF",
    "Code APE",
  ),
  col("year", "integer", false, "annee", "Année", "year", "Exercice", "Année de survenance"),
  col("caisse", "text", false, "caisse", "Caisse régionale", "caisse_regionale", "Carsat", "Code caisse"),
];

/** Label and coarser-code columns the files carry: accepted and ignored (the API has its own nomenclatures). */
export const LABEL_COLUMNS: ColumnSpec[] = [
  col("labelCtn", "text", false, "libelle_ctn", "Libellé CTN", "Libellé du CTN"),
  col(
    "labelNaf",
    "text",
    false,
    "libelle_naf",
    "libelle_naf5",
    "Libellé NAF",
    "Libellé NAF 5",
    "Libellé NAF 732",
    "Libellé de la sous-classe",
  ),
  col("naf2", "text", false, "naf2", "code_naf2", "Code NAF 2", "NAF 2", "NAF 88", "Division NAF"),
  col("labelNaf2", "text", false, "libelle_naf2", "Libellé NAF 2", "Libellé NAF 88"),
  col("naf38", "text", false, "naf38", "code_naf38", "Code NAF 38", "NAF 38"),
  col("labelNaf38", "text", false, "libelle_naf38", "Libellé NAF 38"),
];

/** The headcount columns (the AT and trajet files; repeated on every MP row). */
export const HEADCOUNT_COLUMNS = (required: boolean): ColumnSpec[] => [
  // A yearly average (DSN): may be written with decimals.
  col(
    "employees",
    "decimal",
    required,
    "nb_salaries",
    "Nombre de salariés",
    "Salariés",
    "Effectif salarié",
    "Effectif moyen",
  ),
  col(
    "hoursWorked",
    "decimal",
    required,
    "nb_heures",
    "Nombre d'heures travaillées",
    "Heures travaillées",
    "nb_heures_travaillees",
  ),
  col(
    "establishments",
    "integer",
    required,
    "nb_siret",
    "Nombre de SIRET",
    "Nombre d'établissements",
    "nb_etablissements",
  ),
];

/** The after-effects and severity columns, common to AT, trajet and MP. */
export const SEVERITY_COLUMNS: ColumnSpec[] = [
  col(
    "newIpBelow10",
    "integer",
    true,
    "nouvelles_ip_inf_10",
    "nouvelles_ip_lt_10",
    "nouvelles_ip < 10 %",
    "Nouvelles IP taux < 10 %",
    "Nouvelles IP avec taux < 10 %",
    "Nombre de nouvelles IP avec taux < 10 %",
    "IP < 10 %",
    "taux < 10 %",
    "Nouvelles IP taux inférieur à 10 %",
  ),
  col(
    "newIpFrom10",
    "integer",
    true,
    "nouvelles_ip_sup_10",
    "nouvelles_ip_ge_10",
    "nouvelles_ip >= 10 %",
    "Nouvelles IP taux >= 10 %",
    "Nouvelles IP avec taux >= 10 %",
    "Nombre de nouvelles IP avec taux >= 10 %",
    "IP >= 10 %",
    "taux >= 10 %",
    "Nouvelles IP taux supérieur ou égal à 10 %",
  ),
  col("deaths", "integer", true, "deces", "Décès", "Nombre de décès"),
  col(
    "itDays",
    "integer",
    true,
    "journees_it",
    "Journées d'IT",
    "Nombre de journées d'IT",
    "Journées perdues par IT",
    "Journées d'incapacité temporaire",
    "Nombre de journées perdues",
  ),
  col(
    "ipRateSum",
    "integer",
    true,
    "somme_taux_ip",
    "Somme des taux d'IP",
    "Somme des taux d'incapacité permanente",
  ),
];

/** The two accident counts of the AT file, or of the trajet file (its own short codes and words). */
export function accidentColumns(kind: "AT" | "TRAJET"): ColumnSpec[] {
  if (kind === "AT") {
    return [
      col(
        "accidents",
        "integer",
        true,
        "at_1er_reglement",
        "Nombre d'AT en 1er règlement",
        "AT en 1er règlement",
        "Nombre d'accidents du travail en 1er règlement",
      ),
      col(
        "accidentsWith4Days",
        "integer",
        true,
        "at_4j",
        "dont AT avec 4 jours d'arrêt ou plus",
        "AT avec 4 jours d'arrêt ou plus",
        "Nombre d'AT avec 4 jours d'arrêt ou plus",
        "dont 4 jours d'arrêt ou plus",
      ),
    ];
  }
  return [
    col(
      "accidents",
      "integer",
      true,
      "trajet_1er_reglement",
      "accidents_trajet_1er_reglement",
      "at_1er_reglement",
      "Nombre d'accidents de trajet en 1er règlement",
      "Accidents de trajet en 1er règlement",
      "Nombre d'AT en 1er règlement",
    ),
    col(
      "accidentsWith4Days",
      "integer",
      true,
      "trajet_4j",
      "at_4j",
      "dont accidents de trajet avec 4 jours d'arrêt ou plus",
      "Accidents de trajet avec 4 jours d'arrêt ou plus",
      "dont AT avec 4 jours d'arrêt ou plus",
      "dont 4 jours d'arrêt ou plus",
    ),
  ];
}
