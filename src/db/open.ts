import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Config } from "../config.js";
import { connectDatabase, type Database } from "./mongo.js";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "./ferretdb.js";

export interface OpenedDatabase {
  database: Database;
  embedded: EmbeddedDatabase | null;
  /** Where the data lives, for the start-up banner (never with credentials). */
  description: string;
  close(): Promise<void>;
}

/**
 * MONGODB_URI when set, else the embedded FerretDB in config.dataDir: the
 * one another process (a running server) already serves from that folder,
 * or a new one. Two FerretDB processes must never share the SQLite files:
 * each keeps its own cache of the collections, and would not see the
 * other's new ones. So the first writes its address beside the files.
 */
export async function openDatabase(
  config: Config,
  log: (line: string) => void = console.log,
): Promise<OpenedDatabase> {
  const shared = config.mongodbUri ? null : runningEmbedded(config.dataDir);
  const embedded = config.mongodbUri || shared ? null : await startEmbeddedDatabase(config.dataDir, log);
  const uri = config.mongodbUri ?? shared ?? embedded!.uri;
  const addressFile = path.join(config.dataDir, ADDRESS_FILE);
  try {
    const database = await connectDatabase(uri, config.dbName);
    if (embedded) writeFileSync(addressFile, JSON.stringify({ uri, pid: process.pid }));
    return {
      database,
      embedded,
      description: embedded
        ? `embedded FerretDB (${embedded.backend === "postgresql" ? "PostgreSQL" : "SQLite"} in ${config.dataDir}/)`
        : shared
          ? `the embedded FerretDB of the server running on ${config.dataDir}/`
          : `MongoDB at ${redact(uri)}`,
      async close() {
        await database.close();
        if (embedded) rmSync(addressFile, { force: true });
        await embedded?.stop();
      },
    };
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
}

const ADDRESS_FILE = "ferretdb-address.json";

/** The address of the embedded FerretDB a live process serves from `dataDir`, if any. */
export function runningEmbedded(dataDir: string): string | null {
  try {
    const { uri, pid } = JSON.parse(readFileSync(path.join(dataDir, ADDRESS_FILE), "utf8")) as {
      uri: string;
      pid: number;
    };
    process.kill(pid, 0); // throws when that process is gone (a crash left the file behind)
    return uri;
  } catch {
    return null;
  }
}

/** Drops credentials from a connection string before it is printed. */
export function redact(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, "//***@");
}
