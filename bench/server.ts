/**
 * One benchmarked server, in a process of its own (started by bench/run.ts):
 * `passerelle` (the real app, EXECUTOR=jit|stock) or `baseline` (the
 * hand-written twin). It listens on 127.0.0.1, says its port over IPC, and
 * answers `stats` requests with its database command count, CPU time and
 * peak RSS, so the runner measures the server, not itself.
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { loadConfig } from "../src/config.js";
import { MongoClient } from "mongodb";
import { CommandCounter, type Database } from "../src/db/mongo.js";
import { createApp } from "../src/app.js";
import { importedReadsFor, type ReadCache } from "../src/db/read-cache.js";
import { createHttpServer } from "../src/http/server.js";
import { createBaselineServer } from "./baseline/server.js";
import { DB_NAME } from "./database.js";
import { createGatewayApp } from "../src/gateway/app.js";
import { loadGatewaySettings } from "../src/gateway/config.js";
import { createHive } from "../src/gateway/hive.js";
import { createGatewayServer } from "../src/gateway/server.js";
import { composeSupergraph } from "../src/gateway/supergraph.js";

export interface ServerStats {
  commands: number;
  /** process.cpuUsage(), µs. */
  cpu: { user: number; system: number };
  /** Peak resident set size of the process so far, bytes. */
  maxRss: number;
}

export type ServerMessage = { type: "ready"; port: number } | ({ type: "stats" } & ServerStats);

const kind = process.argv[2];
const listLength = Number(process.argv[3] ?? 1000);
if (kind !== "passerelle" && kind !== "baseline" && kind !== "subgraph" && kind !== "gateway")
  throw new Error(`usage: server.ts passerelle|baseline|subgraph|gateway [listLength]`);
if (!process.send) throw new Error("bench/server.ts runs as a child of bench/run.ts (IPC)");

const config = loadConfig(process.env);
// The gateway holds no database; the bench's subgraphs (SUBGRAPH=<name>) read the bench database, each its own
// source's collections only (docs/federation.md, benchmark).
const database = kind === "gateway" ? null : await benchDatabase(process.env.BENCH_MONGODB_URI!);
let stopApp = async () => {};
let server: Server;
let readCache: ReadCache | null = null;
if (kind === "gateway") {
  const settings = loadGatewaySettings(process.env);
  const hive = createHive({
    supergraph: composeSupergraph(),
    urls: settings.urls,
    secret: settings.secret,
    timeoutMs: config.executionTimeoutMs,
  });
  const app = await createGatewayApp(config, hive);
  stopApp = () => app.stop();
  server = createGatewayServer(app, settings.urls);
} else if (!database) {
  throw new Error("unreachable: only the gateway runs without a database");
} else if (kind === "passerelle" || kind === "subgraph") {
  const app = await createApp(database.db, { ...config, dbName: DB_NAME });
  stopApp = () => app.stop();
  server = createHttpServer(app);
  readCache = app.readCache;
} else {
  // The same imported-data reads as Passerelle's (a ReadCache unless READ_CACHE_MB=0), so both send the same commands.
  const imported = importedReadsFor(database.db, config.readCache);
  readCache = imported.cache;
  server = await createBaselineServer(database.db, imported, config, listLength);
}
server.keepAliveTimeout = 120_000;
// A request abandoned by its client (socket closed, resolvers still running) must not meet a
// closed database: the database closes once no command has been pending for a while.
let pending = 0;
database?.client.on("commandStarted", () => pending++);
database?.client.on("commandSucceeded", () => pending--);
database?.client.on("commandFailed", () => pending--);
async function drained(): Promise<void> {
  if (!database) return;
  let quietSince = Date.now();
  let seen = database.commands.total;
  for (const end = Date.now() + 120_000; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
    if (pending > 0 || database.commands.total !== seen)
      [quietSince, seen] = [Date.now(), database.commands.total];
    else if (Date.now() - quietSince > 500) return;
  }
}
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
process.send({ type: "ready", port: (server.address() as AddressInfo).port } satisfies ServerMessage);

process.on("message", async (message: { type: string }) => {
  if (message.type === "clear-cache") readCache?.clear(); // then answers with its stats
  if (message.type === "stats" || message.type === "clear-cache") {
    const stats: ServerStats = {
      commands: database?.commands.total ?? 0,
      cpu: process.cpuUsage(),
      maxRss: process.resourceUsage().maxRSS * 1024,
    };
    process.send!({ type: "stats", ...stats } satisfies ServerMessage);
  } else if (message.type === "stop") {
    server.close();
    server.closeAllConnections();
    if (database) await drained();
    await stopApp();
    await database?.close();
    process.exit(0); // a normal exit: --cpu-prof writes its profile here
  }
});
process.on("disconnect", () => process.exit(0));

/**
 * The client of src/db/mongo.ts (same pool, same command counting) without
 * its 30 s socket timeout: under ten concurrent dashboards at national scale
 * FerretDB answers later than that, and a benchmark must measure how much
 * later, not turn it into UPSTREAM_UNAVAILABLE (docs/performance.md).
 */
async function benchDatabase(uri: string): Promise<Database> {
  const client = new MongoClient(uri, {
    monitorCommands: true,
    serverSelectionTimeoutMS: 3_000,
    connectTimeoutMS: 3_000,
    socketTimeoutMS: 0,
    maxPoolSize: 20,
    appName: "passerelle-bench",
  });
  const commands = new CommandCounter();
  client.on("commandStarted", (event) => commands.record(event));
  await client.connect();
  return { client, db: client.db(DB_NAME), commands, close: () => client.close() };
}
