import { MongoClient, type Db, type CommandStartedEvent } from "mongodb";

/**
 * A find's batch size large enough for every matching document to come back
 * in the first reply: the driver's default first batch is 101 documents, and
 * each further getMore is one more command, so the count would grow with the
 * answer.
 */
export const ONE_REPLY = 100_000;

/**
 * The comment of the read caches' reads of the imported-data version marker
 * (src/db/imported-reads.ts). A cache reads it at most once per
 * READ_CACHE_CHECK_MS for the whole process, not per request: the counter
 * leaves it out, like connection housekeeping, so that a request's command
 * count does not depend on the clock.
 */
export const VERSION_CHECK_COMMENT = "passerelle: imported-data version check";

/**
 * Counts the commands the driver sends, from its command monitoring events.
 * Tests and benchmarks read it around one request to prove that the number of
 * database commands does not grow with list length.
 */
export class CommandCounter {
  total = 0;
  readonly byName = new Map<string, number>();
  /** Recent commands (name, collection, projection) for projection proofs; values are never kept. */
  readonly recent: { name: string; collection: unknown; projection: unknown; filterKeys: string[] }[] = [];

  record(event: CommandStartedEvent): void {
    if (HANDSHAKE.has(event.commandName)) return;
    if ((event.command as { comment?: unknown }).comment === VERSION_CHECK_COMMENT) return;
    this.total++;
    this.byName.set(event.commandName, (this.byName.get(event.commandName) ?? 0) + 1);
    const cmd = event.command as Record<string, unknown>;
    this.recent.push({
      name: event.commandName,
      collection: cmd[event.commandName],
      projection: cmd.projection ?? null,
      filterKeys: cmd.filter && typeof cmd.filter === "object" ? Object.keys(cmd.filter) : [],
    });
    if (this.recent.length > 500) this.recent.shift();
  }

  /** Runs `fn` and returns how many commands it sent, with its result. */
  async measure<T>(
    fn: () => Promise<T>,
  ): Promise<{ result: T; commands: number; names: Record<string, number> }> {
    const before = this.total;
    const namesBefore = new Map(this.byName);
    const result = await fn();
    const names: Record<string, number> = {};
    for (const [name, n] of this.byName) {
      const delta = n - (namesBefore.get(name) ?? 0);
      if (delta > 0) names[name] = delta;
    }
    return { result, commands: this.total - before, names };
  }
}

// Connection housekeeping, not work done for a request.
const HANDSHAKE = new Set([
  "hello",
  "isMaster",
  "ismaster",
  "ping",
  "endSessions",
  "saslStart",
  "saslContinue",
  "buildInfo",
]);

export interface Database {
  client: MongoClient;
  db: Db;
  commands: CommandCounter;
  close(): Promise<void>;
}

/**
 * Connects with short timeouts: when the database is down, a request fails
 * within a few seconds with UPSTREAM_UNAVAILABLE instead of hanging, and the
 * driver reconnects by itself when the database is back.
 */
export async function connectDatabase(uri: string, dbName: string): Promise<Database> {
  const client = new MongoClient(uri, {
    monitorCommands: true,
    serverSelectionTimeoutMS: 3_000,
    connectTimeoutMS: 3_000,
    socketTimeoutMS: 30_000,
    maxPoolSize: 20,
    appName: "passerelle",
  });
  const commands = new CommandCounter();
  client.on("commandStarted", (event) => commands.record(event));
  await client.connect();
  return { client, db: client.db(dbName), commands, close: () => client.close() };
}
