/**
 * The server: database (MONGODB_URI or embedded FerretDB) → GraphQL over
 * HTTP on HOST:PORT. Stops everything it started on SIGINT/SIGTERM.
 *
 * It never writes demo data and never drops anything: `npm start` loads the
 * demo seed into an empty database beforehand, in its own process
 * (seeds/cli.ts --if-empty), so this path imports nothing from seeds/.
 */
import { loadConfig } from "./config.js";
import { openDatabase, redact } from "./db/open.js";
import { EmbeddedDatabaseUnavailable } from "./db/ferretdb.js";
import { ensureFicheShape } from "./sources/pdp/fiche-shape.js";
import { ensureIndexes } from "./db/indexes.js";
import { createApp } from "./app.js";
import { createHttpServer } from "./http/server.js";
import { isEmptyDatabase, readSeedInfo } from "./db/meta.js";
import { cleanupImports } from "./imports/versions.js";
import { markSeededData } from "./db/imported-reads.js";
import { loadRetentionConfig, startPurgeSchedule } from "./sources/pdp/purge/schedule.js";
import { listen } from "./http/listen.js";
import { createLogger } from "./ops/logger.js";
import { observeDatabase } from "./ops/db-observer.js";
import { createMetricsServer } from "./ops/metrics-server.js";

async function main(): Promise<void> {
  const config = loadConfig();
  const opened = await openDatabase(config);
  const { db } = opened.database;

  // An import killed half-way left documents nobody reads: remove them (src/imports/versions.ts).
  const leftovers = await cleanupImports(db);
  if (leftovers > 0)
    console.log(
      `Removed the documents of ${leftovers} interrupted import(s); their previous versions stay current.`,
    );
  const seeded = await readSeedInfo(db);
  if (seeded)
    await markSeededData(db, seeded); // seeded before the version marker existed: the read cache needs one
  else if (await isEmptyDatabase(db))
    console.log(
      "The database is empty: bring data in with `npm run import` (docs/importing.md), or load the demo with `npm run seed`.",
    );
  const subgraph = config.subgraph?.name ?? null;
  const holdsFiches = subgraph === null || subgraph === "pdp";
  await ensureIndexes(db, subgraph);
  const reshaped = holdsFiches ? await ensureFicheShape(db) : 0;
  if (reshaped > 0)
    console.log(`${reshaped} fiches de liaison brought to the current shape (their status at the root).`);

  const retention = loadRetentionConfig();
  const app = await createApp(db, config);
  const logger = createLogger(config.logLevel);
  const unobserve = observeDatabase(opened.database, app.readCache);
  const server = createHttpServer(app, { ...config.http, logger });
  const port = await listen(server, config.port, config.host);
  // Prometheus metrics on a port of their own, behind METRICS_TOKEN (docs/operations.md).
  const metrics = config.metrics
    ? { server: createMetricsServer(config.metrics.token), ...config.metrics }
    : null;
  const metricsUrl = metrics
    ? `http://${metrics.host}:${await listen(metrics.server, metrics.port, metrics.host)}/metrics`
    : null;
  const url = `http://${config.host}:${port}/graphql`;
  if (subgraph)
    console.log(
      `Passerelle's ${subgraph} subgraph is ready on ${opened.description}: ${url}, for its gateway's signed calls only.`,
    );
  else
    console.log(`Passerelle is ready on ${opened.description}.
  GraphQL endpoint:  ${url}
  GraphiQL:          open ${url} in a browser (the README's example queries are in its tabs)
  First query:       curl -s ${url} -H 'content-type: application/json' -d '{"query":"{ about { version seedScale } }"}'
  Probes:            http://${config.host}:${port}/health (liveness), /ready (readiness)${
    metricsUrl ? `\n  Metrics:           ${metricsUrl} (Authorization: Bearer $METRICS_TOKEN)` : ""
  }`);

  // Retention of the fiches de liaison: purge at start, then every PURGE_INTERVAL_HOURS (docs/pdp-exchange.md).
  const purge = holdsFiches ? startPurgeSchedule(db, retention) : { stop: async () => {} };

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping…`);
    server.close();
    server.closeAllConnections();
    metrics?.server.close();
    metrics?.server.closeAllConnections();
    unobserve();
    await app.stop();
    await purge.stop();
    await opened.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((err: unknown) => {
  if (err instanceof EmbeddedDatabaseUnavailable) {
    console.error(`\nPasserelle cannot start: ${err.message}`);
  } else {
    // redact(): a driver error may quote the connection string, credentials included.
    console.error(
      `\nPasserelle cannot start: ${err instanceof Error ? `${err.name}: ${redact(err.message)}` : "unknown error"}`,
    );
  }
  process.exit(1);
});
