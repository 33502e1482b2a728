import type { Context } from "../src/context.js";
import { badInput } from "../src/errors.js";
import type { Resolvers } from "../src/graphql/generated/resolvers-types.js";

/** Provenance of the imported data: parse, load. The organisation rule is bound to the loaders. */
export const datasetsResolvers = {
  Query: {
    datasets: (_, args, ctx) => ctx.loaders.imports.served.load(args.dataset ?? ""),
    myImports: (_, args, ctx) => {
      const first = args.first ?? 50;
      if (!Number.isInteger(first) || first < 1 || first > ctx.config.maxPageSize)
        throw badInput(`first must be between 1 and ${ctx.config.maxPageSize}`, "first");
      return ctx.loaders.imports.mine.load({ dataset: args.dataset ?? null, limit: first });
    },
  },
} satisfies Resolvers;

/** The provenance of an aggregate row: its versions' ids through one batched loader (no N+1 over rows). */
export async function versionsOf(ids: readonly string[], ctx: Context) {
  const found = await Promise.all(ids.map((id) => ctx.loaders.imports.byId.load(id)));
  return found.filter((v) => v !== null);
}
