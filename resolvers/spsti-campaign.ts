import type { Context } from "../src/context.js";
import type { Resolvers, ThemeCode } from "../src/graphql/generated/resolvers-types.js";
import { lateness } from "../src/sources/spsti/campaign/read.js";
import { REVIEWERS, type ReportDoc } from "../src/sources/spsti/campaign/types.js";
import { cpomThemes } from "../src/sources/spsti/campaign/rules.js";

/** Stored instants are Dates; the DateTime scalar is their ISO string. */
const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

/** The annex-4 campaign: reads and steps go to the request's campaign service (rules, atomic writes, party checks live there). */
const campaign = (ctx: Context) => ctx.loaders.annex4Campaign;

/** Each step is a change of a CPOM's follow-up: the audit trail names who made it, for the DPO. */
function audited(ctx: Context, mutation: string, report: ReportDoc): ReportDoc {
  ctx.audit.record({
    kind: "CPOM_CHANGED",
    ficheId: null,
    pseudonym: null,
    // The mutation, then the report it changed: `submitAnnex4Report.cpom-sstrn-2025:2025`.
    path: `${mutation}.${report._id}`,
  });
  return report;
}

export const spstiCampaignResolvers = {
  Query: {
    annex4Campaign: (_, { year }, ctx) => campaign(ctx).campaign(year),
    annex4Report: async (_, { cpomId, year }, ctx) =>
      campaign(ctx).report(await ctx.loaders.spsti.cpomById.load(cpomId), year),
  },
  Mutation: {
    saveAnnex4Report: async (_, { input }, ctx) =>
      audited(ctx, "saveAnnex4Report", await campaign(ctx).steps.save(input)),
    submitAnnex4Report: async (_, { input }, ctx) =>
      audited(ctx, "submitAnnex4Report", await campaign(ctx).steps.submit(input)),
    reviewAnnex4Report: async (_, { input }, ctx) =>
      audited(ctx, "reviewAnnex4Report", await campaign(ctx).steps.review(input)),
  },
  Annex4CampaignEntry: {
    spsti: (e, _, ctx) => ctx.loaders.spsti.spstiById.load(e.cpom.spstiId),
    submittedAt: (e) => iso(e.report?.firstSubmittedAt),
  },
  Annex4Report: {
    id: (r) => r._id,
    cpom: (r, _, ctx) => ctx.loaders.spsti.cpomById.load(r.cpomId),
    spsti: (r, _, ctx) => ctx.loaders.spsti.spstiById.load(r.spstiId),
    themes: async (r, _, ctx) =>
      cpomThemes(await ctx.loaders.spsti.actionsByCpom.load(r.cpomId)) as ThemeCode[],
    createdAt: (r) => r.createdAt.toISOString(),
    updatedAt: (r) => r.updatedAt.toISOString(),
    submittedAt: (r) => iso(r.submittedAt),
    firstSubmittedAt: (r) => iso(r.firstSubmittedAt),
    validatedAt: (r) => iso(r.validatedAt),
    late: (r) => lateness(r.dueBy, r.firstSubmittedAt, new Date()).late,
    daysLate: (r) => lateness(r.dueBy, r.firstSubmittedAt, new Date()).daysLate,
    reviews: (r) =>
      REVIEWERS.flatMap((reviewer) => {
        const review = r.reviews[reviewer];
        const organisationId = reviewer === "DREETS" ? r.dreetsId : r.caisseSlug;
        return review ? [{ ...review, reviewer, organisationId }] : [];
      }),
  },
  Annex4Review: {
    organisation: (v) => ({ type: v.reviewer, id: v.organisationId }),
    at: (v) => v.at.toISOString(),
  },
  Annex4ReportChange: {
    at: (c) => c.at.toISOString(),
    organisation: (c) => c.author.organisation,
    roles: (c) => c.author.roles as never,
  },
} satisfies Resolvers;
