import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { BenchResults } from "../bench/report.js";
import type { GridResults } from "../bench/grid-protect.js";

/**
 * Keeps `npm run bench` working: a smoke run (region seed, two connections,
 * two seconds per server) must go through every workload on both executors
 * and the baseline (the dashboards and the PDP exchange through the
 * federation's gateway too), find the same JSON everywhere (and, for the PDP exchange,
 * the same writes), reach no database at the execution-only level, protect
 * a small synthetic publication grid with no cell left exposed, and write
 * its results file. Figures are printed, never
 * asserted: timings on a shared machine prove nothing.
 */
const root = fileURLToPath(new URL("..", import.meta.url));

function runSmoke(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "bench/run.ts", "--smoke"], { cwd: root });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    child.once("exit", (code) => resolve({ code, output }));
  });
}

describe("npm run bench -- --smoke", () => {
  it("measures every workload on stock, jit, the gateway and the baseline, with the same answers, and writes its results", {
    timeout: 600_000,
  }, async () => {
    const { code, output } = await runSmoke();
    expect(code, output).toBe(0);
    expect(output).toContain("| workload");
    expect(output).toMatch(
      /List DB commands: (\d+) for 10 items, \1 for 1000 items \(independent of length\)/,
    );
    const file = /Results: (.+\.json)/.exec(output)?.[1];
    expect(file, output).toBeTruthy();
    const results = JSON.parse(readFileSync(file!, "utf8")) as BenchResults & GridResults;
    rmSync(file!);

    expect(results.options.smoke).toBe(true);
    expect(results.seed.documents).toBeGreaterThan(0);
    expect(results.endToEnd.filter((w) => w.placeholder)).toEqual([]);
    const measured = results.endToEnd;
    expect(measured.map((w) => w.workload)).toEqual(["dashboards", "list", "public", "pdp-exchange"]);
    for (const w of measured) {
      expect(w.sameJsonAsBaseline, w.workload).toBe(true);
      // The federation (four subgraphs behind the gateway) runs the dashboards and the PDP exchange.
      const federated = w.workload === "dashboards" || w.workload === "pdp-exchange";
      expect(w.results.map((r) => r.server)).toEqual(
        federated ? ["stock", "jit", "gateway", "baseline"] : ["stock", "jit", "baseline"],
      );
      for (const r of w.results) {
        expect(r.failures, `${w.workload}/${r.server}`).toBe(0);
        expect(r.coldCommandsPerRequest.every((n) => n > 0)).toBe(true);
        expect(r.coldMs.every((ms) => ms > 0)).toBe(true);
        r.commandsPerRequest.forEach((n, i) => {
          expect(n).toBeLessThanOrEqual(r.coldCommandsPerRequest[i]);
        });
        expect(r.peakRssMb).toBeGreaterThan(0);
      }
    }
    // Imported data comes from the read cache once seen: the list and the public aggregate then send no command.
    for (const w of measured.filter((x) => x.workload === "list" || x.workload === "public")) {
      for (const r of w.results) expect(r.commandsPerRequest, `${w.workload}/${r.server}`).toEqual([0]);
    }
    // The PDP exchange: the inbox and the 7 mutations of one fiche, each with its commands (fiches are never cached); the execution-only level covers the inbox.
    expect(measured.at(-1)!.results.every((r) => r.commandsPerRequest.every((n) => n > 0))).toBe(true);
    expect(measured.at(-1)!.results[0].commandsPerRequest).toHaveLength(8);
    expect(results.execution.map((e) => e.workload)).toEqual([
      "dashboards",
      "list",
      "public",
      "pdp-exchange",
    ]);
    expect(results.execution.at(-1)!.operations).toEqual(["inbox"]);
    for (const e of results.execution) {
      expect(e.sameJson, e.workload).toBe(true);
      expect(e.commands, e.workload).toBe(0);
      expect(e.variants.map((v) => v.variant)).toEqual([
        "hand",
        "graphql-js",
        "graphql-jit",
        "apollo+stock",
        "apollo+jit",
        "apollo+jit trusted",
      ]);
    }
    // The import figure: a national AT file through the real pipeline, then rolled back.
    expect(results.imports).toEqual([
      expect.objectContaining({ dataset: "carsat-at", status: "IMPORTED", rows: 2_000 }),
    ]);
    // The grid part: a small synthetic publication grid (milliseconds), protected with its territories as layers and flat.
    expect(output).toContain("Publication grid protection");
    expect(results.grid?.variants.map((v) => v.layers)).toEqual([true, false]);
    for (const v of results.grid!.variants) {
      expect(v.cells).toBe(results.grid!.variants[0].cells);
      expect(v.primary).toBeGreaterThan(0);
      expect(v.secondary).toBeGreaterThan(0);
      expect(v.rounds).toBeGreaterThanOrEqual(1);
      expect({ unaudited: v.unaudited, exposed: v.exposed }).toEqual({ unaudited: 0, exposed: 0 });
    }
  });
});
