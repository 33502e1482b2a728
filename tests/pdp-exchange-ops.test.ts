import type { Document } from "mongodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startTestApp, type TestApp } from "./helpers.js";

/**
 * The database operators the PDP exchange and its purge rely on, checked on
 * the real database of the test run (FerretDB v1 on PostgreSQL by default,
 * on SQLite, or the MongoDB of MONGODB_URI): filter shapes of the conditional writes,
 * update operators, duplicate keys, the pushed-down read of one fiche. And,
 * on FerretDB, the features it lacks, which the code avoids.
 */

let t: TestApp;
let ferret = false;
beforeAll(async () => {
  t = await startTestApp(import.meta.url, { seed: false });
  ferret = "ferretdbVersion" in (await t.database.db.admin().command({ buildInfo: 1 }));
});
afterAll(() => t.close());

const col = (name: string) => t.database.db.collection<{ _id: string } & Document>(name);
const base = () => ({
  _id: "f1",
  spstiId: "s",
  orgIds: ["s", "c"],
  header: {
    version: 3,
    status: "SENT",
    origin: { id: "s" },
    recipient: { id: "c" },
    updatedAt: new Date("2026-01-01"),
  },
  consent: { givenAt: new Date("2025-12-01"), recipients: [{ id: "c" }], groups: ["JOB", "ACTIONS"] },
  actions: [{ type: "RDV_LIAISON", date: "2026-01-02" }],
});

describe("conditional single-document writes", () => {
  it("apply $set (dotted), $inc and $push only when every condition holds", async () => {
    const c = col("ops_update");
    await c.insertOne(base());
    const conditions = {
      _id: "f1",
      "header.version": 3,
      "header.status": { $in: ["ACKNOWLEDGED", "SENT"] },
      "header.origin.id": "s",
      $or: [{ "header.origin.id": "x" }, { "header.status": { $ne: "DRAFT" } }],
      "consent.recipients.id": "c",
      "consent.withdrawnAt": null,
      "consent.groups": { $all: ["JOB", "ACTIONS"] },
      "consent.givenAt": { $lte: new Date("2026-01-01") },
      "actions.49": { $exists: false },
    };
    // On FerretDB's PostgreSQL backend a root dotted path through an array matches nothing in an
    // update (see the limits below): the same conditions then go inside `$and`, which it does not push down.
    const shaped = (c: Document): Document => {
      if (inject("backend") !== "postgresql") return c;
      const { _id, ...rest } = c;
      return { _id, $and: [rest] };
    };
    const update: Document = {
      $set: { "header.status": "IN_PROGRESS", "header.updatedAt": new Date("2026-02-01") },
      $inc: { "header.version": 1 },
      $push: { actions: { type: "CRPE", date: "2026-02-01" } },
    };
    for (const [key, miss] of [
      ["header.version", 2],
      ["header.status", "DRAFT"],
      ["consent.withdrawnAt", { $ne: null }],
      ["actions.0", { $exists: false }],
    ] as const) {
      expect((await c.updateOne(shaped({ ...conditions, [key]: miss }), update)).matchedCount, key).toBe(0);
    }
    expect(await c.findOne({ _id: "f1" })).toEqual(base());
    expect((await c.updateOne(shaped(conditions), update)).matchedCount).toBe(1);
    const after = await c.findOne({ _id: "f1" });
    expect(after!.header).toMatchObject({
      version: 4,
      status: "IN_PROGRESS",
      updatedAt: new Date("2026-02-01"),
    });
    expect(after!.actions.map((a: { type: string }) => a.type)).toEqual(["RDV_LIAISON", "CRPE"]);
  });

  it("reads one document with $match {_id} first, then the conditions, projecting only what is asked", async () => {
    const c = col("ops_read");
    await c.insertMany([base(), { ...base(), _id: "f2" }]);
    const docs = await c
      .aggregate([
        { $match: { _id: "f1" } },
        { $match: { spstiId: "s", "header.status": { $ne: "DRAFT" } } },
        { $project: { _id: 1, header: 1 } },
      ])
      .toArray();
    expect(docs).toEqual([{ _id: "f1", header: base().header }]);
    expect(
      await c.aggregate([{ $match: { _id: "f1" } }, { $match: { spstiId: "other" } }]).toArray(),
    ).toEqual([]);
  });
});

