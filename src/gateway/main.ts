/**
 * `npm run gateway`: Hive Gateway in front of the four partner subgraphs
 * (docs/federation.md), with the single process's limits, trusted documents,
 * GraphiQL and error codes. It holds no database: SUBGRAPH_URL_<NAME> says
 * where each subgraph answers, GATEWAY_SECRET signs the calls. Stops on
 * SIGINT/SIGTERM (Hive's own handler disposes it without exiting).
 */
import { loadConfig } from "../config.js";
import { listen } from "../http/listen.js";
import { createLogger } from "../ops/logger.js";
import { createGatewayApp } from "./app.js";
import { loadGatewaySettings } from "./config.js";
import { createHive } from "./hive.js";
import { createGatewayServer } from "./server.js";
import { composeSupergraph, readSupergraph } from "./supergraph.js";

async function main(): Promise<void> {
  const config = loadConfig();
  const settings = loadGatewaySettings();
  // The build's artefact (dist/supergraph.graphql); composed here only when run from the sources (tsx).
  const supergraph = import.meta.url.endsWith(".ts") ? composeSupergraph() : readSupergraph();
  const hive = createHive({
    supergraph,
    urls: settings.urls,
    secret: settings.secret,
    timeoutMs: config.executionTimeoutMs,
  });
  const app = await createGatewayApp(config, hive);
  const server = createGatewayServer(app, settings.urls, {
    ...config.http,
    logger: createLogger(config.logLevel),
  });
  const port = await listen(server, config.port, config.host);
  const url = `http://${config.host}:${port}/graphql`;
  console.log(`Passerelle's gateway is ready: ${url} (GraphiQL in a browser), over the subgraphs
${Object.entries(settings.urls)
  .map(([name, u]) => `  ${name.padEnd(7)} ${u}`)
  .join("\n")}
  Probes: http://${config.host}:${port}/health (liveness), /ready (which subgraphs answer)`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping the gateway…`);
    server.close();
    server.closeAllConnections();
    await app.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((err: unknown) => {
  console.error(`\nThe gateway cannot start: ${err instanceof Error ? err.message : "unknown error"}`);
  process.exit(1);
});
