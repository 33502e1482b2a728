/**
 * `npm run bench`: Passerelle (graphql-js and graphql-jit executors) against a
 * hand-written baseline, end to end over HTTP and at the execution-only
 * level, on the embedded FerretDB with the national seed (built once, cached
 * in .cache/bench-national). Prints the tables and writes
 * bench/results/<timestamp>.json. See docs/performance.md.
 *
 *   npm run bench                      national scale, 10 connections, 20 s of new requests per server and workload
 *   npm run bench -- --smoke           region scale, tiny durations (keeps the script working; npm test runs it)
 *   npm run bench -- --seconds 30 --connections 10 --only list --executors stock,jit --cpu-prof --reseed
 *   npm run bench -- --only import --import-rows 150000   the import throughput alone
 *   npm run bench -- --only cpom       the CPOM cycle's reads and annex-4 exports alone
 *   npm run bench -- --only grid       the publication-grid protection alone (npx tsx bench/grid-protect.ts needs no database)
 *   npm run bench -- --backend sqlite  on FerretDB's SQLite backend (default: PostgreSQL, the embedded default)
 */
import { fork } from "node:child_process";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { isDeepStrictEqual, parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import type { SeedScale } from "../seeds/context.js";
import { openBenchDatabase, type BenchDatabase } from "./database.js";
import type { EmbeddedBackend } from "../src/db/embedded-backend.js";
import { load, warmUp, type LoadResult } from "./load.js";
import { cpuProfArgs, mainProfile, startFederationServers, startServer, type ServerHandle } from "./spawn.js";
import { listQuery, workloads, type Workload } from "./workloads.js";
import { machine, printReport, writeResults, type BenchResults } from "./report.js";
import { targetsTable } from "./targets.js";
import type { ExecResult } from "./exec-level.js";
import { printSummary, summarize } from "./profile.js";
import { importThroughput } from "./import.js";
import { cpomCycleReport, cpomCycleTimes } from "./cpom-cycle.js";
import { benchGridVariants, gridReport, NATIONAL, SMALL, type GridResults } from "./grid-protect.js";

const { values: args } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    scale: { type: "string" },
    seconds: { type: "string" },
    connections: { type: "string" },
    only: { type: "string" },
    "import-rows": { type: "string" },
    "cpu-prof": { type: "boolean", default: false },
    reseed: { type: "boolean", default: false },
    backend: { type: "string", default: "postgresql" },
    executors: { type: "string" },
  },
});
const smoke = args.smoke!;
const scale = (args.scale ?? (smoke ? "region" : "national")) as SeedScale;
// National requests take seconds each on FerretDB (docs/performance.md): runs long enough for several per connection.
const seconds = Number(args.seconds ?? (smoke ? 2 : 20));
const connections = Number(args.connections ?? (smoke ? 2 : 10));
const listLength = 1000;
// At national scale the default is jit (Passerelle's default) against the baseline only, to keep the run
// short; the execution-only level always compares the executors, `--executors stock,jit` adds stock end to end.
const executors = (args.executors ?? (scale === "national" ? "jit" : "stock,jit")).split(",");
const SERVERS = [
  ...executors.map((e) => ({ label: e, kind: "passerelle" as const, executor: e })),
  // The federation (issue #14): four subgraphs behind the gateway, on the workloads it is measured on.
  { label: "gateway", kind: "gateway" as const, executor: "jit" },
  { label: "baseline", kind: "baseline" as const },
];
/** The workloads the federation runs (its ratio to the single process is a target of issue #14). */
const FEDERATED = new Set(["dashboards", "pdp-exchange"]);
const profileDir = fileURLToPath(new URL("./results/profiles/", import.meta.url));

/**
 * A full run starts a fresh server process per workload (peak RSS and CPU are
 * the workload's own); a smoke run shares one per server to stay short.
 */
const shared = new Map<string, ServerHandle>();

