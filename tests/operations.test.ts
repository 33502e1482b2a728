import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { MongoClient } from "mongodb";
import { createApp, type App } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { readMarker } from "../src/db/data-versions.js";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "../src/db/ferretdb.js";
import { connectDatabase, type Database } from "../src/db/mongo.js";
import { createHttpServer } from "../src/http/server.js";
import { observeDatabase } from "../src/ops/db-observer.js";
import { createLogger } from "../src/ops/logger.js";
import { createMetricsServer } from "../src/ops/metrics-server.js";
import { recordLimitRefusal } from "../src/ops/metrics.js";
import { seedDatabase } from "../seeds/index.js";
import type { Readiness } from "../src/http/probes.js";
import { as, TEST_DEV_SECRET, tokenFor, type GraphQLResponse, type ViewerSpec } from "./helpers.js";

/**
 * Operations (issue "Safe to open to every partner", §7): the readiness probe
 * (on a FerretDB of this file's own, which it stops and restarts, as
 * tests/resilience.test.ts does), the JSON request log and what it must never
 * hold, the Prometheus metrics behind their token, and `npm start`'s compiled
 * server finding its files from dist/.
 */
let dir: string;
let fdb: EmbeddedDatabase;
let database: Database;
let app: App;
let server: Server;
let base: string;
let unobserve: () => void;
const lines: string[] = [];

const CELLULE: ViewerSpec = { role: "CELLULE_PDP", org: "SPSTI:sstrn", sub: "cellule.demo@sstrn" };
const DPO: ViewerSpec = { role: "DPO", org: "SPSTI:sstrn", sub: "dpo.demo@sstrn" };
// Sent as written, by this file's own `gql` (its server has a logger and the read cache): the answers are not read,
// and a test sends variables these operations do not declare.
const FICHES = `query Fiches($first: Int) { fichesLiaison(org: "sstrn", first: $first) { nodes { ref job { poste } } } }`;
const TRAIL = `query Trail { auditTrail(first: 5) { nodes { at fields } } }`;
const OPEN = `query Open { sinistralite(sector: { naf: "41" }, years: { from: 2023, to: 2024 }) { year employees } }`;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "passerelle-ops-"));
  fdb = await startEmbeddedDatabase(dir);
  database = await connectDatabase(fdb.uri, "operations");
  await seedDatabase(database.db, "region");
  // The read cache is on here, for its metrics; the PDP reads counted below never go through it.
  app = await createApp(database.db, {
    ...loadConfig({ AUTH_DEV_SECRET: TEST_DEV_SECRET }),
    readCache: { maxMb: 8, checkMs: 1000 },
  });
  unobserve = observeDatabase(database, app.readCache);
  server = createHttpServer(app, {
    logger: createLogger("debug", { write: (line: string) => void lines.push(line) }),
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.close();
  server?.closeAllConnections();
  unobserve?.();
  await app?.stop();
  await database?.close();
  await fdb?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function gql(
  query: string,
  variables: Record<string, unknown> | undefined,
  headers: Record<string, string>,
) {
  const res = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: res.status,
    requestId: res.headers.get("x-request-id")!,
    body: (await res.json()) as Omit<GraphQLResponse, "status">,
  };
}

/** The log line of a request, parsed. */
function lineOf(requestId: string): Record<string, unknown> {
  const found = lines
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => l.requestId === requestId);
  if (found.length !== 1) throw new Error(`expected one log line for ${requestId}, got ${found.length}`);
  return found[0];
}

/** Waits for the 'close' of a response: the line is written then, just after the client has its answer. */
const settled = () => new Promise((r) => setTimeout(r, 50));

