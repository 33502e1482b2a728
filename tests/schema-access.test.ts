import { makeExecutableSchema } from "@graphql-tools/schema";
import { describe, expect, it } from "vitest";
import { assertAccessDeclared, buildSchema, loadTypeDefs } from "../src/schema.js";
import { enforceAccess } from "../src/auth/enforce.js";

/** Deny by default, checked at start-up: the server refuses a schema where something is undeclared. */
describe("access declarations", () => {
  const base = loadTypeDefs();
  const build = (extra: string) =>
    makeExecutableSchema({
      typeDefs: [...base, extra],
      resolverValidationOptions: { requireResolversToMatchSchema: "ignore" },
    });

  it("accepts the real schema", () => {
    expect(() => buildSchema()).not.toThrow();
  });

  it("refuses a root field without @access", () => {
    expect(() => assertAccessDeclared(build(`extend type Query { leak: String }`))).toThrow(/Query\.leak/);
  });

  it("refuses an object type without @access", () => {
    expect(() =>
      assertAccessDeclared(
        build(
          `type Secret { nir: String } extend type Query { secret: Secret @access(group: FICHE_MEDICAL) }`,
        ),
      ),
    ).toThrow(/Secret/);
  });

  it("refuses a sensitive field that is non-null (a denial would null its parent)", () => {
    const schema = build(
      `type Box @access(group: PUBLIC_AGGREGATE) { inside: String! @access(group: FICHE_MEDICAL) } extend type Query { box: Box @access(group: PUBLIC_AGGREGATE) }`,
    );
    expect(() => enforceAccess(schema)).toThrow(/Box\.inside/);
  });
});
