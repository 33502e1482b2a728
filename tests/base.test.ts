import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GraphQLObjectType } from "graphql";
import { buildSchema } from "../src/schema.js";
import { startTestApp, type TestApp } from "./helpers.js";
import { graphql } from "./generated/index.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(import.meta.url);
});
afterAll(() => t.close());

describe("the running server", () => {
  it("says in `about` how statistics are protected, for anyone", async () => {
    const res = await t.gql(
      graphql(
        `query AboutDisclosure { about { disclosure { smallCountThreshold minUnits publicationGrids protectedFigures } } }`,
      ),
    );
    expect(res.errors).toBeUndefined();
    const d = res.data!.about!.disclosure;
    expect(d).toMatchObject({ smallCountThreshold: 11, minUnits: 3, publicationGrids: true });
    expect(d.protectedFigures).toEqual(
      expect.arrayContaining(["Query.sinistralite", "Query.evrest", "Query.pdpMeasures"]),
    );
    // Every figure named is a real field of the schema.
    const schema = buildSchema();
    for (const path of d.protectedFigures) {
      const [type, field] = path.split(".");
      expect(schema.getType(type), path).toBeTruthy();
      expect((schema.getType(type) as GraphQLObjectType).getFields()[field], path).toBeTruthy();
    }
  });

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