describe("the request log", () => {
  it("writes one JSON line per request: id, operation, roles, organisation, duration, status, codes, database commands", async () => {
    const res = await gql(FICHES, { first: 3 }, { ...(await as(CELLULE)), "x-request-id": "ops-log-1" });
    expect(res.body.errors).toBeUndefined();
    await settled();
    const line = lineOf("ops-log-1");
    expect(line).toMatchObject({
      level: 30,
      msg: "request",
      method: "POST",
      route: "graphql",
      status: 200,
      operation: "Fiches",
      roles: ["CELLULE_PDP"],
      org: "SPSTI:sstrn",
    });
    expect(line.durationMs).toBeGreaterThan(0);
    expect(line.dbCommands).toBeGreaterThanOrEqual(2); // the fiches, then the audit insert
    expect(line.errors).toBeUndefined();
    expect(new Date(line.time as string).getTime()).not.toBeNaN();
  });

  it("never holds the token, a variable's value or the subject, even when an error message quotes the value", async () => {
    const nir = "185057512345678";
    const token = await tokenFor(CELLULE);
    const res = await gql(
      FICHES,
      { first: nir, note: `NIR ${nir} / 1 85 05 75 123 456 78` },
      { authorization: `Bearer ${token}`, "x-request-id": "ops-log-2" },
    );
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain(nir); // graphql-js quotes it to the client, who sent it
    await settled();
    const line = lineOf("ops-log-2");
    expect(line).toMatchObject({ status: 400, operation: "Fiches", errors: ["BAD_USER_INPUT"] });
    const log = lines.join("");
    for (const secret of [token, token.split(".")[2], nir, "123 456 78", CELLULE.sub!])
      expect(log).not.toContain(secret);
  });

  it("redacts authorization headers and variables if a line ever holds them", () => {
    const captured: string[] = [];
    const logger = createLogger("info", { write: (l: string) => void captured.push(l) });
    logger.info(
      {
        req: { headers: { authorization: "Bearer secret.token.value" } },
        variables: { nir: "185057512345678" },
        body: { variables: { x: 1 } },
      },
      "careless",
    );
    expect(captured.join("")).not.toMatch(/secret\.token|185057512345678/);
    expect(captured.join("")).toContain("[redacted]");
  });

  it("counts each request's own database commands while requests run concurrently", async () => {
    const solo = async (query: string, viewer: ViewerSpec, id: string) => {
      await gql(query, { first: 4 }, { ...(await as(viewer)), "x-request-id": id });
      await settled();
      return lineOf(id).dbCommands as number;
    };
    const fiches = await solo(FICHES, CELLULE, "ops-solo-fiches");
    const trail = await solo(TRAIL, DPO, "ops-solo-trail");
    const before = database.commands.total;
    const ids = Array.from({ length: 8 }, (_, i) => `ops-many-${i}`);
    await Promise.all(
      ids.map(async (id, i) =>
        gql(
          i % 2 ? TRAIL : FICHES,
          { first: 4 },
          { ...(await as(i % 2 ? DPO : CELLULE)), "x-request-id": id },
        ),
      ),
    );
    await settled();
    const counts = ids.map((id) => lineOf(id).dbCommands as number);
    expect(counts).toEqual(ids.map((_, i) => (i % 2 ? trail : fiches)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(database.commands.total - before);
  });

  it("reads LOG_LEVEL (info by default)", () => {
    expect(loadConfig({}).logLevel).toBe("info");
    expect(loadConfig({ LOG_LEVEL: "warn" }).logLevel).toBe("warn");
    expect(() => loadConfig({ LOG_LEVEL: "loud" })).toThrow(/LOG_LEVEL/);
  });
});

describe("metrics", () => {
  const TOKEN = "metrics-test-token-0123456789";
  let metrics: Server;
  let metricsUrl: string;
  beforeAll(async () => {
    metrics = createMetricsServer(TOKEN);
    await new Promise<void>((resolve) => metrics.listen(0, "127.0.0.1", resolve));
    metricsUrl = `http://127.0.0.1:${(metrics.address() as AddressInfo).port}/metrics`;
  });
  afterAll(() => {
    metrics.close();
    metrics.closeAllConnections();
  });

  it("refuses a scrape without the token, or with another", async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: "Bearer wrong" },
      { authorization: TOKEN },
      { authorization: `Bearer ${TOKEN}x` },
    ];
    for (const headers of attempts) {
      const res = await fetch(metricsUrl, { headers });
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain("passerelle_");
    }
  });

  it("reports requests, latency, database commands, read-cache hits, audit writes and limit refusals", async () => {
    await gql(OPEN, undefined, {});
    await gql(OPEN, undefined, {}); // answered from the read cache
    await gql(FICHES, { first: 2 }, await as(CELLULE)); // audited
    const tooBig = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "x".repeat(1_100_000),
    });
    expect(tooBig.status).toBe(413);
    recordLimitRefusal("cost"); // what the query limits call
    await settled();

    const res = await fetch(metricsUrl, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await res.text();
    const value = (series: string) => {
      const line = text.split("\n").find((l) => l.startsWith(`${series} `));
      return line === undefined ? undefined : Number(line.slice(series.length + 1));
    };
    expect(value('passerelle_graphql_requests_total{operation="Open",status="200"}')).toBeGreaterThanOrEqual(
      2,
    );
    expect(
      value('passerelle_graphql_requests_total{operation="Fiches",status="200"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(
      value('passerelle_graphql_errors_total{operation="Fiches",code="BAD_USER_INPUT"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(value('passerelle_http_requests_total{route="graphql",status="413"}')).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(
      /passerelle_graphql_request_duration_seconds_bucket\{le="0\.5",operation="Open"\} \d+/,
    );
    expect(text).toMatch(/passerelle_http_request_duration_seconds_count\{route="graphql"\} \d+/);
    expect(value('passerelle_db_commands_total{command="find"}')).toBeGreaterThan(0);
    expect(value('passerelle_db_commands_total{command="insert"}')).toBeGreaterThan(0);
    expect(value("passerelle_read_cache_hits_total")).toBeGreaterThanOrEqual(1);
    expect(value("passerelle_read_cache_misses_total")).toBeGreaterThanOrEqual(1);
    expect(value("passerelle_audit_writes_total")).toBeGreaterThanOrEqual(1);
    expect(value('passerelle_limit_refusals_total{kind="body"}')).toBeGreaterThanOrEqual(1);
    expect(value('passerelle_limit_refusals_total{kind="cost"}')).toBe(1);
    expect(text).toContain("passerelle_process_cpu_seconds_total");
    expect(text).not.toMatch(/sstrn|cellule\.demo|dpo\.demo/); // no organisation, no subject in any label
  });

  it("needs METRICS_TOKEN when METRICS_PORT is set", () => {
    expect(loadConfig({}).metrics).toBeNull();
    expect(() => loadConfig({ METRICS_PORT: "9464" })).toThrow(/METRICS_TOKEN/);
    expect(() => loadConfig({ METRICS_PORT: "9464", METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN/);
    expect(loadConfig({ METRICS_PORT: "9464", METRICS_TOKEN: TOKEN, HOST: "0.0.0.0" }).metrics).toEqual({
      host: "0.0.0.0",
      port: 9464,
      token: TOKEN,
    });
  });
});

describe("probes", () => {
  it("/ready reports the data versions served; /health stays up; /ready is 503 while the database is down, and recovers", {
    timeout: 60_000,
  }, async () => {
    const marker = await readMarker(database.db);
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as Readiness["body"];
    expect(body).toEqual({
      status: "ready",
      data: {
        version: marker!.version,
        currentVersions: new Set(marker!.heads!.map((h) => h.current)).size,
        datasets: expect.any(Number),
      },
    });
    expect(body.data!.currentVersions).toBeGreaterThan(0);

    const address = new URL(fdb.uri).host;
    await fdb.stop();
    const started = Date.now();
    const down = await fetch(`${base}/ready`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: "unavailable", code: "UPSTREAM_UNAVAILABLE" });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect((await fetch(`${base}/health`)).status).toBe(200);

    fdb = await startEmbeddedDatabase(dir, undefined, address);
    let back = await fetch(`${base}/ready`);
    for (let i = 0; i < 20 && back.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 250));
      back = await fetch(`${base}/ready`);
    }
    expect(back.status).toBe(200);
  });
});

