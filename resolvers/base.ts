import type { Context } from "../src/context.js";
import { scalarResolvers } from "../src/graphql/scalars.js";
import { caisses, nafEntry, type Caisse, type NafEntry, type Region } from "../src/domain/reference.js";

/** Scalars, `about`, and the reference nomenclatures (in-memory public data). */
export const baseResolvers = {
  ...scalarResolvers,
  Query: {
    about: (_: unknown, __: unknown, ctx: Context) => ctx.about,
  },
  Naf: {
    parent: (n: NafEntry) => (n.parent ? nafEntry(n.parent) : null),
  },
  Region: {
    caisses: (r: Region) => caisses.filter((c) => c.regions.includes(r.code)),
  },
  Caisse: {
    regionCodes: (c: Caisse) => c.regions,
  },
};