async function endToEnd(w: Workload, bench: BenchDatabase, out: BenchResults) {
  const results: LoadResult[] = [];
  const data: unknown[][] = [];
  for (const s of SERVERS) {
    if (s.kind === "gateway" && !FEDERATED.has(w.id)) continue;
    const cpuProfile = args["cpu-prof"] ? { dir: profileDir, name: `${w.id}-${s.label}` } : undefined;
    const options = {
      uri: bench.uri,
      executor: "executor" in s ? s.executor : undefined,
      listLength,
      cpuProfile,
    };
    const server =
      shared.get(s.label) ??
      (s.kind === "gateway" ? await startFederationServers(options) : await startServer(s.kind, options));
    if (smoke) shared.set(s.label, server);
    try {
      await w.reset?.(bench.database.db);
      // The list's commands at 10 items, on a cold read cache: what the database is asked when nothing is cached.
      const short =
        w.id === "list" && s.kind === "passerelle" && !out.listCommands ? await shortList(server, w) : null;
      await server.clearCache(); // the first request of each operation is then cold, even on a shared (smoke) server
      const warm = await warmUp(server, w);
      if (short !== null)
        out.listCommands = {
          short: { length: 10, commands: short },
          long: { length: listLength, commands: warm.coldCommands[0] },
        };
      // Compared: each answer (what the server generates masked, see Operation.comparable), and what a writing workload wrote.
      data.push([
        ...warm.data.map((d, i) => (w.operations[i].comparable ? w.operations[i].comparable!(d) : d)),
        await w.written?.(bench.database.db),
      ]);
      process.stdout.write(`  ${w.id} / ${s.label}: ${seconds} s of new requests, then the last answers… `);
      const r = await load(server, w, {
        connections,
        seconds,
        databasePid: bench.embedded.process.pid ?? null,
        label: s.label,
        commands: warm.commands,
        coldCommands: warm.coldCommands,
        coldMs: warm.coldMs,
      });
      console.log(
        `${r.requests} in ${r.seconds.toFixed(0)} s: ${r.throughput.toFixed(2)} req/s, p99 ${r.p99.toFixed(0)} ms${r.failures ? `, ${r.failures} FAILED` : ""}`,
      );
      results.push(r);
    } finally {
      if (!smoke) await server.stop();
    }
  }
  await w.reset?.(bench.database.db);
  const sameJsonAsBaseline = data.every((d) => isDeepStrictEqual(d, data.at(-1)));
  out.endToEnd.push({ workload: w.id, title: w.title, sameJsonAsBaseline, results });
}

async function shortList(server: ServerHandle, w: Workload): Promise<number> {
  await server.clearCache();
  return (await warmUp(server, { ...w, operations: [{ name: "establishments", query: listQuery(10) }] }))
    .coldCommands[0];
}

function executionLevel(uri: string): Promise<ExecResult[]> {
  const child = fork(
    fileURLToPath(new URL("./exec-level.ts", import.meta.url)),
    [String(Math.max(0.3, seconds / 5)), String(listLength), ...(args.only ? [args.only] : [])],
    {
      execArgv: [
        "--import",
        "tsx",
        ...(args["cpu-prof"] ? cpuProfArgs({ dir: profileDir, name: "execution-only" }) : []),
      ],
      env: { ...process.env, BENCH_MONGODB_URI: uri },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    },
  );
  let results: ExecResult[] | null = null;
  child.once("message", (m) => (results = m as ExecResult[]));
  return new Promise((resolve, reject) => {
    child.once("exit", (code) =>
      results && code === 0
        ? resolve(results)
        : reject(new Error(`execution-only level exited with code ${code}`)),
    );
  });
}

