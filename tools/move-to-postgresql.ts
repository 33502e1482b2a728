/**
 * `npm run db:to-postgresql`: moves the embedded database of DATA_DIR from
 * FerretDB's SQLite backend (the default before PostgreSQL) to PostgreSQL,
 * the default now. Stop the server first. The SQLite files are kept in
 * DATA_DIR/sqlite-before-postgresql/ (src/db/move-to-postgresql.ts).
 */
import { loadConfig } from "../src/config.js";
import { runningEmbedded } from "../src/db/open.js";
import { SQLITE_KEPT, moveToPostgresql, onSqlite } from "../src/db/move-to-postgresql.js";

const config = loadConfig();
if (config.mongodbUri) {
  console.error("MONGODB_URI is set: this command moves the embedded database only.");
  process.exit(1);
}
if (!onSqlite(config.dataDir)) {
  console.log(`${config.dataDir}/ holds no SQLite data to move (it is on PostgreSQL already, or empty).`);
  process.exit(0);
}
if (runningEmbedded(config.dataDir)) {
  console.error(`A server is running on ${config.dataDir}/: stop it first, so that no write is missed.`);
  process.exit(1);
}
const report = await moveToPostgresql(config.dataDir, (line) => console.log(line));
console.log(
  `Moved ${report.databases.reduce((a, d) => a + d.documents, 0)} documents to PostgreSQL in ${report.seconds.toFixed(1)} s; the SQLite files are kept in ${config.dataDir}/${SQLITE_KEPT}/.`,
);
