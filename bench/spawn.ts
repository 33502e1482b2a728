import { fork, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ServerMessage, ServerStats } from "./server.js";
import { SUBGRAPH_NAMES } from "../src/federation/names.js";

/** A benchmarked server running in its own process (bench/server.ts). */
export interface ServerHandle {
  kind: "passerelle" | "baseline" | "subgraph" | "gateway";
  url: string;
  pid: number;
  stats(): Promise<ServerStats>;
  /** Empties the server's read cache, so that the next requests are cold. */
  clearCache(): Promise<void>;
  stop(): Promise<void>;
}

const entry = fileURLToPath(new URL("./server.ts", import.meta.url));

/**
 * Forks bench/server.ts under tsx with its own environment (EXECUTOR, the
 * database URI); `cpuProfile` adds node's --cpu-prof, written when it stops.
 */
export async function startServer(
  kind: ServerHandle["kind"],
  opts: {
    uri: string;
    executor?: string;
    listLength: number;
    cpuProfile?: { dir: string; name: string };
    env?: Record<string, string>;
  },
): Promise<ServerHandle> {
  const prof = opts.cpuProfile;
  const execArgv = ["--import", "tsx", ...(prof ? cpuProfArgs(prof) : [])];
  const env = {
    ...process.env,
    BENCH_MONGODB_URI: opts.uri,
    NODE_ENV: "development",
    ...(opts.executor ? { EXECUTOR: opts.executor } : {}),
    ...opts.env,
  };
  const child = fork(entry, [kind, String(opts.listLength)], {
    execArgv,
    env,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} server did not start within 60 s`)), 60_000);
    child.once("exit", (code) =>
      reject(new Error(`${kind} server exited with code ${code} before it was ready`)),
    );
    child.on("message", (m: ServerMessage) => {
      if (m.type === "ready") {
        clearTimeout(timer);
        resolve(m.port);
      }
    });
  });
  return {
    kind,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stats: () => ask(child),
    clearCache: async () => void (await ask(child, "clear-cache")),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.send({ type: "stop" });
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** node's --cpu-prof into a directory of its own (tsx's loader thread writes a profile too; mainProfile picks the main thread's). */
export function cpuProfArgs(p: { dir: string; name: string }): string[] {
  return ["--cpu-prof", `--cpu-prof-dir=${join(p.dir, p.name)}`];
}

/** The main thread's profile in such a directory: `CPU.<date>.<time>.<pid>.<thread id 0>.<seq>.cpuprofile`. */
export function mainProfile(dir: string): string | null {
  const file = readdirSync(dir).find((f) => f.split(".")[4] === "0" && f.endsWith(".cpuprofile"));
  return file ? join(dir, file) : null;
}

function ask(child: ChildProcess, type: "stats" | "clear-cache" = "stats"): Promise<ServerStats> {
  return new Promise((resolve) => {
    const onMessage = (m: ServerMessage) => {
      if (m.type !== "stats") return;
      child.off("message", onMessage);
      const { type: _, ...stats } = m;
      resolve(stats);
    };
    child.on("message", onMessage);
    child.send({ type });
  });
}

/**
 * CPU seconds used so far by a process and its live descendants (the
 * embedded database is the launcher plus, on PostgreSQL, the postmaster and
 * one backend per connection); null when /proc is missing.
 */
export async function processCpuSeconds(pid: number): Promise<number | null> {
  const { readFile, readdir } = await import("node:fs/promises");
  const stats = new Map<number, { ppid: number; cpu: number }>();
  try {
    for (const name of await readdir("/proc")) {
      if (!/^\d+$/.test(name)) continue;
      const stat = await readFile(`/proc/${name}/stat`, "utf8").catch(() => null);
      if (!stat) continue; // gone meanwhile
      const fields = stat.slice(stat.lastIndexOf(") ") + 2).split(" ");
      // ppid, then utime and stime in clock ticks (USER_HZ = 100)
      stats.set(Number(name), {
        ppid: Number(fields[1]),
        cpu: (Number(fields[11]) + Number(fields[12])) / 100,
      });
    }
  } catch {
    return null;
  }
  if (!stats.has(pid)) return null;
  let total = 0;
  const queue = [pid];
  while (queue.length > 0) {
    const at = queue.pop()!;
    total += stats.get(at)?.cpu ?? 0;
    for (const [child, s] of stats) if (s.ppid === at) queue.push(child);
  }
  return total;
}

/**
 * The federation as a benchmarked server: the four partner subgraphs (each
 * reading its own source's collections of the bench database) and the
 * gateway in front, five processes. Its stats add up the subgraphs' database
 * commands and everyone's CPU; its peak RSS is the gateway's (each
 * subgraph's is a single process's, measured apart).
 */
export async function startFederationServers(opts: {
  uri: string;
  executor?: string;
  listLength: number;
  /** Profiles the gateway's process (the subgraphs are the single process's code). */
  cpuProfile?: { dir: string; name: string };
}): Promise<ServerHandle> {
  const secret = randomBytes(32).toString("base64url");
  const subgraphs = await Promise.all(
    SUBGRAPH_NAMES.map((name) =>
      startServer("subgraph", {
        ...opts,
        cpuProfile: undefined,
        env: { SUBGRAPH: name, GATEWAY_SECRET: secret },
      }),
    ),
  );
  const urls = Object.fromEntries(
    SUBGRAPH_NAMES.map((name, i) => [`SUBGRAPH_URL_${name.toUpperCase()}`, `${subgraphs[i].url}/graphql`]),
  );
  const gateway = await startServer("gateway", { ...opts, env: { GATEWAY_SECRET: secret, ...urls } });
  const all = [gateway, ...subgraphs];
  return {
    kind: "gateway",
    url: gateway.url,
    pid: gateway.pid,
    async stats() {
      const [g, ...s] = await Promise.all(all.map((h) => h.stats()));
      return {
        commands: s.reduce((n, x) => n + x.commands, 0),
        cpu: {
          user: [g, ...s].reduce((n, x) => n + x.cpu.user, 0),
          system: [g, ...s].reduce((n, x) => n + x.cpu.system, 0),
        },
        maxRss: g.maxRss,
      };
    },
    clearCache: async () => void (await Promise.all(subgraphs.map((h) => h.clearCache()))),
    stop: async () => void (await Promise.all(all.map((h) => h.stop()))),
  };
}
