import { deadlineDueBy } from "../src/sources/spsti/rules.js";
import type {
  IndicatorFollowUp,
  IndicatorTarget,
} from "../src/sources/spsti/indicators/definition-fields.js";
import type {
  ActionIndicator,
  ActionPhase,
  ActionPilot,
  CpomAction,
  IndicatorKind,
} from "../src/sources/spsti/types.js";
import { SSTRN_ID } from "./context.js";

/**
 * The fiches projet of the SSTRN CPOM 2025-2029 (shared/sources/cpom-sstrn-
 * dreets-carsat-pdl-2025-2029.txt), shortened. Pilots are given by role:
 * the names in the contract are real people and stay out of this data.
 */
export type FicheContent = Omit<CpomAction, "id" | "cpomId" | "spstiId" | "startYear" | "endYear">;

export function phase(
  name: string,
  objective: string,
  action: string,
  deadline: string,
  actors: string[] = [],
): ActionPhase {
  const dueBy = deadlineDueBy(deadline);
  if (!dueBy) throw new Error(`unreadable CPOM deadline "${deadline}"`);
  return { name, objective, action, actors, deadline, dueBy };
}

/**
 * A follow-up indicator with its unit, baseline, targets and, for the ones
 * Passerelle counts itself, what it computes them from (never a typed-in value).
 */
export function indicator(
  label: string,
  kind: IndicatorKind,
  f: IndicatorFollowUp & { unit: string },
): ActionIndicator {
  return {
    label,
    kind,
    unit: f.unit,
    baseline: f.baseline ?? null,
    targets: f.targets ?? [],
    computed: f.computed ?? null,
  };
}

/** Targets rising year by year: `values[i]` for year `from + i`. */
export function rising(from: number, values: number[]): IndicatorTarget[] {
  return values.map((value, i) => ({ year: from + i, value }));
}
/** One target for the whole CPOM. */
export const overall = (value: number): IndicatorTarget[] => [{ year: null, value }];
/** The existence indicator's target: in place by `year`. */
export const by = (year: number): IndicatorTarget[] => [{ year, value: 1 }];
const YES_NO = "oui (1) / non (0)";

const DREETS = "dreets-52";
const CARSAT = "carsat-pays-de-la-loire";
const pilot = (
  organisation: ActionPilot["organisation"],
  organisationId: string,
  role: string,
): ActionPilot => ({ organisation, organisationId, role });
const COPILOTS =
  "Définir les modalités de travail et l'agenda du groupe de travail afin de répondre aux objectifs définis.";
const EVALUATE = "Déterminer si les objectifs définis ont été atteints.";

