import type { DatasetDef, ImportContext } from "../../../imports/dataset.js";
import type { ColumnSpec, TableRow } from "../../../imports/table/types.js";
import { ACTIVITY } from "../repository.js";
import { readSpsti } from "./fields.js";
import { RowCheck } from "../../../imports/row-check.js";

/**
 * `spsti-activity`: the yearly activity of one SPSTI, one row per year, the
 * figures of its DGT survey (D.4622-57): salariés and adhérents followed,
 * staff by profession, visits by type, AMT, PDP. Each year is a slice: a
 * file with 2024 only replaces 2024 and keeps the earlier years.
 */

type Group = "staff" | "visits" | "amt" | "pdp" | null;

/** Each figure of the stored document: its group (null = top level), field, column key and accepted headers. */
const FIGURES: [Group, string, string, string[]][] = [
  [null, "salaries", "salaries", ["salariés suivis", "nombre de salariés suivis"]],
  [null, "adherents", "adherents", ["nombre d'adhérents", "entreprises adhérentes"]],
  ["staff", "medecinsTravail", "medecins_travail", ["médecins du travail", "médecins", "mdt"]],
  ["staff", "collaborateursMedecins", "collaborateurs_medecins", []],
  ["staff", "infirmiers", "infirmiers", ["infirmiers en santé au travail", "idest"]],
  ["staff", "preventeurs", "preventeurs", ["iprp", "conseillers en prévention"]],
  ["staff", "assistantsSst", "assistants_sst", ["asst", "assistants santé et sécurité au travail"]],
  ["staff", "assistantesMedicales", "assistantes_medicales", ["assistants médicaux"]],
  ["staff", "ergonomes", "ergonomes", []],
  ["staff", "psychologues", "psychologues", ["psychologues du travail"]],
  [
    "staff",
    "assistantesSociales",
    "assistantes_sociales",
    ["assistants de service social", "assistants sociaux"],
  ],
  ["staff", "autres", "autres", ["autres personnels"]],
  ["visits", "vip", "vip", ["visites d'information et de prévention"]],
  ["visits", "sir", "sir", ["examens sir", "visites sir", "suivi individuel renforcé"]],
  ["visits", "reprise", "reprise", ["visites de reprise"]],
  ["visits", "preReprise", "pre_reprise", ["visites de pré-reprise"]],
  ["visits", "aLaDemande", "a_la_demande", ["visites à la demande"]],
  ["visits", "miCarriere", "mi_carriere", ["visites de mi-carrière"]],
  ["visits", "finCarriere", "fin_carriere", ["visites de fin de carrière"]],
  ["amt", "total", "amt", ["actions en milieu de travail", "total amt"]],
  ["amt", "etudesPoste", "etudes_poste", ["études de poste"]],
  ["amt", "fichesEntreprise", "fiches_entreprise", ["fiches d'entreprise"]],
  ["amt", "aideDuerp", "aide_duerp", ["aide au duerp", "duerp"]],
  ["pdp", "situations", "situations_pdp", ["situations suivies en pdp"]],
  [
    "pdp",
    "signalementsVersServiceSocial",
    "signalements_vers_service_social",
    ["signalements vers le service social de la carsat"],
  ],
  [
    "pdp",
    "signalementsDuServiceSocial",
    "signalements_du_service_social",
    ["signalements reçus du service social"],
  ],
  ["pdp", "inaptitudes", "inaptitudes", ["avis d'inaptitude"]],
  ["pdp", "amenagements", "amenagements", ["aménagements de poste"]],
];

const COLUMNS: ColumnSpec[] = [
  { key: "year", headers: ["year", "année", "exercice"], required: false, kind: "integer" },
  { key: "spsti", headers: ["spsti", "code spsti", "spsti id"], required: false, kind: "text" },
  ...FIGURES.map(
    ([, , key, headers]): ColumnSpec => ({
      key,
      headers: [key, ...headers],
      required: true,
      kind: "integer",
    }),
  ),
  // Optional: the staff total is the sum of the professions; when given, it must be that sum.
  {
    key: "staff_total",
    headers: ["staff_total", "effectif total", "personnel total", "total personnel"],
    required: false,
    kind: "integer",
  },
];

/** The first year of the DGT survey's predecessor reports kept; later than the current year is refused. */
const FIRST_YEAR = 2000;

function readYear(check: RowCheck, given: number | null): number | null {
  const cell = check.row.values.year;
  const year = typeof cell === "number" ? cell : given;
  if (year === null)
    return check.refuse("year", "the year is required: a year column, or the year given with the file");
  if (typeof cell === "number" && given !== null && cell !== given)
    return check.refuse("year", `the file was given for ${given}`);
  const last = new Date().getFullYear();
  return year < FIRST_YEAR || year > last
    ? check.refuse("year", `a year lies between ${FIRST_YEAR} and ${last}`)
    : year;
}

/** Consistency of a year's figures, as the types document them (src/sources/spsti/types.ts). */
function checkTotals(check: RowCheck, doc: Record<string, Record<string, number>>): void {
  const { staff, amt } = doc;
  if (staff.collaborateursMedecins > staff.medecinsTravail)
    check.refuse(
      "collaborateurs_medecins",
      "collaborateurs médecins are counted among the médecins du travail: at most medecins_travail",
    );
  const given =
    check.row.values.staff_total === undefined || check.row.values.staff_total === null
      ? null
      : check.count("staff_total", "the staff total");
  if (given !== null && given !== staff.total)
    check.refuse(
      "staff_total",
      `the staff total is the sum of the professions (${staff.total}), collaborateurs médecins counted once`,
    );
  if (amt.etudesPoste + amt.fichesEntreprise + amt.aideDuerp > amt.total)
    check.refuse(
      "amt",
      "the AMT total includes the études de poste, fiches d'entreprise and aide au DUERP: at least their sum",
    );
}

function toDoc(row: TableRow, ctx: ImportContext) {
  const check = new RowCheck(row);
  const spstiId = readSpsti(check, ctx.org);
  const year = readYear(check, ctx.year);
  const doc: Record<string, unknown> = { spstiId, year };
  const groups: Record<string, Record<string, number>> = { staff: {}, visits: {}, amt: {}, pdp: {} };
  let complete = true;
  for (const [group, field, key] of FIGURES) {
    const value = check.count(key, key);
    if (value === null) complete = false;
    else if (group === null) doc[field] = value;
    else groups[group][field] = value;
  }
  if (complete) {
    const { collaborateursMedecins: _included, ...professions } = groups.staff;
    groups.staff.total = Object.values(professions).reduce((a, b) => a + b, 0);
    checkTotals(check, groups);
  }
  if (check.issues.length > 0) return { issues: check.issues };
  return { doc: { ...doc, ...groups } };
}

/** The dataset: one SPSTI's figures, one row (and slice) per year. */
export const ACTIVITY_DATASET: DatasetDef = {
  name: "spsti-activity",
  source: "spsti",
  collection: ACTIVITY,
  title: "Yearly activity of one SPSTI (DGT survey figures, imported by the SPSTI itself)",
  orgTypes: ["SPSTI"],
  table: { columns: COLUMNS },
  toDoc,
  rowKey: (doc) => `${doc.spstiId}|${doc.year}`,
  sliceOf: (doc) => `${doc.spstiId}|${doc.year}`,
  yearsOf: (doc) => ({ from: doc.year as number, to: doc.year as number }),
};
