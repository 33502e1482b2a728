/** Resolvers of the spsti source. */
export const spstiResolvers = {};
