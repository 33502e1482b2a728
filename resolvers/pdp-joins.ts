import type { Context } from "../src/context.js";
import { pdpMeasuresFor, pdpSignalementsFor, type IndicatorPdpBasis } from "../src/joins/indicator-pdp.js";
import { entity } from "./join-types.js";

/** What the PDP subgraph receives of a CPOM indicator: its id and the basis the SPSTI source named. */
interface IndicatorReference {
  id: string;
  pdpBasis?: IndicatorPdpBasis | null;
}

/**
 * The PDP source's figures for a CPOM indicator computed from its fiches
 * (schema/pdp-joins.graphql): read with its own loaders and rules for the
 * basis the SPSTI subgraph gave, which it checks again (src/joins/indicator-pdp.ts).
 * The single process never reaches these fields (they are internal to the federation).
 */
export const pdpJoinsResolvers = {
  ActionIndicator: {
    ...entity((ref: IndicatorReference) => ref),
    pdpSignalements: (i: IndicatorReference, _: unknown, ctx: Context) =>
      pdpSignalementsFor(i.pdpBasis ?? null, ctx.access.viewer, ctx.loaders.pdp),
    pdpMeasures: (i: IndicatorReference, _: unknown, ctx: Context) =>
      pdpMeasuresFor(i.pdpBasis ?? null, ctx.access.viewer, ctx.loaders.pdp),
  },
};
