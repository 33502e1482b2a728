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

/** MONGODB_URI when set, else the embedded FerretDB in config.dataDir. */
export async function openDatabase(config: Config, log: (line: string) => void = console.log): Promise<OpenedDatabase> {
  const embedded = config.mongodbUri ? null : await startEmbeddedDatabase(config.dataDir, log);
  const uri = config.mongodbUri ?? embedded!.uri;
  try {
    const database = await connectDatabase(uri, config.dbName);
    return {
      database,
      embedded,
      description: embedded ? `embedded FerretDB (SQLite in ${config.dataDir}/)` : `MongoDB at ${redact(uri)}`,
      async close() {
        await database.close();
        await embedded?.stop();
      },
    };
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
}

/** Drops credentials from a connection string before it is printed. */
export function redact(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, "//***@");
}
