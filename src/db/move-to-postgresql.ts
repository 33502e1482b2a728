import { chmodSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { copyDatabase } from "./copy-database.js";
import { startEmbeddedDatabase } from "./ferretdb.js";
import { connectDatabase } from "./mongo.js";

/** Where the SQLite files go once their data is on PostgreSQL: kept, never deleted. */
export const SQLITE_KEPT = "sqlite-before-postgresql";
const STAGING = ".to-postgresql";

export interface MoveReport {
  databases: { name: string; collections: number; documents: number }[];
  seconds: number;
}

/**
 * Moves an embedded database from FerretDB's SQLite backend to its
 * PostgreSQL backend, losing nothing:
 * 1. the data is copied into a new cluster in `<dataDir>/.to-postgresql/`,
 *    and every collection's count is checked against the source;
 * 2. only then is the cluster renamed into `<dataDir>/postgresql/` (one
 *    rename: from then on a start chooses PostgreSQL, embedded-backend.ts);
 * 3. the SQLite files are moved, untouched, into `<dataDir>/sqlite-before-postgresql/`.
 * A crash before 2 leaves SQLite in use, as before; the next run starts the
 * copy again. No server may run on the folder meanwhile (the caller checks).
 */
export async function moveToPostgresql(dataDir: string, log: (line: string) => void): Promise<MoveReport> {
  const started = performance.now();
  const staging = path.join(dataDir, STAGING);
  rmSync(staging, { recursive: true, force: true }); // an interrupted earlier copy: ours, never the data
  mkdirSync(staging, { recursive: true });
  // As root, PostgreSQL runs as the user postgres, which must traverse the folder (not list it).
  if (process.getuid?.() === 0) chmodSync(dataDir, 0o711);
  const source = await startEmbeddedDatabase(dataDir, log, undefined, "sqlite");
  const target = await startEmbeddedDatabase(staging, log, undefined, "postgresql").catch(async (err) => {
    await source.stop();
    throw err;
  });
  const report: MoveReport = { databases: [], seconds: 0 };
  try {
    const from = await connectDatabase(source.uri, "admin");
    const to = await connectDatabase(target.uri, "admin");
    try {
      const { databases } = await from.db.admin().listDatabases({ nameOnly: true });
      for (const { name } of databases) {
        if (name === "admin" || name === "local" || name === "config") continue;
        const copied = await copyDatabase(from.client.db(name), to.client.db(name));
        for (const [collection, n] of copied) {
          const there = await to.client.db(name).collection(collection).countDocuments({});
          if (there !== n)
            throw new Error(`${name}.${collection}: ${n} documents read, ${there} on PostgreSQL`);
        }
        const documents = [...copied.values()].reduce((a, b) => a + b, 0);
        report.databases.push({ name, collections: copied.size, documents });
        log(`  ${name}: ${copied.size} collections, ${documents} documents copied and counted`);
      }
    } finally {
      await from.close();
      await to.close();
    }
  } finally {
    await target.stop();
    await source.stop();
  }
  renameSync(path.join(staging, "postgresql"), path.join(dataDir, "postgresql"));
  const kept = path.join(dataDir, SQLITE_KEPT);
  mkdirSync(kept, { recursive: true });
  for (const name of readdirSync(dataDir))
    if (/\.sqlite(-wal|-shm|-journal)?$/.test(name))
      renameSync(path.join(dataDir, name), path.join(kept, name));
  rmSync(staging, { recursive: true, force: true });
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

/** Whether `dataDir` holds SQLite data and no PostgreSQL cluster yet. */
export function onSqlite(dataDir: string): boolean {
  if (!existsSync(dataDir) || existsSync(path.join(dataDir, "postgresql"))) return false;
  return readdirSync(dataDir).some((name) => name.endsWith(".sqlite"));
}
