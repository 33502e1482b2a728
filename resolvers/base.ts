import { scalarResolvers } from "../src/graphql/scalars.js";
import type { Resolvers } from "../src/graphql/generated/resolvers-types.js";
import { caisses, nafEntry } from "../src/domain/reference.js";

/** Scalars, `about`, and the reference nomenclatures (in-memory public data). */
export const baseResolvers = {
  ...scalarResolvers,
  Query: {
    about: (_, __, ctx) => ctx.about,
  },
  Naf: {
    parent: (n) => (n.parent ? nafEntry(n.parent) : null),
  },
  Region: {
    caisses: (r) => caisses.filter((c) => c.regions.includes(r.code)),
  },
  Caisse: {
    regionCodes: (c) => c.regions,
  },
} satisfies Resolvers;
