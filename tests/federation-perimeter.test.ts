import { createHmac } from "node:crypto";
import { defaultParamsSerializer } from "@graphql-mesh/hmac-upstream-signature";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { direct, startFederation, type Federation } from "./federation-helpers.js";
import { as, DREETS_PDL, onlyError, type GraphQLResponse } from "./helpers.js";

/**
 * The federation's perimeter: a subgraph answers its gateway's signed calls
 * only, verifies the viewer's token itself and checks every entity reference
 * against its type's data group; personal reads are audited in the trail of
 * the subgraph holding the data; a partner's subgraph takes its own datasets
 * only; a subgraph that stops leaves the others answering.
 */

let f: Federation;
beforeAll(async () => {
  f = await startFederation(import.meta.url);
}, 300_000);
afterAll(() => f?.close());

const ESTABLISHMENT_ENTITY = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Establishment { accidents { year } } } }`;
const SECTOR_ENTITY = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Sector { label } } }`;

describe("a subgraph answers its gateway only", () => {
  it("refuses an unsigned call, a call signed with another secret, and a signed call whose variables changed", async () => {
    const url = f.subgraphs.carsat.url;
    const r = { r: [{ __typename: "Sector", kind: "NAF", code: "41" }] };
    const unsigned = await direct(url, SECTOR_ENTITY, r);
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.errors![0].extensions.code).toBe("UNAUTHENTICATED");
    expect(unsigned.body.data).toBeUndefined();
    expect((await direct(url, SECTOR_ENTITY, r, { secret: "x".repeat(43) })).status).toBe(401);
    // Signed for one representation, sent with another: the signature covers the variables.
    const query = SECTOR_ENTITY;
    const signature = createHmac("sha256", f.secret)
      .update(defaultParamsSerializer({ query, variables: r }) ?? "")
      .digest("base64");
    const tampered = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query,
        variables: { r: [{ __typename: "Sector", kind: "NAF", code: "86" }] },
        extensions: { "hmac-signature": signature },
      }),
    });
    expect(tampered.status).toBe(401);
    // Signed rightly: answered.
    const ok = await direct(url, SECTOR_ENTITY, r, { secret: f.secret });
    expect(ok.status).toBe(200);
    expect(ok.body.data!._entities).toEqual([{ label: expect.any(String) }]);
  });

  it("verifies the viewer's token itself, and refuses _service without one", async () => {
    const url = f.subgraphs.spsti.url;
    const bad = await direct(url, "{ about { version } }", undefined, {
      secret: f.secret,
      headers: { authorization: "Bearer not-a-token" },
    });
    expect(bad.status).toBe(401);
    expect(bad.body.errors![0].extensions.code).toBe("UNAUTHENTICATED");
    const anonymous = await direct(url, "{ _service { sdl } }", undefined, { secret: f.secret });
    expect(anonymous.body.data?._service ?? null).toBeNull();
    expect(anonymous.body.errors![0].extensions.code).toBe("FORBIDDEN");
    const partner = await direct(url, "{ _service { sdl } }", undefined, {
      secret: f.secret,
      headers: await as(DREETS_PDL),
    });
    expect(partner.body.data!._service!.sdl).toContain("type Spsti");
  });

  it("checks each entity reference against its type's group: an anonymous viewer gets no establishment, a partner does", async () => {
    const url = f.subgraphs.carsat.url;
    const r = {
      r: [
        { __typename: "Establishment", siret: "12345678900011", naf: { code: "4120A" }, departement: "44" },
      ],
    };
    const anonymous = await direct(url, ESTABLISHMENT_ENTITY, r, { secret: f.secret });
    expect(anonymous.body.data!._entities).toEqual([null]);
    expect(anonymous.body.errors!.map((e) => [e.extensions.code, e.path])).toEqual([
      ["FORBIDDEN", ["_entities", 0]],
    ]);
    const partner = await direct(url, ESTABLISHMENT_ENTITY, r, {
      secret: f.secret,
      headers: await as(DREETS_PDL),
    });
    expect(partner.body.errors).toBeUndefined();
    expect(partner.body.data!._entities).toEqual([{ accidents: [] }]);
  });
});

describe("personal reads through the gateway", () => {
  it("are audited by the PDP subgraph, in its own trail, and by no other subgraph", async () => {
    const medecin = await as({ role: "MEDECIN_TRAVAIL", org: "SPSTI:sstrn" });
    const res = await f.gql<{ fichesLiaison: { nodes: { id: string }[] } }>(
      `query Read { fichesLiaison(first: 2) { nodes { id ref } } spstis { id } }`,
      undefined,
      medecin,
    );
    expect(res.errors).toBeUndefined();
    const ids = res.data!.fichesLiaison.nodes.map((n) => n.id);
    expect(ids.length).toBeGreaterThan(0);
    const trail = f.subgraphs.pdp.database.db.collection("audit_events");
    const events = await trail.find({ ficheId: { $in: ids } }).toArray();
    expect(new Set(events.map((e) => e.ficheId))).toEqual(new Set(ids));
    for (const name of ["carsat", "dreets", "spsti"] as const)
      expect(await f.subgraphs[name].database.db.collection("audit_events").countDocuments({})).toBe(0);
  });
});

