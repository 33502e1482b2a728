import { mergeResolvers } from "@graphql-tools/merge";
import { baseResolvers } from "./base.js";

/** The explicit list of resolver maps: one per partner source, plus the joins. */
export const resolvers = mergeResolvers([baseResolvers]);
