import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onlyError, startTestApp, type TestApp, DREETS_PDL } from "./helpers.js";
import { graphql } from "./generated/index.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(import.meta.url, { as: DREETS_PDL });
});
afterAll(() => t.close());

/** Bad input must get BAD_USER_INPUT naming the argument at fault, written as a literal or a variable. */
describe("bad arguments", () => {
  // Invalid on purpose: plain strings, sent as written.
  const cases: [string, string, string, Record<string, unknown>?][] = [
    ["a SIRET literal failing Luhn", `{ establishment(siret: "12345678901234") { siret } }`, "siret"],
    [
      "a SIRET variable failing Luhn",
      `query ($s: Siret!) { establishment(siret: $s) { siret } }`,
      "s",
      { s: "12345678901234" },
    ],
    [
      "a malformed NAF code in an input object",
      `{ establishments(sector: { naf: "4X.2" }) { totalCount } }`,
      "naf",
    ],
    ["a year out of range", `{ annex4(year: 1850) { theme } }`, "year"],
    [
      "an unknown département",
      `{ establishments(territory: { departement: "99" }) { totalCount } }`,
      "departement",
    ],
    ["a page size over the cap", `{ establishments(first: 100000) { totalCount } }`, "first"],
    ["a forged cursor", `{ establishments(after: "bm9wZQ") { totalCount } }`, "after"],
  ];
  for (const [what, query, argument, variables] of cases) {
    it(`names the argument for ${what}`, async () => {
      const error = onlyError(await t.gql(query, variables));
      expect(error.extensions?.code).toBe("BAD_USER_INPUT");
      expect(error.extensions?.argument).toBe(argument);
      expect(error.message).not.toMatch(/\bat \S+:\d+|Mongo/);
    });
  }

  it("gives null, not an error, for a valid but unknown SIRET", async () => {
    const res = await t.gql(
      graphql(`query UnknownEstablishment { establishment(siret: "73282932000074") { siret } }`),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.establishment).toBeNull();
  });
});
