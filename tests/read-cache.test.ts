import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ObjectId } from "mongodb";
import { as, DREETS_PDL, startTestApp, type TestApp } from "./helpers.js";
import { derived, queryKey, ReadCache } from "../src/db/read-cache.js";
import { directReads, markImportedData } from "../src/db/imported-reads.js";
import type { Database } from "../src/db/mongo.js";
import { graphql } from "./generated/index.js";

/**
 * The cache of imported-data reads (src/db/read-cache.ts), on the real
 * database: a repeated query is answered from memory, never across viewers'
 * scopes, and never after a new import.
 */

let cached: TestApp;
let reference: TestApp;
beforeAll(async () => {
  // checkMs 0: every lookup re-reads the version marker, so a new import is seen at once.
  [cached, reference] = await Promise.all([
    startTestApp(import.meta.url, { as: DREETS_PDL, config: { readCache: { maxMb: 64, checkMs: 0 } } }),
    startTestApp(import.meta.url, { as: DREETS_PDL }),
  ]);
});
afterAll(() => Promise.all([cached.close(), reference.close()]));

const DASHBOARD = readFileSync(
  new URL("../docs/examples/01-construction-pays-de-la-loire.graphql", import.meta.url),
  "utf8",
);

/** Runs `fn` and lists the collections its finds read, the version marker's collection left out. */
async function findsOf<T>(
  database: Database,
  fn: () => Promise<T>,
): Promise<{ result: T; collections: unknown[] }> {
  const before = database.commands.recent.length;
  const { result } = await database.commands.measure(fn);
  const sent = database.commands.recent.slice(before);
  return {
    result,
    collections: sent.filter((c) => c.name === "find" && c.collection !== "meta").map((c) => c.collection),
  };
}

describe("the read cache, through the API", () => {
  it("answers a repeated dashboard from memory, with the same JSON as the database", async () => {
    const cold = await findsOf(cached.database, () => cached.gql(DASHBOARD));
    const warm = await findsOf(cached.database, () => cached.gql(DASHBOARD));
    const truth = await reference.gql(DASHBOARD);
    expect(truth.errors).toBeUndefined();
    expect(cold.result).toEqual(truth);
    expect(warm.result).toEqual(truth);
    expect(cold.collections.length).toBeGreaterThan(2);
    // Every imported collection is answered from memory. The annex-4 reports are written by requests
    // (the campaign), so the published annex 4 is read from the driver each time, like the PDP fiches.
    expect(warm.collections).toEqual(["spsti_annex4_reports"]);
    expect(cached.app.readCache!.stats().hits).toBeGreaterThan(0);
  });

  it("keeps viewers apart: the same query in another region's scope is read for that scope", async () => {
    const q = graphql(
      `query CachedEstablishments { establishments(first: 50) { totalCount nodes { siret departement } } }`,
    );
    const bretagne = await as({ role: "DREETS_INGENIEUR_PREVENTION", org: "DREETS:dreets-53" });
    const pdl = await cached.gql(q);
    const other = await findsOf(cached.database, () => cached.gql(q, undefined, bretagne));
    expect(pdl.data!.establishments!.totalCount).toBeGreaterThan(0);
    expect(other.collections.length).toBeGreaterThan(0); // not served from Pays de la Loire's entry
    expect(other.result).toEqual(await reference.gql(q, undefined, bretagne));
    expect(
      other.result.data!.establishments!.nodes.every(
        (e) => !["44", "49", "53", "72", "85"].includes(e.departement),
      ),
    ).toBe(true);
  });

  it("reads again once an import marks a new version, and not before", async () => {
    const q = graphql(`query CachedSpsti { spsti(id: "sstrn") { name } }`);
    const services = cached.database.db.collection<{ _id: string; name: string }>("spsti_services");
    const before = await cached.gql(q);
    await services.updateOne({ _id: "sstrn" }, { $set: { name: "Service renommé par un import" } });
    try {
      expect(await cached.gql(q)).toEqual(before); // the data changed without a new version: still the cached answer
      await markImportedData(cached.database.db, "test-import-2");
      const after = await cached.gql(q);
      expect(after.data!.spsti!.name).toBe("Service renommé par un import");
      expect(cached.app.readCache!.stats().version).toBe("test-import-2");
    } finally {
      await services.updateOne({ _id: "sstrn" }, { $set: { name: before.data!.spsti!.name } });
      await markImportedData(cached.database.db, "test-import-3");
    }
  });
});

