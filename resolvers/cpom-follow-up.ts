import type { Context } from "../src/context.js";
import type {
  CpomActionResolvers,
  CpomBilanResolvers,
  FicheActionResolvers,
  Resolvers,
} from "../src/graphql/generated/resolvers-types.js";
import { followUpAudit, type FollowUpMutation } from "../src/sources/spsti/indicators/audit.js";

/**
 * The CPOM follow-up of the spsti source: indicators' definitions, bilans,
 * and the mutations. The rules (who is a party, who reports, who comments,
 * the write and its diagnosis) live in the request's follow-up service
 * (src/sources/spsti/indicators/); computed values are a join
 * (resolvers/spsti-joins.ts, `ActionIndicator.values`, with the PDP source's figures).
 */
const followUp = (ctx: Context) => ctx.loaders.cpomFollowUp;

/** Records the CPOM_CHANGED audit event of a change that was applied, then returns its result. */
function audited<T extends { id: string }>(ctx: Context, mutation: FollowUpMutation, item: T): T {
  for (const entry of followUpAudit(mutation, item.id)) ctx.audit.record(entry);
  return item;
}

/** Shared by CpomAction and the deprecated FicheAction (the same model). */
const actionFields = {
  indicators: (a, _, ctx) => followUp(ctx).indicators(a),
  bilans: (a, args, ctx) => followUp(ctx).actionBilans(a, args.year ?? null),
} satisfies CpomActionResolvers & FicheActionResolvers;

export const cpomFollowUpResolvers = {
  Mutation: {
    recordIndicatorValue: async (_, { input }, ctx) =>
      audited(ctx, "recordIndicatorValue", await followUp(ctx).recordValue(input)),
    recordActionBilan: async (_, { input }, ctx) =>
      audited(ctx, "recordActionBilan", await followUp(ctx).recordActionBilan(input)),
    recordCpomFinalBilan: async (_, { input }, ctx) =>
      audited(ctx, "recordCpomFinalBilan", await followUp(ctx).recordFinalBilan(input)),
    commentCpomFollowUp: async (_, { input }, ctx) => {
      const result = await followUp(ctx).comment(input);
      audited(ctx, "commentCpomFollowUp", (result.value ?? result.bilan)!);
      return result;
    },
  },
  Cpom: {
    finalBilan: (c, _, ctx) => followUp(ctx).finalBilan(c.id),
  },
  CpomAction: actionFields,
  FicheAction: actionFields,
  CpomBilan: {
    action: (b, _, ctx) => (b.actionId ? followUp(ctx).action(b.actionId) : null),
    cpom: (b, _, ctx) => ctx.loaders.spsti.cpomById.load(b.cpomId),
  } satisfies CpomBilanResolvers,
} satisfies Resolvers;
