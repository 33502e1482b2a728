/** Resolvers of the carsat source. */
export const carsatResolvers = {};
