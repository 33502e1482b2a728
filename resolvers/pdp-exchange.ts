import type { Context } from "../src/context.js";
import { badInput } from "../src/errors.js";
import type { Resolvers } from "../src/graphql/generated/resolvers-types.js";
import { parsePage, toConnection } from "../src/graphql/pagination.js";
import { ficheCursorKey, parseFicheCursorKey, withdrawalCursorKey } from "../src/sources/pdp/read/mapping.js";
import type { Fiche } from "../src/sources/pdp/types.js";
import { consentAudit } from "../src/sources/pdp/exchange/audit.js";
import { selectedSharedGroups } from "../src/sources/pdp/read/selection.js";

/** Mutations of the fiche exchange: hand the input to the request's exchange service (rules, atomic write, diagnosis live there). */
const exchange = (ctx: Context) => ctx.loaders.pdp.exchange;

export const pdpExchangeResolvers = {
  Mutation: {
    createFicheDraft: (_, { input }, ctx) => exchange(ctx).createDraft(input),
    updateFiche: (_, { input }, ctx) => exchange(ctx).update(input),
    recordFicheConsent: async (_, { input }, ctx) => {
      const fiche = await exchange(ctx).recordConsent(input);
      ctx.audit.record(consentAudit("CONSENT_RECORDED", fiche, "recordFicheConsent"));
      return fiche;
    },
    withdrawFicheConsent: async (_, { input }, ctx) => {
      // Null for a recipient partner: the fiche has left its rows; the withdrawal is traced all the same.
      const fiche = await exchange(ctx).withdrawConsent(input);
      ctx.audit.record(consentAudit("CONSENT_WITHDRAWN", fiche ?? { id: input.id }, "withdrawFicheConsent"));
      return fiche;
    },
    sendFiche: (_, { input }, ctx) => exchange(ctx).send(input),
    acknowledgeFiche: (_, { input }, ctx) => exchange(ctx).acknowledge(input),
    addFicheAction: (_, { input }, ctx) => exchange(ctx).addAction(input),
    postFicheMessage: (_, { input }, ctx) => exchange(ctx).postMessage(input),
    closeFiche: (_, { input }, ctx) => exchange(ctx).close(input),
  },
  Query: {
    inbox: async (_, args, ctx, info) => {
      const page = parsePage(args, ctx.config.maxPageSize);
      if (page.after !== null && !parseFicheCursorKey(page.after))
        throw badInput("after is not a cursor returned by inbox", "after");
      if (args.status?.length === 0)
        throw badInput("status: give at least one status, or leave it out", "status");
      // As for fichesLiaison: the owning SPSTI's page may project the consent-scoped groups selected (the documented capability).
      const groups = ctx.access.prefetchFicheGroups ? selectedSharedGroups(info, ["nodes"]) : [];
      const query = {
        status: args.status ?? null,
        updatedSince: args.since ?? null,
        limit: page.limit,
        after: page.after,
        groups,
      };
      const { rows, totalCount } = await ctx.loaders.pdp.inboxPage.load(query);
      return { ...toConnection<Fiche>(rows, page.limit, ficheCursorKey), totalCount };
    },
    consentWithdrawals: async (_, args, ctx) => {
      const page = parsePage(args, ctx.config.maxPageSize);
      if (page.after !== null && !parseFicheCursorKey(page.after))
        throw badInput("after is not a cursor returned by consentWithdrawals", "after");
      const { rows, totalCount } = await ctx.loaders.pdp.withdrawalPage.load({
        since: args.since ?? null,
        limit: page.limit,
        after: page.after,
      });
      return { ...toConnection(rows, page.limit, withdrawalCursorKey), totalCount };
    },
  },
} satisfies Resolvers;
