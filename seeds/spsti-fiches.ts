import { VOLET2_THEMES as RULES_VOLET2 } from "../src/sources/spsti/rules.js";
import type { ActionPilot, IndicatorKind } from "../src/sources/spsti/types.js";
import type { IndicatorFollowUp } from "../src/sources/spsti/indicators/definition-fields.js";
import { by, indicator, overall, phase, type FicheContent } from "./spsti-cpom-sstrn.js";

type Followed = IndicatorFollowUp & { unit: string };
const YES_NO = "oui (1) / non (0)";

/**
 * Fiche action templates for the fictitious CPOMs, after the models of
 * instruction 2024/132 (annexe 3: fiches 1 to 7) and the PST4 actions they
 * quote. Pilots are roles in the three signatory organisations.
 */
interface Template {
  title: string;
  description: string;
  steps: [objective: string, action: string][];
  /** Label, kind, and follow-up: unit, targets over the whole CPOM, computation (see spsti-cpom-sstrn.ts `indicator`). */
  indicators: [label: string, kind: IndicatorKind, followUp: Followed][];
  spstiRole: string;
}

const TEMPLATES: Record<string, Template> = {
  PDP: {
    title: "Cellule PDP et coordination avec l'Assurance maladie",
    description:
      "Détecter au plus tôt les salariés en risque de désinsertion professionnelle, promouvoir le rendez-vous de liaison et la visite de pré-reprise, et construire avec le service social les parcours (essai encadré, CRPE, aides du FIPU).",
    steps: [
      [
        "Promouvoir le rendez-vous de liaison et la visite de pré-reprise",
        "Informer employeurs, salariés et médecins traitants ; organiser l'orientation vers la cellule PDP.",
      ],
      [
        "Organiser les échanges avec le service social de la Carsat",
        "Fiche de liaison commune et canal sécurisé, dans le respect du secret professionnel et du RGPD.",
      ],
    ],
    indicators: [
      [
        "Nombre de visites de pré-reprise",
        "COUNT",
        {
          unit: "visites de pré-reprise",
          computed: { from: "PDP_MEASURES", measureTypes: ["VISITE_PRE_REPRISE"] },
        },
      ],
      [
        "Nombre de signalements entre la cellule PDP et le service social",
        "COUNT",
        { unit: "signalements (fiches de liaison envoyées)", computed: { from: "PDP_SIGNALEMENTS" } },
      ],
      ["Existence d'une procédure d'échange avec le service social", "EXISTENCE", { unit: YES_NO }],
    ],
    spstiRole: "Médecin du travail, responsable de la cellule PDP",
  },
  TMS: {
    title: "Prévention des troubles musculo-squelettiques",
    description:
      "Accompagner les entreprises les plus concernées (aide à la personne, agroalimentaire, commerce, transport et logistique, propreté, BTP) dans l'évaluation des TMS et leur plan d'action, en lien avec le programme TMS Pros.",
    steps: [
      [
        "Cibler les établissements",
        "Croiser la sinistralité de la Carsat et les données du SPSTI pour choisir les établissements accompagnés.",
      ],
      [
        "Accompagner et former",
        "Formation des référents TMS, études de poste, appui à la démarche TMS Pros et aux aides financières.",
      ],
    ],
    indicators: [
      [
        "Nombre d'établissements accompagnés dans la démarche TMS Pros",
        "COUNT",
        { unit: "établissements", targets: overall(60) },
      ],
      [
        "Nombre d'établissements formés",
        "COUNT",
        { unit: "établissements", computed: { from: "ANNEX4_FORMES" } },
      ],
      ["Nombre d'études de poste liées aux TMS", "COUNT", { unit: "études de poste", targets: overall(150) }],
    ],
    spstiRole: "Ergonome, référent TMS",
  },
  RPS: {
    title: "Évaluer et prévenir les risques psychosociaux dans les TPE-PME",
    description:
      "Faciliter l'appropriation par les TPE-PME et leurs managers des outils d'évaluation et de prévention des RPS, y compris en amont des réorganisations.",
    steps: [
      [
        "Outiller les entreprises",
        "Diffuser les outils d'évaluation des RPS et l'intégration au document unique.",
      ],
      [
        "Sensibiliser les managers",
        "Ateliers collectifs de prévention des RPS pour les dirigeants et encadrants.",
      ],
    ],
    indicators: [
      [
        "Nombre d'établissements ayant intégré les RPS au document unique",
        "COUNT",
        { unit: "établissements", targets: overall(80) },
      ],
      ["Nombre d'ateliers managers réalisés", "COUNT", { unit: "ateliers", targets: overall(20) }],
    ],
    spstiRole: "Psychologue du travail, référente RPS",
  },
  CHUTES: {
    title: "Prévention des chutes de hauteur et de plain-pied",
    description:
      "Promouvoir la prévention des chutes pour les métiers et secteurs les plus exposés, notamment la construction de maisons individuelles, avec l'OPPBTP.",
    steps: [
      [
        "Sensibiliser les entreprises du BTP",
        "Réunions d'information avec l'OPPBTP et la Carsat ; diffusion des aides financières.",
      ],
      [
        "Accompagner les chantiers",
        "Visites de chantiers et appui à l'organisation des protections collectives.",
      ],
    ],
    indicators: [
      ["Nombre d'entreprises sensibilisées", "COUNT", { unit: "entreprises", targets: overall(200) }],
      ["Nombre de chantiers accompagnés", "COUNT", { unit: "chantiers", targets: overall(40) }],
    ],
    spstiRole: "Conseiller en prévention, référent BTP",
  },
  CHIMIQUE: {
    title: "Prévention des risques chimiques et des agents CMR",
    description:
      "Repérer les expositions aux agents chimiques et CMR (BTP, maintenance, travail des métaux, réparation automobile) et accompagner leur substitution, en lien avec le programme Risques chimiques Pros et le laboratoire interrégional de chimie.",
    steps: [
      [
        "Repérer les expositions",
        "Inventaire des produits et fiches de données de sécurité dans les établissements ciblés.",
      ],
      [
        "Réduire les expositions",
        "Substitution, captage à la source, prélèvements analysés par le laboratoire interrégional de chimie.",
      ],
    ],
    indicators: [
      [
        "Nombre d'établissements ayant réalisé l'inventaire de leurs produits",
        "COUNT",
        { unit: "établissements", targets: overall(100) },
      ],
      [
        "Nombre d'analyses effectuées par le laboratoire",
        "COUNT",
        { unit: "analyses", targets: overall(60) },
      ],
    ],
    spstiRole: "Toxicologue, référent risque chimique",
  },
  ROUTIER: {
    title: "Prévention du risque routier professionnel",
    description:
      "Sensibiliser les entreprises les plus exposées (transport, BTP, intérim, aide et soin à domicile, propreté) au risque routier en mission et sur le trajet, et accompagner leurs plans de mobilité.",
    steps: [
      ["Sensibiliser", "Campagne d'information auprès des adhérents des secteurs exposés."],
      [
        "Accompagner l'évaluation",
        "Intégration du risque routier au document unique ; appui aux plans de mobilité.",
      ],
    ],
    indicators: [
      ["Nombre d'entreprises sensibilisées", "COUNT", { unit: "entreprises", targets: overall(300) }],
      [
        "Nombre d'entreprises ayant intégré le risque routier au document unique",
        "COUNT",
        { unit: "entreprises", targets: overall(80) },
      ],
    ],
    spstiRole: "Conseiller en prévention, référent risque routier",
  },
  CANICULE: {
    title: "Prévention du risque canicule",
    description:
      "Sensibiliser les entreprises, notamment de la construction, à l'évaluation des risques liés aux vagues de chaleur avant la veille saisonnière, et les intégrer au document unique et aux plans de prévention.",
    steps: [
      ["Informer avant l'été", "Campagne d'information annuelle avant la veille saisonnière."],
      ["Intégrer le risque", "Appui à l'intégration des fortes chaleurs au document unique et aux PPSPS."],
    ],
    indicators: [
      // The campaign's recipients are the annexe 4's "établissements ciblés par une action de communication".
      [
        "Nombre d'entreprises destinataires de la campagne",
        "COUNT",
        { unit: "établissements ciblés", computed: { from: "ANNEX4_CIBLES" } },
      ],
      ["Nombre d'ateliers réalisés", "COUNT", { unit: "ateliers", targets: overall(15) }],
    ],
    spstiRole: "Médecin du travail, référent canicule",
  },
  BRUIT: {
    title: "Prévention des expositions au bruit",
    description:
      "Réduire les expositions sonores au-delà des valeurs d'action dans les établissements industriels, par la mesure, la réduction à la source et le suivi audiométrique.",
    steps: [
      ["Mesurer", "Campagnes de sonométrie dans les établissements ciblés."],
      ["Réduire", "Appui à la réduction à la source et aux équipements de protection."],
    ],
    indicators: [
      ["Nombre de campagnes de mesure", "COUNT", { unit: "campagnes de mesure", targets: overall(25) }],
      [
        "Nombre d'établissements accompagnés",
        "COUNT",
        { unit: "établissements", computed: { from: "ANNEX4_ACCOMPAGNES" } },
      ],
    ],
    spstiRole: "Technicien en métrologie",
  },
  RADON: {
    title: "Prévention du risque radon",
    description:
      "Favoriser l'évaluation du risque radon dans les locaux de travail des zones à potentiel 2 et 3 : information, campagnes de mesurage, mesures techniques de réduction.",
    steps: [
      [
        "Informer les adhérents",
        "Lettre d'information et ateliers sur le radon dans les zones à potentiel 2 et 3.",
      ],
      ["Accompagner le mesurage", "Appui aux campagnes de mesure et aux solutions de ventilation."],
    ],
    indicators: [
      [
        "Nombre d'entreprises ayant intégré le risque radon",
        "COUNT",
        { unit: "entreprises", targets: overall(100) },
      ],
      ["Nombre de préventeurs formés", "COUNT", { unit: "préventeurs", targets: overall(15) }],
    ],
    spstiRole: "Conseiller en prévention, référent radon",
  },
};