describe("imports", () => {
  it("a subgraph takes its own source's datasets only; the gateway none", async () => {
    const steward = await as({ role: "DATA_STEWARD", org: "CARSAT:carsat-pays-de-la-loire" });
    const spstiImports = new URL("/imports/carsat-at?dryRun=1", f.subgraphs.spsti.url);
    const refused = await fetch(spstiImports, { method: "POST", headers: steward, body: "x" });
    expect(refused.status).toBe(404);
    expect(await refused.json()).toMatchObject({ code: "NOT_FOUND" });
    // Exports are the spsti subgraph's alone (the annex-4 rows are its data).
    const carsatExport = await fetch(new URL("/exports/annex4.csv?year=2024", f.subgraphs.carsat.url), {
      headers: steward,
    });
    expect(carsatExport.status).toBe(404);
    const atGateway = await fetch(new URL("/imports/carsat-at", f.url), {
      method: "POST",
      headers: steward,
      body: "x",
    });
    expect(atGateway.status).toBe(404);
  });
});

describe("a subgraph that stops", () => {
  it("stopped under load, leaves the other partners' fields answering, its own null with UPSTREAM_UNAVAILABLE", async () => {
    const query = `query Mixed { sinistralite(sector: { naf: "41" }, years: { from: 2023, to: 2023 }) { year accidents }
      sumer(indicators: ["manual_handling"]) { indicator } spstis { id } }`;
    const headers = await as(DREETS_PDL);
    const before = await f.gql<Record<string, unknown[]>>(query, undefined, headers);
    expect(before.errors).toBeUndefined();
    // Four clients keep asking while the dreets subgraph stops, connections in flight included.
    const answers: GraphQLResponse<Record<string, unknown[] | null>>[] = [];
    let running = true;
    const client = async () => {
      while (running) answers.push(await f.gql<Record<string, unknown[] | null>>(query, undefined, headers));
    };
    const clients = Array.from({ length: 4 }, client);
    const reached = async (n: number) => {
      while (answers.length < n) await new Promise((resolve) => setTimeout(resolve, 10));
    };
    await reached(12);
    await f.subgraphs.dreets.stop();
    await reached(answers.length + 12);
    running = false;
    await Promise.all(clients);
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect([a.data!.sinistralite, a.data!.spstis]).toEqual([
        before.data!.sinistralite,
        before.data!.spstis,
      ]);
      if (a.data!.sumer === null)
        expect(onlyError(a).extensions).toEqual({ code: "UPSTREAM_UNAVAILABLE", subgraph: "dreets" });
      else expect([a.data!.sumer, a.errors]).toEqual([before.data!.sumer, undefined]);
    }
    expect(new Set(answers.map((a) => a.data!.sumer === null))).toEqual(new Set([false, true]));
    const after = await f.gql<Record<string, unknown[] | null>>(query, undefined, headers);
    expect(after.status).toBe(200);
    expect(after.data!.sinistralite).toEqual(before.data!.sinistralite);
    expect(after.data!.spstis).toEqual(before.data!.spstis);
    expect(after.data!.sumer).toBeNull();
    const error = onlyError(after);
    expect(error.path).toEqual(["sumer"]);
    expect(error.extensions).toEqual({ code: "UPSTREAM_UNAVAILABLE", subgraph: "dreets" });
    expect(error.message).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
    const ready = await fetch(new URL("/ready", f.url));
    expect(ready.status).toBe(200);
    expect((await ready.json()).subgraphs).toMatchObject({ dreets: "unavailable", carsat: "ready" });
    // The list of every partner's dataset versions is null, not partial: it would read as a whole one.
    const provenance = await f.gql<{ datasets: unknown[] | null }>("{ datasets { dataset } }");
    expect(provenance.data).toEqual({ datasets: null });
    expect(onlyError(provenance)).toMatchObject({
      path: ["datasets"],
      extensions: { code: "UPSTREAM_UNAVAILABLE", subgraph: "dreets" },
    });
    // An export, with the spsti subgraph down too: 503 and a JSON refusal, not a hung request.
    await f.subgraphs.spsti.stop();
    const exported = await fetch(new URL("/exports/annex4.csv?year=2024&region=52", f.url), { headers });
    expect(exported.status).toBe(503);
    expect(await exported.json()).toMatchObject({ code: "UPSTREAM_UNAVAILABLE" });
  });
});
