import type { IResolvers } from "@graphql-tools/utils";
import { auditResolvers } from "../../resolvers/audit.js";
import { baseResolvers } from "../../resolvers/base.js";
import { carsatResolvers } from "../../resolvers/carsat.js";
import { carsatJoinsResolvers } from "../../resolvers/carsat-joins.js";
import { cpomFollowUpResolvers } from "../../resolvers/cpom-follow-up.js";
import { datasetsResolvers } from "../../resolvers/datasets.js";
import { dreetsResolvers } from "../../resolvers/dreets.js";
import { dreetsJoinsResolvers } from "../../resolvers/dreets-joins.js";
import { joinReferencesResolvers, joinTypesResolvers } from "../../resolvers/join-types.js";
import { pdpResolvers } from "../../resolvers/pdp.js";
import { pdpExchangeResolvers } from "../../resolvers/pdp-exchange.js";
import { pdpJoinsResolvers } from "../../resolvers/pdp-joins.js";
import { spstiResolvers } from "../../resolvers/spsti.js";
import { spstiCampaignResolvers } from "../../resolvers/spsti-campaign.js";
import { spstiJoinsResolvers } from "../../resolvers/spsti-joins.js";

import type { SubgraphName } from "./names.js";

export { SUBGRAPH_NAMES, type SubgraphName } from "./names.js";

export interface SubgraphDefinition {
  /** Its SDL files in schema/, in the order the single process reads them. */
  files: string[];
  /** Its resolver maps: the same objects the single process merges. */
  resolvers: IResolvers[];
}

/** Every subgraph: the directives, scalars, `about` and the reference nomenclatures. */
const COMMON = { files: ["_directives.graphql", "_base.graphql"], resolvers: [baseResolvers] };
/**
 * The sources that answer about sectors, territories and themes, import files,
 * and say where their figures come from: each lists its own datasets'
 * versions, which the gateway merges (src/gateway/datasets.ts).
 */
const JOINED = {
  files: ["_join-types.graphql", "_provenance.graphql", "datasets.graphql"],
  resolvers: [joinTypesResolvers, joinReferencesResolvers, datasetsResolvers],
};

function subgraph(groups: { files: string[]; resolvers: unknown[] }[]): SubgraphDefinition {
  return {
    files: groups.flatMap((g) => g.files).sort(),
    resolvers: groups.flatMap((g) => g.resolvers) as IResolvers[],
  };
}

/**
 * Which SDL files and resolvers make each partner's subgraph. Each file and
 * each resolver map belongs to one source, or to the shared groups above;
 * the single process reads them all (src/schema.ts), so every field has one
 * implementation whichever way it is served. tests/federation-schema.test.ts
 * checks that the composed supergraph serves the single process's API.
 */
export const SUBGRAPHS: Record<SubgraphName, SubgraphDefinition> = {
  carsat: subgraph([
    COMMON,
    JOINED,
    { files: ["carsat.graphql", "carsat-joins.graphql"], resolvers: [carsatResolvers, carsatJoinsResolvers] },
  ]),
  dreets: subgraph([
    COMMON,
    JOINED,
    { files: ["dreets.graphql", "dreets-joins.graphql"], resolvers: [dreetsResolvers, dreetsJoinsResolvers] },
  ]),
  spsti: subgraph([
    COMMON,
    JOINED,
    {
      files: [
        "spsti.graphql",
        "spsti-activity.graphql",
        "spsti-cpom.graphql",
        "spsti-indicators.graphql",
        "spsti-annex4-campaign.graphql",
        "spsti-joins.graphql",
        "_pdp-figures.graphql",
      ],
      resolvers: [spstiResolvers, spstiCampaignResolvers, cpomFollowUpResolvers, spstiJoinsResolvers],
    },
  ]),
  // The PDP cells' fiches, and the audit trail of every read of them (it stays with the data it traces).
  pdp: subgraph([
    COMMON,
    {
      files: [
        "pdp.graphql",
        "pdp-enums.graphql",
        "_pdp-figures.graphql",
        "pdp-joins.graphql",
        "pdp-exchange.graphql",
        "audit.graphql",
      ],
      resolvers: [pdpResolvers, pdpExchangeResolvers, pdpJoinsResolvers, auditResolvers],
    },
  ]),
};
