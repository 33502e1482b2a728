import { mergeResolvers } from "@graphql-tools/merge";
import { baseResolvers } from "./base.js";
import { spstiResolvers } from "./spsti.js";
import { spstiCampaignResolvers } from "./spsti-campaign.js";
import { carsatResolvers } from "./carsat.js";
import { dreetsResolvers } from "./dreets.js";
import { pdpResolvers } from "./pdp.js";
import { pdpExchangeResolvers } from "./pdp-exchange.js";
import { pdpJoinsResolvers } from "./pdp-joins.js";
import { cpomFollowUpResolvers } from "./cpom-follow-up.js";
import { joinReferencesResolvers, joinTypesResolvers } from "./join-types.js";
import { carsatJoinsResolvers } from "./carsat-joins.js";
import { dreetsJoinsResolvers } from "./dreets-joins.js";
import { spstiJoinsResolvers } from "./spsti-joins.js";
import { auditResolvers } from "./audit.js";
import { datasetsResolvers } from "./datasets.js";

/** The explicit list of resolver maps: one per partner source, plus the joins. */
export const resolvers = mergeResolvers([
  baseResolvers,
  spstiResolvers,
  spstiCampaignResolvers,
  carsatResolvers,
  dreetsResolvers,
  pdpResolvers,
  pdpExchangeResolvers,
  pdpJoinsResolvers,
  cpomFollowUpResolvers,
  joinTypesResolvers,
  joinReferencesResolvers,
  carsatJoinsResolvers,
  dreetsJoinsResolvers,
  spstiJoinsResolvers,
  auditResolvers,
  datasetsResolvers,
]);
