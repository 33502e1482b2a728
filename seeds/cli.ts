/**
 * `npm run seed -- [--scale region|national]`: wipes and reseeds the
 * configured database (MONGODB_URI, or the embedded FerretDB).
 */
import { loadConfig } from "../src/config.js";
import { openDatabase } from "../src/db/open.js";
import { seedDatabase } from "./index.js";

const args = process.argv.slice(2);
const i = args.indexOf("--scale");
const scale = i >= 0 ? args[i + 1] : (process.env.SEED_SCALE ?? "region");
if (scale !== "region" && scale !== "national") {
  console.error('--scale must be "region" or "national"');
  process.exit(2);
}
const config = loadConfig();
const opened = await openDatabase(config);
try {
  const info = await seedDatabase(opened.database.db, scale);
  console.log(`Seeded ${info.documents} documents (${scale}) in ${info.seconds.toFixed(1)} s: ${Math.round(info.documents / info.seconds)} documents/s.`);
} finally {
  await opened.close();
}
