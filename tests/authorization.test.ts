import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CASES, fixtureIds, outcomeOf, VIEWERS, type FixtureIds } from "./authorization-table.js";
import { as, startTestApp, type TestApp, type ViewerSpec } from "./helpers.js";

/** The role × field matrix of docs/privacy.md (tests/authorization-table.ts), on the single process. */

let t: TestApp;
let ids: FixtureIds;
beforeAll(async () => {
  t = await startTestApp(import.meta.url);
  ids = await fixtureIds(t.database.db);
});
afterAll(() => t.close());

describe("who sees what (role × sensitive field)", () => {
  it("matches the privacy matrix for every role and field", async () => {
    const failures: string[] = [];
    for (const c of CASES(ids)) {
      for (const [viewerName, spec] of Object.entries(VIEWERS)) {
        const resolved = spec && {
          ...spec,
          org: spec.org.replace(":OTHER", `:${ids.otherSpsti}`) as ViewerSpec["org"],
        };
        const res = await t.gql(c.query, undefined, resolved ? await as(resolved) : {});
        const expected = c.expect[viewerName as keyof typeof VIEWERS] ?? c.expect.default;
        const got = outcomeOf(res, c.path);
        if (got !== expected) failures.push(`${c.name} / ${viewerName}: expected ${expected}, got ${got}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
