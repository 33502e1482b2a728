import { readFileSync } from "node:fs";

/**
 * Summary of a V8 CPU profile (node --cpu-prof): where the samples fall, by
 * package or source area and by function, in percent of the profile's
 * duration. `(idle)` is time the process waited (for the database, for
 * requests): a server that is mostly idle is not the bottleneck.
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  seconds: number;
  byArea: { area: string; percent: number }[];
  topFunctions: { fn: string; percent: number }[];
}

/** Where a frame belongs: a package of node_modules, an area of this repository, node internals, or V8's pseudo-frames. */
function areaOf(url: string, name: string): string {
  if (!url) return name.startsWith("(") ? name : "(native)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith("node:")) return "node internals";
  const own = /\/(src\/[^/]+|resolvers|bench|seeds)\//.exec(url);
  return own ? own[1] : "other";
}

export function summarize(file: string, top = 12): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0) || 1;
  const areas = new Map<string, number>();
  const fns = new Map<string, number>();
  for (const [id, us] of self) {
    const { callFrame: f } = byId.get(id)!;
    const area = areaOf(f.url, f.functionName);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const where = f.url
      ? `${f.url.replace(/^.*?\/(node_modules|src|resolvers|bench)\//, "$1/")}:${f.lineNumber + 1}`
      : "";
    const fn = `${f.functionName || "(anonymous)"} ${where}`.trim();
    fns.set(fn, (fns.get(fn) ?? 0) + us);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  return {
    file,
    seconds: total / 1e6,
    byArea: sorted(areas).map(([area, us]) => ({ area, percent: (100 * us) / total })),
    topFunctions: sorted(fns).map(([fn, us]) => ({ fn, percent: (100 * us) / total })),
  };
}

export function printSummary(s: ProfileSummary): void {
  console.log(`\n${s.file.split("/").pop()} (${s.seconds.toFixed(1)} s sampled)`);
  console.log(`  by area: ${s.byArea.map((a) => `${a.area} ${a.percent.toFixed(1)}%`).join(", ")}`);
  for (const f of s.topFunctions) console.log(`  ${f.percent.toFixed(1).padStart(5)}%  ${f.fn}`);
}

// `tsx bench/profile.ts <file.cpuprofile>...`: print the summaries.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const file of process.argv.slice(2)) printSummary(summarize(file));
}
