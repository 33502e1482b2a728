import { ensureFicheShape } from "../src/sources/pdp/fiche-shape.js";
import type { Db } from "mongodb";
import { ownerOfCollection, type SubgraphName } from "../src/federation/names.js";
import { newSeedContext, type SeedScale } from "./context.js";
import { seedSpsti } from "./spsti.js";
import { seedCarsat } from "./carsat.js";
import { seedDreets } from "./dreets.js";
import { seedPdp } from "./pdp.js";
import { ensureIndexes } from "../src/db/indexes.js";
import { commitSeedVersions } from "../src/imports/seed-versions.js";
import { newImportId } from "../src/imports/commit.js";
import { isEmptyDatabase, META, type SeedInfo } from "../src/db/meta.js";
import { purgeClosedFiches } from "../src/sources/pdp/purge/purge.js";

export type { SeedInfo };

/** Raised instead of writing into a database that already holds something. */
export class DatabaseNotEmpty extends Error {
  constructor(readonly dbName: string) {
    super(
      `The database "${dbName}" is not empty: the demo seed writes only into a database that holds no collection at all.\n` +
        `To wipe it and load the demo data anyway, name it: --drop ${dbName}`,
    );
    this.name = "DatabaseNotEmpty";
  }
}

export interface SeedOptions {
  /**
   * Wipe the database first, only when this is exactly its name. Anything
   * else (or nothing) leaves a non-empty database untouched: it may hold a
   * partner's data, which nothing may drop by accident.
   */
  drop?: string;
  /**
   * Apply the PDP retention as of `now` to the fiches just written, so that
   * a server starting right after purges nothing the seed wrote (npm start).
   * Tests leave it out: their fixtures must not depend on today's date.
   */
  retention?: { now: Date; retentionYears: number };
  /** Only this partner's source, for its subgraph's own database (docs/federation.md); all four when unset. */
  subgraph?: SubgraphName;
}

/**
 * Writes the fictitious data of one scale into an empty database. The order
 * matters: the PDP fiches point at establishments the SPSTI seed created.
 * The meta document is written last, so a half-seeded database is never
 * mistaken for a complete one.
 */
export async function seedDatabase(db: Db, scale: SeedScale, opts: SeedOptions = {}): Promise<SeedInfo> {
  const started = performance.now();
  if (!(await isEmptyDatabase(db))) {
    if (opts.drop !== db.databaseName) throw new DatabaseNotEmpty(db.databaseName);
    await db.dropDatabase();
  }
  const only = opts.subgraph;
  const ctx = {
    ...newSeedContext(db, scale, newImportId()),
    ...(only ? { keep: (collection: string) => ownerOfCollection(collection) === only } : {}),
  };
  let documents = 0;
  documents += await seedSpsti({ ...ctx, rng: ctx.rng.fork("spsti") });
  documents += await seedCarsat({ ...ctx, rng: ctx.rng.fork("carsat") });
  documents += await seedDreets({ ...ctx, rng: ctx.rng.fork("dreets") });
  documents += await seedPdp({ ...ctx, rng: ctx.rng.fork("pdp") });
  const pdp = !only || only === "pdp";
  if (opts.retention && pdp) await purgeClosedFiches(db, opts.retention);
  await ensureIndexes(db, only ?? null);
  if (pdp) await ensureFicheShape(db); // its fiches have the current shape already: this only records it
  const info: SeedInfo = {
    scale,
    ...(only ? { subgraph: only } : {}),
    documents,
    seconds: (performance.now() - started) / 1000,
    seededAt: new Date().toISOString(),
  };
  // The demo data becomes current like an import: one version per dataset, with its provenance.
  await commitSeedVersions(db, ctx.version, `demo seed (${scale}, fictitious)`);
  await db.collection<{ _id: string }>(META).insertOne({ _id: "seed", ...info });
  return info;
}
