/**
 * `npm run purge`: deletes the fiches de liaison closed more than
 * PDP_RETENTION_YEARS ago (default 2), keeping only their anonymous yearly
 * statistics, in the configured database (MONGODB_URI, or the embedded
 * FerretDB). Safe to run at any time, several times, and after a crash. The
 * server also runs it on a schedule (PURGE_INTERVAL_HOURS).
 */
import { loadConfig } from "../src/config.js";
import { openDatabase } from "../src/db/open.js";
import { purgeClosedFiches } from "../src/sources/pdp/purge/purge.js";
import { loadRetentionConfig } from "../src/sources/pdp/purge/schedule.js";

const retention = loadRetentionConfig();
// The banner of the embedded database goes to stderr: stdout carries the result only.
const opened = await openDatabase(loadConfig(), (line) => console.error(line));
try {
  const result = await purgeClosedFiches(opened.database.db, { retentionYears: retention.retentionYears });
  console.log(
    `Purged ${result.purged} fiches de liaison closed before ${result.cutoff.toISOString().slice(0, 10)} (retention ${retention.retentionYears} years); anonymous yearly statistics kept.`,
  );
} finally {
  await opened.close();
}
