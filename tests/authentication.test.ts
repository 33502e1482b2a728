import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { SignJWT, exportJWK, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTokenVerifier, devSecretOf, signDevToken } from "../src/auth/tokens.js";
import { loadConfig, type AuthConfig } from "../src/config.js";
import { startTestApp, TEST_DEV_SECRET, tokenFor, type GraphQLResponse, type TestApp } from "./helpers.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(import.meta.url, { seed: false });
});
afterAll(() => t.close());

const QUERY = "{ spstis { id } }";
const claims = {
  sub: "agent-1",
  org: { type: "SPSTI" as const, id: "sstrn" },
  roles: ["CELLULE_PDP" as const],
};
const now = () => Math.floor(Date.now() / 1000);
/** A development token the test app would accept, but for what `options` changes. */
const sign = (c: Parameters<typeof signDevToken>[0], options: Parameters<typeof signDevToken>[1] = {}) =>
  signDevToken(c, { secret: TEST_DEV_SECRET, ...options });
/** A token with the test secret and exactly these dates (none when left out). */
function dated(dates: { iat?: number; exp?: number }): Promise<string> {
  let jwt = new SignJWT({ org: claims.org, roles: claims.roles })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(claims.sub);
  if (dates.iat !== undefined) jwt = jwt.setIssuedAt(dates.iat);
  if (dates.exp !== undefined) jwt = jwt.setExpirationTime(dates.exp);
  return jwt.sign(new TextEncoder().encode(TEST_DEV_SECRET));
}

async function post(authorization: string) {
  const res = await fetch(t.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization },
    body: JSON.stringify({ query: QUERY }),
  });
  return {
    status: res.status,
    body: (await res.json()) as Omit<GraphQLResponse, "status">,
  };
}

/** A bad token fails the whole request: 401, UNAUTHENTICATED, no data at all, and the token is never echoed. */
describe("bad tokens", () => {
  const cases: [string, () => Promise<string>, RegExp][] = [
    ["an expired token", () => sign(claims, { expiresIn: "-1m" }).then((j) => `Bearer ${j}`), /expired/],
    [
      "a token without expiry (exp)",
      () => dated({ iat: now() }).then((j) => `Bearer ${j}`),
      /no expiry \(exp\).*12 hours/,
    ],
    ["a token without exp nor iat", () => dated({}).then((j) => `Bearer ${j}`), /no expiry/],
    [
      "a token that lives longer than AUTH_MAX_TOKEN_HOURS (13h)",
      () => sign(claims, { expiresIn: "13h" }).then((j) => `Bearer ${j}`),
      /lifetime exceeds the 12 hours/,
    ],
    [
      "a token without iat that expires beyond the cap from now",
      () => dated({ exp: now() + 12 * 3600 + 120 }).then((j) => `Bearer ${j}`),
      /lifetime exceeds/,
    ],
    [
      "a token issued in the future (a way round the cap)",
      () => dated({ iat: now() + 30 * 86400, exp: now() + 30 * 86400 + 3600 }).then((j) => `Bearer ${j}`),
      /in the future/,
    ],
    [
      "a token signed with another secret",
      () => signDevToken(claims, { secret: "not-the-secret-at-all-0123456789" }).then((j) => `Bearer ${j}`),
      /signature/,
    ],
    ["a malformed token", async () => "Bearer not.a.jwt", /malformed/],
    ["a header that is not Bearer", async () => "Basic dXNlcjpwYXNz", /Bearer/],
    [
      "a role that cannot belong to the organisation",
      () => tokenFor({ role: "MEDECIN_TRAVAIL", org: "CARSAT:carsat-bretagne" }).then((j) => `Bearer ${j}`),
      /cannot belong/,
    ],
    [
      "an unknown role",
      () => sign({ ...claims, roles: ["ROOT" as never] }).then((j) => `Bearer ${j}`),
      /roles/,
    ],
    ["an unsigned token (alg none)", async () => `Bearer ${unsigned()}`, /algorithm|malformed/],
  ];
  for (const [what, make, reason] of cases) {
    it(`refuses ${what}`, async () => {
      const header = await make();
      const { status, body } = await post(header);
      expect(status).toBe(401);
      expect(body.data).toBeUndefined();
      expect(body.errors).toHaveLength(1);
      expect(body.errors![0].extensions?.code).toBe("UNAUTHENTICATED");
      expect(body.errors![0].message).toMatch(reason);
      expect(JSON.stringify(body)).not.toContain(header.replace(/^\w+\s+/, ""));
    });
  }

  it("accepts a good token, and one that lives exactly the cap, with or without iat", async () => {
    for (const token of [
      await sign(claims),
      await sign(claims, { expiresIn: "12h" }),
      await dated({ exp: now() + 3600 }),
    ]) {
      const { status, body } = await post(`Bearer ${token}`);
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
    }
  });
});

