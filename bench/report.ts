import type { CpomCycleBench } from "./cpom-cycle.js";
import type { ImportBench } from "./import.js";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import type { ExecResult } from "./exec-level.js";
import type { LoadResult } from "./load.js";

/** Everything one run measured; written to bench/results/<timestamp>.json. */
export interface BenchResults {
  at: string;
  machine: { cpus: number; model: string; memoryGb: number; node: string; platform: string };
  options: { scale: string; seconds: number; connections: number; listLength: number; smoke: boolean };
  seed: {
    scale: string;
    documents: number;
    seconds: number;
    documentsPerSecond: number;
    builtThisRun: boolean;
    staleWarning: string | null;
  };
  endToEnd: {
    workload: string;
    title: string;
    placeholder?: string;
    sameJsonAsBaseline?: boolean;
    results: LoadResult[];
  }[];
  /** Commands of the list at two lengths: they must be equal. */
  listCommands: {
    short: { length: number; commands: number };
    long: { length: number; commands: number };
  } | null;
  execution: ExecResult[];
  /** Import throughput (bench/import.ts). */
  imports?: ImportBench[];
  /** The CPOM cycle's reads and exports (bench/cpom-cycle.ts). */
  cpomCycle?: CpomCycleBench;
}

export function machine(): BenchResults["machine"] {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    model: cpus[0]?.model ?? "unknown",
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

const f = (n: number | null, digits = 1) => (n === null || !Number.isFinite(n) ? "-" : n.toFixed(digits));
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}x` : "-");

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [line(headers), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

/** The end-to-end table: one row per workload × server, with Passerelle ÷ baseline for throughput and p99. */
export function endToEndTable(r: BenchResults): string {
  const rows: string[][] = [];
  for (const w of r.endToEnd) {
    if (w.placeholder) {
      rows.push([w.workload, "(placeholder)", "-", "-", "", "", "", "", "", "", "", "", "", ""]);
      continue;
    }
    const base = w.results.find((x) => x.server === "baseline")!;
    for (const x of w.results) {
      rows.push([
        w.workload,
        x.server,
        String(x.requests),
        f(x.throughput, 2),
        x.server === "baseline" ? "1.00x" : ratio(x.throughput, base.throughput),
        f(x.p50, 0),
        f(x.p99, 0),
        x.server === "baseline" ? "1.00x" : ratio(x.p99, base.p99),
        String(x.failures),
        `${x.coldCommandsPerRequest.join("+")} → ${x.commandsPerRequest.join("+")}`,
        x.coldMs.map((ms) => f(ms, 0)).join(" / "),
        f(x.serverCpu, 2),
        f(x.databaseCpu, 2),
        f(x.peakRssMb, 0),
      ]);
    }
  }
  return table(
    [
      "workload",
      "server",
      "requests",
      "req/s",
      "÷ base",
      "p50 ms",
      "p99 ms",
      "p99 ÷ base",
      "fail",
      "DB cmds/req cold → warm",
      "1st answer ms",
      "srv CPU",
      "DB CPU",
      "peak RSS MB",
    ],
    rows,
  );
}

/** The execution-only table: ops/s of each variant and its ratio to the hand-built JSON. */
export function executionTable(r: BenchResults): string {
  const rows = r.execution.flatMap((e) => {
    const hand = e.variants.find((v) => v.variant === "hand")!.opsPerSecond;
    return e.variants.map((v) => [
      e.workload,
      v.variant,
      f(v.opsPerSecond, 0),
      ratio(v.opsPerSecond, hand),
      String(e.commands),
      e.sameJson ? "yes" : "NO",
    ]);
  });
  return table(["workload", "variant", "ops/s", "÷ hand", "DB cmds", "same JSON"], rows);
}

export function printReport(r: BenchResults): void {
  const m = r.machine;
  console.log(`\nPasserelle benchmark, ${r.at}: ${m.cpus} × ${m.model}, ${m.memoryGb} GB, Node ${m.node}`);
  console.log(
    `Seed ${r.seed.scale}: ${r.seed.documents} documents, loaded in ${f(r.seed.seconds)} s (${f(r.seed.documentsPerSecond, 0)} documents/s)${r.seed.builtThisRun ? "" : ", cached"}`,
  );
  if (r.seed.staleWarning) console.log(`WARNING: ${r.seed.staleWarning}`);
  console.log(
    `\nEnd to end (HTTP, ${r.options.connections} connections, new requests for ${r.options.seconds} s then those in flight awaited, load from the runner process):\n${endToEndTable(r)}`,
  );
  for (const w of r.endToEnd.filter((x) => x.placeholder)) console.log(`${w.workload}: ${w.placeholder}`);
  for (const w of r.endToEnd.filter((x) => x.results.length > 0 && x.results[0].byOperation!.length > 1))
    console.log(
      `\n${w.workload}, p50 / p99 ms of each operation:\n${table(
        ["server", ...w.results[0].byOperation!.map((o) => o.name)],
        w.results.map((x) => [x.server, ...x.byOperation!.map((o) => `${f(o.p50, 0)} / ${f(o.p99, 0)}`)]),
      )}`,
    );
  if (r.listCommands) {
    const { short, long } = r.listCommands;
    console.log(
      `List DB commands: ${short.commands} for ${short.length} items, ${long.commands} for ${long.length} items (${short.commands === long.commands ? "independent of length" : "GROWS WITH LENGTH"})`,
    );
  }
  console.log(`\nExecution only (loaders primed from memory, no database):\n${executionTable(r)}`);
  for (const i of r.imports ?? []) {
    console.log(
      `\nImport of a national ${i.dataset} file (${i.format}, ${i.rows} rows, ${f(i.bytes / 1e6)} MB): ${i.status} in ${f(i.seconds)} s, ` +
        `${f(i.rowsPerSecond, 0)} rows/s (target: 150,000 rows under 60 s), of which ${i.protectionSeconds === null ? "no" : `${f(i.protectionSeconds)} s for the`} protected grid; ` +
        `peak RSS ${f(i.peakRssMb, 0)} MB; rollback ${f(i.rollbackSeconds)} s`,
    );
  }
}

/** Writes bench/results/<timestamp>.json (git-ignored) and returns its path. */
export function writeResults(r: BenchResults): string {
  const dir = new URL("./results/", import.meta.url);
  mkdirSync(dir, { recursive: true });
  const file = new URL(`${r.at.replace(/[:.]/g, "-")}${r.options.smoke ? "-smoke" : ""}.json`, dir);
  writeFileSync(file, `${JSON.stringify(r, null, 2)}\n`);
  return file.pathname;
}