/** A fiche action on `theme` for a CPOM in force from `startsOn` to `endsOn`. */
export function ficheFor(
  theme: string,
  volet: number,
  spstiId: string,
  dreetsId: string,
  caisseSlug: string,
  startsOn: string,
  endsOn: string,
): FicheContent {
  const t = TEMPLATES[theme];
  const y0 = Number(startsOn.slice(0, 4));
  const y1 = Number(endsOn.slice(0, 4));
  const launch = Number(startsOn.slice(5, 7)) > 6 ? `Dernier trimestre ${y0}` : `2nd semestre ${y0}`;
  const pilots: ActionPilot[] = [
    { organisation: "SPSTI", organisationId: spstiId, role: t.spstiRole },
    { organisation: "DREETS", organisationId: dreetsId, role: "Ingénieur de prévention" },
    {
      organisation: "CARSAT",
      organisationId: caisseSlug,
      role: theme === "PDP" ? "Responsable du service social" : "Ingénieur conseil",
    },
  ];
  return {
    volet,
    theme,
    title: t.title,
    description: t.description,
    pilots,
    phases: [
      phase(
        "Lancement",
        "Constituer le groupe projet tripartite",
        "Définir les modalités de travail, le ciblage et les indicateurs.",
        launch,
      ),
      phase("Déploiement", t.steps[0][0], t.steps[0][1], `${y0 + 1}`),
      phase("Déploiement", t.steps[1][0], t.steps[1][1], `${y0 + 1}-${Math.max(y0 + 2, y1 - 1)}`),
      phase(
        "Évaluation",
        "Évaluer le partenariat",
        "Déterminer si les objectifs définis ont été atteints.",
        `${y1}`,
      ),
    ],
    indicators: t.indicators.map(([label, kind, f]) =>
      // A procedure is expected in place by the end of the first full year.
      indicator(label, kind, kind === "EXISTENCE" && !f.targets ? { ...f, targets: by(y0 + 1) } : f),
    ),
  };
}

/** The volet-2 themes of instruction 2024/132 (the annexe-4 columns), and risks outside them for volet 3. */
export const VOLET2_THEMES = [...RULES_VOLET2];
export const VOLET3_THEMES = ["BRUIT", "RADON"];
