import { spawn, spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { MongoClient, type Db } from "mongodb";

/**
 * Starting, seeding and testing never destroy a database that holds data the
 * demo seed did not write (a partner's). Reproduces the scenario that once
 * lost a collection: data inserted by hand, no seed marker, then `npm start`.
 * Everything runs on the real embedded database, through the real commands.
 */

let client: MongoClient;
const names: string[] = [];
const env = (dbName: string) => ({
  PATH: process.env.PATH ?? "",
  HOME: process.env.HOME ?? "/root",
  MONGODB_URI: inject("mongoUri"),
  MONGODB_DB: dbName,
  PORT: "0",
});

function database(label: string): Db {
  const name = `t_keep_${label}_${process.pid}`;
  names.push(name);
  return client.db(name);
}

/** What a database holds: every collection with its documents, sorted, for before/after comparison. */
async function contents(db: Db): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
    out[name] = await db
      .collection(name)
      .find({}, { sort: { _id: 1 } })
      .toArray();
  }
  return out;
}

/** Runs `npm start` (its prestart seed step included) until the server is ready, then stops it with SIGTERM. */
async function npmStart(dbName: string): Promise<string> {
  const child = spawn("npm", ["start"], {
    env: env(dbName),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  try {
    for (
      const end = Date.now() + 120_000;
      !out.includes("Passerelle is ready");
      await new Promise((r) => setTimeout(r, 200))
    ) {
      if (Date.now() > end || child.exitCode !== null) throw new Error(`server did not start: ${out}`);
    }
    process.kill(-child.pid!, "SIGTERM");
    await exited;
    return out;
  } finally {
    // A child ended by a signal has a null exitCode but a signalCode; its group may be gone already.
    if (child.exitCode === null && child.signalCode === null) killGroup(child.pid!);
  }
}

/** SIGKILL to a process group that may have ended meanwhile (ESRCH: nothing left to kill). */
function killGroup(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ESRCH") throw err;
  }
}

function seedCli(dbName: string, ...args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "seeds/cli.ts", ...args], {
    env: env(dbName),
    encoding: "utf8",
    timeout: 120_000,
  });
}

/** Every collection of `before` holds the same documents, and nothing new holds any (the server's indexes may create empty ones). */
async function expectKept(db: Db, before: Record<string, unknown[]>): Promise<void> {
  const after = await contents(db);
  for (const [name, docs] of Object.entries(before)) expect(after[name], name).toEqual(docs);
  for (const [name, docs] of Object.entries(after)) if (!(name in before)) expect(docs, name).toEqual([]);
}

beforeAll(async () => {
  client = await MongoClient.connect(inject("mongoUri"));
});

afterAll(async () => {
  for (const name of names) await client.db(name).dropDatabase();
  await client.close();
});

describe("a database that holds a partner's data", () => {
  it("survives npm start: no drop, no seed, no purge (the scenario that once lost a collection)", {
    timeout: 180_000,
  }, async () => {
    const db = database("partner");
    await db.collection("partner_figures").insertMany([
      { _id: "a", value: 1 },
      { _id: "b", value: 2 },
    ] as never[]);
    const before = await contents(db);
    const out = await npmStart(db.databaseName);
    expect(out).toContain("holds data: the demo seed is not loaded");
    expect(out).not.toContain("Seeded");
    await expectKept(db, before);
  });

  it("survives npm start when it was seeded once and its seed marker is gone", {
    timeout: 240_000,
  }, async () => {
    const db = database("seeded");
    expect(seedCli(db.databaseName).status).toBe(0);
    await db.collection("meta").deleteOne({ _id: "seed" as never });
    await db.collection("partner_figures").insertOne({ _id: "kept", value: 3 } as never);
    const before = await contents(db);
    await npmStart(db.databaseName);
    await expectKept(db, before);
  });

  it("is refused by npm run seed unless --drop names it exactly", { timeout: 180_000 }, async () => {
    const db = database("refuse");
    await db.collection("partner_figures").insertOne({ _id: "x", value: 4 } as never);
    const before = await contents(db);
    for (const args of [[], ["--drop", "some-other-database"], ["--drop"]]) {
      const run = seedCli(db.databaseName, ...args);
      expect(run.status, run.stderr).not.toBe(0);
      expect(await contents(db)).toEqual(before);
    }
    const refused = seedCli(db.databaseName);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`The database "${db.databaseName}" is not empty`);
    expect(refused.stderr).toContain(`--drop ${db.databaseName}`);

    const dropped = seedCli(db.databaseName, "--drop", db.databaseName);
    expect(dropped.status, dropped.stderr).toBe(0);
    expect(await db.collection("partner_figures").countDocuments()).toBe(0);
    expect(await db.collection("meta").countDocuments({ _id: "seed" as never })).toBe(1);
  });
});

describe("a fresh clone's first start", () => {
  it("loads the demo seed into an empty database, and its purge then removes nothing the seed wrote", {
    timeout: 240_000,
  }, async () => {
    const db = database("fresh");
    const out = await npmStart(db.databaseName);
    expect(out).toContain('loading the "region" demo seed');
    expect(out).toContain("Passerelle is ready");
    expect(out).not.toMatch(/Purged \d+ fiches/);
    expect(await db.collection("pdp_fiches").countDocuments()).toBeGreaterThan(100);
  });
});