async function main(): Promise<void> {
  if (args["cpu-prof"]) {
    rmSync(profileDir, { recursive: true, force: true });
    mkdirSync(profileDir, { recursive: true });
  }
  console.log(
    `Passerelle benchmark: ${scale} seed, ${seconds} s × ${connections} connections per server and workload${smoke ? " (smoke run)" : ""}`,
  );
  const backend = args.backend as EmbeddedBackend;
  if (backend !== "postgresql" && backend !== "sqlite")
    throw new Error(`--backend: postgresql or sqlite, not ${backend}`);
  // Only the PDP exchange reads no published Carsat figure, so it alone needs no stored grid.
  const protect = args.only !== "pdp-exchange";
  const bench = await openBenchDatabase(scale, { reseed: args.reseed, backend, protect });
  const { seed } = bench;
  const out: BenchResults & GridResults = {
    at: new Date().toISOString(),
    machine: machine(),
    options: { scale, seconds, connections, listLength, smoke },
    seed: {
      scale: seed.scale,
      documents: seed.documents,
      seconds: seed.seconds,
      documentsPerSecond: seed.documents / seed.seconds,
      builtThisRun: bench.built,
      staleWarning: bench.staleWarning,
    },
    endToEnd: [],
    listCommands: null,
    execution: [],
  };
  try {
    for (const w of workloads(listLength)) {
      if (args.only && w.id !== args.only) continue;
      if (w.placeholder) {
        out.endToEnd.push({ workload: w.id, title: w.title, placeholder: w.placeholder, results: [] });
        continue;
      }
      await endToEnd(w, bench, out);
    }
    for (const server of shared.values()) await server.stop();
    if (args.only !== "import" && args.only !== "grid" && args.only !== "cpom") {
      console.log("  execution-only level…");
      out.execution = (await executionLevel(bench.uri)).filter((e) => !args.only || e.workload === args.only);
    }
    if (!args.only || args.only === "import") {
      const rows = Number(args["import-rows"] ?? (smoke ? 2_000 : 150_000));
      console.log(`  import of a ${rows}-row national AT file…`);
      out.imports = [await importThroughput(bench.database.db, rows)];
    }
    if (!args.only || args.only === "cpom") {
      console.log("  the CPOM cycle's reads and exports…");
      out.cpomCycle = await cpomCycleTimes(bench.database, smoke ? 3 : 15);
    }
    if (!args.only || args.only === "grid") {
      // Pure CPU, no database: the synthetic national grid (a small one in a smoke run), with and without layers.
      const shape = smoke ? SMALL : NATIONAL;
      console.log(`  protection of a synthetic publication grid (${shape.territories} territories)…`);
      out.grid = { seed: 1, shape, variants: benchGridVariants(1, shape) };
    }
  } finally {
    await bench.close();
  }
  printReport(out);
  console.log(`\nTargets (national scale, issues #13 and #14):\n${targetsTable(out)}`);
  if (out.grid) console.log(`\n${gridReport(out.grid)}`);
  if (out.cpomCycle) console.log(`\n${cpomCycleReport(out.cpomCycle)}`);
  if (args["cpu-prof"]) {
    console.log(`\nCPU profiles (${profileDir}):`);
    for (const dir of readdirSync(profileDir).sort()) {
      const file = mainProfile(`${profileDir}${dir}`);
      if (file) printSummary({ ...summarize(file), file: dir });
    }
  }
  console.log(`\nResults: ${writeResults(out)}`);
  const failed =
    (out.imports ?? []).some((i) => i.status !== "IMPORTED") ||
    out.endToEnd.some((w) => w.sameJsonAsBaseline === false || w.results.some((r) => r.failures > 0)) ||
    out.execution.some((e) => !e.sameJson || e.commands > 0);
  const gridLeaks = (out.grid?.variants ?? []).some((v) => v.unaudited > 0 || v.exposed > 0);
  if (gridLeaks) {
    console.error(
      "The grid protection left cells unaudited or exposed (see above): a bug in src/privacy/grid/.",
    );
    process.exitCode = 1;
  }
  if (failed) {
    console.error(
      "Some answers differ from the baseline's, failed, or reached the database at the execution-only level: the figures above do not compare like with like.",
    );
    process.exitCode = 1;
  }
}

await main();
