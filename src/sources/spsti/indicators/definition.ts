import type { CpomAction, IndicatorKind } from "../types-cpom.js";
import type {
  IndicatorBaseline,
  IndicatorComputation,
  IndicatorComputationKind,
  IndicatorTarget,
} from "./definition-fields.js";

/** Where a yearly value comes from: computed by Passerelle, or declared by a pilot of the SPSTI. */
export type IndicatorSource = "COMPUTED" | "DECLARED";

/** An indicator as the API serves it: its definition, with the action and CPOM it belongs to. */
export interface IndicatorModel {
  /** `<action id>:<n>`, n its position in the fiche (1 first). */
  id: string;
  actionId: string;
  cpomId: string;
  spstiId: string;
  theme: string | null;
  /** Years the CPOM is in force. */
  startYear: number;
  endYear: number;
  label: string;
  kind: IndicatorKind;
  unit: string;
  baseline: IndicatorBaseline | null;
  targets: IndicatorTarget[];
  source: IndicatorSource;
  computedFrom: IndicatorComputationKind | null;
  computed: IndicatorComputation | null;
}

/** The unit when the fiche gives none: what the kind implies. */
const DEFAULT_UNIT: Record<IndicatorKind, string> = {
  COUNT: "nombre",
  EXISTENCE: "oui (1) / non (0)",
  QUALITATIVE: "appréciation",
};

/** The indicators of a fiche action, as the API serves them. */
export function indicatorsOf(action: CpomAction): IndicatorModel[] {
  return action.indicators.map((i, n) => {
    const computed = i.computed ?? null;
    return {
      id: indicatorId(action.id, n + 1),
      actionId: action.id,
      cpomId: action.cpomId,
      spstiId: action.spstiId,
      theme: action.theme,
      startYear: action.startYear,
      endYear: action.endYear,
      label: i.label,
      kind: i.kind,
      unit: i.unit ?? DEFAULT_UNIT[i.kind],
      baseline: i.baseline ?? null,
      targets: i.targets ?? [],
      source: computed ? "COMPUTED" : "DECLARED",
      computedFrom: computed?.from ?? null,
      computed,
    };
  });
}

/** An indicator's id: its action's id and its position (1 first). The list is fixed when the CPOM is signed. */
export function indicatorId(actionId: string, position: number): string {
  return `${actionId}:${position}`;
}

/** The action id and position an indicator id names, or null when it has not that shape. */
export function parseIndicatorId(id: string): { actionId: string; position: number } | null {
  const m = /^([A-Za-z0-9_-]{1,100}):([1-9][0-9]?)$/.exec(id);
  return m ? { actionId: m[1], position: Number(m[2]) } : null;
}

/** The years a CPOM's values and yearly bilans may be given for: from its first year to its last, and not after `now`'s. */
export function followedYears(i: Pick<IndicatorModel, "startYear" | "endYear">, now: Date): number[] {
  const last = Math.min(i.endYear, now.getUTCFullYear());
  const years: number[] = [];
  for (let y = i.startYear; y <= last; y++) years.push(y);
  return years;
}
