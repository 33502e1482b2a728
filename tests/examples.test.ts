import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleTabs } from "../src/http/graphiql-examples.js";
import { startTestApp, type TestApp, DREETS_PDL } from "./helpers.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(import.meta.url, { as: DREETS_PDL });
});
afterAll(() => t.close());

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

/** The README's example queries are the GraphiQL tabs: both come from docs/examples, and every one must run. */
describe("the README's example queries", () => {
  const examples = exampleTabs();

  it("has at least three cross-source dashboard queries, each shown in the README", () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
    for (const { query } of examples) expect(readme).toContain(query.trim());
  });

  for (const { query } of examples) {
    const name = /query (\w+)/.exec(query)?.[1] ?? "anonymous";
    it(`runs ${name} without errors, and each list it asks for directly has data`, async () => {
      const res = await t.gql<Record<string, unknown>>(query);
      expect(res.errors).toBeUndefined();
      for (const [path, value] of topLists(res.data!)) expect(value.length, path).toBeGreaterThan(0);
    });
  }
});

/** Lists found at most two levels below the root (the dashboards' panels), with their paths. */
function topLists(data: Record<string, unknown>, prefix = "", depth = 0): [string, unknown[]][] {
  const out: [string, unknown[]][] = [];
  for (const [key, value] of Object.entries(data ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (Array.isArray(value)) out.push([path, value]);
    else if (value && typeof value === "object" && depth < 2)
      out.push(...topLists(value as Record<string, unknown>, path, depth + 1));
  }
  return out;
}
