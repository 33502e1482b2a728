import type { Viewer } from "../auth/roles.js";
import type { PdpLoaders } from "../sources/pdp/loaders.js";
import type { MeasureCount, SignalementCount } from "../sources/pdp/types.js";
import type { IndicatorModel } from "../sources/spsti/indicators/definition.js";
import type { FollowUpAccess } from "../sources/spsti/indicators/service.js";

/**
 * What a CPOM indicator computed from the PDP fiches counts: the CPOM's
 * signatories and the years it is followed. The SPSTI source names it, for a
 * party to the CPOM only (`pdpBasis`); the PDP source answers with its
 * figures (`pdpSignalements`, `pdpMeasures`), in the federation through the
 * entity ActionIndicator (schema/pdp-joins.graphql).
 */
export interface IndicatorPdpBasis {
  figure: "SIGNALEMENTS" | "MEASURES";
  spstiId: string;
  caisseSlug: string;
  dreetsId: string;
  fromYear: number;
  toYear: number;
}

/** The basis of an indicator for a party to its CPOM, over every year it is followed; null when it counts no PDP figure. */
export function pdpBasisOf(
  i: IndicatorModel,
  access: FollowUpAccess,
  years: readonly number[],
): IndicatorPdpBasis | null {
  const from = i.computed?.from;
  if ((from !== "PDP_SIGNALEMENTS" && from !== "PDP_MEASURES") || years.length === 0) return null;
  const { cpom } = access;
  return {
    figure: from === "PDP_SIGNALEMENTS" ? "SIGNALEMENTS" : "MEASURES",
    spstiId: cpom.spstiId,
    caisseSlug: cpom.caisseSlug,
    dreetsId: cpom.dreetsId,
    fromYear: years[0],
    toYear: years[years.length - 1],
  };
}

/**
 * The PDP source's own check of a basis it is given: the viewer belongs to
 * one of the CPOM's signatories. The SPSTI source checked it first; the PDP
 * source does not take its word for it.
 */
function signatory(viewer: Viewer | null, basis: IndicatorPdpBasis): boolean {
  if (!viewer) return false;
  const { type, id } = viewer.org;
  return (
    (type === "SPSTI" && id === basis.spstiId) ||
    (type === "CARSAT" && id === basis.caisseSlug) ||
    (type === "DREETS" && id === basis.dreetsId)
  );
}

/** The signalements between the SPSTI and its caisse's service social, each way: as its parties read them, exactly. */
export async function pdpSignalementsFor(
  basis: IndicatorPdpBasis | null,
  viewer: Viewer | null,
  pdp: Pick<PdpLoaders, "signalementsBetween">,
): Promise<SignalementCount[] | null> {
  if (basis?.figure !== "SIGNALEMENTS" || !signatory(viewer, basis)) return null;
  return pdp.signalementsBetween.load({
    spstiId: basis.spstiId,
    partnerId: basis.caisseSlug,
    years: { from: basis.fromYear, to: basis.toYear },
  });
}

/** The measures on the SPSTI's fiches, per type: exact for the SPSTI, as `pdpMeasures` publishes them for the others. */
export async function pdpMeasuresFor(
  basis: IndicatorPdpBasis | null,
  viewer: Viewer | null,
  pdp: Pick<PdpLoaders, "measureCountsFor">,
): Promise<MeasureCount[] | null> {
  if (basis?.figure !== "MEASURES" || !viewer || !signatory(viewer, basis)) return null;
  return pdp.measureCountsFor.load({
    years: { from: basis.fromYear, to: basis.toYear },
    orgId: basis.spstiId,
    exactFor: viewer.org.id,
  });
}
