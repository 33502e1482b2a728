import { insertChunked, type SeedContext } from "./context.js";
import { CARSAT_COLLECTIONS } from "../src/sources/carsat/types.js";
import { atFactDocs } from "./carsat-at.js";
import { demographyDocs } from "./carsat-demography.js";
import { establishmentDocs } from "./carsat-establishments.js";
import { caissesOfScale, pickSubclasses } from "./carsat-model.js";
import { mpDocs } from "./carsat-mp.js";

/**
 * Seeds the carsat source (fictitious AT/MP statistics of the caisses
 * régionales); returns the number of documents written. Scale "region" =
 * Carsat Pays de la Loire only; "national" = the 21 caisses, same subclasses.
 */
export async function seedCarsat(ctx: SeedContext): Promise<number> {
  const { subclasses, divisionRisk } = pickSubclasses(ctx.rng.fork("subclasses"));
  const { at, trajet } = atFactDocs(ctx.rng.fork("at"), caissesOfScale(ctx.scale), subclasses);
  const collections: [string, object[]][] = [
    [CARSAT_COLLECTIONS.at, at],
    [CARSAT_COLLECTIONS.trajet, trajet],
    [CARSAT_COLLECTIONS.atDemography, demographyDocs(at)],
    [CARSAT_COLLECTIONS.mp, mpDocs(ctx.rng.fork("mp"), at, subclasses)],
    [CARSAT_COLLECTIONS.establishment, establishmentDocs(ctx.rng.fork("establishments"), ctx.shared.establishments, subclasses, divisionRisk)],
  ];
  let written = 0;
  for (const [name, docs] of collections) if (docs.length > 0) written += await insertChunked(ctx.db, name, docs);
  return written;
}
