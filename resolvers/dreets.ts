/** Resolvers of the dreets source. */
export const dreetsResolvers = {};
