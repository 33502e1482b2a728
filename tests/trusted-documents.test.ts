import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, startTestApp, type GraphQLResponse, type TestApp } from "./helpers.js";
import type { About } from "../src/graphql/generated/resolvers-types.js";
import { MANIFEST, manifestText } from "../tools/trusted-documents.js";
import { loadConfig } from "../src/config.js";

/**
 * Trusted documents: the manifest is what its script writes; clients call a
 * listed operation by hash; in "only" mode, roles without ad-hoc queries may
 * send nothing else, while analysts keep GraphiQL.
 */
let open: TestApp;
let strict: TestApp;
beforeAll(async () => {
  [open, strict] = await Promise.all([
    startTestApp(import.meta.url),
    startTestApp(import.meta.url, {
      config: { trustedDocuments: loadConfig({ TRUSTED_DOCUMENTS: "only" }).trustedDocuments },
    }),
  ]);
});
afterAll(() => Promise.all([open.close(), strict.close()]));

const ABOUT = readFileSync(new URL("../docs/examples/00-about.graphql", import.meta.url), "utf8");
const hash = (text: string) => createHash("sha256").update(text).digest("hex");
const byHash = (text: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: hash(text) } } });

async function post(t: TestApp, body: object, headers: Record<string, string> = {}) {
  const res = await fetch(t.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  // The documents are sent by their exact text (their hash is their identity): all ask for `about`.
  return {
    status: res.status,
    ...((await res.json()) as Omit<GraphQLResponse<{ about: Partial<About> }>, "status">),
  };
}

describe("trusted documents", () => {
  it("has a manifest that is what npm run trusted-documents writes", () => {
    expect(readFileSync(MANIFEST, "utf8")).toBe(manifestText());
  });

  it("answers a listed operation sent by its hash alone", async () => {
    const res = await post(open, byHash(ABOUT));
    expect(res.errors).toBeUndefined();
    expect(res.data!.about.version).toBeTruthy();
  });

  it("never registers a document a client sends with a hash", async () => {
    const text = "{ about { seedScale } }";
    const sent = await post(open, { query: text, ...byHash(text) });
    expect(sent.data!.about).toBeTruthy();
    const again = await post(open, byHash(text));
    expect(again.errors?.[0].extensions?.code).toBe("PERSISTED_QUERY_NOT_FOUND");
  });

  it("in 'only' mode, refuses an ad-hoc query from a role without ad-hoc queries, and accepts the listed ones", async () => {
    const cellule = await as({ role: "CELLULE_PDP", org: "SPSTI:sstrn" });
    const adHoc = await post(strict, { query: "{ about { version } }" }, cellule);
    expect(adHoc.status).toBe(403);
    expect(adHoc.errors?.[0].extensions?.code).toBe("TRUSTED_DOCUMENT_REQUIRED");
    expect(adHoc.data).toBeUndefined();
    expect((await post(strict, byHash(ABOUT), cellule)).data!.about.version).toBeTruthy();
    expect((await post(strict, { query: ABOUT }, cellule)).data!.about.version).toBeTruthy(); // the same text is the same document
    expect((await post(strict, { query: "{ about { version } }" })).errors?.[0].extensions?.code).toBe(
      "TRUSTED_DOCUMENT_REQUIRED",
    ); // anonymous too
  });

  it("in 'only' mode, keeps ad-hoc queries for analysts", async () => {
    const analyst = await as({ role: "ANALYST_REGIONAL", org: "DREETS:dreets-52" });
    const res = await post(strict, { query: "{ about { version } }" }, analyst);
    expect(res.errors).toBeUndefined();
    expect(res.data!.about.version).toBeTruthy();
  });
});
