/**
 * `npm run seed -- [--scale region|national] [--drop <database>] [--if-empty]`:
 * loads the fictitious demo data into the configured database (MONGODB_URI,
 * or the embedded FerretDB).
 * - Into an empty database only. A database that holds anything is refused
 *   (exit 2), unless --drop names it exactly: then it is wiped first.
 * - --if-empty (what `npm start` runs first): seed an empty database, and
 *   leave any other one alone, with exit 0. Never in production.
 */
import { protectCurrent } from "../src/imports/protect.js";
import { DATASETS } from "../src/imports/catalogue.js";
import { disclosureConfig, gridsFor } from "../src/privacy/disclosure-config.js";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.js";
import { openDatabase } from "../src/db/open.js";
import { isEmptyDatabase, readSeedInfo } from "../src/db/meta.js";
import { loadRetentionConfig } from "../src/sources/pdp/purge/schedule.js";
import { DatabaseNotEmpty, seedDatabase } from "./index.js";

const { values: args } = parseArgs({
  options: {
    scale: { type: "string" },
    drop: { type: "string" },
    "if-empty": { type: "boolean", default: false },
  },
});
const scale = args.scale ?? process.env.SEED_SCALE ?? "region";
if (scale !== "region" && scale !== "national") {
  console.error('--scale must be "region" or "national"');
  process.exit(2);
}
const config = loadConfig();
if (args["if-empty"] && process.env.NODE_ENV === "production") {
  console.log("NODE_ENV=production: the demo seed is never loaded.");
  process.exit(0);
}
const opened = await openDatabase(config);
const db = opened.database.db;
let status = 0;
try {
  if (args["if-empty"] && !(await isEmptyDatabase(db))) {
    const seed = await readSeedInfo(db);
    console.log(
      seed
        ? `Demo data (${seed.scale} seed) already loaded.`
        : `The database "${db.databaseName}" holds data: the demo seed is not loaded.`,
    );
  } else {
    if (args["if-empty"]) console.log(`Empty database: loading the "${scale}" demo seed (fictitious data)…`);
    // A server purges closed fiches past retention as soon as it starts: the seed applies the same retention now.
    const retention = { now: new Date(), retentionYears: loadRetentionConfig().retentionYears };
    // SUBGRAPH=<source>: a partner's subgraph database gets its own source's data only.
    const subgraph = config.subgraph?.name;
    const info = await seedDatabase(db, scale, { drop: args.drop, retention, subgraph });
    console.log(
      `Seeded ${info.documents} documents (${scale}${subgraph ? `, ${subgraph} only` : ""}) in ${info.seconds.toFixed(1)} s: ${Math.round(info.documents / info.seconds)} documents/s.`,
    );
    // When the protected grids are on, compute them now rather than on the first request.
    const disclosure = disclosureConfig(config.smallCountThreshold, gridsFor(config, db));
    const datasets = DATASETS.filter((d) => !subgraph || d.source === subgraph);
    for (const p of await protectCurrent(db, disclosure, datasets))
      console.log(`Protected the publication grid of ${p.dataset} in ${p.seconds.toFixed(1)} s.`);
  }
} catch (err) {
  if (!(err instanceof DatabaseNotEmpty)) throw err;
  console.error(err.message);
  status = 2;
} finally {
  await opened.close();
}
process.exit(status);
