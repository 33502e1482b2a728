import { themes } from "../../domain/reference.js";

/**
 * What the three DREETS surveys publish: indicator codes and labels, waves,
 * and the NAF divisions with enough SUMER respondents to be published. The
 * codes double as the field names of the count documents, so this file is
 * also the allow-list the repository builds its projections from.
 */

export const DREETS_COLLECTIONS = {
  /** SUMER national sample: margins per level (ALL, SECTION, NAF2). */
  sumer: "dreets_sumer",
  /** SUMER regional extensions: margins per level (ALL, SECTION), with `region`. */
  sumerRegional: "dreets_sumer_regional",
  /** EVREST national base: sparse sex × age band cells per section, and their all-sector sums (no `section`). */
  evrest: "dreets_evrest",
  /** EVREST regional bases: the same cells, with `region`. */
  evrestRegional: "dreets_evrest_regional",
  /** MCP pooled national estimate: year × sex × age band cells. */
  mcp: "dreets_mcp",
  /** MCP quinzaines per participating region: the same cells, with `region`. */
  mcpRegional: "dreets_mcp_regional",
} as const;

export interface IndicatorDef {
  code: string;
  label: string;
}

function themeOf(code: string): string | null {
  return themes.find((t) => t.sumerIndicators.includes(code))?.code ?? null;
}

const sumerList: IndicatorDef[] = [
  { code: "manual_handling", label: "Manutention manuelle de charges" },
  { code: "postures", label: "Postures pénibles ou fatigantes" },
  { code: "chemical_any", label: "Exposition à au moins un produit chimique" },
  { code: "carcinogen_any", label: "Exposition à au moins un produit chimique cancérogène" },
  { code: "work_too_fast", label: "Devoir travailler vite (pression temporelle)" },
  { code: "interruptions", label: "Interrompre souvent une tâche pour une autre non prévue" },
  { code: "job_strain", label: "Tension au travail (job strain, modèle de Karasek)" },
  { code: "hostile_behaviour", label: "Au moins un comportement hostile subi au travail" },
  { code: "noise_85db", label: "Bruit supérieur à 85 dB(A)" },
  { code: "night_work", label: "Travail de nuit (entre minuit et 5 heures)" },
];

/** SUMER indicators; `theme` is the prevention theme of src/domain/reference.ts, if any. */
export const SUMER_INDICATORS = sumerList.map((d) => ({ ...d, theme: themeOf(d.code) }));

/** SUMER waves, oldest first. Regional extensions exist for both. */
export const SUMER_PERIODS = ["2009-2010", "2016-2017"] as const;

/** The 2009-2010 wave is kept at coarse grain only (all-sector margins, section totals). */
export const SUMER_DETAILED_PERIOD = "2016-2017";

/**
 * NAF divisions published by SUMER (national sample only): those with a few
 * hundred respondents. Any other division is answered by its section.
 */
export const SUMER_NAF2_PUBLISHED = [
  "10",
  "20",
  "22",
  "25",
  "28",
  "29",
  "41",
  "43",
  "45",
  "46",
  "47",
  "49",
  "52",
  "55",
  "56",
  "62",
  "64",
  "70",
  "71",
  "78",
  "81",
  "86",
  "87",
  "88",
] as const;

/** Sections the SUMER and EVREST samples cover (private sector and hospitals; not O, T, U). */
export const SURVEY_SECTIONS = [
  "A",
  "B",
  "C",
  "D",
  "E",
  "F",
  "G",
  "H",
  "I",
  "J",
  "K",
  "L",
  "M",
  "N",
  "P",
  "Q",
  "R",
  "S",
] as const;

export type EvrestCategory = "HOURS" | "TIME_PRESSURE" | "PHYSICAL" | "EXPOSURE" | "TRAINING" | "COMPLAINT";

export const EVREST_INDICATORS: (IndicatorDef & { category: EvrestCategory })[] = [
  { code: "long_hours", label: "Durée hebdomadaire de travail supérieure à 48 heures", category: "HOURS" },
  { code: "time_pressure", label: "Devoir souvent se dépêcher", category: "TIME_PRESSURE" },
  { code: "heavy_loads", label: "Port de charges lourdes", category: "PHYSICAL" },
  { code: "awkward_postures", label: "Postures contraignantes", category: "PHYSICAL" },
  { code: "chemical_exposure", label: "Exposition à des produits chimiques", category: "EXPOSURE" },
  { code: "noise_exposure", label: "Exposition à un bruit intense", category: "EXPOSURE" },
  { code: "training_received", label: "Formation reçue au cours de l'année écoulée", category: "TRAINING" },
  {
    code: "pain_neck_shoulder",
    label: "Plaintes ou signes cliniques : cou, nuque, épaules",
    category: "COMPLAINT",
  },
  { code: "pain_lower_back", label: "Plaintes ou signes cliniques : région lombaire", category: "COMPLAINT" },
  { code: "fatigue", label: "Fatigue, lassitude", category: "COMPLAINT" },
  { code: "anxiety", label: "Anxiété, nervosité, irritabilité", category: "COMPLAINT" },
  { code: "sleep_problems", label: "Troubles du sommeil", category: "COMPLAINT" },
];

/** EVREST reports are made over 2-year periods. */
export const EVREST_PERIODS = ["2019-2020", "2021-2022", "2023-2024"] as const;

export const MCP_PATHOLOGIES: (IndicatorDef & { theme: string | null })[] = [
  { code: "tms", label: "Troubles musculo-squelettiques (TMS)", theme: "TMS" },
  { code: "psychic_distress", label: "Souffrance psychique", theme: "RPS" },
  { code: "hearing", label: "Troubles de l'audition", theme: "BRUIT" },
  { code: "skin", label: "Dermatoses", theme: "CHIMIQUE" },
  { code: "respiratory", label: "Pathologies respiratoires", theme: "CHIMIQUE" },
  { code: "other", label: "Autres pathologies", theme: null },
];

/** Years of MCP quinzaines held in the database. */
export const MCP_YEARS = { from: 2019, to: 2024 } as const;

const byCode = <T extends IndicatorDef>(list: readonly T[]) => new Map(list.map((d) => [d.code, d]));
export const sumerIndicator = byCode(SUMER_INDICATORS);
export const evrestIndicator = byCode(EVREST_INDICATORS);
export const mcpPathology = byCode(MCP_PATHOLOGIES);
