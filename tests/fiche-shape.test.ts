import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { META } from "../src/db/meta.js";
import { ensureFicheShape } from "../src/sources/pdp/fiche-shape.js";
import { FICHES } from "../src/sources/pdp/types.js";
import { CARSAT, CARSAT_ID } from "./exchange-helpers.js";
import { as, startTestApp, type TestApp } from "./helpers.js";
import { graphql } from "./generated/index.js";

/**
 * Fiches written before `status` was mirrored at the root (a database from an
 * earlier version) are brought to the current shape at start, once, so that
 * the inbox, which filters on the root field, still finds them.
 */
const INBOX = graphql(
  `query ShapeInbox { inbox(status: [SENT, ACKNOWLEDGED], first: 1000) { totalCount nodes { id status job { poste } } } }`,
);

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(import.meta.url);
});
afterAll(() => t.close());

describe("the fiches' root status", () => {
  it("is filled in once for fiches written without it, and the inbox finds them again", async () => {
    const fiches = t.database.db.collection<{ _id: string; status?: string; header: { status: string } }>(
      FICHES,
    );
    const before = await t.gql(INBOX, {}, await as(CARSAT));
    expect(before.errors).toBeUndefined();
    const ids = before.data!.inbox!.nodes.map((n) => n.id).sort();
    expect(ids.length).toBeGreaterThan(1);
    expect(await ensureFicheShape(t.database.db), "the seed wrote the current shape").toBe(0);

    // As an earlier version left them: no root status, and no shape marker.
    await fiches.updateMany({ orgIds: CARSAT_ID }, { $unset: { status: "" } });
    await t.database.db.collection<{ _id: string }>(META).deleteOne({ _id: "pdp-fiche-shape" });
    const stale = await t.gql(INBOX, {}, await as(CARSAT));
    expect(stale.data!.inbox!.totalCount, "the root field is what the inbox reads").toBe(0);

    const expected = await fiches.countDocuments({ orgIds: CARSAT_ID });
    expect(await ensureFicheShape(t.database.db)).toBe(expected);
    const after = await t.gql(INBOX, {}, await as(CARSAT));
    expect(after).toEqual(before);
    for (const f of await fiches.find({ orgIds: CARSAT_ID }).toArray())
      expect(f.status).toBe(f.header.status);
    expect(await ensureFicheShape(t.database.db), "done once: the marker says so").toBe(0);
  });
});
