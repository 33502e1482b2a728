import type { GraphQLResolveInfo } from "graphql";
import type { Context } from "../src/context.js";
import { badInput } from "../src/errors.js";
import { parsePage, toConnection } from "../src/graphql/pagination.js";
import { ficheCursorKey, parseFicheCursorKey, withdrawalCursorKey } from "../src/sources/pdp/read/mapping.js";
import type * as I from "../src/sources/pdp/exchange/inputs.js";
import type { Fiche } from "../src/sources/pdp/types.js";
import { consentAudit } from "../src/sources/pdp/exchange/audit.js";
import { selectedSharedGroups } from "../src/sources/pdp/read/selection.js";

interface InboxArgs {
  status?: string[] | null;
  since?: string | null;
  first?: number | null;
  after?: string | null;
}

type WithdrawalArgs = Omit<InboxArgs, "status">;

/** Mutations of the fiche exchange: hand the input to the request's exchange service (rules, atomic write, diagnosis live there). */
const exchange = (ctx: Context) => ctx.loaders.pdp.exchange;

export const pdpExchangeResolvers = {
  Mutation: {
    createFicheDraft: (_: unknown, { input }: { input: I.CreateDraftInput }, ctx: Context) =>
      exchange(ctx).createDraft(input),
    updateFiche: (_: unknown, { input }: { input: I.UpdateInput }, ctx: Context) =>
      exchange(ctx).update(input),
    recordFicheConsent: async (_: unknown, { input }: { input: I.ConsentInput }, ctx: Context) => {
      const fiche = await exchange(ctx).recordConsent(input);
      ctx.audit.record(consentAudit("CONSENT_RECORDED", fiche, "recordFicheConsent"));
      return fiche;
    },
    withdrawFicheConsent: async (_: unknown, { input }: { input: I.WithdrawInput }, ctx: Context) => {
      // Null for a recipient partner: the fiche has left its rows; the withdrawal is traced all the same.
      const fiche = await exchange(ctx).withdrawConsent(input);
      ctx.audit.record(consentAudit("CONSENT_WITHDRAWN", fiche ?? { id: input.id }, "withdrawFicheConsent"));
      return fiche;
    },
    sendFiche: (_: unknown, { input }: { input: I.SendInput }, ctx: Context) => exchange(ctx).send(input),
    acknowledgeFiche: (_: unknown, { input }: { input: I.VersionedInput }, ctx: Context) =>
      exchange(ctx).acknowledge(input),
    addFicheAction: (_: unknown, { input }: { input: I.ActionInput }, ctx: Context) =>
      exchange(ctx).addAction(input),
    postFicheMessage: (_: unknown, { input }: { input: I.MessageInput }, ctx: Context) =>
      exchange(ctx).postMessage(input),
    closeFiche: (_: unknown, { input }: { input: I.CloseInput }, ctx: Context) => exchange(ctx).close(input),
  },
  Query: {
    inbox: async (_: unknown, args: InboxArgs, ctx: Context, info: GraphQLResolveInfo) => {
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
    consentWithdrawals: async (_: unknown, args: WithdrawalArgs, ctx: Context) => {
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
};
