import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleTabs } from "../src/http/graphiql-examples.js";
import { startFederation, type Federation } from "./federation-helpers.js";
import { as, DREETS_PDL, startTestApp, type TestApp } from "./helpers.js";

let single: TestApp;
let federation: Federation;
beforeAll(async () => {
  [single, federation] = await Promise.all([startTestApp(import.meta.url), startFederation(import.meta.url)]);
}, 300_000);
afterAll(async () => {
  await Promise.all([single?.close(), federation?.close()]);
});

describe("the README's example queries through the gateway", () => {
  for (const { query } of exampleTabs()) {
    const name = /query (\w+)/.exec(query)?.[1] ?? "anonymous";
    it(`answers ${name} as the single process does`, async () => {
      const headers = await as(DREETS_PDL);
      const [one, fed] = await Promise.all([
        single.gql(query, {}, headers),
        federation.gql(query, {}, headers),
      ]);
      expect(JSON.stringify(fed)).toBe(JSON.stringify(one));
    });
  }
});
