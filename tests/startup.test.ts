import { spawn, spawnSync } from "node:child_process";
import { describe, expect, inject, it } from "vitest";
import { MongoClient } from "mongodb";

/**
 * `npm start` on a machine with neither MONGODB_URI nor Go must stop at once
 * with a message saying what to install or set: no hang, no stack trace.
 */
describe("starting without any database", () => {
  it("stops with a clear message when MONGODB_URI is unset and Go is missing", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
      encoding: "utf8",
      timeout: 30_000,
      env: {
        PATH: "/nonexistent", // no `go` on the PATH
        FERRETDB_LAUNCHER: "/nonexistent/ferretdb-launcher", // and no cached build
        DATA_DIR: "/tmp/passerelle-never-created",
        HOME: process.env.HOME ?? "/root",
      },
    });
    expect(run.error).toBeUndefined(); // it did not hang until the timeout
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Passerelle cannot start");
    expect(run.stderr).toContain("MONGODB_URI");
    expect(run.stderr).toMatch(/install Go/i);
    expect(run.stderr).not.toMatch(/\n\s+at \S+ \(/); // no stack trace
  });
});

describe("stopping", () => {
  it("exits cleanly on SIGTERM", { timeout: 120_000 }, async () => {
    const dbName = `t_startup_sigterm_${process.pid}`;
    // No NODE_ENV: the server runs as `npm start` does (Apollo installs signal handlers unless told not to).
    const env = {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/root",
      MONGODB_URI: inject("mongoUri"),
      MONGODB_DB: dbName,
      PORT: "0",
      PURGE_INTERVAL_HOURS: "0",
    };
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      for (
        const end = Date.now() + 90_000;
        !out.includes("Passerelle is ready");
        await new Promise((r) => setTimeout(r, 200))
      ) {
        if (Date.now() > end || child.exitCode !== null) throw new Error(`server did not start: ${out}`);
      }
      child.kill("SIGTERM");
      const code = await Promise.race([
        exited,
        new Promise<string>((r) => setTimeout(() => r("still running after 15 s"), 15_000)),
      ]);
      expect(code, out).toBe(0);
      expect(out).toContain("SIGTERM: stopping");
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      const client = await MongoClient.connect(inject("mongoUri"));
      await client.db(dbName).dropDatabase();
      await client.close();
    }
  });
});
