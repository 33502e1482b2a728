import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { as, startTestApp, type TestApp } from "./helpers.js";
import { atCsv, fixturePath, manyAtLines, type AtLine } from "./import-fixtures.js";
import { readMarker } from "../src/db/data-versions.js";
import { cleanupImports, VERSIONS } from "../src/imports/versions.js";

/**
 * `POST /imports/<dataset>` as partners' data stewards use it, personal
 * data screening, and an import killed half-way, on the real database.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(import.meta.url);
});
afterAll(() => t.close());

const LINE: AtLine = {
  ctn: "B",
  naf5: "4120A",
  employees: 12_000,
  hours: 18_000_000,
  sirets: 900,
  accidents: 480,
  itDays: 40_000,
};
const STEWARD_PDL = { role: "DATA_STEWARD", org: "CARSAT:carsat-pays-de-la-loire" } as const;

/** The JSON answer of POST /imports/<dataset>: a report (status, rows, version...) or a refusal (code, field, issues). */
type Answer = Record<string, unknown> & {
  code?: string;
  version?: Record<string, unknown>;
  issues?: Record<string, unknown>[];
};

async function post(path: string, file: string | Buffer, headers: Record<string, string>) {
  const res = await fetch(t.url.replace("/graphql", path), {
    method: "POST",
    headers,
    body: new Uint8Array(typeof file === "string" ? readFileSync(file) : file),
  });
  return { status: res.status, body: (await res.json()) as Answer };
}

