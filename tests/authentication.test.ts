import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, exportJWK, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTokenVerifier, DEFAULT_DEV_SECRET, signDevToken } from "../src/auth/tokens.js";
import { startTestApp, tokenFor, type TestApp } from "./helpers.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(import.meta.url, { seed: false });
});
afterAll(() => t.close());

const QUERY = "{ spstis { id } }";
const claims = { sub: "agent-1", org: { type: "SPSTI" as const, id: "sstrn" }, roles: ["CELLULE_PDP" as const] };

async function post(authorization: string) {
  const res = await fetch(t.url, { method: "POST", headers: { "content-type": "application/json", authorization }, body: JSON.stringify({ query: QUERY }) });
  return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: { message: string; extensions: { code: string } }[] } };
}

/** A bad token fails the whole request: 401, UNAUTHENTICATED, no data at all, and the token is never echoed. */
describe("bad tokens", () => {
  const cases: [string, () => Promise<string>, RegExp][] = [
    ["an expired token", () => signDevToken(claims, { expiresIn: "-1m" }).then((j) => `Bearer ${j}`), /expired/],
    ["a token signed with another secret", () => signDevToken(claims, { secret: "not-the-secret-at-all-0123456789" }).then((j) => `Bearer ${j}`), /signature/],
    ["a malformed token", async () => "Bearer not.a.jwt", /malformed/],
    ["a header that is not Bearer", async () => "Basic dXNlcjpwYXNz", /Bearer/],
    ["a role that cannot belong to the organisation", () => tokenFor({ role: "MEDECIN_TRAVAIL", org: "CARSAT:carsat-bretagne" }).then((j) => `Bearer ${j}`), /cannot belong/],
    ["an unknown role", () => signDevToken({ ...claims, roles: ["ROOT" as never] }).then((j) => `Bearer ${j}`), /roles/],
    ["an unsigned token (alg none)", async () => `Bearer ${unsigned()}`, /algorithm|malformed/],
  ];
  for (const [what, make, reason] of cases) {
    it(`refuses ${what}`, async () => {
      const header = await make();
      const { status, body } = await post(header);
      expect(status).toBe(401);
      expect(body.data).toBeUndefined();
      expect(body.errors).toHaveLength(1);
      expect(body.errors![0].extensions.code).toBe("UNAUTHENTICATED");
      expect(body.errors![0].message).toMatch(reason);
      expect(JSON.stringify(body)).not.toContain(header.replace(/^\w+\s+/, ""));
    });
  }

  it("accepts a good token", async () => {
    const { status, body } = await post(`Bearer ${await signDevToken(claims)}`);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });
});

function unsigned(): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${b64({ alg: "none", typ: "JWT" })}.${b64({ ...claims, exp: Math.floor(Date.now() / 1000) + 600 })}.`;
}

describe("production keys", () => {
  it("refuses to start in production with only the development secret", () => {
    expect(() => createTokenVerifier({ devSecret: DEFAULT_DEV_SECRET, jwksUrl: undefined, issuer: undefined, audience: undefined, production: true })).toThrow(/production/);
  });

  it("verifies RS256 tokens against a JWKS endpoint, with issuer and audience, and refuses HS256 ones there", async () => {
    const { publicKey, privateKey } = await generateKeyPair("RS256");
    const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256", use: "sig" };
    const jwks: Server = createServer((_, res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => jwks.listen(0, "127.0.0.1", resolve));
    try {
      const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
      const verify = createTokenVerifier({ devSecret: undefined, jwksUrl, issuer: "https://idp.example", audience: "passerelle", production: true });
      const sign = (iss: string) =>
        new SignJWT({ org: claims.org, roles: claims.roles }).setProtectedHeader({ alg: "RS256", kid: "k1" }).setSubject("agent-1")
          .setIssuer(iss).setAudience("passerelle").setExpirationTime("5m").sign(privateKey);
      const viewer = await verify(`Bearer ${await sign("https://idp.example")}`);
      expect(viewer).toMatchObject({ subject: "agent-1", org: { type: "SPSTI", id: "sstrn" }, roles: ["CELLULE_PDP"] });
      await expect(verify(`Bearer ${await sign("https://evil.example")}`)).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
      await expect(verify(`Bearer ${await signDevToken(claims)}`)).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    } finally {
      jwks.close();
    }
  });
});
