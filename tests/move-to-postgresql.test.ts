import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { chooseBackend } from "../src/db/embedded-backend.js";
import { startEmbeddedDatabase } from "../src/db/ferretdb.js";
import { connectDatabase } from "../src/db/mongo.js";
import { SQLITE_KEPT, moveToPostgresql, onSqlite } from "../src/db/move-to-postgresql.js";

/**
 * An installation from before PostgreSQL became the default keeps its data:
 * a start on its folder stays on SQLite, and `npm run db:to-postgresql`
 * moves everything, indexes included, keeping the SQLite files aside.
 */
const dir = mkdtempSync(path.join(tmpdir(), "passerelle-move-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("an embedded database from the SQLite days", () => {
  it("stays on SQLite at start, then moves to PostgreSQL with every document and index", {
    timeout: 120_000,
  }, async () => {
    const sqlite = await startEmbeddedDatabase(dir, () => undefined, undefined, "sqlite");
    const before = await connectDatabase(sqlite.uri, "passerelle");
    const fiches = Array.from({ length: 2500 }, (_, i) => ({ _id: `f${i}`, orgIds: [`org-${i % 7}`], n: i }));
    await before.db.collection<{ _id: string }>("pdp_fiches").insertMany(fiches);
    await before.db.collection("pdp_fiches").createIndex({ orgIds: 1 }, { name: "by_org" });
    await before.db.collection("empty_one").insertOne({ _id: "x" } as never);
    await before.db.collection("empty_one").deleteOne({ _id: "x" } as never);
    await before.client
      .db("other")
      .collection("c")
      .insertOne({ _id: "kept", v: "é" } as never);
    await before.close();
    await sqlite.stop();

    const choice = await chooseBackend(dir, undefined);
    expect(choice.backend).toBe("sqlite");
    expect(choice.note).toMatch(/stays on SQLite/);
    expect(onSqlite(dir)).toBe(true);

    const report = await moveToPostgresql(dir, () => undefined);
    expect(report.databases.find((d) => d.name === "passerelle")?.documents).toBe(2500);
    expect(
      readdirSync(path.join(dir, SQLITE_KEPT))
        .filter((f) => f.endsWith(".sqlite"))
        .sort(),
    ).toEqual(["other.sqlite", "passerelle.sqlite"]);
    expect(existsSync(path.join(dir, ".to-postgresql"))).toBe(false);
    expect(onSqlite(dir)).toBe(false);

    const pg = await startEmbeddedDatabase(dir, () => undefined, undefined, "auto"); // the default choice now
    expect(pg.backend).toBe("postgresql");
    const after = await connectDatabase(pg.uri, "passerelle");
    try {
      expect(await after.db.collection("pdp_fiches").countDocuments({})).toBe(2500);
      expect(await after.db.collection("pdp_fiches").findOne({ _id: "f2499" } as never)).toEqual(
        fiches[2499],
      );
      expect(await after.db.collection("pdp_fiches").countDocuments({ orgIds: "org-3" })).toBe(357);
      const indexes = await after.db.collection("pdp_fiches").listIndexes().toArray();
      expect(indexes.map((i) => i.name).sort()).toEqual(["_id_", "by_org"]);
      const collections = (await after.db.listCollections().toArray()).map((c) => c.name).sort();
      expect(collections).toEqual(["empty_one", "pdp_fiches"]);
      expect(await after.client.db("other").collection("c").findOne({})).toEqual({ _id: "kept", v: "é" });
    } finally {
      await after.close();
      await pg.stop();
    }
  });

  it("refuses an unknown EMBEDDED_BACKEND instead of guessing", async () => {
    await expect(chooseBackend(dir, "mysql")).rejects.toThrow(
      /EMBEDDED_BACKEND must be "postgresql", "sqlite" or "auto"/,
    );
  });

  it("a new folder gets PostgreSQL, and may fall back to SQLite only while it holds nothing", async () => {
    const fresh = mkdtempSync(path.join(tmpdir(), "passerelle-new-"));
    try {
      expect(await chooseBackend(fresh, undefined)).toEqual({ backend: "postgresql", fallback: true });
      expect(await chooseBackend(dir, undefined)).toEqual({ backend: "postgresql", fallback: false });
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it("falls back to SQLite when PostgreSQL cannot start on a new folder, and says why; never when asked for PostgreSQL", {
    timeout: 60_000,
  }, async () => {
    // A Unix socket path holds at most 107 bytes: this folder is too deep for PostgreSQL's socket.
    const deep = path.join(mkdtempSync(path.join(tmpdir(), "passerelle-deep-")), "d".repeat(100));
    const said: string[] = [];
    const db = await startEmbeddedDatabase(deep, (line) => said.push(line), undefined, "auto");
    try {
      expect(db.backend).toBe("sqlite");
      expect(said.join("\n")).toMatch(/PostgreSQL could not start[\s\S]*107/);
      expect(existsSync(path.join(deep, "postgresql")), "no half cluster left to be chosen next time").toBe(
        false,
      );
    } finally {
      await db.stop();
    }
    const fresh = path.join(mkdtempSync(path.join(tmpdir(), "passerelle-deep-")), "d".repeat(100));
    await expect(startEmbeddedDatabase(fresh, () => undefined, undefined, "postgresql")).rejects.toThrow(
      /107/,
    );
  });
});