describe("the compiled server (npm start)", () => {
  it("builds to JavaScript and finds its schema, nomenclatures, GraphiQL assets and examples from there", {
    timeout: 240_000,
  }, async () => {
    // A build of its own (the same tsconfig and step as `npm run build`, another folder), so that a
    // concurrent `npm start` in another test file never reads a half-written dist/.
    const out = `.cache/dist-test-${process.pid}`;
    const dbName = `t_ops_compiled_${process.pid}`;
    try {
      const tsc = spawnSync(
        process.execPath,
        [
          "node_modules/typescript/bin/tsc",
          "-p",
          "tsconfig.build.json",
          "--outDir",
          out,
          "--tsBuildInfoFile",
          `${out}/.tsbuildinfo`,
        ],
        { encoding: "utf8" },
      );
      expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);
      const prepare = spawnSync(process.execPath, [`${out}/src/ops/prepare-dist.js`], { encoding: "utf8" });
      expect(prepare.status, prepare.stderr).toBe(0);

      const env = {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "/root",
        MONGODB_URI: inject("mongoUri"),
        MONGODB_DB: dbName,
        PORT: "0",
        PURGE_INTERVAL_HOURS: "0",
      };
      const child = spawn(process.execPath, [`${out}/src/main.js`], {
        env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout.on("data", (d: Buffer) => (output += d.toString()));
      child.stderr.on("data", (d: Buffer) => (output += d.toString()));
      try {
        for (
          const end = Date.now() + 60_000;
          !output.includes("Passerelle is ready");
          await new Promise((r) => setTimeout(r, 200))
        ) {
          if (Date.now() > end || child.exitCode !== null)
            throw new Error(`compiled server did not start: ${output}`);
        }
        const url = /GraphQL endpoint:\s+(\S+)/.exec(output)![1];
        const res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: `{ sector(naf: "F") { label } }` }),
        });
        expect(await res.json()).toEqual({ data: { sector: { label: "Construction" } } });
        const page = await (await fetch(url, { headers: { accept: "text/html" } })).text();
        expect(page).toContain("ConstructionInPaysDeLaLoire"); // an example tab, from docs/examples
        expect((await fetch(url.replace("/graphql", "/graphiql/graphiql.js"))).status).toBe(200);
        await new Promise((r) => setTimeout(r, 100));
        expect(output).toMatch(/^\{"level":30,.*"route":"graphql","status":200,/m); // LOG_LEVEL info by default
      } finally {
        child.kill("SIGTERM");
        await new Promise((r) => child.once("exit", r));
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
      const client = await MongoClient.connect(inject("mongoUri"));
      await client.db(dbName).dropDatabase();
      await client.close();
    }
  });
});
