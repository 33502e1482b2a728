import type { Db } from "mongodb";
import { loadConfig } from "../src/config.js";
import { copyDatabase } from "../src/db/copy-database.js";
import { ensureIndexes } from "../src/db/indexes.js";
import { DATASETS } from "../src/imports/catalogue.js";
import { protectCurrent } from "../src/imports/protect.js";
import { disclosureConfig, gridsFor } from "../src/privacy/disclosure-config.js";
import { seedDatabase } from "../seeds/index.js";

/**
 * The region seed as `npm start` leaves it: the demo data, then the
 * protected publication grids computed and stored (seeds/cli.ts does the
 * same). Computed once per test run (global-setup.ts), then copied into
 * each test file's database: the grids of the region seed take about 25 s
 * of CPU, too much to pay in every file, and a copy is the very same data.
 */
export async function writeTemplate(db: Db): Promise<void> {
  await seedDatabase(db, "region");
  const config = loadConfig({});
  await protectCurrent(db, disclosureConfig(config.smallCountThreshold, gridsFor(config, db)), DATASETS);
}

/** Copies every document of `from` into the empty `to`, then builds the indexes the seed builds. */
export async function copyTemplate(from: Db, to: Db): Promise<void> {
  await copyDatabase(from, to);
  await ensureIndexes(to);
}
