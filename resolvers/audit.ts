import type { Context } from "../src/context.js";
import { badInput } from "../src/errors.js";
import { parsePage, toConnection } from "../src/graphql/pagination.js";
import { auditCursorKey, parseAuditCursorKey } from "../src/sources/audit/repository.js";
import type { AuditEvent } from "../src/sources/audit/types.js";

interface AuditTrailArgs {
  from?: string | null;
  to?: string | null;
  first?: number | null;
  after?: string | null;
}

/** Resolvers of the audit trail: parse, load, map. The organisation filter is bound to the loaders. */
export const auditResolvers = {
  Query: {
    auditTrail: async (_: unknown, args: AuditTrailArgs, ctx: Context) => {
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
    organisation: (e: AuditEvent) => ({ type: e.orgType, id: e.orgId }),
  },
};
