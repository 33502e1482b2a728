import { createHmac, randomBytes } from "node:crypto";
import { defaultParamsSerializer } from "@graphql-mesh/hmac-upstream-signature";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { inject } from "vitest";
import { createApp, type App } from "../src/app.js";
import { loadConfig, type Config } from "../src/config.js";
import { connectDatabase, type Database } from "../src/db/mongo.js";
import { SUBGRAPH_NAMES, type SubgraphName } from "../src/federation/names.js";
import { createGatewayApp, type GatewayApp } from "../src/gateway/app.js";
import { createHive } from "../src/gateway/hive.js";
import { createGatewayServer } from "../src/gateway/server.js";
import { composeSupergraph } from "../src/gateway/supergraph.js";
import { DATASETS } from "../src/imports/catalogue.js";
import { protectCurrent } from "../src/imports/protect.js";
import { disclosureConfig, gridsFor } from "../src/privacy/disclosure-config.js";
import { createHttpServer } from "../src/http/server.js";
import { seedDatabase } from "../seeds/index.js";
import { postGraphQL, TEST_DEV_SECRET, type GraphQLResponse } from "./helpers.js";

export interface Subgraph {
  name: SubgraphName;
  database: Database;
  app: App;
  url: string;
  server: Server;
  /** Stops answering (the process of a partner going down): its server closes, its database stays. */
  stop(): Promise<void>;
}

export interface Federation {
  /** The gateway's /graphql. */
  url: string;
  gateway: GatewayApp;
  subgraphs: Record<SubgraphName, Subgraph>;
  /** The HMAC secret of this federation's calls. */
  secret: string;
  gql<R = unknown>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<R>>;
  close(): Promise<void>;
}

/**
 * The whole federation in this process, on the run's real database server:
 * four subgraphs, each over a database of its own seeded with its own
 * source's part of the region seed (and that source's protected grids), and
 * the gateway (Hive Gateway behind Passerelle's front) over their real HTTP
 * servers, signing its calls with a fresh secret.
 */
export async function startFederation(file: string, config: Partial<Config> = {}): Promise<Federation> {
  const secret = randomBytes(32).toString("base64url");
  const stem = `f_${file.replace(/^.*\//, "").replace(/\W/g, "_")}_${process.pid}`.slice(0, 40);
  const base = {
    ...loadConfig({ AUTH_DEV_SECRET: TEST_DEV_SECRET }),
    readCache: { maxMb: 0, checkMs: 0 },
    ...config,
  };
  const subgraphs = Object.fromEntries(
    await Promise.all(
      SUBGRAPH_NAMES.map(
        async (name) => [name, await startSubgraph(name, `${stem}_${name}`, base, secret)] as const,
      ),
    ),
  ) as Record<SubgraphName, Subgraph>;
  const urls = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, subgraphs[n].url])) as Record<
    SubgraphName,
    string
  >;
  const hive = createHive({
    supergraph: composeSupergraph(),
    urls,
    secret,
    timeoutMs: base.executionTimeoutMs,
  });
  const gateway = await createGatewayApp(base, hive);
  const server = createGatewayServer(gateway, urls);
  const url = await listening(server);
  return {
    url,
    gateway,
    subgraphs,
    secret,
    gql: (query, variables, headers = {}) => postGraphQL(url, query, variables, headers),
    async close() {
      server.close();
      server.closeAllConnections();
      await gateway.stop();
      for (const s of Object.values(subgraphs)) {
        await s.stop();
        await s.app.stop();
        await s.database.db.dropDatabase().catch(() => undefined);
        await s.database.close();
      }
    },
  };
}

async function startSubgraph(
  name: SubgraphName,
  dbName: string,
  base: Config,
  secret: string,
): Promise<Subgraph> {
  const database = await connectDatabase(inject("mongoUri"), dbName);
  await seedDatabase(database.db, "region", { subgraph: name });
  const config: Config = { ...base, dbName, subgraph: { name, gatewaySecret: secret } };
  await protectCurrent(
    database.db,
    disclosureConfig(config.smallCountThreshold, gridsFor(config, database.db)),
    DATASETS,
  );
  const app = await createApp(database.db, config);
  const server = createHttpServer(app);
  const url = await listening(server);
  let open = true;
  return {
    name,
    database,
    app,
    url,
    server,
    async stop() {
      if (!open) return;
      open = false;
      server.close();
      server.closeAllConnections();
    },
  };
}

async function listening(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

/** A subgraph's answer, read loosely: the tests look at a few fields of it. */
export interface DirectAnswer {
  data?: Record<string, unknown> & { _entities?: unknown[]; _service?: { sdl: string } | null };
  errors?: { path?: (string | number)[]; message?: string; extensions: { code: string } }[];
}

/** A call straight to a subgraph, signed with `secret` as the gateway signs (or unsigned). */
export async function direct(
  url: string,
  query: string,
  variables: Record<string, unknown> | undefined,
  opts: { secret?: string; headers?: Record<string, string> } = {},
) {
  const signed = opts.secret
    ? {
        "hmac-signature": createHmac("sha256", opts.secret)
          .update(defaultParamsSerializer({ query, variables }) ?? "")
          .digest("base64"),
      }
    : {};
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...opts.headers },
    body: JSON.stringify({ query, variables, extensions: signed }),
  });
  return { status: res.status, body: (await res.json()) as DirectAnswer };
}
