import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { direct, startFederation, type Federation } from "./federation-helpers.js";
import { as, TEST_DEV_SECRET } from "./helpers.js";

/**
 * The federation as production runs it: the gateway and every subgraph verify
 * the identity provider's RS256 tokens against its JWKS (NODE_ENV=production),
 * and refuse the development HS256 tokens. The subgraphs verify the token
 * themselves: the audit event of a fiche read names the IdP's subject.
 */

const ISSUER = "https://idp.example";
const AUDIENCE = "passerelle";
let jwks: Server;
let f: Federation;
let privateKey: CryptoKey;

beforeAll(async () => {
  const pair = await generateKeyPair("RS256");
  privateKey = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
  jwks = createServer((_, res) =>
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] })),
  );
  await new Promise<void>((resolve) => jwks.listen(0, "127.0.0.1", resolve));
  const { auth } = loadConfig({
    NODE_ENV: "production",
    AUTH_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`,
    AUTH_ISSUER: ISSUER,
    AUTH_AUDIENCE: AUDIENCE,
    AUTH_DEV_SECRET: TEST_DEV_SECRET,
  });
  expect(auth.production).toBe(true);
  f = await startFederation(import.meta.url, { auth });
}, 300_000);
afterAll(async () => {
  await f?.close();
  jwks?.close();
});

/** A token of the identity provider (RS256, signed with the key its JWKS publishes). */
async function idpToken(
  claims: { sub: string; org: { type: string; id: string }; roles: string[] },
  issuer = ISSUER,
) {
  const jwt = await new SignJWT({ org: claims.org, roles: claims.roles })
    .setProtectedHeader({ alg: "RS256", kid: "k1" })
    .setSubject(claims.sub)
    .setIssuer(issuer)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(privateKey);
  return { authorization: `Bearer ${jwt}` };
}

const CELLULE = { sub: "agent-pdp-1", org: { type: "SPSTI", id: "sstrn" }, roles: ["CELLULE_PDP"] };

describe("tokens of the identity provider, in production", () => {
  it("are verified by the gateway and by each subgraph, which audits the fiche read under the IdP's subject", async () => {
    const res = await f.gql<{ fichesLiaison: { nodes: { id: string }[] }; spstis: { id: string }[] }>(
      '{ fichesLiaison(first: 2) { nodes { id ref } } spstis { id } sinistralite(sector: { naf: "41" }, years: { from: 2023, to: 2023 }) { year } }',
      undefined,
      await idpToken(CELLULE),
    );
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    const ids = res.data!.fichesLiaison.nodes.map((n) => n.id);
    expect(ids.length).toBeGreaterThan(0);
    const trail = f.subgraphs.pdp.database.db.collection("audit_events");
    const subjects = await trail.distinct("subject", { ficheId: { $in: ids } });
    expect(subjects).toEqual([CELLULE.sub]);
  });

  it("refuses a development token and another issuer's at the gateway, with 401, before any subgraph", async () => {
    const dev = await f.gql(
      "{ spstis { id } }",
      undefined,
      await as({ role: "CELLULE_PDP", org: "SPSTI:sstrn" }),
    );
    expect(dev.status).toBe(401);
    expect(dev.errors![0]).toMatchObject({
      message: expect.stringMatching(/algorithm/),
      extensions: { code: "UNAUTHENTICATED" },
    });
    const foreign = await f.gql(
      "{ spstis { id } }",
      undefined,
      await idpToken(CELLULE, "https://evil.example"),
    );
    expect(foreign.status).toBe(401);
    expect(foreign.errors![0].extensions!.code).toBe("UNAUTHENTICATED");
  });

  it("is checked again by a subgraph: a call signed by the gateway but carrying a development token is refused", async () => {
    const headers = await as({ role: "CELLULE_PDP", org: "SPSTI:sstrn" });
    const refused = await direct(
      f.subgraphs.pdp.url,
      "{ fichesLiaison(first: 1) { nodes { id } } }",
      undefined,
      {
        secret: f.secret,
        headers,
      },
    );
    expect(refused.status).toBe(401);
    expect(refused.body.errors![0].extensions.code).toBe("UNAUTHENTICATED");
    const accepted = await direct(
      f.subgraphs.pdp.url,
      "{ fichesLiaison(first: 1) { nodes { id } } }",
      undefined,
      {
        secret: f.secret,
        headers: await idpToken(CELLULE),
      },
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body.errors).toBeUndefined();
  });

  it("takes an export out through the gateway with the IdP's token, and refuses a development one", async () => {
    const path = "/exports/annex4.csv?year=2024&region=52";
    const dreets = {
      sub: "agent-dreets-1",
      org: { type: "DREETS", id: "dreets-52" },
      roles: ["DREETS_INGENIEUR_PREVENTION"],
    };
    const ok = await fetch(new URL(path, f.url), { headers: await idpToken(dreets) });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain(";");
    const dev = await fetch(new URL(path, f.url), {
      headers: await as({ role: "DREETS_INGENIEUR_PREVENTION", org: "DREETS:dreets-52" }),
    });
    expect(dev.status).toBe(401);
  });
});