const pdp: FicheContent = {
  volet: 1,
  theme: "PDP",
  title: "Articulation des acteurs de la PDP",
  description:
    "Préciser l'articulation de la cellule PDP du SSTRN avec l'ensemble des acteurs de la prévention de la désinsertion professionnelle du territoire, " +
    "notamment l'instance locale de coordination de l'Assurance Maladie : connaître l'offre de chaque acteur, définir les échanges d'informations " +
    "conformes au RGPD (passeport PDP), une communication convergente, et un outil de détection précoce (scoring IRDP).",
  pilots: [
    pilot(
      "SPSTI",
      SSTRN_ID,
      "Médecin du travail, référente maintien en emploi, responsable de la cellule PDP",
    ),
    pilot("SPSTI", SSTRN_ID, "Médecin du travail, référente médecins"),
    pilot("DREETS", DREETS, "Médecin inspecteur régional du travail"),
    pilot("CARSAT", CARSAT, "Responsable régional du service social"),
  ],
  phases: [
    phase("Lancement", "Rencontre des deux copilotes", COPILOTS, "Dernier trimestre 2025"),
    phase(
      "Déploiement",
      "Préciser la place de chaque acteur",
      "Préciser ou repréciser la mission de chaque acteur en fonction de la situation des salariés bénéficiaires (SSTRN, Service social...).",
      "2026",
    ),
    phase(
      "Déploiement",
      "Fluidifier les échanges entre le SSTRN et le Service social de l'Assurance Maladie",
      "Repréciser les besoins d'échanges entre ces deux acteurs et leurs modalités ; déployer les modes opératoires définis.",
      "Fin 2026 ; 2nd semestre 2027",
    ),
    phase(
      "Déploiement",
      "Fluidifier les échanges entre l'ensemble des acteurs du maintien dans l'emploi",
      "Améliorer les échanges entre les acteurs de la PDP (SSTRN, Service social, CPAM, Service médical, Comète France, Cap emploi, MDPH...) en s'appuyant sur les travaux régionaux (PRITH, CPTS, PRST) ; déployer le plan d'actions.",
      "2nd semestre 2026 ; 2027-2028",
    ),
    phase(
      "Déploiement",
      "Définir une communication conjointe auprès des entreprises",
      "Donner de la visibilité auprès des entreprises et des salariés (newsletter, site internet, réseaux sociaux, manifestations conjointes), périodiquement.",
      "2026-2029",
    ),
    phase(
      "Déploiement",
      "Participer à l'étude multicentrique pour l'IRDP et le déployer",
      "Participer à l'étude nationale d'un outil de scoring de l'IRDP, puis cibler les entreprises à risque pour des actions de prévention conjointes.",
      "2025-2026 ; 2027-2029",
    ),
    phase("Évaluation", "Évaluer le partenariat", EVALUATE, "2029"),
  ],
  indicators: [
    indicator(
      "Existence d'une fiche de liaison actualisée, partagée pour l'étude de situations en Instance locale de coordination (ILC)",
      "EXISTENCE",
      { unit: YES_NO, targets: by(2026) },
    ),
    indicator("Bilan partagé des situations communes étudiées en ILC", "QUALITATIVE", {
      unit: "appréciation",
    }),
    // The Assurance Maladie's dispositifs are the measures the cellule PDP records on its fiches de liaison.
    indicator(
      "Suivi des dispositifs PDP de l'assurance maladie mobilisés pour des salariés suivis par les équipes du SSTRN",
      "COUNT",
      {
        unit: "dispositifs mobilisés",
        computed: { from: "PDP_MEASURES", measureTypes: ["ESSAI_ENCADRE", "CRPE", "PTP"] },
      },
    ),
    indicator("Création d'une fiche de liaison CPDP / service social de la CARSAT", "EXISTENCE", {
      unit: YES_NO,
      targets: by(2026),
    }),
    indicator(
      "Utilisation d'un canal de partage d'information sécurisé (messagerie sécurisée)",
      "EXISTENCE",
      {
        unit: YES_NO,
        targets: by(2027),
      },
    ),
    // "Suivi annuel": no target, each way counted from the fiches exchanged through Passerelle.
    indicator(
      "Nombre de signalements émis par le SSTRN vers le Service social et par le Service social vers le SSTRN",
      "COUNT",
      { unit: "signalements (fiches de liaison envoyées)", computed: { from: "PDP_SIGNALEMENTS" } },
    ),
    indicator(
      "Nombre d'actions menées auprès des entreprises identifiées à risque à partir de l'IRDP intégré par le SSTRN",
      "COUNT",
      {
        unit: "actions en entreprise",
        baseline: {
          value: 0,
          year: 2025,
          note: "Outil de scoring IRDP en cours d'étude (étude multicentrique).",
        },
        targets: rising(2027, [10, 20, 30]),
      },
    ),
  ],
};

const ALL = ["SSTRN", "CARSAT", "DREETS"];
/**
 * The signed CPOM heads this fiche "volet n° 2", and so does Passerelle: it is
 * the CPOM's own programme. But radon is not one of the six priority risks
 * of volet 2 (instruction 2024/132, annexe 1 § V), so annex 4, whose volet-2
 * columns are those six, reports it in its "Volet 3 (éventuel)" column
 * (rules.ts annex4Volet).
 */
const radon: FicheContent = {
  volet: 2,
  theme: "RADON",
  title: "Risque radon",
  description:
    "La Loire-Atlantique fait partie des départements situés en zone 3 d'exposition au radon, priorité du PRST4. Favoriser l'évaluation du risque " +
    "radon en entreprise (zones à potentiel 2 et 3), sensibiliser, accompagner les campagnes de mesurage et les mesures techniques, intégrer le radon " +
    "dans la fiche d'entreprise et le document unique, assurer la veille réglementaire.",
  pilots: [
    pilot("SPSTI", SSTRN_ID, "Médecin du travail, référente risque chimique"),
    pilot("SPSTI", SSTRN_ID, "Conseiller en prévention, référent conseillers en prévention et ASST"),
    pilot("DREETS", DREETS, "Ingénieur de prévention"),
    pilot("CARSAT", CARSAT, "Ingénieur conseil"),
  ],
  phases: [
    phase("Lancement", "Rencontre des deux copilotes", COPILOTS, "Dernier trimestre 2025", ALL),
    phase(
      "Lancement",
      "Préciser la place de chaque acteur",
      "Préciser ou repréciser la mission de chaque acteur (SSTRN, CARSAT, DREETS).",
      "1er trimestre 2026",
      ALL,
    ),
    phase(
      "Déploiement",
      "Former les préventeurs",
      "Concevoir un module de formation des préventeurs, format défini par la Carsat (personnes relais pour le SPSTI).",
      "Dernier trimestre 2025",
      ["CARSAT", "DREETS"],
    ),
    phase(
      "Déploiement",
      "Sensibiliser les adhérents",
      "Campagne d'information et de sensibilisation auprès des adhérents, modalités à définir.",
      "2nd semestre 2026",
      ["SSTRN"],
    ),
    phase(
      "Déploiement",
      "Former les préventeurs",
      "Journée de formation radon par la CARSAT et la DREETS pour les médecins référents et le réseau technique du SSTRN.",
      "T1 2027",
      ["CARSAT", "DREETS"],
    ),
    phase(
      "Déploiement",
      "Identifier les entreprises à risque",
      "Cibler et tracer le risque radon auprès des entreprises adhérentes.",
      "2027",
      ["SSTRN : équipes santé travail"],
    ),
    phase(
      "Déploiement",
      "Accompagner les entreprises ciblées",
      "Accompagner les entreprises vers les équipements et financements nécessaires ; tracer l'accompagnement dans l'outil métier.",
      "2027-2028",
      ["SSTRN : équipes santé travail"],
    ),
    phase("Évaluation", "Évaluer le partenariat", EVALUATE, "2028", ALL),
  ],
  indicators: [
    // The letters go to the establishments the annexe 4 counts as "ciblés par une action de communication" on radon.
    indicator("Nombre d'envois de lettres d'information auprès des entreprises adhérentes", "COUNT", {
      unit: "établissements ciblés",
      computed: { from: "ANNEX4_CIBLES" },
    }),
    indicator("Nombre de préventeurs formés", "COUNT", { unit: "préventeurs", targets: overall(20) }),
    // "En croissance": rising yearly targets from a baseline of none.
    indicator("Nombre d'entreprises ayant intégré le risque radon", "COUNT", {
      unit: "entreprises",
      baseline: { value: 0, year: 2025, note: "Risque radon pas encore tracé dans l'outil métier." },
      targets: rising(2026, [20, 60, 120, 200]),
    }),
    indicator("Intégration du risque radon dans les fiches d'entreprise effective", "EXISTENCE", {
      unit: YES_NO,
      targets: by(2027),
    }),
    indicator("Nombre d'ateliers de sensibilisation en entreprises réalisés", "COUNT", {
      unit: "ateliers",
      targets: overall(12),
    }),
  ],
};

