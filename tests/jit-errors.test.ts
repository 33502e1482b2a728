import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { createHttpServer } from "../src/http/server.js";
import { connectDatabase, type Database } from "../src/db/mongo.js";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "../src/db/ferretdb.js";
import type { GraphQLResponse } from "./helpers.js";

/**
 * Database errors thrown by resolvers leave the compiled executor exactly as
 * they leave graphql-js: through formatError, which turns an unreachable
 * database into UPSTREAM_UNAVAILABLE and masks every other driver error
 * (tests/jit.test.ts compares everything else). A FerretDB of this file's own
 * is stopped under both apps, then their client is closed.
 */
let dir: string;
let fdb: EmbeddedDatabase;
let database: Database;
let pair: { stock: Awaited<ReturnType<typeof listen>>; jit: Awaited<ReturnType<typeof listen>> };
const QUERY = `{ sinistralite(sector: { naf: "41" }, years: { from: 2024, to: 2024 }) { year } }`;

async function listen(app: App) {
  const server = createHttpServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { app, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` };
}

async function post(url: string) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: QUERY }),
  });
  return { status: res.status, body: await res.text() };
}

/** The stock answer, after checking both jit answers (interpreted first use, compiled second) are the same. */
async function same() {
  const expected = await post(pair.stock.url);
  for (let use = 1; use <= 2; use++) expect(await post(pair.jit.url)).toEqual(expected);
  expect(expected.body).not.toMatch(/Mongo|ECONNREFUSED|stack/);
  return JSON.parse(expected.body) as Omit<GraphQLResponse, "status">;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "passerelle-jit-errors-"));
  fdb = await startEmbeddedDatabase(dir);
  database = await connectDatabase(fdb.uri, "jit_errors");
  const config = loadConfig({});
  pair = {
    stock: await listen(await createApp(database.db, { ...config, executor: "stock" })),
    jit: await listen(await createApp(database.db, { ...config, executor: "jit" })),
  };
});

afterAll(async () => {
  for (const s of Object.values(pair)) {
    s.server.close();
    s.server.closeAllConnections();
    await s.app.stop();
  }
  await database.close();
  await fdb.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("database errors through the compiled executor", () => {
  it("an unreachable database: UPSTREAM_UNAVAILABLE, identically", { timeout: 60_000 }, async () => {
    await fdb.stop();
    const body = await same();
    expect(body.errors![0].extensions).toEqual({ code: "UPSTREAM_UNAVAILABLE" });
  });

  it("a closed client: masked (a code, no driver detail), identically", async () => {
    await database.close();
    const body = await same();
    expect(Object.keys(body.errors![0].extensions!)).toEqual(["code"]);
    expect(["UPSTREAM_UNAVAILABLE", "INTERNAL_SERVER_ERROR"]).toContain(body.errors![0].extensions!.code);
  });
});
