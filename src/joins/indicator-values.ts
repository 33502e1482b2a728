import type { MeasureCount, SignalementCount } from "../sources/pdp/types.js";
import type { MaskedAnnex4Row } from "../sources/spsti/annex4-disclosure.js";
import type { IndicatorModel } from "../sources/spsti/indicators/definition.js";
import type { IndicatorComputationKind } from "../sources/spsti/indicators/definition-fields.js";
import type { IndicatorValueModel, IndicatorValuePartModel } from "../sources/spsti/indicators/documents.js";
import type { FollowUpAccess } from "../sources/spsti/indicators/service.js";
import type { SpstiLoaders } from "../sources/spsti/loaders.js";

/**
 * The yearly values Passerelle computes for a CPOM indicator from its own
 * data: the join of the CPOM follow-up (spsti source) with the PDP fiches
 * (pdp source) and the published annexe 4, each read through its own
 * loader. Only for a party to the CPOM (FollowUpAccess, from the follow-up
 * service): the others read no value at all.
 *
 * The PDP figures are the PDP source's answer for the indicator's basis
 * (src/joins/indicator-pdp.ts): in the federation, its subgraph's, which
 * the SPSTI subgraph @requires.
 *
 * - PDP_SIGNALEMENTS: the fiches sent between the SPSTI and its Carsat's
 *   service social, each way (the CPOM's parties read them exactly, as they
 *   do in SpstiPdpActivity).
 * - PDP_MEASURES: the measures recorded on the SPSTI's fiches, per type, as
 *   `pdpMeasures(org: <spsti>)` publishes them: exact for the SPSTI itself,
 *   from the protected grid for the DREETS and the Carsat (their exact
 *   figures would break the grid's secrecy across organisations).
 * - ANNEX4_*: a column of the action's theme in the published annexe 4,
 *   masked for everyone alike (business secrecy of establishments).
 */
export interface ComputeSources {
  /** The PDP figures of the indicator's basis (src/joins/indicator-pdp.ts): read by the PDP source. */
  pdp: PdpFigures;
  spsti: Pick<SpstiLoaders, "annex4ByCpom">;
}

/** The PDP source's figures for a basis: from its loaders (single process), or as its subgraph gave them. */
export interface PdpFigures {
  signalements(): Promise<readonly SignalementCount[]>;
  measures(): Promise<readonly MeasureCount[]>;
}

/** The computed values of `years` (the CPOM's, up to this one), oldest first. */
export async function computedValues(
  i: IndicatorModel,
  access: FollowUpAccess,
  years: readonly number[],
  sources: ComputeSources,
): Promise<IndicatorValueModel[]> {
  const from = i.computed?.from;
  if (!from || years.length === 0) return [];
  const { cpom } = access;
  if (from === "PDP_SIGNALEMENTS") {
    const rows = await sources.pdp.signalements();
    return years.map((y) => value(i, y, signalementParts(rows, y, cpom.spstiId, cpom.caisseSlug)));
  }
  if (from === "PDP_MEASURES") {
    const rows = await sources.pdp.measures();
    return years.map((y) => value(i, y, measureParts(rows, y, i.computed?.measureTypes ?? null)));
  }
  const rows = await sources.spsti.annex4ByCpom.load({ cpomId: cpom.id, year: null });
  return annex4Values(i, from, rows, years);
}

/** A value as the sum of its parts: null (suppressed) when a part is masked. */
function value(i: IndicatorModel, year: number, parts: IndicatorValuePartModel[]): IndicatorValueModel {
  const suppressed = parts.some((p) => p.suppressed);
  const total = parts.reduce((n, p) => n + (p.value ?? 0), 0);
  return computed(i, year, suppressed ? null : total, suppressed, parts);
}

function computed(
  i: IndicatorModel,
  year: number,
  v: number | null,
  suppressed: boolean,
  parts: IndicatorValuePartModel[],
): IndicatorValueModel {
  return {
    id: `${i.id}:${year}`,
    indicatorId: i.id,
    year,
    source: "COMPUTED",
    value: v,
    suppressed,
    parts,
    comment: null,
    version: null,
    updatedAt: null,
    history: [],
    comments: [],
  };
}

function signalementParts(
  rows: readonly SignalementCount[],
  year: number,
  spsti: string,
  carsat: string,
): IndicatorValuePartModel[] {
  const sum = (origin: string) =>
    rows.filter((r) => r.year === year && r.origin.id === origin).reduce((n, r) => n + (r.count ?? 0), 0);
  return [
    {
      key: "SPSTI_TO_CARSAT",
      label: `Émis par ${spsti} vers le service social (${carsat})`,
      value: sum(spsti),
      suppressed: false,
    },
    {
      key: "CARSAT_TO_SPSTI",
      label: `Émis par le service social (${carsat}) vers ${spsti}`,
      value: sum(carsat),
      suppressed: false,
    },
  ];
}

/** French names of the PDP measures (schema/pdp-enums.graphql, PdpActionType). */
const MEASURE_LABELS: Record<string, string> = {
  RDV_LIAISON: "Rendez-vous de liaison",
  VISITE_PRE_REPRISE: "Visite de pré-reprise",
  ESSAI_ENCADRE: "Essai encadré",
  CRPE: "Convention de rééducation professionnelle en entreprise (CRPE)",
  PTP: "Projet de transition professionnelle",
  AMENAGEMENT_POSTE: "Aménagement de poste",
  ORIENTATION: "Orientation vers un partenaire",
};

/** One part per measure type counted (a type without a row that year counts 0). */
function measureParts(
  rows: readonly MeasureCount[],
  year: number,
  types: readonly string[] | null,
): IndicatorValuePartModel[] {
  const ofYear = rows.filter((r) => r.year === year);
  const counted = types ?? [...new Set(ofYear.map((r) => r.type))];
  return counted.map((type) => {
    const r = ofYear.find((x) => x.type === type);
    return {
      key: type,
      label: MEASURE_LABELS[type] ?? type,
      value: r ? r.count : 0,
      suppressed: r?.suppressed ?? false,
    };
  });
}

const ANNEX4_COLUMN = {
  ANNEX4_FORMES: "formes",
  ANNEX4_ACCOMPAGNES: "accompagnes",
  ANNEX4_CIBLES: "cibles",
} as const;

/** The column of the action's theme, for each year the annexe 4 publishes (none before its report is validated). */
function annex4Values(
  i: IndicatorModel,
  from: IndicatorComputationKind,
  rows: readonly MaskedAnnex4Row[],
  years: readonly number[],
): IndicatorValueModel[] {
  const column = ANNEX4_COLUMN[from as keyof typeof ANNEX4_COLUMN];
  if (!column || i.theme === null) return [];
  return rows
    .filter((r) => r.theme === i.theme && years.includes(r.year))
    .sort((a, b) => a.year - b.year)
    .map((r) => computed(i, r.year, r[column], r[column] === null, []));
}
