/** Resolvers of the pdp source. */
export const pdpResolvers = {};
