import { request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpServer, type HttpOptions } from "../src/http/server.js";
import { loadConfig } from "../src/config.js";
import { AUDIT_EVENTS } from "../src/sources/audit/types.js";
import { as, startTestApp, type GraphQLResponse, type TestApp, type ViewerSpec } from "./helpers.js";

/**
 * The HTTP perimeter (issue "Safe to open to every partner", §6): a body over
 * the limit gets a 413 the client can read (it used to be a TCP reset), CORS
 * for partners' dashboards (a preflight used to get a 400), Apollo's CSRF
 * prevention kept, rate limits per subject, organisation and address, and a
 * request id carried from the client to the audit trail. Each server here is
 * the real one over the real database, with the settings under test.
 */
let t: TestApp;
const servers: Server[] = [];
const DASHBOARD = "http://127.0.0.1:8081"; // an allowed origin (only a name here: nothing listens on it)
const QUERY = JSON.stringify({ query: "{ about { version } }" });

beforeAll(async () => {
  t = await startTestApp(import.meta.url);
});
afterAll(async () => {
  for (const s of servers) {
    s.close();
    s.closeAllConnections();
  }
  await t.close();
});

/** Another server over the same app, with these perimeter settings; its base URL. */
async function serve(options: HttpOptions): Promise<string> {
  const server = createHttpServer(t.app, options);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A GraphQL answer's JSON body (refusals at the perimeter have the same shape). */
type Body = Omit<GraphQLResponse, "status">;

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request with node:http, which sends any header (fetch forbids Origin) and shows a reset as an error. */
function raw(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string | Buffer,
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("a body over the limit", () => {
  const big = JSON.stringify({ query: "{ about { version } }", variables: { pad: "x".repeat(1_100_000) } });

  it("gets 413 with a JSON error, not a connection reset (fetch, Content-Length)", async () => {
    const res = await fetch(t.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: big,
    });
    expect(res.status).toBe(413);
    expect(res.headers.get("connection")).toBe("close");
    expect(await res.json()).toEqual({
      errors: [{ message: expect.any(String), extensions: { code: "PAYLOAD_TOO_LARGE" } }],
    });
  });

  it("gets 413 too when the body is streamed without a length", async () => {
    const chunks = [Buffer.from(big.slice(0, 600_000)), Buffer.from(big.slice(600_000))];
    const stream = new ReadableStream({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(next);
        else controller.close();
      },
    });
    const res = await fetch(t.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as Body).errors![0].extensions!.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("follows MAX_BODY_BYTES, and the server goes on answering", async () => {
    const url = await serve({ maxBodyBytes: 200 });
    const refused = await raw(
      `${url}/graphql`,
      "POST",
      { "content-type": "application/json" },
      JSON.stringify({ query: `{ about { version } } #${"x".repeat(300)}` }),
    );
    expect(refused.status).toBe(413);
    const ok = await raw(`${url}/graphql`, "POST", { "content-type": "application/json" }, QUERY);
    expect(ok.status).toBe(200);
    expect(loadConfig({}).http.maxBodyBytes).toBe(1_000_000);
    expect(loadConfig({ MAX_BODY_BYTES: "5000" }).http.maxBodyBytes).toBe(5000);
  });
});

describe("CORS", () => {
  let url: string;
  beforeAll(async () => {
    url = await serve({ corsOrigins: [DASHBOARD] });
  });
  const preflight = (origin: string) =>
    raw(`${url}/graphql`, "OPTIONS", {
      origin,
      "access-control-request-method": "POST",
      "access-control-request-headers": "authorization, content-type",
    });

  it("answers an allowed origin's preflight with 204 and its CORS headers", async () => {
    const res = await preflight(DASHBOARD);
    expect(res.status).toBe(204);
    expect(res.headers["access-control-allow-origin"]).toBe(DASHBOARD);
    expect(res.headers.vary).toMatch(/origin/i);
    expect(String(res.headers["access-control-allow-methods"]).split(/,\s*/).sort()).toEqual(["GET", "POST"]);
    expect(String(res.headers["access-control-allow-headers"]).split(/,\s*/).sort()).toEqual([
      "apollo-require-preflight",
      "authorization",
      "content-type",
      "x-request-id",
    ]);
    expect(Number(res.headers["access-control-max-age"])).toBeGreaterThan(0);
    expect(res.headers["access-control-allow-credentials"]).toBeUndefined();
  });

  it("refuses another origin's preflight with 403 and no CORS header", async () => {
    for (const origin of [
      "http://127.0.0.1:9999",
      "https://evil.example",
      `${DASHBOARD}.evil.example`,
      "null",
    ]) {
      const res = await preflight(origin);
      expect(res.status, origin).toBe(403);
      expect(
        Object.keys(res.headers).filter((h) => h.startsWith("access-control-")),
        origin,
      ).toEqual([]);
    }
  });

  it("gives an allowed origin's request its origin and the headers it may read; another origin's none", async () => {
    const allowed = await raw(
      `${url}/graphql`,
      "POST",
      { origin: DASHBOARD, "content-type": "application/json" },
      QUERY,
    );
    expect(allowed.status).toBe(200);
    expect(allowed.headers["access-control-allow-origin"]).toBe(DASHBOARD);
    expect(allowed.headers["access-control-expose-headers"]).toMatch(/x-request-id/);
    const other = await raw(
      `${url}/graphql`,
      "POST",
      { origin: "https://evil.example", "content-type": "application/json" },
      QUERY,
    );
    expect(other.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("is off by default: no origin is allowed", async () => {
    const res = await raw(`${t.url}`, "OPTIONS", {
      origin: DASHBOARD,
      "access-control-request-method": "POST",
    });
    expect(res.status).toBe(403);
    expect(loadConfig({}).http.corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: `${DASHBOARD}, https://tableau.carsat.fr` }).http.corsOrigins).toEqual([
      DASHBOARD,
      "https://tableau.carsat.fr",
    ]);
    for (const bad of ["https://tableau.carsat.fr/", "*", "tableau.carsat.fr", "https://x.fr/path"]) {
      expect(() => loadConfig({ CORS_ORIGINS: bad }), bad).toThrow(/CORS_ORIGINS/);
    }
  });

  it("keeps Apollo's CSRF prevention: a request a browser sends without preflight is refused", async () => {
    const get = `${url}/graphql?query=${encodeURIComponent("{ about { version } }")}`;
    const simpleGet = await raw(get, "GET", { origin: DASHBOARD });
    expect(simpleGet.status).toBe(400);
    expect(simpleGet.body).toMatch(/CSRF|preflight/i);
    const textPost = await raw(
      `${url}/graphql`,
      "POST",
      { origin: DASHBOARD, "content-type": "text/plain" },
      QUERY,
    );
    expect(textPost.status).toBe(400);
    const withHeader = await raw(get, "GET", { origin: DASHBOARD, "apollo-require-preflight": "1" });
    expect(withHeader.status).toBe(200);
  });
});

describe("rate limits", () => {
  const A: ViewerSpec = { role: "PREVENTEUR", org: "SPSTI:sstrn", sub: "a@sstrn" };
  const B: ViewerSpec = { role: "PREVENTEUR", org: "SPSTI:sstrn", sub: "b@sstrn" };
  const C: ViewerSpec = { role: "PREVENTEUR", org: "SPSTI:sstrn", sub: "c@sstrn" };
  const OTHER: ViewerSpec = { role: "DREETS_INGENIEUR_PREVENTION", org: "DREETS:dreets-52", sub: "d@dreets" };
  let url: string;
  beforeAll(async () => {
    url = await serve({ rateLimit: { perMinute: 3, orgPerMinute: 5 } });
  });
  const post = async (headers: Record<string, string>) => {
    const res = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: QUERY,
    });
    return {
      status: res.status,
      retryAfter: res.headers.get("retry-after"),
      body: (await res.json()) as Body,
    };
  };

  it("refuses a subject past its limit with 429, Retry-After and RATE_LIMITED", async () => {
    for (let i = 0; i < 3; i++) expect((await post(await as(A))).status).toBe(200);
    const refused = await post(await as(A));
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
    expect(refused.body).toEqual({
      errors: [{ message: expect.stringMatching(/Too many requests/), extensions: { code: "RATE_LIMITED" } }],
    });
  });

  it("refuses an organisation past its limit, whichever of its subjects asks; other organisations go on", async () => {
    // A used 3 of the organisation's 5 (its refused 4th was not counted against the organisation).
    expect((await post(await as(B))).status).toBe(200);
    expect((await post(await as(B))).status).toBe(200);
    const refused = await post(await as(C));
    expect(refused.status).toBe(429);
    expect(refused.body.errors![0].message).toMatch(/organisation/);
    expect((await post(await as(OTHER))).status).toBe(200);
  });

  it("counts requests without a token per address, refused tokens included", async () => {
    const anonymous = await serve({ rateLimit: { perMinute: 2, orgPerMinute: 0 } });
    const send = (headers: Record<string, string>) =>
      fetch(`${anonymous}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: QUERY,
      });
    expect((await send({})).status).toBe(200);
    expect((await send({ authorization: "Bearer not.a.token" })).status).toBe(401);
    const refused = await send({});
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as Body).errors![0].extensions!.code).toBe("RATE_LIMITED");
  });

  it("is configured by RATE_LIMIT_PER_MINUTE and RATE_LIMIT_ORG_PER_MINUTE (0 turns one off)", () => {
    expect(loadConfig({}).http.rateLimit).toEqual({ perMinute: 600, orgPerMinute: 3000 });
    expect(
      loadConfig({ RATE_LIMIT_PER_MINUTE: "0", RATE_LIMIT_ORG_PER_MINUTE: "50" }).http.rateLimit,
    ).toEqual({ perMinute: 0, orgPerMinute: 50 });
    expect(() => loadConfig({ RATE_LIMIT_PER_MINUTE: "-1" })).toThrow(/RATE_LIMIT_PER_MINUTE/);
  });
});

describe("request ids", () => {
  it("returns the client's x-request-id, and writes it in the audit trail", async () => {
    const id = "dash-2026-12-04.0001";
    const res = await fetch(t.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-request-id": id,
        ...(await as({ role: "CELLULE_PDP", org: "SPSTI:sstrn" })),
      },
      body: JSON.stringify({
        query: `query Fiches { fichesLiaison(org: "sstrn", first: 1) { nodes { ref job { poste } } } }`,
      }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Body).errors).toBeUndefined();
    expect(res.headers.get("x-request-id")).toBe(id);
    const events = await t.database.db.collection(AUDIT_EVENTS).find({ requestId: id }).toArray();
    expect(events.length).toBeGreaterThan(0);
    expect(events[0].operationName).toBe("Fiches");
  });

  it("replaces an unsafe or overlong id with a UUID, on every route", async () => {
    for (const given of ["a b", "x".repeat(65), "<script>", "id%C3%A9", "../etc", ""]) {
      const res = await raw(
        t.url,
        "POST",
        { "content-type": "application/json", "x-request-id": given },
        QUERY,
      );
      expect(res.headers["x-request-id"], given).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      );
    }
    const health = await raw(t.url.replace("/graphql", "/health"), "GET", {});
    expect(health.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });
});
