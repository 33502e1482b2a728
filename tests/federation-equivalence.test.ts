import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { servedOrder } from "../src/imports/provenance.js";
import { exampleTabs } from "../src/http/graphiql-examples.js";
import { CASES, fixtureIds, outcomeOf, VIEWERS, type FixtureIds } from "./authorization-table.js";
import { startFederation, type Federation } from "./federation-helpers.js";
import { as, DREETS_PDL, startTestApp, type TestApp, type ViewerSpec } from "./helpers.js";

const ANALYST: ViewerSpec = { role: "ANALYST_NATIONAL", org: "NATIONAL:dgt" };
import { atCsv } from "./import-fixtures.js";
import { readmeSteps } from "./readme-steps.js";

/**
 * The same API both ways: the single process and the federation (four
 * subgraphs over four databases, behind the gateway) answer the README's
 * examples, the role × field matrix and the PDP exchange story byte for
 * byte alike, once the values each side generates (dates) are masked.
 */

let single: TestApp;
let federation: Federation;
let ids: FixtureIds;
beforeAll(async () => {
  [single, federation] = await Promise.all([startTestApp(import.meta.url), startFederation(import.meta.url)]);
  ids = await fixtureIds(single.database.db);
}, 300_000);
afterAll(async () => {
  await Promise.all([single?.close(), federation?.close()]);
});

/**
 * The answer as text, its generated values masked: timestamps of writes made
 * during the test (also inside the cursors that carry them), new workers'
 * random pseudonyms.
 */
const DATE_TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g;
const masked = (answer: unknown) =>
  JSON.stringify(answer)
    .replace(/"endCursor":"([^"]+)"/g, (_, cursor: string) => {
      const decoded = Buffer.from(cursor, "base64url").toString("utf8");
      return `"endCursor":${JSON.stringify(decoded.replace(DATE_TIME, "<date-time>"))}`;
    })
    .replace(new RegExp(`"${DATE_TIME.source}"`, "g"), '"<date-time>"')
    .replace(/"PS-[0-9A-HJKMNP-TV-Z]{10}"/g, '"<pseudonym>"');

describe("the README's example queries", () => {
  for (const { query } of exampleTabs()) {
    const name = /query (\w+)/.exec(query)?.[1] ?? "anonymous";
    it(`answers ${name} as the single process does`, async () => {
      const headers = await as(DREETS_PDL);
      const [one, fed] = await Promise.all([
        single.gql(query, {}, headers),
        federation.gql(query, {}, headers),
      ]);
      expect(masked(fed)).toBe(masked(one));
    });
  }
});

