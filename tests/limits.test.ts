import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "graphql";
import { as, startTestApp, type GraphQLResponse, type TestApp } from "./helpers.js";
import { graphql } from "./generated/index.js";
import { brokenLimit } from "../src/graphql/limits.js";
import { EXPENSIVE_LOOP } from "../src/graphql/limits-fixtures.js";
import { loadConfig } from "../src/config.js";
import { buildSchema } from "../src/schema.js";
import { variablesOf, workloads } from "../bench/workloads.js";

/**
 * No query may stall the server: static limits refuse the loop that once
 * returned 80 MB in 15-23 s, in milliseconds, with a stable code that does
 * not reveal the limits; anonymous callers get tighter ones; everything the
 * README, the PDP exchange and the benchmark send stays within the defaults.
 */
let t: TestApp;
// The documents under test are plain strings, sent as written; those whose answer is read are typed.
const ABOUT = graphql(`query AboutVersion { about { version } }`);
const ANALYST = { role: "ANALYST_NATIONAL", org: "NATIONAL:dgt" } as const;
beforeAll(async () => {
  t = await startTestApp(import.meta.url);
});
afterAll(() => t.close());

function expectRefused(res: GraphQLResponse, kind: string) {
  expect(res.status).toBe(400);
  expect(res.data).toBeUndefined();
  expect(res.errors).toHaveLength(1);
  expect(res.errors![0].extensions).toMatchObject({ code: "QUERY_LIMIT_EXCEEDED", limit: kind });
  expect(res.errors![0].message).not.toMatch(/\d/); // the limit's value is never given away
}

describe("query limits", () => {
  it("refuses the 8-level loop in under 100 ms, and answers others without delay", async () => {
    const headers = await as(ANALYST);
    await t.gql("{ about { version } }", undefined, headers); // warm
    const started = performance.now();
    const res = await t.gql(EXPENSIVE_LOOP, undefined, headers);
    const ms = performance.now() - started;
    expectRefused(res, "depth");
    expect(ms).toBeLessThan(100);
    const about = await t.gql(ABOUT);
    expect(about.data!.about!.version).toBeTruthy();
  });

  it("refuses a shallower loop of the same kind by its cost", async () => {
    const loop = `{ spstis { cpoms { volets { actions { cpom { volets { actions { title } } } } } } } }`;
    expectRefused(await t.gql(loop, undefined, await as(ANALYST)), "cost");
  });

  it("refuses 100 aliases, 60 directives and a document of too many tokens (1,000 aliases)", async () => {
    const aliases = `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: about { version }`).join(" ")} }`;
    expectRefused(await t.gql(aliases), "aliases");
    const directives = `{ about { ${Array.from({ length: 60 }, () => "... @include(if: true) { version }").join(" ")} } }`;
    expectRefused(await t.gql(directives), "directives");
    const tokens = `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: about { version }`).join(" ")} }`;
    const res = await t.gql(tokens);
    expect(res.errors?.[0].extensions).toMatchObject({ code: "QUERY_LIMIT_EXCEEDED", limit: "tokens" });
    expect(res.errors?.[0].message).not.toMatch(/\d/);
  });

  it("gives anonymous callers tighter limits than partners", async () => {
    // 8 levels of public fields: the NAF tree upwards.
    const deep = graphql(
      `query DeepNafTree { sector(naf: "4120A") { naf { parent { parent { parent { parent { parent { code } } } } } } } }`,
    );
    expectRefused(await t.gql(deep), "depth");
    const partner = await t.gql(deep, undefined, await as(ANALYST));
    expect(partner.errors).toBeUndefined();
    expect(partner.data!.sector!.naf!.parent!.parent!.parent!.parent!.parent).toBeNull(); // section has no parent
  });
});

describe("the execution time cap", () => {
  it("ends a request past EXECUTION_TIMEOUT_MS with TIMEOUT, and reads nothing more for it", async () => {
    const slow = await startTestApp(import.meta.url, { seed: false, config: { executionTimeoutMs: 1 } });
    try {
      await new Promise((r) => setTimeout(r, 5));
      const before = slow.database.commands.total;
      const res = await slow.gql(
        `{ sector(naf: "F") { sinistralite(years: { from: 2019, to: 2024 }) { year accidents } } }`,
      );
      expect(res.errors?.map((e) => e.extensions?.code)).toContain("TIMEOUT");
      expect(slow.database.commands.total - before).toBe(0);
    } finally {
      await slow.close();
    }
  });
});

describe("the response size cap", () => {
  it("replaces an answer larger than MAX_RESPONSE_BYTES by one error, and serves the next request", async () => {
    const small = await startTestApp(import.meta.url, { config: { maxResponseBytes: 500 } });
    try {
      const big = await small.gql(
        `{ sector(naf: "F") { sinistralite(years: { from: 2019, to: 2024 }, groupBy: [YEAR, CTN, NAF2]) { year accidents employees } } }`,
      );
      expect(big.status).toBe(400);
      expect(big.data).toBeUndefined();
      expect(big.errors).toEqual([expect.objectContaining({ extensions: { code: "RESPONSE_TOO_LARGE" } })]);
      expect((await small.gql(ABOUT)).data!.about!.version).toBeTruthy();
    } finally {
      await small.close();
    }
  });
});

describe("the default limits", () => {
  const schema = buildSchema();
  const { limits } = loadConfig({});
  const examples = readdirSync(new URL("../docs/examples/", import.meta.url)).map((f) =>
    readFileSync(new URL(`../docs/examples/${f}`, import.meta.url), "utf8"),
  );

  it("accept every README example, even anonymous (the partner panels then answer FORBIDDEN, not a limit)", () => {
    for (const q of examples) {
      expect(brokenLimit(schema, parse(q), limits.partner)).toBeNull();
      expect(brokenLimit(schema, parse(q), limits.anonymous)).toBeNull();
    }
  });

  it("accept every operation of the benchmark workloads and the PDP exchange, with their variables", () => {
    for (const w of workloads(1000)) {
      for (const op of w.operations)
        expect(
          brokenLimit(
            schema,
            parse(op.query),
            w.viewer === null ? limits.anonymous : limits.partner,
            undefined,
            variablesOf(op, "t"),
          ),
          `${w.id}/${op.name}`,
        ).toBeNull();
    }
  });

  it("refuse the loop for every caller", () => {
    expect(brokenLimit(schema, parse(EXPENSIVE_LOOP), limits.partner)).not.toBeNull();
    expect(brokenLimit(schema, parse(EXPENSIVE_LOOP), { ...limits.partner, depth: 100 })).toBe("cost");
  });
});