describe("the read cache, on its own", () => {
  const SPEC = { projection: { _id: 1, name: 1 } };

  it("sends one command for concurrent misses of one query, and freezes what it keeps", async () => {
    const cache = new ReadCache(cached.database.db, { maxBytes: 10e6, checkMs: 60_000 });
    const reads = cache.reads();
    const { result, collections } = await findsOf(cached.database, () =>
      Promise.all([1, 2, 3, 4, 5].map(() => reads.find("spsti_services", {}, SPEC))),
    );
    expect(collections).toEqual(["spsti_services"]);
    expect(new Set(result).size).toBe(1);
    expect(result[0].length).toBeGreaterThan(0);
    expect(() => {
      (result[0][0] as Record<string, unknown>).name = "changed";
    }).toThrow(TypeError);
  });

  it("stays within its budget, the least recently used answer out first", async () => {
    const one = JSON.stringify(
      await cached.database.db
        .collection<{ _id: string }>("spsti_services")
        .find({ _id: "sstrn" }, SPEC)
        .toArray(),
    ).length;
    // Room for four answers of this size (and no single answer may take more than a quarter).
    const cache = new ReadCache(cached.database.db, { maxBytes: one * 4.5, checkMs: 60_000 });
    const reads = cache.reads();
    // Five different queries with the same answer: the SSTRN's card.
    const filters = [
      { _id: "sstrn" },
      { _id: { $in: ["sstrn"] } },
      { _id: { $in: ["sstrn", "x"] } },
      { _id: { $in: ["sstrn", "y"] } },
      { _id: { $in: ["sstrn", "z"] } },
    ];
    for (const f of filters.slice(0, 4)) await reads.find("spsti_services", f, SPEC);
    await reads.find("spsti_services", filters[0], SPEC); // a hit: now the most recently used
    await reads.find("spsti_services", filters[4], SPEC); // the fifth: one must go
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 5, entries: 4, bytes: one * 4 });
    const kept = await findsOf(cached.database, () => reads.find("spsti_services", filters[0], SPEC));
    expect(kept.collections).toEqual([]);
    const evicted = await findsOf(cached.database, () => reads.find("spsti_services", filters[1], SPEC));
    expect(evicted.collections).toEqual(["spsti_services"]);
  });

  it("computes a value from a cached answer once, and from an uncached one every time", async () => {
    const reads = new ReadCache(cached.database.db, { maxBytes: 10e6, checkMs: 60_000 }).reads();
    let runs = 0;
    const count = (docs: readonly unknown[]) => () => ({ n: docs.length, run: ++runs });
    const first = await reads.find("spsti_services", {}, SPEC);
    const again = await reads.find("spsti_services", {}, SPEC);
    expect(again).toBe(first);
    const value = derived(first, "count", count(first));
    expect(derived(again, "count", count(again))).toBe(value);
    expect(derived(again, "other", count(again))).not.toBe(value); // another key, another value
    expect(Object.isFrozen(value)).toBe(true);
    expect(runs).toBe(2);
    const direct = await directReads(cached.database.db).find("spsti_services", {}, SPEC);
    derived(direct, "count", count(direct));
    derived(direct, "count", count(direct));
    expect(runs).toBe(4);
  });

  it("caches nothing where no import ever marked a version", async () => {
    const db = cached.database.client.db(`t_read_cache_unmarked_${process.pid}`);
    try {
      await db.collection("spsti_services").insertOne({ _id: "x" as never, name: "Service fictif" });
      const reads = new ReadCache(db, { maxBytes: 10e6, checkMs: 0 }).reads();
      const { collections } = await findsOf(cached.database, async () => {
        await reads.find("spsti_services", {}, SPEC);
        await reads.find("spsti_services", {}, SPEC);
      });
      expect(collections).toEqual(["spsti_services", "spsti_services"]);
    } finally {
      await db.dropDatabase();
    }
  });

  it("keys a query by everything that shapes its answer, and gives up on values it cannot spell", () => {
    const base = queryKey("c", { a: 1, b: { $in: ["x"] } }, { projection: { a: 1 } });
    expect(queryKey("c", { a: 1, b: { $in: ["x"] } }, { projection: { a: 1 } })).toBe(base);
    expect(queryKey("d", { a: 1, b: { $in: ["x"] } }, { projection: { a: 1 } })).not.toBe(base);
    expect(queryKey("c", { a: 1, b: { $in: ["y"] } }, { projection: { a: 1 } })).not.toBe(base);
    expect(queryKey("c", { a: 1, b: { $in: ["x"] } }, { projection: { a: 1, b: 1 } })).not.toBe(base);
    expect(queryKey("c", { a: 1, b: { $in: ["x"] } }, { projection: { a: 1 }, sort: { a: 1 } })).not.toBe(
      base,
    );
    expect(queryKey("c", { a: "1", b: { $in: ["x"] } }, { projection: { a: 1 } })).not.toBe(base);
    expect(queryKey("c", { a: /^4/ }, { projection: {} })).not.toBe(
      queryKey("c", { a: /^4/i }, { projection: {} }),
    );
    // A set: the same ids batched in another order are the same query; other ids are not.
    expect(queryKey("c", { _id: { $in: ["b", "a"] } }, { projection: {} })).toBe(
      queryKey("c", { _id: { $in: ["a", "b"] } }, { projection: {} }),
    );
    expect(queryKey("c", { _id: { $in: ["a", "c"] } }, { projection: {} })).not.toBe(
      queryKey("c", { _id: { $in: ["a", "b"] } }, { projection: {} }),
    );
    expect(queryKey("c", {}, { projection: {}, sort: { a: 1, b: 1 } })).not.toBe(
      queryKey("c", {}, { projection: {}, sort: { b: 1, a: 1 } }),
    );
    expect(queryKey("c", { _id: new ObjectId() }, { projection: {} })).toBeNull();
  });
});
