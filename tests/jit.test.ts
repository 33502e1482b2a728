import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { readFileSync, readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../src/app.js";
import { createHttpServer } from "../src/http/server.js";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { parse, print } from "graphql";
import { buildSchema } from "../src/schema.js";
import { createJitExecutor } from "../src/graphql/jit-executor.js";
import {
  as,
  DREETS_PDL,
  startTestApp,
  tokenFor,
  type GraphQLResponse,
  type TestApp,
  type ViewerSpec,
} from "./helpers.js";
import { graphql } from "./generated/index.js";

/**
 * The compiled executor (graphql-jit) must answer exactly as graphql-js:
 * two servers over the same seeded database, whose configurations differ
 * only by `executor`, get the same operations and must return the same
 * status and the same JSON, byte for byte: data, nulls, errors (message,
 * locations, path, extensions), in the same order. The operations cover what
 * the executor could shape differently: denied fields (FORBIDDEN), bad
 * arguments (literal, variable, resolver-raised), nested lists, aliases and
 * fragments, @skip/@include, introspection, request-level errors, audited
 * personal fields (tests/jit-errors.test.ts: database errors).
 */
let stock: TestApp;
let jit: { app: App; server: Server; url: string };
let ids: { fiche: string; siret: string };

const MEDECIN: ViewerSpec = { role: "MEDECIN_TRAVAIL", org: "SPSTI:sstrn" };
const SERVICE_SOCIAL: ViewerSpec = { role: "CARSAT_SERVICE_SOCIAL", org: "CARSAT:carsat-pays-de-la-loire" };

async function listen(app: App) {
  const server = createHttpServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { app, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` };
}

beforeAll(async () => {
  stock = await startTestApp(import.meta.url, { config: { executor: "stock" } });
  jit = await listen(await createApp(stock.database.db, { ...stock.config, executor: "jit" }));
  const fiche = await stock.database.db
    .collection("pdp_fiches")
    .findOne({ spstiId: "sstrn" }, { projection: { _id: 1 } });
  const member = await stock.database.db
    .collection("spsti_establishments")
    .findOne({ spstiId: "sstrn" }, { projection: { _id: 1 } });
  ids = { fiche: String(fiche!._id), siret: String(member!._id) };
});

afterAll(async () => {
  jit.server.close();
  jit.server.closeAllConnections();
  await jit.app.stop();
  await stock.close();
});

/**
 * One request: a typed document (sent printed), or a plain string for what codegen cannot type (the README
 * examples, invalid documents, several operations in one document) or whose answer is not read.
 */
interface Call<R = unknown, V = Record<string, unknown>> {
  query: string | TypedDocumentNode<R, V>;
  variables?: V;
  operationName?: string;
  viewer?: ViewerSpec;
}

async function post<R, V>(url: string, call: Call<R, V>) {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    ...(call.viewer ? await as(call.viewer) : {}),
  };
  const res = await fetch(url, {
    method: "POST",
    headers,
    body: JSON.stringify({
      query: typeof call.query === "string" ? call.query : print(call.query),
      variables: call.variables,
      operationName: call.operationName,
    }),
  });
  return { status: res.status, body: await res.text() };
}

/**
 * Posts the call to both servers; returns the stock answer after checking the
 * jit ones are identical: the first (interpreted: a document is compiled on
 * its second use) and the second, compiled.
 */
async function same<R = unknown, V = Record<string, unknown>>(call: Call<R, V>): Promise<GraphQLResponse<R>> {
  const expected = await post(stock.url, call);
  for (const use of ["first (interpreted)", "second (compiled)"]) {
    const got = await post(jit.url, call);
    expect(got.status, use).toBe(expected.status);
    expect(got.body, use).toBe(expected.body);
  }
  return { status: expected.status, ...(JSON.parse(expected.body) as Omit<GraphQLResponse<R>, "status">) };
}

const examples = readdirSync(new URL("../docs/examples/", import.meta.url))
  .filter((f) => f.endsWith(".graphql"))
  .map((f) => [f, readFileSync(new URL(`../docs/examples/${f}`, import.meta.url), "utf8")] as const);

describe("graphql-jit answers exactly as graphql-js", () => {
  it.each(examples)("the README example %s, as a DREETS viewer and without a token", async (_, query) => {
    const asDreets = await same({ query, viewer: DREETS_PDL });
    expect(asDreets.data).toBeTruthy();
    await same({ query });
  });

  it("a denied field: null and one FORBIDDEN error at its path, the rest of the answer intact", async () => {
    const res = await same({
      query: graphql(
        `query JitDeniedField { territory(spsti: "sstrn") { label spsti { name } establishments(first: 2) { totalCount } } }`,
      ),
    });
    expect(res.data!.territory!.label).toBeTruthy();
    expect(res.errors?.map((e) => e.extensions?.code)).toContain("FORBIDDEN");
  });

  it("a nested list of 1,000 establishments with their sector and sinistralité", async () => {
    const query =
      graphql(`query JitEstablishments { establishments(first: 1000) { totalCount nodes { siret name naf { code label } sector { label }
      sectorSinistralite(years: { from: 2023, to: 2024 }, level: CLASS) { year frequencyIndex } accidents { year accidents } } pageInfo { hasNextPage endCursor } } }`);
    const res = await same({
      query,
      viewer: { role: "DREETS_INGENIEUR_PREVENTION", org: "DREETS:dreets-52" },
    });
    expect(res.data!.establishments!.nodes.length).toBeGreaterThan(10);
  });

  it("bad arguments: a literal, a variable (400), and one raised by a resolver", async () => {
    expect((await same({ query: `{ sector(naf: "99.99Z") { label } }` })).errors?.[0].extensions?.code).toBe(
      "BAD_USER_INPUT",
    );
    const variable = await same({
      query: `query ($naf: NafCode) { sector(naf: $naf) { label } }`,
      variables: { naf: "nope" },
    });
    expect(variable.status).toBe(400);
    expect(variable.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "naf" });
    const resolver = await same({
      query: `{ establishments(first: 5, after: "not-a-cursor") { totalCount } }`,
      viewer: DREETS_PDL,
    });
    expect(resolver.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "after" });
    const rule = await same({
      query: `{ sinistralite(kind: TRAJET, years: { from: 2024, to: 2024 }, groupBy: [SEX]) { year } }`,
    });
    expect(rule.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("small counts and their suppression, at a fine grain", async () => {
    await same({
      query: `{ sinistralite(sector: { naf: "41.20A" }, territory: { departement: "85" }, years: { from: 2019, to: 2024 }, groupBy: [YEAR, SEX]) { year sex accidents employees frequencyIndex } }`,
    });
    await same({
      query: `{ maladiesProfessionnelles(territory: { departement: "53" }, years: { from: 2024, to: 2024 }, groupBy: [TABLEAU]) { tableau cases } }`,
    });
  });

  it("aliases, fragments, @skip/@include and __typename", async () => {
    const query = `query Q($withRates: Boolean!, $skipNaf: Boolean!) {
      a: sector(naf: "F") { ...S }
      b: sector(ctn: "B") { __typename ...S naf @skip(if: $skipNaf) { code } }
    }
    fragment S on Sector { code label kind sinistralite(years: { from: 2024, to: 2024 }) { year accidents ... on SinistraliteRow @include(if: $withRates) { frequencyIndex } } }`;
    await same({ query, variables: { withRates: true, skipNaf: false } });
    await same({ query, variables: { withRates: false, skipNaf: true } });
  });

  it("request-level errors: unknown operation name, missing variable, several operations", async () => {
    // Two operations in one document: a string, whose answer is B's.
    const two = `query A { about { version } } query B { themes { code } }`;
    const b = await same<{ themes: { code: string }[] }>({ query: two, operationName: "B" });
    expect(b.data!.themes.length).toBeGreaterThan(0);
    await same({ query: two, operationName: "C" });
    await same({ query: two });
    await same({ query: `query ($years: YearRange!) { sinistralite(years: $years) { year } }` });
  });

  it("introspection", async () => {
    // As a partner: anonymous callers get no introspection (tests/introspection.test.ts).
    const res = await same({
      query: graphql(
        `query JitIntrospection { __schema { queryType { name } types { name kind fields { name } } } __type(name: "Sector") { name fields { name args { name defaultValue } } } }`,
      ),
      viewer: DREETS_PDL,
    });
    expect(res.data!.__schema.types.length).toBeGreaterThan(20);
  });

  it("audited personal fields: same answer and the same audit trail", async () => {
    const query = `query ($id: ID!, $first: Int) { ficheLiaison(id: $id) { ref status job { poste } medical { pathologyGroup } }
      fichesLiaison(first: $first) { nodes { id ref arret { lengthBand } } } }`;
    const audit = stock.database.db.collection("audit_events");
    // The events this request added, by id: a find without sort has no stable order on PostgreSQL.
    const trail = async (url: string) => {
      const eventIds = async () =>
        (await audit.find({}, { projection: { _id: 1 } }).toArray()).map((e) => String(e._id));
      const before = new Set(await eventIds());
      await post(url, { query, variables: { id: ids.fiche, first: 5 }, viewer: MEDECIN });
      const events = await audit
        .find({}, { projection: { ficheId: 1, fields: 1, coordinates: 1 } })
        .toArray();
      return events
        .filter((e) => !before.has(String(e._id)))
        .map(({ _id, ...e }) => JSON.stringify(e))
        .sort();
    };
    await same({ query, variables: { id: ids.fiche, first: 5 }, viewer: MEDECIN });
    await same({ query, variables: { id: ids.fiche, first: 5 }, viewer: SERVICE_SOCIAL });
    const viaStock = await trail(stock.url);
    expect(viaStock.length).toBeGreaterThan(0);
    expect(await trail(jit.url)).toEqual(viaStock);
  });

  it("the same database commands for the same operation", async () => {
    const query = `{ establishments(first: 200) { nodes { siret sectorSinistralite(years: { from: 2024, to: 2024 }, level: GROUP) { frequencyIndex } } } }`;
    const headers = await as(DREETS_PDL);
    const run = (url: string) =>
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query }),
      }).then((r) => r.text());
    const viaStock = await stock.database.commands.measure(() => run(stock.url));
    for (let use = 1; use <= 2; use++) {
      const viaJit = await stock.database.commands.measure(() => run(jit.url));
      expect(viaJit.result).toBe(viaStock.result);
      expect(viaJit.names).toEqual(viaStock.names);
    }
  });
});

describe("the compiled executor itself", () => {
  it("compiles every README example on its second use (no silent fallback to graphql-js), then reuses it", async () => {
    const schema = buildSchema();
    const logged: string[] = [];
    const executor = createJitExecutor({ maxDocuments: 3, log: (line) => logged.push(line) });
    for (const round of [1, 2, 3]) {
      for (const [file, query] of examples.slice(0, 3)) {
        const context = await stock.app.context(`Bearer ${await tokenFor(DREETS_PDL)}`);
        const result = await executor.run({
          schema,
          document: parse(query),
          cacheKey: file,
          operationName: null,
          variables: undefined,
          context,
        });
        expect(result.errors, `${file}, round ${round}`).toBeUndefined();
      }
    }
    expect(logged).toEqual([]);
    expect(executor.stats()).toEqual({ cached: 3, compiled: 3, fallbacks: 0 });
  });
});
