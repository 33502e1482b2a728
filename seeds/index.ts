import type { Db } from "mongodb";
import { newSeedContext, type SeedScale } from "./context.js";
import { seedSpsti } from "./spsti.js";
import { seedCarsat } from "./carsat.js";
import { seedDreets } from "./dreets.js";
import { seedPdp } from "./pdp.js";
import { ensureIndexes } from "../src/db/indexes.js";
import { markImportedData, seedVersion } from "../src/db/imported-reads.js";

const META = "meta";

export interface SeedInfo {
  scale: SeedScale;
  documents: number;
  seconds: number;
  seededAt: string;
}

/**
 * Writes the fictitious data of one scale into an empty database. The order
 * matters: the PDP fiches point at establishments the SPSTI seed created.
 * The meta document is written last, so a half-seeded database is never
 * mistaken for a complete one (it is wiped and seeded again on next start).
 */
export async function seedDatabase(db: Db, scale: SeedScale): Promise<SeedInfo> {
  const started = performance.now();
  await db.dropDatabase();
  const ctx = newSeedContext(db, scale);
  let documents = 0;
  documents += await seedSpsti({ ...ctx, rng: ctx.rng.fork("spsti") });
  documents += await seedCarsat({ ...ctx, rng: ctx.rng.fork("carsat") });
  documents += await seedDreets({ ...ctx, rng: ctx.rng.fork("dreets") });
  documents += await seedPdp({ ...ctx, rng: ctx.rng.fork("pdp") });
  await ensureIndexes(db);
  const info: SeedInfo = { scale, documents, seconds: (performance.now() - started) / 1000, seededAt: new Date().toISOString() };
  await db.collection<{ _id: string }>(META).insertOne({ _id: "seed", ...info });
  // A new version of the imported data: read caches drop what they held (src/db/read-cache.ts).
  await markImportedData(db, seedVersion(info));
  return info;
}

export async function readSeedInfo(db: Db): Promise<SeedInfo | null> {
  const doc = await db.collection<{ _id: string } & SeedInfo>(META).findOne({ _id: "seed" });
  if (!doc) return null;
  const { _id, ...info } = doc;
  return info;
}