describe("who sees what (role × sensitive field)", () => {
  it("gives every role the single process's answer for every field, and the privacy matrix's outcome", async () => {
    const failures: string[] = [];
    for (const c of CASES(ids)) {
      for (const [viewerName, spec] of Object.entries(VIEWERS)) {
        const viewer = spec && {
          ...spec,
          org: spec.org.replace(":OTHER", `:${ids.otherSpsti}`) as ViewerSpec["org"],
        };
        const headers = viewer ? await as(viewer) : {};
        const [one, fed] = await Promise.all([
          single.gql(c.query, undefined, headers),
          federation.gql(c.query, undefined, headers),
        ]);
        const expected = c.expect[viewerName as keyof typeof VIEWERS] ?? c.expect.default;
        if (masked(fed) !== masked(one))
          failures.push(`${c.name} / ${viewerName}: ${masked(fed)} ≠ ${masked(one)}`);
        else if (outcomeOf(fed, c.path) !== expected)
          failures.push(`${c.name} / ${viewerName}: not ${expected}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe("refusals", () => {
  const deep = `{ spstis { cpoms { volets { actions { cpom { volets { actions { cpom { volets { id } } } } } } } } } }`;
  const aliases = `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: about { version }`).join(" ")} }`;
  const cases: [string, string, boolean][] = [
    ["a looping query past the cost limit", deep, true],
    ["an anonymous query past the alias limit", aliases, false],
    ["an unknown field", '{ sector(naf: "41") { nope } }', true],
    ["a bad argument", '{ sector(naf: "99.99Z") { label } }', true],
    ["an anonymous introspection", "{ __schema { types { name } } }", false],
    // Denied inside a list that one subgraph returns and another extends: one FORBIDDEN per item, at its index.
    [
      "an anonymous join denied in a list",
      "{ themes { code mpTableaux { code } cpomActions { id } } }",
      false,
    ],
    [
      "a partner's establishments with their accidents",
      "{ establishments(first: 3) { nodes { siret accidents { year } } } }",
      true,
    ],
    [
      "a partner's introspection, filtered to its groups",
      '{ __type(name: "FicheLiaison") { fields { name } } }',
      true,
    ],
  ];
  for (const [name, query, signedIn] of cases)
    it(`answers ${name} with the single process's status and error`, async () => {
      const headers = signedIn ? await as(DREETS_PDL) : {};
      const [one, fed] = await Promise.all([
        single.gql(query, {}, headers),
        federation.gql(query, {}, headers),
      ]);
      expect(fed.status).toBe(one.status);
      expect(masked(fed)).toBe(masked(one));
    });

  it("refuses a bad token with 401 at the gateway, as the single process does", async () => {
    const headers = { authorization: "Bearer not.a.token" };
    const [one, fed] = await Promise.all([
      single.gql("{ about { version } }", {}, headers),
      federation.gql("{ about { version } }", {}, headers),
    ]);
    expect(fed.status).toBe(401);
    expect(masked(fed)).toBe(masked(one));
  });
});

/** Plays a README section's operations, each as the party its block names, both ways; the answers must match. */
async function playBothWays(heading: string, parties: Record<string, ViewerSpec>) {
  const steps = readmeSteps(heading);
  expect(steps.length).toBeGreaterThanOrEqual(5);
  for (const step of steps) {
    const headers = { "content-type": "application/json", ...(await as(parties[step.party])) };
    const body = JSON.stringify({ query: step.text, operationName: step.name });
    const one = await (await fetch(single.url, { method: "POST", headers, body })).json();
    const fed = await (await fetch(federation.url, { method: "POST", headers, body })).json();
    expect(masked(fed), step.name).toBe(masked(one));
    expect((fed as { errors?: unknown }).errors, step.name).toBeUndefined();
  }
}

describe("the README's stories", () => {
  it("plays the PDP exchange, from the draft to the indicators, with the single process's answers", async () => {
    await playBothWays("## Exchanging a fiche de liaison", {
      "cellule PDP": { role: "CELLULE_PDP", org: "SPSTI:sstrn" },
      "Carsat service social": { role: "CARSAT_SERVICE_SOCIAL", org: "CARSAT:carsat-pays-de-la-loire" },
    });
  });

  it("plays the CPOM follow-up, whose computed indicators join the SPSTI and PDP subgraphs, with the same answers", async () => {
    await playBothWays("## Following a CPOM's indicators", {
      "SSTRN's direction": { role: "SPSTI_DIRECTION", org: "SPSTI:sstrn" },
      DREETS: { role: "DREETS_MEDECIN_INSPECTEUR", org: "DREETS:dreets-52" },
    });
  });
});

describe("the annex-4 exports", () => {
  const cases: [string, string, ViewerSpec | null, number][] = [
    ["a region's grid for its DREETS", "/exports/annex4.csv?year=2024&region=52", DREETS_PDL, 200],
    [
      "an SPSTI's campaign report for its direction",
      "/exports/annex4.csv?year=2025&spsti=sstrn",
      { role: "SPSTI_DIRECTION", org: "SPSTI:sstrn" },
      200,
    ],
    ["the nation's grid for a national analyst", "/exports/annex4.csv?year=2024", ANALYST, 200],
    ["an export without a token", "/exports/annex4.csv?year=2024", null, 401],
    ["a bad year", "/exports/annex4.csv?year=24&region=52", DREETS_PDL, 400],
  ];
  for (const [name, path, viewer, status] of cases)
    it(`gives ${name} through the gateway, byte for byte as the single process does`, async () => {
      const headers = viewer ? await as(viewer) : {};
      const [one, fed] = await Promise.all(
        [single.url, federation.url].map((url) => fetch(new URL(path, url), { headers })),
      );
      expect([one.status, fed.status]).toEqual([status, status]);
      expect(fed.headers.get("content-type")).toBe(one.headers.get("content-type"));
      expect(fed.headers.get("content-disposition")).toBe(one.headers.get("content-disposition"));
      expect(await fed.text()).toBe(await one.text());
    });

  it("writes the export's audit event in the spsti subgraph's trail", async () => {
    const trail = federation.subgraphs.spsti.database.db.collection("audit_events");
    const before = await trail.countDocuments({ kind: "EXPORTED" });
    const res = await fetch(new URL("/exports/annex4.csv?year=2024&region=52", federation.url), {
      headers: await as(DREETS_PDL),
    });
    expect(res.status).toBe(200);
    expect(await trail.countDocuments({ kind: "EXPORTED" })).toBe(before + 1);
  });
});

/**
 * Every importing partner's dataset versions, which the gateway merges from
 * the three subgraphs that hold them (src/gateway/datasets.ts). Last in this
 * file: it imports files, into the single process and into the Carsat
 * subgraph alike.
 */
describe("where the figures come from", () => {
  const STEWARD = { role: "DATA_STEWARD", org: "CARSAT:carsat-pays-de-la-loire" } as const;
  const LINE = {
    ctn: "B",
    naf5: "4120A",
    employees: 12_000,
    hours: 1.8e7,
    sirets: 900,
    accidents: 480,
    itDays: 4e4,
  };
  const VERSION = `dataset state fileName rowsRead rowsAccepted rowsRefused periodFrom periodTo slices
    organisation { type id } failure importedBy`;
  /** The version ids each side generates, masked (dates are, by `masked`). */
  const maskedIds = (answer: unknown) => masked(answer).replace(/"id":"[^"]*_[^"]*"/g, '"id":"<version>"');

  beforeAll(async () => {
    const headers = await as(STEWARD);
    for (const url of [single.url, federation.subgraphs.carsat.url]) {
      const post = (file: string, query: string) =>
        fetch(new URL(`/imports/carsat-at?${query}`, url), {
          method: "POST",
          headers,
          body: readFileSync(file),
        });
      expect((await post(atCsv([LINE]), "year=2023&name=at-2023.csv")).status).toBe(201);
      // A refused attempt: the steward's record keeps it, the served list does not.
      expect((await post(atCsv([{ ...LINE, naf5: "9999Z" }]), "year=2023&name=bad.csv")).status).toBe(422);
    }
  }, 60_000);

  it("gives a steward its own attempts, newest first, and refuses them to another role, as the single process does", async () => {
    const query = `{ myImports(first: 2) { ${VERSION} } older: myImports(dataset: "carsat-at", first: 5) { ${VERSION} } }`;
    for (const viewer of [STEWARD, DREETS_PDL]) {
      const headers = await as(viewer);
      const [one, fed] = await Promise.all([
        single.gql(query, {}, headers),
        federation.gql(query, {}, headers),
      ]);
      expect(maskedIds(fed)).toBe(maskedIds(one));
    }
    const mine = await federation.gql<{ myImports: { fileName: string }[] }>(query, {}, await as(STEWARD));
    expect(mine.data!.myImports.map((v) => v.fileName)).toEqual(["bad.csv", "at-2023.csv"]);
  });

  it("lists one dataset's served versions as the single process does, with who imported them for their organisation only", async () => {
    const query = `{ datasets(dataset: "carsat-at") { ${VERSION} } }`;
    for (const viewer of [STEWARD, DREETS_PDL, null]) {
      const headers = viewer ? await as(viewer) : {};
      const [one, fed] = await Promise.all([
        single.gql(query, {}, headers),
        federation.gql(query, {}, headers),
      ]);
      expect(maskedIds(fed)).toBe(maskedIds(one));
    }
  });

  it("lists every partner's served versions, the same ones in the same order of state, date and id", async () => {
    const query = `{ datasets { id importedAt ${VERSION} } }`;
    const headers = await as(STEWARD);
    const [one, fed] = await Promise.all([
      single.gql<{ datasets: Version[] }>(query, {}, headers),
      federation.gql<{ datasets: Version[] }>(query, {}, headers),
    ]);
    expect(fed.errors).toBeUndefined();
    // Each side seeded its versions at its own instants (the federation, one per subgraph), so the lists are
    // compared as sets, and the federation's order is checked against the rule.
    const asSet = (list: Version[]) => list.map((v) => maskedIds({ ...v, id: "", importedAt: "" })).sort();
    expect(asSet(fed.data!.datasets)).toEqual(asSet(one.data!.datasets));
    expect(new Set(fed.data!.datasets.map((v) => v.dataset.split("-")[0]))).toEqual(
      new Set(["carsat", "dreets", "spsti"]),
    );
    const ordered = fed.data!.datasets.map((v) => ({ ...v, importedAt: new Date(v.importedAt) }));
    expect([...ordered].sort(servedOrder)).toEqual(ordered);
  });
});

interface Version {
  id: string;
  dataset: string;
  state: string;
  importedAt: string;
}