function unsigned(): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${b64({ alg: "none", typ: "JWT" })}.${b64({ ...claims, exp: Math.floor(Date.now() / 1000) + 600 })}.`;
}

/** An AuthConfig as loadConfig builds it from these variables (no DATA_DIR: tests never use the repository's .data). */
const authOf = (env: Record<string, string>): AuthConfig =>
  loadConfig({ DATA_DIR: "/nonexistent/passerelle-test", ...env }).auth;

describe("token lifetime (AUTH_MAX_TOKEN_HOURS)", () => {
  it("follows AUTH_MAX_TOKEN_HOURS", async () => {
    const verify = createTokenVerifier(
      authOf({ AUTH_DEV_SECRET: TEST_DEV_SECRET, AUTH_MAX_TOKEN_HOURS: "1" }),
    );
    await expect(verify(`Bearer ${await sign(claims, { expiresIn: "1h" })}`)).resolves.toMatchObject({
      subject: "agent-1",
    });
    await expect(verify(`Bearer ${await sign(claims, { expiresIn: "61m" })}`)).rejects.toMatchObject({
      message: expect.stringMatching(/lifetime exceeds the 1 hours/),
      extensions: { code: "UNAUTHENTICATED" },
    });
  });

  it("is a positive whole number of hours", () => {
    expect(authOf({}).maxTokenHours).toBe(12);
    for (const bad of ["0", "-1", "1.5", "twelve"])
      expect(() => authOf({ AUTH_MAX_TOKEN_HOURS: bad })).toThrow(/AUTH_MAX_TOKEN_HOURS/);
  });
});

describe("verified tokens, remembered", () => {
  it("gives the same frozen viewer for a token seen again, until the token expires", async () => {
    const verify = createTokenVerifier(authOf({ AUTH_DEV_SECRET: TEST_DEV_SECRET }));
    const token = `Bearer ${await dated({ iat: now(), exp: now() + 2 })}`;
    const first = await verify(token);
    expect(first).toMatchObject({ subject: "agent-1", org: { type: "SPSTI", id: "sstrn" } });
    expect(await verify(token)).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first!.org) && Object.isFrozen(first!.roles)).toBe(true);
    // Never past its expiry: the remembered verdict ends with the token.
    await new Promise((resolve) => setTimeout(resolve, 3_100));
    await expect(verify(token)).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
  });

  it("remembers only what passed: a bad token is refused each time", async () => {
    const verify = createTokenVerifier(authOf({ AUTH_DEV_SECRET: TEST_DEV_SECRET }));
    const forged = `Bearer ${await signDevToken(claims, { secret: "not-the-secret-at-all-0123456789" })}`;
    for (let i = 0; i < 2; i++)
      await expect(verify(forged)).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
  });
});

describe("the installation's development secret", () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), "passerelle-secret-"));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("is created once in DATA_DIR/dev-secret (folder included), mode 0600, then reused", () => {
    const dataDir = path.join(tempDir(), "nested", ".data");
    const file = path.join(dataDir, "dev-secret");
    const secret = devSecretOf(authOf({ DATA_DIR: dataDir }));
    expect(secret).toMatch(/^[\w-]{43}$/); // 32 random bytes, base64url
    expect(readFileSync(file, "utf8").trim()).toBe(secret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const { mtimeMs, ino } = statSync(file);
    expect(devSecretOf(authOf({ DATA_DIR: dataDir }))).toBe(secret);
    expect(statSync(file)).toMatchObject({ mtimeMs, ino });
  });

  it("differs between two installations, and AUTH_DEV_SECRET overrides it without writing anything", () => {
    const [a, b, c] = [tempDir(), tempDir(), tempDir()];
    expect(devSecretOf(authOf({ DATA_DIR: a }))).not.toBe(devSecretOf(authOf({ DATA_DIR: b })));
    expect(devSecretOf(authOf({ DATA_DIR: c, AUTH_DEV_SECRET: "given" }))).toBe("given");
    expect(() => statSync(path.join(c, "dev-secret"))).toThrow(/ENOENT/);
  });

  it("signs the tokens the server accepts, and another installation refuses them", async () => {
    const [a, b] = [authOf({ DATA_DIR: tempDir() }), authOf({ DATA_DIR: tempDir() })];
    const token = `Bearer ${await signDevToken(claims, { secret: devSecretOf(a) })}`;
    await expect(createTokenVerifier(a)(token)).resolves.toMatchObject({ subject: "agent-1" });
    await expect(createTokenVerifier(b)(token)).rejects.toMatchObject({
      message: expect.stringMatching(/signature/),
    });
  });

  it("is not written by a server that never sees a token", async () => {
    const dataDir = tempDir();
    const verify = createTokenVerifier(authOf({ DATA_DIR: dataDir }));
    expect(await verify(undefined)).toBeNull();
    expect(() => statSync(path.join(dataDir, "dev-secret"))).toThrow(/ENOENT/);
  });
});

describe("production keys", () => {
  it("refuses to start in production with only the development secret", () => {
    expect(() =>
      createTokenVerifier(
        authOf({ NODE_ENV: "production", AUTH_DEV_SECRET: randomBytes(32).toString("base64url") }),
      ),
    ).toThrow(/production/);
  });

  it("verifies RS256 tokens against a JWKS endpoint, with issuer and audience, and refuses HS256 ones there", async () => {
    const { publicKey, privateKey } = await generateKeyPair("RS256");
    const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256", use: "sig" };
    const jwks: Server = createServer((_, res) =>
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] })),
    );
    await new Promise<void>((resolve) => jwks.listen(0, "127.0.0.1", resolve));
    try {
      const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
      const verify = createTokenVerifier(
        authOf({
          NODE_ENV: "production",
          AUTH_JWKS_URL: jwksUrl,
          AUTH_ISSUER: "https://idp.example",
          AUTH_AUDIENCE: "passerelle",
        }),
      );
      const rs256 = (iss: string, expires: string | null = "5m") => {
        const jwt = new SignJWT({ org: claims.org, roles: claims.roles })
          .setProtectedHeader({ alg: "RS256", kid: "k1" })
          .setSubject("agent-1")
          .setIssuer(iss)
          .setAudience("passerelle");
        return (expires ? jwt.setExpirationTime(expires) : jwt).sign(privateKey);
      };
      const viewer = await verify(`Bearer ${await rs256("https://idp.example")}`);
      expect(viewer).toMatchObject({
        subject: "agent-1",
        org: { type: "SPSTI", id: "sstrn" },
        roles: ["CELLULE_PDP"],
      });
      const refused = (message: RegExp) => ({
        message: expect.stringMatching(message),
        extensions: { code: "UNAUTHENTICATED" },
      });
      await expect(verify(`Bearer ${await rs256("https://evil.example")}`)).rejects.toMatchObject(
        refused(/claims/),
      );
      await expect(verify(`Bearer ${await sign(claims)}`)).rejects.toMatchObject(refused(/algorithm/));
      // The identity provider's tokens obey the same lifetime rules.
      await expect(verify(`Bearer ${await rs256("https://idp.example", null)}`)).rejects.toMatchObject(
        refused(/no expiry/),
      );
      await expect(verify(`Bearer ${await rs256("https://idp.example", "24h")}`)).rejects.toMatchObject(
        refused(/lifetime exceeds/),
      );
    } finally {
      jwks.close();
    }
  });
});