describe("idempotency and the purge", () => {
  it("refuses a second document with the same _id (code 11000), also under concurrent inserts", async () => {
    const c = col("ops_insert");
    await c.insertOne({ _id: "k" });
    await expect(c.insertOne({ _id: "k" })).rejects.toMatchObject({ code: 11000 });
    const racing = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => c.insertOne({ _id: "race", i })),
    );
    expect(racing.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("inserts the new statistics of a batch and reports the ones already there as duplicates", async () => {
    const c = col("ops_stats");
    await c.insertOne({ _id: "a" });
    const err = await c
      .insertMany([{ _id: "a" }, { _id: "b" }], { ordered: false })
      .catch((e: unknown) => e as { writeErrors: unknown });
    const writeErrors = [(err as { writeErrors: unknown }).writeErrors].flat() as { code: number }[];
    expect(writeErrors.map((e) => e.code)).toEqual([11000]);
    expect(await c.countDocuments()).toBe(2);
  });

  it("marks, skips and deletes a batch by _id: `$ne: true` matches an absent field", async () => {
    const c = col("ops_purge");
    await c.insertMany([
      { _id: "p1", n: 1 },
      { _id: "p2", n: 1 },
      { _id: "p3", n: 1 },
    ]);
    await c.updateMany({ _id: { $in: ["p1", "p2"] } }, { $set: { purging: true } });
    expect((await c.find({ purging: { $ne: true } }).toArray()).map((d) => d._id)).toEqual(["p3"]);
    expect(
      await c
        .aggregate([{ $match: { purging: { $ne: true } } }, { $group: { _id: null, n: { $sum: 1 } } }])
        .toArray(),
    ).toEqual([{ _id: null, n: 1 }]);
    expect((await c.deleteMany({ _id: { $in: ["p1", "p3"] }, purging: true })).deletedCount).toBe(1);
  });
});

describe("what FerretDB v1 lacks, and the code therefore avoids", () => {
  it("on PostgreSQL, matches nothing in an update whose root has a dotted path through an array (the code updates by `{_id}` there)", async () => {
    if (inject("backend") !== "postgresql") return; // MongoDB and FerretDB on SQLite match it
    const c = col("ops_pushdown");
    await c.insertOne(base());
    // FerretDB pushes the path down as PostgreSQL's `#>'{consent,recipients,id}'`, which does not enter arrays.
    expect(
      (await c.updateOne({ _id: "f1", "consent.recipients.id": "c" }, { $set: { x: 1 } })).matchedCount,
    ).toBe(0);
    expect(
      (await c.find({ _id: "f1", "consent.recipients.id": "c" }).toArray()).length,
      "a find is right",
    ).toBe(1);
    const wrapped = { _id: "f1", $and: [{ "consent.recipients.id": "c" }] };
    expect((await c.updateOne(wrapped, { $set: { x: 1 } })).matchedCount).toBe(1);
    // A dotted path through sub-documents only is pushed down correctly.
    expect((await c.updateOne({ _id: "f1", "header.origin.id": "s" }, { $set: { x: 2 } })).matchedCount).toBe(
      1,
    );
  });

  it("has no projection in findAndModify and no arrayFilters (the exchange updates, then reads back with a projection)", async () => {
    if (!ferret) return; // MongoDB has both
    const c = col("ops_missing");
    await c.insertOne(base());
    await expect(
      c.findOneAndUpdate({ _id: "f1" }, { $inc: { "header.version": 1 } }, { projection: { header: 1 } }),
    ).rejects.toThrow(/not implemented/);
    await expect(
      c.updateOne(
        { _id: "f1" },
        { $set: { "actions.$[a].date": "x" } },
        { arrayFilters: [{ "a.type": "RDV_LIAISON" }] },
      ),
    ).rejects.toThrow(/not implemented/);
  });
});
