import { parseSector, regionsOf } from "../src/domain/scope.js";
import type {
  Resolvers,
  SectorResolvers,
  TerritoryResolvers,
  ThemeResolvers,
} from "../src/graphql/generated/resolvers-types.js";
import { SUMER_INDICATORS } from "../src/sources/dreets/catalogue.js";
import { surveyQuery } from "./dreets.js";

/**
 * What the DREETS source answers about the join dimensions
 * (schema/dreets-joins.graphql): the same loaders and key builders as its
 * own root fields.
 */
const Sector = {
  sumer: (s, args, ctx) => ctx.loaders.dreets.sumerStats.load(surveyQuery(args, s.key, null)),
  evrest: (s, args, ctx) => ctx.loaders.dreets.evrestStats.load(surveyQuery(args, s.key, null)),
} satisfies SectorResolvers;

const Territory = {
  sumer: (t, args, ctx) =>
    ctx.loaders.dreets.sumerStats.load(
      surveyQuery(args, parseSector(args.sector, "sector"), regionsOf(t.key)),
    ),
} satisfies TerritoryResolvers;

const Theme = {
  sumerIndicators: (t) => SUMER_INDICATORS.filter((i) => t.sumerIndicators.includes(i.code)),
  sumer: (t, args, ctx) =>
    t.sumerIndicators.length === 0
      ? []
      : ctx.loaders.dreets.sumerStats.load(
          surveyQuery({ ...args, indicators: t.sumerIndicators }, parseSector(args.sector, "sector"), null),
        ),
} satisfies ThemeResolvers;

/** The DREETS source's join fields. */
export const dreetsJoinsResolvers = { Sector, Territory, Theme } satisfies Resolvers;
