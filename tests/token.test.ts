import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { jwtVerify } from "jose";
import { afterAll, describe, expect, it, vi } from "vitest";
import { ROLES } from "../src/auth/roles.js";
import { createTokenVerifier, devSecretOf } from "../src/auth/tokens.js";
import { loadConfig } from "../src/config.js";
import { main, parseTokenArgs, UsageError } from "../tools/token.js";

/**
 * `npm run token`: the development token of the README. The command is run
 * for real (npx tsx tools/token.ts) and its output verified with jose and
 * with the server's own verifier.
 */

const root = fileURLToPath(new URL("..", import.meta.url));
const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/;

/** This file's installations (DATA_DIR): the repository's own .data is never touched. */
const tmp = mkdtempSync(path.join(tmpdir(), "passerelle-token-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const DATA_DIR = path.join(tmp, "data");
let installations = 0;
const newDataDir = () => path.join(tmp, `installation-${installations++}`);

function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const clean = {
    ...process.env,
    NODE_ENV: "",
    AUTH_DEV_SECRET: "",
    AUTH_JWKS_URL: "",
    AUTH_ISSUER: "",
    AUTH_AUDIENCE: "",
    AUTH_MAX_TOKEN_HOURS: "",
    DATA_DIR,
    ...env,
  };
  return new Promise((resolve) => {
    execFile("npx", ["tsx", "tools/token.ts", ...args], { cwd: root, env: clean }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** The server's configuration for an installation: what `npm start` with this DATA_DIR verifies with. */
const serverAuth = (dataDir: string) => loadConfig({ DATA_DIR: dataDir }).auth;
const verify = (token: string, secret = devSecretOf(serverAuth(DATA_DIR))) =>
  jwtVerify(token, new TextEncoder().encode(secret), { algorithms: ["HS256"] });

describe("npm run token", () => {
  it("prints only a token on stdout, signed with the installation's development secret, and a hint on stderr", async () => {
    const { code, stdout, stderr } = await run(["--role", "CELLULE_PDP", "--org", "SPSTI:sstrn"]);
    expect(code).toBe(0);
    const token = stdout.trim();
    expect(stdout).toBe(`${token}\n`);
    expect(token).toMatch(JWT);
    const { payload, protectedHeader } = await verify(token);
    expect(protectedHeader.alg).toBe("HS256");
    expect(payload).toMatchObject({
      sub: "dev-cellule-pdp@sstrn",
      org: { type: "SPSTI", id: "sstrn" },
      roles: ["CELLULE_PDP"],
    });
    expect(payload.exp! - payload.iat!).toBe(8 * 3600);
    expect(stderr).toContain('{"Authorization": "Bearer <the token>"}');
    expect(stderr).not.toContain(token);
    // The server accepts it and sees the same viewer.
    const viewer = await createTokenVerifier(serverAuth(DATA_DIR))(`Bearer ${token}`);
    expect(viewer).toEqual({
      subject: "dev-cellule-pdp@sstrn",
      org: { type: "SPSTI", id: "sstrn" },
      roles: ["CELLULE_PDP"],
      region: null,
    });
  });

  it("takes several roles, a region, a subject and a lifetime", async () => {
    const { code, stdout } = await run([
      "--role",
      "ANALYST_REGIONAL",
      "--role",
      "DPO",
      "--org",
      "CPAM:cpam-44",
      "--region",
      "52",
      "--sub",
      "alice",
      "--expires",
      "30m",
    ]);
    expect(code).toBe(0);
    const { payload } = await verify(stdout.trim());
    expect(payload).toMatchObject({
      sub: "alice",
      org: { type: "CPAM", id: "cpam-44" },
      roles: ["ANALYST_REGIONAL", "DPO"],
      region: "52",
    });
    expect(payload.exp! - payload.iat!).toBe(1800);
  });

  it("signs with AUTH_DEV_SECRET when it is set, with AUTH_ISSUER and AUTH_AUDIENCE", async () => {
    const env = {
      AUTH_DEV_SECRET: "another-local-secret",
      AUTH_ISSUER: "https://idp.example",
      AUTH_AUDIENCE: "passerelle",
    };
    const { code, stdout } = await run(["--role", "DPO", "--org", "NATIONAL:dgt"], env);
    expect(code).toBe(0);
    await expect(verify(stdout.trim())).rejects.toThrow();
    const { payload } = await verify(stdout.trim(), env.AUTH_DEV_SECRET);
    expect(payload).toMatchObject({ iss: env.AUTH_ISSUER, aud: env.AUTH_AUDIENCE });
  });

  it("and the server find the same secret: generated once per DATA_DIR, even when several start at once", async () => {
    const dataDir = path.join(newDataDir(), "not-yet-created");
    const runs = await Promise.all(
      [1, 2, 3, 4].map(() => run(["--role", "DPO", "--org", "SPSTI:sstrn"], { DATA_DIR: dataDir })),
    );
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    expect(readdirSync(dataDir)).toEqual(["dev-secret"]); // no temporary file left behind
    expect(statSync(path.join(dataDir, "dev-secret")).mode & 0o777).toBe(0o600);
    const server = createTokenVerifier(serverAuth(dataDir));
    for (const { stdout } of runs)
      await expect(server(`Bearer ${stdout.trim()}`)).resolves.toMatchObject({ subject: "dev-dpo@sstrn" });
    // Another installation has another secret, so it refuses these tokens.
    const other = newDataDir();
    expect((await run(["--role", "DPO", "--org", "SPSTI:sstrn"], { DATA_DIR: other })).code).toBe(0);
    await expect(
      createTokenVerifier(serverAuth(other))(`Bearer ${runs[0].stdout.trim()}`),
    ).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
  });

  it("signs up to AUTH_MAX_TOKEN_HOURS, and by default 8h or the cap when it is shorter", async () => {
    const ok = await run(["--role", "DPO", "--org", "SPSTI:sstrn", "--expires", "12h"]);
    expect(ok.code).toBe(0);
    const { payload } = await verify(ok.stdout.trim());
    expect(payload.exp! - payload.iat!).toBe(12 * 3600);
    const short = await run(["--role", "DPO", "--org", "SPSTI:sstrn"], { AUTH_MAX_TOKEN_HOURS: "2" });
    expect(short.code).toBe(0);
    const { payload: p2 } = await verify(short.stdout.trim());
    expect(p2.exp! - p2.iat!).toBe(2 * 3600);
  });

  const BAD: [string, string[], Record<string, string>, RegExp][] = [
    ["an unknown role", ["--role", "ADMIN", "--org", "SPSTI:sstrn"], {}, /unknown role "ADMIN"/],
    [
      "a role that does not fit its organisation",
      ["--role", "MEDECIN_TRAVAIL", "--org", "CARSAT:carsat-pays-de-la-loire"],
      {},
      /MEDECIN_TRAVAIL cannot belong to an organisation of type CARSAT/,
    ],
    ["an unknown organisation type", ["--role", "DPO", "--org", "MAIRIE:nantes"], {}, /must be TYPE:id/],
    [
      "an unknown caisse",
      ["--role", "CARSAT_SERVICE_SOCIAL", "--org", "CARSAT:carsat-atlantide"],
      {},
      /unknown caisse "carsat-atlantide"/,
    ],
    ["a missing organisation", ["--role", "DPO"], {}, /give the organisation/],
    [
      "a regional analyst without a region",
      ["--role", "ANALYST_REGIONAL", "--org", "SPSTI:sstrn"],
      {},
      /needs a region/,
    ],
    [
      "a bad lifetime",
      ["--role", "DPO", "--org", "SPSTI:sstrn", "--expires", "forever"],
      {},
      /--expires "forever"/,
    ],
    [
      "production",
      ["--role", "DPO", "--org", "SPSTI:sstrn"],
      { NODE_ENV: "production" },
      /NODE_ENV=production/,
    ],
    [
      "a lifetime beyond the cap (12h by default)",
      ["--role", "DPO", "--org", "SPSTI:sstrn", "--expires", "13h"],
      {},
      /--expires "13h" is longer than the 12h a token may live \(AUTH_MAX_TOKEN_HOURS\)/,
    ],
    [
      "a lifetime in days beyond the cap",
      ["--role", "DPO", "--org", "SPSTI:sstrn", "--expires", "1d"],
      {},
      /longer than the 12h/,
    ],
    [
      "a lifetime beyond a lower AUTH_MAX_TOKEN_HOURS",
      ["--role", "DPO", "--org", "SPSTI:sstrn", "--expires", "121m"],
      { AUTH_MAX_TOKEN_HOURS: "2" },
      /longer than the 2h/,
    ],
  ];
  it("exits with code 2 and says why, for a bad role or a role that does not fit its organisation", async () => {
    for (const [args, message] of [
      [["--role", "ADMIN", "--org", "SPSTI:sstrn"], /unknown role "ADMIN"/],
      [
        ["--role", "MEDECIN_TRAVAIL", "--org", "CARSAT:carsat-pays-de-la-loire"],
        /MEDECIN_TRAVAIL cannot belong to an organisation of type CARSAT/,
      ],
    ] as const) {
      const { code, stdout, stderr } = await run([...args]);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toMatch(message);
    }
  });

  // The other refusals, in process (a process start costs a couple of seconds each).
  for (const [name, args, env, message] of BAD) {
    it(`returns exit code 2 and says why, for ${name}`, async () => {
      const out: string[] = [];
      const err: string[] = [];
      const stdout = vi.spyOn(process.stdout, "write").mockImplementation((s) => {
        out.push(String(s));
        return true;
      });
      const stderr = vi.spyOn(process.stderr, "write").mockImplementation((s) => {
        err.push(String(s));
        return true;
      });
      const dataDir = newDataDir();
      try {
        expect(await main(args, { DATA_DIR: dataDir, ...env })).toBe(2);
      } finally {
        stdout.mockRestore();
        stderr.mockRestore();
      }
      expect(existsSync(dataDir)).toBe(false); // a refused command creates no secret
      expect(out).toEqual([]);
      expect(err.join("")).toMatch(message);
      expect(err.join("")).toContain("Usage: npm run token");
    });
  }
});

describe("the README's tokens for each role", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  const section = /## Tokens for each role\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? "";
  const commands = [...section.matchAll(/npm run (?:-s )?token -- (.+)$/gm)].map((m) =>
    m[1]
      .replace(/[`)]+$/, "")
      .trim()
      .split(/\s+/),
  );

  it("has a command for every role", () => {
    expect(section).not.toBe("");
    const roles = new Set(commands.flatMap((args) => args.filter((_, i) => args[i - 1] === "--role")));
    expect([...roles].sort()).toEqual([...ROLES].sort());
  });

  it("gives only commands the tool accepts", () => {
    for (const args of commands) {
      expect(() => parseTokenArgs(args), args.join(" ")).not.toThrow();
    }
    expect(() => parseTokenArgs(["--role", "DPO", "--org", "nowhere"])).toThrow(UsageError);
  });
});
