import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "../src/db/ferretdb.js";
import type { EmbeddedBackend } from "../src/db/embedded-backend.js";
import { connectDatabase, type Database } from "../src/db/mongo.js";
import { seedDatabase } from "../seeds/index.js";
import { readSeedInfo, type SeedInfo } from "../src/db/meta.js";
import { markSeededData } from "../src/db/imported-reads.js";
import { ensureFicheShape } from "../src/sources/pdp/fiche-shape.js";
import type { SeedScale } from "../seeds/context.js";
import { loadConfig } from "../src/config.js";
import { DATASETS } from "../src/imports/catalogue.js";
import { protectCurrent } from "../src/imports/protect.js";
import { disclosureConfig, gridsFor } from "../src/privacy/disclosure-config.js";

/**
 * Every dataset with a protected publication grid has it computed once with
 * the seed and stored, as the seed CLI does, so that no measured request
 * computes one: the README dashboards read AT, MP (tableau 57) and the AT
 * age × sex figures. At national scale this takes about 28 minutes for AT
 * alone on the 2-core machine (docs/performance.md), once per bench database.
 */

/**
 * The benchmark's database: the embedded FerretDB on a data directory of its
 * own (.cache/bench-<scale>-<backend>, git-ignored), seeded once and reused
 * while its meta document says it holds that scale. Building the national seed takes
 * minutes; reusing it keeps `npm run bench` within its ten-minute budget.
 */

const root = path.resolve(fileURLToPath(new URL("..", import.meta.url)));
export const DB_NAME = "passerelle";

export interface BenchDatabase {
  uri: string;
  database: Database;
  embedded: EmbeddedDatabase;
  seed: SeedInfo;
  /** True when this run built the seed (false: reused from the cache). */
  built: boolean;
  /** Set when the seed generators changed since the cached data was built. */
  staleWarning: string | null;
  close(): Promise<void>;
}

/** A fingerprint of the seed generators, to warn when cached data no longer matches them. */
function seedFingerprint(): string {
  const hash = createHash("sha256");
  const dir = path.join(root, "seeds");
  for (const f of readdirSync(dir, { recursive: true }).map(String).sort()) {
    const file = path.join(dir, f);
    if (/\.(ts|json|csv)$/.test(f)) hash.update(f).update(readFileSync(file));
  }
  return hash.digest("hex").slice(0, 16);
}

/** Opens (and seeds when needed) the cached database of a scale. */
export async function openBenchDatabase(
  scale: SeedScale,
  opts: { reseed?: boolean; log?: (l: string) => void; backend?: EmbeddedBackend; protect?: boolean } = {},
): Promise<BenchDatabase> {
  const log = opts.log ?? console.log;
  const backend = opts.backend ?? "postgresql";
  const dataDir = path.join(root, ".cache", `bench-${scale}-${backend}`);
  const stamp = path.join(dataDir, "seed-fingerprint.txt");
  if (opts.reseed) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const embedded = await startEmbeddedDatabase(dataDir, log, undefined, backend);
  const database = await connectDatabase(embedded.uri, DB_NAME);
  const close = async () => {
    await database.close();
    await embedded.stop();
  };
  try {
    const fingerprint = seedFingerprint();
    let seed = await readSeedInfo(database.db);
    let built = false;
    if (seed?.scale !== scale) {
      log(`Building the ${scale} seed in ${path.relative(root, dataDir)}/ (once; reused by later runs)…`);
      seed = await seedDatabase(database.db, scale, { drop: DB_NAME }); // the bench's own database
      writeFileSync(stamp, fingerprint);
      built = true;
      log(
        `  ${seed.documents} documents in ${seed.seconds.toFixed(1)} s (${Math.round(seed.documents / seed.seconds)} documents/s)`,
      );
    }
    await markSeededData(database.db, seed); // a cache built before the version marker existed
    await ensureFicheShape(database.db); // as a server's start does (src/main.ts)
    const config = loadConfig({});
    const disclosure = disclosureConfig(config.smallCountThreshold, gridsFor(config, database.db));
    const gridded = DATASETS.filter((d) => d.grid);
    // A run of workloads that read no grid (the PDP exchange) does not wait for one.
    for (const p of opts.protect === false ? [] : await protectCurrent(database.db, disclosure, gridded))
      if (p.seconds > 1)
        log(`  protected the publication grid of ${p.dataset} in ${p.seconds.toFixed(1)} s (once)`);
    const cached = existsSync(stamp) ? readFileSync(stamp, "utf8").trim() : null;
    const staleWarning =
      cached === fingerprint
        ? null
        : `the seed generators changed since ${seed.seededAt}: run with --reseed for figures on the current data`;
    return { uri: embedded.uri, database, embedded, seed, built, staleWarning, close };
  } catch (err) {
    await close();
    throw err;
  }
}
