import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, startTestApp, type TestApp } from "./helpers.js";
import type { FicheDoc } from "../src/sources/pdp/documents.js";
import { graphql } from "./generated/index.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(import.meta.url); // default threshold: 11
});
afterAll(() => t.close());

const Q = graphql(
  `query SstrnSignalements { pdpSignalements(years: { from: 2019, to: 2026 }, org: "sstrn") { year direction origin { id } recipient { id } count suppressed } }`,
);

/** The CPOM indicator: each party reads its own signalements exactly; analysts read them with small counts masked. */
describe("yearly signalements per direction", () => {
  it("are exact for the SPSTI that is party to them, equal to the sent fiches counted from the raw documents", async () => {
    const res = await t.gql(Q, undefined, await as({ role: "CELLULE_PDP", org: "SPSTI:sstrn" }));
    expect(res.errors).toBeUndefined();
    const rows = res.data!.pdpSignalements!;
    const raw = await t.database.db
      .collection<FicheDoc>("pdp_fiches")
      .find({ orgIds: "sstrn", sentYear: { $exists: true } }, { projection: { sentYear: 1, header: 1 } })
      .toArray();
    const expected = new Map<string, number>();
    for (const d of raw) {
      const key = `${d.sentYear}|${d.header.direction}|${d.header.origin.id}|${d.header.recipient.id}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    expect(rows.length).toBe(expected.size);
    for (const r of rows) {
      expect(r.suppressed).toBe(false);
      expect(r.count).toBe(expected.get(`${r.year}|${r.direction}|${r.origin.id}|${r.recipient!.id}`));
    }
    expect(rows.some((r) => r.count! < 11)).toBe(true); // there were small counts to protect from others
  });

  it("are masked for an analyst: small cells come back null with suppressed: true", async () => {
    const res = await t.gql(Q, undefined, await as({ role: "ANALYST_NATIONAL", org: "NATIONAL:dgt" }));
    expect(res.errors).toBeUndefined();
    const rows = res.data!.pdpSignalements!;
    expect(rows.some((r) => r.suppressed)).toBe(true);
    for (const r of rows) {
      if (r.suppressed) expect(r.count).toBeNull();
      else expect(r.count).toBeGreaterThanOrEqual(11);
    }
  });
});
