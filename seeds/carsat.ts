import { insertChunked, type SeedContext } from "./context.js";
import { CARSAT_COLLECTIONS } from "../src/sources/carsat/types.js";
import { atFactDocs } from "./carsat-at.js";
import { addCauses } from "./carsat-causes.js";
import { demographyDocs } from "./carsat-demography.js";
import { establishmentDocs } from "./carsat-establishments.js";
import { caissesOfScale, pickSubclasses } from "./carsat-model.js";
import { mpDocs } from "./carsat-mp.js";
import { nationalDocs } from "./carsat-national.js";

/**
 * Seeds the carsat source (fictitious AT/MP statistics of the caisses
 * régionales); returns the number of documents written. Scale "region" =
 * Carsat Pays de la Loire only; "national" = the 21 caisses, same subclasses.
 * AT, trajet and MP also get the nation's own rows (caisse FR), summed from
 * the caisses' rows; the demography is derived from the caisses' rows only.
 */
export async function seedCarsat(ctx: SeedContext): Promise<number> {
  const { subclasses, divisionRisk } = pickSubclasses(ctx.rng.fork("subclasses"));
  const { at, trajet } = atFactDocs(ctx.rng.fork("at"), caissesOfScale(ctx.scale), subclasses);
  addCauses(ctx.rng.fork("at-causes"), at);
  const mp = mpDocs(ctx.rng.fork("mp"), at, subclasses);
  const collections: [string, object[]][] = [
    [CARSAT_COLLECTIONS.at, [...at, ...nationalDocs(at)]],
    [CARSAT_COLLECTIONS.trajet, [...trajet, ...nationalDocs(trajet)]],
    [CARSAT_COLLECTIONS.atDemography, demographyDocs(at)],
    [CARSAT_COLLECTIONS.mp, [...mp, ...nationalDocs(mp)]],
    [
      CARSAT_COLLECTIONS.establishment,
      establishmentDocs(ctx.rng.fork("establishments"), ctx.shared.establishments, subclasses, divisionRisk),
    ],
  ];
  let written = 0;
  for (const [name, docs] of collections)
    if (docs.length > 0) written += await insertChunked(ctx, name, docs);
  return written;
}
