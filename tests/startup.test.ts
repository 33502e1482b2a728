import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

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
