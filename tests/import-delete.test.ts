import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./helpers.js";
import { deleteDocumentsOf } from "../src/imports/versions.js";

/**
 * Deleting a big version's documents. FerretDB's SQLite backend refuses a
 * `deleteMany` that matches more than 32,766 documents ("too many SQL
 * variables"): an interrupted or rolled-back national file must still go.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(import.meta.url, { seed: false });
});
afterAll(() => t.close());

describe("deleting a version's documents", () => {
  it("deletes 36,000 documents of one version, and nothing else", { timeout: 120_000 }, async () => {
    const c = t.database.db.collection("carsat_at_facts");
    const docs = (tag: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({ _v: tag, year: 2000 + (i % 20), employees: i }));
    for (const tag of ["imp_big/2022|FR", "imp_big/2023|FR"]) {
      const all = docs(tag, 18_000);
      for (let i = 0; i < all.length; i += 6_000) await c.insertMany(all.slice(i, i + 6_000));
    }
    await c.insertMany(docs("imp_other/2023|FR", 10));
    const deleted = await deleteDocumentsOf(t.database.db, {
      _id: "imp_big",
      collections: ["carsat_at_facts"],
    });
    expect(deleted).toBe(36_000);
    expect(await c.countDocuments()).toBe(10);
  });
});
