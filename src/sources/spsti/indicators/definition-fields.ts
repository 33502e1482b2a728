/**
 * How a CPOM indicator is followed, as the CPOM's fiche action states it: its
 * unit, a baseline, targets, and whether Passerelle computes its yearly
 * values from its own data (D.4622-45 code du travail: the contract sets the
 * indicators that measure whether its objectives are met). Stored with the
 * indicator in its fiche action (`spsti_cpom_actions`). A leaf module: the
 * CPOM types (types-cpom.ts) and the follow-up both import it.
 */

/** What Passerelle computes an indicator's yearly values from (GraphQL enum `IndicatorComputation`). */
export type IndicatorComputationKind =
  | "PDP_SIGNALEMENTS"
  | "PDP_MEASURES"
  | "ANNEX4_FORMES"
  | "ANNEX4_ACCOMPAGNES"
  | "ANNEX4_CIBLES";

export interface IndicatorComputation {
  from: IndicatorComputationKind;
  /** PDP_MEASURES only: the measure types counted (PdpActionType codes of the pdp source). */
  measureTypes?: string[];
}

/** The figure the CPOM starts from. */
export interface IndicatorBaseline {
  value: number;
  /** The year it was measured; null when the CPOM gives none. */
  year: number | null;
  note: string | null;
}

/** A target: for one year, or for the whole CPOM (year null). */
export interface IndicatorTarget {
  year: number | null;
  value: number;
}

/** The follow-up part of a stored indicator (every field optional in older documents). */
export interface IndicatorFollowUp {
  unit?: string;
  baseline?: IndicatorBaseline | null;
  targets?: IndicatorTarget[];
  computed?: IndicatorComputation | null;
}
