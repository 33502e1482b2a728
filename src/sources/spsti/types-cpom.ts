import type { IndicatorFollowUp } from "./indicators/definition-fields.js";

/** CPOM entities of the SPSTI source, as the loaders return them (re-exported by types.ts). */

/** A CPOM signed by an SPSTI, its region's DREETS and its caisse régionale. */
export interface Cpom {
  id: string;
  spstiId: string;
  /** CPOM generation (3 = under instruction DGT/CNAM 2024/132). */
  generation: number;
  title: string;
  /** `dreets-<region code>`. */
  dreetsId: string;
  caisseSlug: string;
  /** Date of the CRPST's opinion (D.4622-44). */
  crpstOpinionOn: string;
  signedOn: string;
  startsOn: string;
  /** Last day in force (inclusive). */
  endsOn: string;
}

export type PilotOrganisation = "SPSTI" | "DREETS" | "CARSAT";
export interface ActionPilot {
  organisation: PilotOrganisation;
  organisationId: string;
  /** A role, never a person's name. */
  role: string;
}
export interface ActionPhase {
  name: string;
  objective: string;
  action: string;
  actors: string[];
  /** The deadline as the CPOM words it ("Dernier trimestre 2025"). */
  deadline: string;
  /** The same deadline as the last day it allows. */
  dueBy: string;
}
export type IndicatorKind = "COUNT" | "EXISTENCE" | "QUALITATIVE";
/** A follow-up indicator of a fiche action, with its unit, baseline, targets and computation (indicators/definition.ts). */
export interface ActionIndicator extends IndicatorFollowUp {
  label: string;
  kind: IndicatorKind;
}

/** An action (fiche action, or fiche projet) of a CPOM: GraphQL type `CpomAction` (formerly `FicheAction`). */
export interface CpomAction {
  id: string;
  cpomId: string;
  spstiId: string;
  volet: number;
  /** ThemeCode, or null when the fiche is not about one risk (a training programme). */
  theme: string | null;
  title: string;
  description: string;
  /** Years the CPOM is in force (denormalised for the `activeIn` filter). */
  startYear: number;
  endYear: number;
  pilots: ActionPilot[];
  phases: ActionPhase[];
  indicators: ActionIndicator[];
}

/** A volet of a CPOM's programme of actions, with its actions (rules.ts `voletsOf`). */
export interface CpomVolet {
  number: number;
  title: string;
  mandatory: boolean;
  actions: CpomAction[];
}

/** The six counts of an annexe-4 column, in the survey's order: each total, then its "dont suivis COG". */
export const ANNEX4_COUNTS = [
  "formes",
  "formesSuivisCog",
  "accompagnes",
  "accompagnesSuivisCog",
  "cibles",
  "ciblesSuivisCog",
] as const;

/** The three "dont suivis par la Caisse régionale dans le cadre de la COG" pairs of an annexe-4 column. */
export interface Annex4Counts {
  formes: number;
  formesSuivisCog: number;
  accompagnes: number;
  accompagnesSuivisCog: number;
  cibles: number;
  ciblesSuivisCog: number;
}

/** One column of the CPOM annexe 4 table for one year, reported through the DGT survey. */
export interface Annex4Row extends Annex4Counts {
  id: string;
  cpomId: string;
  spstiId: string;
  year: number;
  theme: string;
  volet: number;
  commentaire: string | null;
  cpomSignedOn: string;
  cpomEndsOn: string;
  /** 30 June of the following year. */
  dueBy: string;
  reportedAt: string | null;
}

export interface CpomActionQuery {
  theme: string | null;
  spstiIds: string[] | null;
  /** Only CPOMs in force at some point of this year. */
  activeIn: number | null;
}

export interface Annex4Query {
  theme: string | null;
  year: number | null;
  spstiIds: string[] | null;
}

/** Annex-4 rows of one CPOM (all years when `year` is null). */
export interface Annex4ByCpomQuery {
  cpomId: string;
  year: number | null;
}