describe("POST /imports/<dataset>", () => {
  it("imports a steward's own file and answers with the version created", async () => {
    const res = await post(
      "/imports/carsat-at?year=2023&name=at-2023-pdl.csv",
      atCsv([LINE]),
      await as(STEWARD_PDL),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: "IMPORTED", rows: { read: 1, accepted: 1, refused: 0 } });
    expect(res.body.version).toMatchObject({
      dataset: "carsat-at",
      org: { type: "CARSAT", id: "carsat-pays-de-la-loire" },
      file: { name: "at-2023-pdl.csv" },
      slices: ["2023|carsat-pays-de-la-loire"],
    });
    expect(res.body.version!.process).toBeUndefined();
  });

  it("refuses without a token, with another role, for an unknown dataset, and says why", async () => {
    const file = atCsv([LINE]);
    expect((await post("/imports/carsat-at?year=2023", file, {})).body.code).toBe("UNAUTHENTICATED");
    expect((await post("/imports/carsat-at?year=2023", file, { authorization: "Bearer nope" })).status).toBe(
      401,
    );
    const analyst = await post(
      "/imports/carsat-at?year=2023",
      file,
      await as({ role: "ANALYST_NATIONAL", org: "NATIONAL:dgt" }),
    );
    expect([analyst.status, analyst.body.code]).toEqual([403, "FORBIDDEN"]);
    const unknown = await post("/imports/nothing-here", file, await as(STEWARD_PDL));
    expect([unknown.status, unknown.body.code]).toEqual([404, "NOT_FOUND"]);
    const badYear = await post("/imports/carsat-at?year=20x3", file, await as(STEWARD_PDL));
    expect(badYear.body).toMatchObject({ code: "BAD_USER_INPUT", field: "year" });
  });

  it("refuses a DREETS steward's Carsat file, and a file with a person's column or a NIR, changing nothing", async () => {
    const before = await readMarker(t.database.db);
    const dreets = await post(
      "/imports/carsat-at?year=2023",
      atCsv([LINE]),
      await as({ role: "DATA_STEWARD", org: "DREETS:dreets-52" }),
    );
    expect([dreets.status, dreets.body.code]).toEqual([422, "BAD_USER_INPUT"]);

    const withName = atCsv([LINE], {
      header: [
        "Code CTN",
        "Code NAF",
        "Nom du salarié",
        "Nombre de salariés",
        "Nombre d'heures travaillées",
        "Nombre de SIRET",
        "Nombre d'AT en 1er règlement",
        "dont AT avec 4 jours d'arrêt ou plus",
        "Nouvelles IP taux < 10 %",
        "Nouvelles IP taux >= 10 %",
        "Décès",
        "Journées d'IT",
        "Somme des taux d'IP",
      ],
    });
    const named = await post("/imports/carsat-at?year=2023", withName, await as(STEWARD_PDL));
    expect(named.status).toBe(422);
    expect(named.body.issues![0]).toMatchObject({ column: "Nom du salarié", value: null });

    // A NIR with its valid key, spaced out, typed into the CTN column of the sixth line.
    const withNir = atCsv([LINE], {
      extra: ["voir 1 85 05 78 006 084 91;4399C;libellé;12;12;1;12;0;0;0;0;0;0"],
    });
    const nir = await post("/imports/carsat-at?year=2023", withNir, await as(STEWARD_PDL));
    expect(nir.status).toBe(422);
    expect(nir.body.issues).toEqual([
      expect.objectContaining({ line: 6, value: null, reason: expect.stringMatching(/NIR/) }),
    ]);
    expect(JSON.stringify(nir.body)).not.toContain("006 084");
    expect(await readMarker(t.database.db)).toEqual(before);
  });

  it("answers 413 with JSON for a file over the limit", async () => {
    const big = Buffer.alloc(201 * 1_000_000, 65);
    const res = await post("/imports/carsat-at?year=2023", big, await as(STEWARD_PDL));
    expect([res.status, res.body.code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
  });
});

describe("an import killed half-way", () => {
  it("leaves the previous version current, and the next start deletes its leftovers", {
    timeout: 120_000,
  }, async () => {
    const db = t.database.db;
    const before = await readMarker(db);
    const count = () => db.collection("carsat_at_facts").countDocuments();
    const rowsBefore = await count();
    // Big enough to be caught while writing: 700 subclasses × 9 CTN × 5 years, 31,500 rows.
    const lines = manyAtLines(700);
    const file = fixturePath("at-years.csv");
    const header =
      "Année;Code CTN;Code NAF;Nombre de salariés;Nombre d'heures travaillées;Nombre de SIRET;Nombre d'AT en 1er règlement;dont AT avec 4 jours d'arrêt ou plus;Nouvelles IP taux < 10 %;Nouvelles IP taux >= 10 %;Décès;Journées d'IT;Somme des taux d'IP";
    const body = [header];
    for (let year = 2000; year < 2005; year++) {
      for (const ctn of "ABCDEFGHI")
        for (const l of lines)
          body.push(
            [year, ctn, l.naf5, l.employees, l.hours, l.sirets, l.accidents, 0, 0, 0, 0, l.itDays, 0].join(
              ";",
            ),
          );
    }
    (await import("node:fs")).writeFileSync(file, body.join("\n"));
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "tools/import.ts", "carsat-at", file, "--org", "CARSAT:carsat-pays-de-la-loire"],
      {
        env: {
          PATH: process.env.PATH ?? "",
          HOME: process.env.HOME ?? "/root",
          MONGODB_URI: inject("mongoUri"),
          MONGODB_DB: db.databaseName,
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    const exited = new Promise((r) => child.once("exit", r));
    // Kill it at its first progress line (10,000 rows read, most of them written), long before it could commit.
    for (
      const end = Date.now() + 60_000;
      !out.includes("rows read");
      await new Promise((r) => setTimeout(r, 10))
    ) {
      if (Date.now() > end || child.exitCode !== null)
        throw new Error(`the import did not start writing: ${out}`);
    }
    child.kill("SIGKILL");
    await exited;
    expect(await readMarker(db)).toEqual(before); // nothing became current
    const staging = await db.collection(VERSIONS).findOne({ status: "STAGING" });
    expect(staging).not.toBeNull();
    expect(await count()).toBeGreaterThan(rowsBefore);

    expect(await cleanupImports(db)).toBe(1); // what a start runs first (src/main.ts)
    expect(await count()).toBe(rowsBefore);
    expect(await db.collection(VERSIONS).findOne({ _id: staging!._id })).toMatchObject({ status: "FAILED" });
  });
});
