import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type { ResultOf } from "@graphql-typed-document-node/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "../src/db/ferretdb.js";
import { connectDatabase, type Database } from "../src/db/mongo.js";
import { loadConfig } from "../src/config.js";
import { createApp, type App } from "../src/app.js";
import { createHttpServer } from "../src/http/server.js";
import { seedDatabase } from "../seeds/index.js";
import type { Server } from "node:http";
import { print } from "graphql";
import { graphql } from "./generated/index.js";
import type { GraphQLResponse } from "./helpers.js";

/**
 * A database that goes down must give a clean UPSTREAM_UNAVAILABLE (no driver
 * message, no stack), the server must stay up, and answers must come back
 * once the database returns. This file runs its own FerretDB so that it can
 * stop and restart it without disturbing the other test files.
 */
let dir: string;
let fdb: EmbeddedDatabase;
let database: Database;
let app: App;
let server: Server;
let url: string;
// Open data (no token needed) that reads the database.
const QUERY = graphql(
  `query ResilienceOpenData { sinistralite(sector: { naf: "41" }, years: { from: 2023, to: 2024 }) { year employees } }`,
);

async function post(document: typeof QUERY) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: print(document) }),
  });
  return {
    status: res.status,
    body: (await res.json()) as Omit<GraphQLResponse<ResultOf<typeof QUERY>>, "status">,
  };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "passerelle-down-"));
  fdb = await startEmbeddedDatabase(dir);
  database = await connectDatabase(fdb.uri, "resilience");
  await seedDatabase(database.db, "region");
  app = await createApp(database.db, loadConfig({}));
  server = createHttpServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  server.close();
  server.closeAllConnections();
  await app.stop();
  await database.close();
  await fdb.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("when the database goes down", () => {
  it("answers normally while it is up", async () => {
    const { body } = await post(QUERY);
    expect(body.errors).toBeUndefined();
    expect(body.data!.sinistralite).toHaveLength(2);
  });

  it("gives UPSTREAM_UNAVAILABLE without driver details, and recovers when it is back", async () => {
    const address = new URL(fdb.uri).host;
    await fdb.stop();

    const down = await post(QUERY);
    expect(down.body.errors).toHaveLength(1);
    const [error] = down.body.errors!;
    expect(error.extensions!.code).toBe("UPSTREAM_UNAVAILABLE");
    expect(error.message).toBe("The database is unavailable. Please retry shortly.");
    expect(JSON.stringify(down.body)).not.toMatch(/Mongo|ECONNREFUSED|stack|at \w+ \(/);
    expect(Object.keys(error.extensions!)).toEqual(["code"]);

    // The HTTP server itself is still up.
    const health = await fetch(url.replace("/graphql", "/health"));
    expect(health.status).toBe(200);

    fdb = await startEmbeddedDatabase(dir, undefined, address);
    let back = await post(QUERY);
    for (let i = 0; i < 20 && back.body.errors; i++) {
      await new Promise((r) => setTimeout(r, 250));
      back = await post(QUERY);
    }
    expect(back.body.errors).toBeUndefined();
    expect(back.body.data!.sinistralite).toHaveLength(2);
  });
});
