import { badInput } from "../src/errors.js";
import type { Resolvers } from "../src/graphql/generated/resolvers-types.js";
import { parsePage, toConnection } from "../src/graphql/pagination.js";
import { auditCursorKey, parseAuditCursorKey } from "../src/sources/audit/repository.js";

/** Resolvers of the audit trail: parse, load, map. The organisation filter is bound to the loaders. */
export const auditResolvers = {
  Query: {
    auditTrail: async (_, args, ctx) => {
      const page = parsePage(args, ctx.config.maxPageSize);
      if (page.after !== null && !parseAuditCursorKey(page.after))
        throw badInput("after is not a cursor returned by auditTrail", "after");
      const from = args.from ?? null;
      const to = args.to ?? null;
      if (from !== null && to !== null && from > to) throw badInput("to must not be before from", "to");
      const { rows, totalCount } = await ctx.loaders.audit.eventPage.load({
        from,
        to,
        limit: page.limit,
        after: page.after,
      });
      return { ...toConnection(rows, page.limit, auditCursorKey), totalCount };
    },
  },
  AuditEvent: {
    organisation: (e) => ({ type: e.orgType, id: e.orgId }),
  },
} satisfies Resolvers;
