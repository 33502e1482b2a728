import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./helpers.js";
import { graphql } from "./generated/index.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(import.meta.url);
});
afterAll(() => t.close());

describe("the running server", () => {
  it("answers `about` with the seed scale it loaded", async () => {
    const res = await t.gql(graphql(`query About { about { version seedScale } }`));
    expect(res.errors).toBeUndefined();
    expect(res.data!.about).toEqual({ version: "0.1.0", seedScale: "region" });
  });

  it("rejects an unknown field with a validation error, not a crash", async () => {
    const res = await t.gql("{ nope }");
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});