const ipr: FicheContent = {
  volet: 3,
  theme: null,
  title:
    "Parcours de formation d'« infirmiers en pratiques renforcées » (IPR) - évaluation des risques professionnels",
  description:
    "Construire et déployer, avec l'ingénierie de formation de la Carsat, le volet « évaluation des risques professionnels » d'un parcours de " +
    "formation d'infirmiers en pratiques renforcées (risques chimiques, TMS, RPS), pour une délégation renforcée face à la pénurie de médecins du travail.",
  pilots: [
    pilot("SPSTI", SSTRN_ID, "Directrice opérationnelle de la prévention"),
    pilot("SPSTI", SSTRN_ID, "Infirmière santé travail, référente infirmiers"),
    pilot("DREETS", DREETS, "Médecin inspecteur régional du travail"),
    pilot("CARSAT", CARSAT, "Ingénieur conseil"),
  ],
  phases: [
    phase(
      "Lancement",
      "Rencontre des animateurs",
      "Définir les modalités de travail, l'agenda et le plan d'actions (indicateurs compris) du groupe projet.",
      "Dernier trimestre 2025",
    ),
    phase(
      "Lancement",
      "Préciser la place du projet dans le parcours global IPR au niveau régional",
      "Définir le contenu de la formation et le planifier avec les autres volets du parcours et les SPSTI volontaires de la région.",
      "1er semestre 2026",
    ),
    phase(
      "Déploiement",
      "Organiser une première session",
      "Organisation d'une première session de formation.",
      "2nd semestre 2026",
    ),
    phase(
      "Déploiement",
      "Ajuster la formation",
      "Ajustement après évaluation du premier cycle (évaluation des participants comprise).",
      "1er semestre 2027",
    ),
    phase(
      "Déploiement",
      "Planifier et évaluer",
      "Planification d'une session annuelle en 2028 puis 2029, et évaluation.",
      "2nd semestre 2029",
    ),
    phase("Évaluation", "Évaluer le partenariat", EVALUATE, "2029"),
  ],
  indicators: [
    indicator("Parcours de formation à l'évaluation des risques pour les IPR construit", "EXISTENCE", {
      unit: YES_NO,
      targets: by(2026),
    }),
    indicator("Cycle de formation (articulé avec l'université) tenu", "EXISTENCE", {
      unit: YES_NO,
      targets: by(2026),
    }),
    indicator("Objectif : 3 cycles de futurs IPR a minima", "COUNT", {
      unit: "cycles de formation",
      baseline: { value: 0, year: 2025, note: null },
      targets: overall(3),
    }),
  ],
};

/** The SSTRN CPOM 2025-2029: four years from its signature on 30 September 2025 (D.4622-47). */
export const SSTRN_CPOM = {
  _id: "cpom-sstrn-2025",
  generation: 3,
  title: "Contrat pluriannuel d'objectifs et de moyens 2025-2029",
  crpstOpinionOn: "2025-09-30",
  signedOn: "2025-09-30",
  startsOn: "2025-09-30",
  endsOn: "2029-09-29",
  fiches: [pdp, radon, ipr],
};
