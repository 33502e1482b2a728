import type { BenchResults } from "./report.js";

/**
 * The targets of issues #13 (national scale) and #14 (the federation), each with what this run
 * measured: figures to read, never a test's pass/fail (docs/performance.md).
 * A target whose workload did not run this time says so.
 */
interface Target {
  target: string;
  measured: (r: BenchResults) => number | null;
  unit: string;
  met: (v: number) => boolean;
}

const passerelle = (r: BenchResults, workload: string) => {
  const w = r.endToEnd.find((x) => x.workload === workload && x.results.length > 0);
  return w
    ? {
        // The single process with Passerelle's default executor, else the first one that ran.
        jit:
          w.results.find((x) => x.server === "jit") ??
          w.results.find((x) => x.server !== "baseline" && x.server !== "gateway")!,
        base: w.results.find((x) => x.server === "baseline")!,
        gateway: w.results.find((x) => x.server === "gateway") ?? null,
      }
    : null;
};
/** The federation's throughput over the single process's (jit), in the same run. */
const federated = (workload: string) => (r: BenchResults) => {
  const w = passerelle(r, workload);
  return w?.gateway ? w.gateway.throughput / w.jit.throughput : null;
};
const ratio = (workload: string) => (r: BenchResults) => {
  const w = passerelle(r, workload);
  return w ? w.jit.throughput / w.base.throughput : null;
};
const coldest = (workload: string) => (r: BenchResults) => {
  const w = passerelle(r, workload);
  return w ? Math.max(...w.jit.coldMs) : null;
};

const TARGETS: Target[] = [
  {
    target: "PDP exchange p99 at 10 connections ≤ 250 ms",
    measured: (r) => passerelle(r, "pdp-exchange")?.jit.p99 ?? null,
    unit: "ms",
    met: (v) => v <= 250,
  },
  {
    target: "PDP exchange ≥ 0.9x the baseline",
    measured: ratio("pdp-exchange"),
    unit: "x",
    met: (v) => v >= 0.9,
  },
  {
    target: "cold first answer of each dashboard query ≤ 500 ms (the slowest)",
    measured: coldest("dashboards"),
    unit: "ms",
    met: (v) => v <= 500,
  },
  {
    target: "cold first answer of the public aggregate ≤ 500 ms",
    measured: coldest("public"),
    unit: "ms",
    met: (v) => v <= 500,
  },
  {
    target: "warm dashboards ≥ 0.9x the baseline",
    measured: ratio("dashboards"),
    unit: "x",
    met: (v) => v >= 0.9,
  },
  {
    target: "warm public aggregate ≥ 0.8x the baseline",
    measured: ratio("public"),
    unit: "x",
    met: (v) => v >= 0.8,
  },
  { target: "1,000-item list ≥ 0.9x the baseline", measured: ratio("list"), unit: "x", met: (v) => v >= 0.9 },
  {
    target: "peak RSS of a Passerelle server < 300 MB",
    measured: (r) => {
      const rss = r.endToEnd.flatMap((w) =>
        w.results.filter((x) => x.server !== "baseline" && x.server !== "gateway").map((x) => x.peakRssMb),
      );
      return rss.length > 0 ? Math.max(...rss) : null;
    },
    unit: "MB",
    met: (v) => v < 300,
  },
  {
    target: "#14: dashboards through the gateway ≥ 0.5x the single process",
    measured: federated("dashboards"),
    unit: "x",
    met: (v) => v >= 0.5,
  },
  {
    target: "#14: PDP exchange through the gateway, ÷ the single process (no target; reported)",
    measured: federated("pdp-exchange"),
    unit: "x",
    met: () => true,
  },
  {
    target: "#14: peak RSS of the gateway (reported; the prototype's runtime alone took 100-140 MiB)",
    measured: (r) => {
      const rss = r.endToEnd.flatMap((w) =>
        w.results.filter((x) => x.server === "gateway").map((x) => x.peakRssMb),
      );
      return rss.length > 0 ? Math.max(...rss) : null;
    },
    unit: "MB",
    met: () => true,
  },
];

export function targetsTable(r: BenchResults): string {
  const rows = TARGETS.map((t) => {
    const v = t.measured(r);
    const shown = v === null ? "not run" : t.unit === "x" ? `${v.toFixed(2)}x` : `${v.toFixed(0)} ${t.unit}`;
    return `| ${t.target} | ${shown} | ${v === null ? "-" : t.met(v) ? "yes" : "**no**"} |`;
  });
  return ["| target | this run | met |", "|---|---|---|", ...rows].join("\n");
}
