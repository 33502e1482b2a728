import { composeServices } from "@theguild/federation-composition";
import {
  buildASTSchema,
  type GraphQLSchema,
  GraphQLSchema as Schema,
  lexicographicSortSchema,
  parse,
  printSchema,
} from "graphql";
import { describe, expect, it } from "vitest";
import { buildSubgraph, subgraphTypeDefs } from "../src/federation/subgraph-schema.js";
import { SUBGRAPHS, SUBGRAPH_NAMES } from "../src/federation/subgraphs.js";
import { CompositionFailed, composeSupergraph } from "../src/gateway/supergraph.js";
import { buildSchema, loadTypeDefs } from "../src/schema.js";
import { readdirSync } from "node:fs";

/** A schema's types and fields as text, in name order, without directive definitions (the API a client sees). */
function api(schema: GraphQLSchema): string {
  const sorted = lexicographicSortSchema(schema);
  const types = new Schema({ ...sorted.toConfig(), directives: [] });
  return printSchema(types);
}

describe("the federation serves the single process's API", () => {
  it("composes the four subgraphs into a supergraph whose API is the single process's, type for type and description for description", () => {
    const supergraph = composeSupergraph();
    const result = composeServices(
      SUBGRAPH_NAMES.map((name) => ({
        name,
        typeDefs: subgraphTypeDefs(name),
        url: `http://${name}.invalid`,
      })),
    );
    if (!("publicSdl" in result) || !result.publicSdl) throw new Error("no public API");
    expect(supergraph).toContain("join__graph");
    expect(api(buildASTSchema(parse(result.publicSdl)))).toBe(api(buildSchema()));
  });

  it("gives every SDL file of schema/ to a subgraph, and keeps the federation-internal fields out of the API", () => {
    const files = readdirSync(new URL("../schema/", import.meta.url)).filter((f) => f.endsWith(".graphql"));
    const served = new Set(Object.values(SUBGRAPHS).flatMap((d) => d.files));
    // The Federation directives' declarations are the single process's.
    expect(files.filter((f) => !served.has(f)).sort()).toEqual(["_federation.graphql"]);
    expect(loadTypeDefs().length).toBe(files.length);
    const monolith = printSchema(buildSchema());
    for (const internal of ["pdpBasis", "pdpSignalements:", "IndicatorPdpBasis", "PdpFigure"])
      expect(monolith).not.toContain(internal);
  });

  it("builds each subgraph with the deny-by-default check, and fails composition loudly", () => {
    for (const name of SUBGRAPH_NAMES)
      expect(buildSubgraph(name).getQueryType()?.getFields()._entities).toBeDefined();
    const broken = composeServices([
      { name: "a", typeDefs: parse("type Query { x: Int }"), url: "http://a" },
      { name: "b", typeDefs: parse("type Query { x: String }"), url: "http://b" },
    ]);
    expect("errors" in broken && broken.errors?.length).toBeTruthy();
    expect(new CompositionFailed(["x"]).message).toContain("do not compose");
  });
});
