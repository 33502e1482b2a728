import { parse } from "csv-parse/sync";
import { ANNEX4_COUNTS } from "../src/sources/spsti/types-cpom.js";
import ExcelJS from "exceljs";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { MASKED } from "../src/exports/annex4-grid.js";
import { TEST_DEV_SECRET, as, startTestApp, tokenFor, type TestApp, type ViewerSpec } from "./helpers.js";

/**
 * The annex-4 export in the DGT survey's grid: read back, the XLSX and the
 * CSV hold the same figures as the API gives the same reader; a masked count
 * is "s", never a number; errors are JSON with a code and the field at fault.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(import.meta.url, { seed: "region" });
});
afterAll(() => t.close());

const DREETS: ViewerSpec = { role: "DREETS_INGENIEUR_PREVENTION", org: "DREETS:dreets-52" };
const SSTRN: ViewerSpec = { role: "SPSTI_DIRECTION", org: "SPSTI:sstrn" };
const ANALYST: ViewerSpec = { role: "ANALYST_NATIONAL", org: "NATIONAL:dgt" };
const COUNTS = ANNEX4_COUNTS;
const COLUMNS = ["RPS", "TMS", "CHIMIQUE", "CHUTES", "ROUTIER", "CANICULE"];

async function get(path: string, who: ViewerSpec | null) {
  return fetch(t.url.replace("/graphql", path), { headers: who ? await as(who) : {} });
}

type Row = Record<(typeof COUNTS)[number], number | null> & {
  theme: string;
  volet: number;
  cpom: { id: string };
};
async function apiRows(who: ViewerSpec, year: number, territory: unknown): Promise<Row[]> {
  const res = await t.gql<{ annex4: Row[] }>(
    `query($year: Year!, $territory: TerritoryInput) { annex4(year: $year, territory: $territory) {
      theme volet cpom { id } ${COUNTS.join(" ")} } }`,
    { year, territory },
    await as(who),
  );
  expect(res.errors).toBeUndefined();
  return res.data!.annex4;
}

type Grid = (string | number | null)[][];
/** The blocks of a sheet: runs of rows between blank rows; each starts with its title row. */
function blocks(rows: Grid): Grid[] {
  const out: Grid[] = [];
  let current: Grid = [];
  for (const row of rows) {
    if (row.every((c) => c === null || c === "")) {
      if (current.length) out.push(current);
      current = [];
    } else current.push(row);
  }
  if (current.length) out.push(current);
  // A block's header has a blank line before the theme table: join it back.
  const joined: Grid[] = [];
  for (const b of out) {
    if (b[0][0] === "Annexe 4 — Tableau de suivi annuel") joined.push(b);
    else joined[joined.length - 1].push(...b);
  }
  return joined;
}

/** A block's count cell for a theme column (or the volet-3 column) and a count row. */
function cell(block: Grid, column: number, count: number): unknown {
  const start = block.findIndex((r) => r[0] === "Thématique(s) retenue(s)");
  return block[start + 1 + count][column + 1];
}

async function xlsxRows(res: Response): Promise<Grid> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await res.arrayBuffer());
  const rows: Grid = [];
  workbook.worksheets[0].eachRow({ includeEmpty: true }, (row) => {
    rows.push(
      Array.from({ length: 8 }, (_, i) => (row.getCell(i + 1).value as string | number | null) ?? null),
    );
  });
  return rows;
}

/** A CSV as rows of 8 cells (a row ends at its last filled cell), counts as numbers. */
function csvRows(text: string): Grid {
  const rows = parse(text, { delimiter: ";", bom: true, relax_column_count: true }) as string[][];
  return rows.map((r) =>
    Array.from({ length: 8 }, (_, i) => {
      const c = r[i] ?? "";
      return c === "" ? null : /^\d+$/.test(c) ? Number(c) : c;
    }),
  );
}

/** What a grid cell must hold for these API rows: their sum, "s" if any is masked, empty if none. */
function expected(rows: Row[], field: (typeof COUNTS)[number]): unknown {
  if (rows.length === 0) return null;
  if (rows.some((r) => r[field] === null)) return MASKED;
  return rows.reduce((n, r) => n + r[field]!, 0);
}

describe("GET /exports/annex4", () => {
  it("gives a DREETS its region's grid in XLSX, with the same figures as the API, consolidated then by CPOM", async () => {
    const res = await get("/exports/annex4.xlsx?year=2024&region=52", DREETS);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("annexe4-2024-region-52.xlsx");
    const grid = blocks(await xlsxRows(res));
    const rows = await apiRows(DREETS, 2024, { region: "52" });
    const cpoms = [...new Set(rows.map((r) => r.cpom.id))].sort();
    expect(grid.map((b) => b[0][1])).toEqual([
      "Région 52 Pays de la Loire",
      ...cpoms.map((c) => `CPOM ${c}`),
    ]);
    let masked = 0;
    for (const [b, subset] of [
      [grid[0], rows],
      ...cpoms.map((c, i) => [grid[i + 1], rows.filter((r) => r.cpom.id === c)]),
    ] as [Grid, Row[]][]) {
      for (const [k, field] of COUNTS.entries()) {
        for (const [c, theme] of COLUMNS.entries())
          expect(cell(b, c, k)).toEqual(
            expected(
              subset.filter((r) => r.theme === theme),
              field,
            ),
          );
        expect(cell(b, 6, k)).toEqual(
          expected(
            subset.filter((r) => r.volet === 3),
            field,
          ),
        );
        masked += b.flat().filter((v) => v === MASKED).length;
      }
    }
    expect(masked).toBeGreaterThan(0); // the region seed has small counts: the masks show as "s"
    // Dates as the survey asks them.
    const sstrn = grid.find((b) => b[0][1] === "CPOM cpom-sstrn-2020")!;
    expect(sstrn).toContainEqual([
      "Date de signature du CPOM",
      expect.stringMatching(/^\d{2}\/\d{2}\/2020$/),
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    // The export is audited like a read.
    const events = await t.database.db
      .collection("audit_events")
      .find({ kind: "EXPORTED", orgId: "dreets-52" })
      .toArray();
    expect(events.map((e) => e.fields)).toContainEqual(["exportAnnex4(xlsx 2024 region:52)"]);
  });

  it("gives the SSTRN its own 2025 reports in CSV, exact and in their campaign state", async () => {
    const res = await get("/exports/annex4.csv?year=2025&spsti=sstrn", SSTRN);
    expect(res.status).toBe(200);
    const grid = blocks(csvRows(await res.text()));
    expect(grid.map((b) => b[0][1])).toEqual(["CPOM cpom-sstrn-2020", "CPOM cpom-sstrn-2025"]);
    const state = (b: Grid) => b.find((r) => r[0] === "État dans la campagne Passerelle")?.[1];
    expect(grid.map(state)).toEqual(["VALIDATED", "NOT_STARTED"]);
    // The validated report's exact rows, as the campaign gives them to the SSTRN.
    const report = await t.gql<{ annex4Report: { rows: Row[] } }>(
      `{ annex4Report(cpomId: "cpom-sstrn-2020", year: 2025) { rows { theme volet ${COUNTS.join(" ")} } } }`,
      {},
      await as(SSTRN),
    );
    for (const [k, field] of COUNTS.entries())
      for (const [c, theme] of COLUMNS.entries()) {
        const row = report.data!.annex4Report.rows.find((r) => r.theme === theme);
        expect(cell(grid[0], c, k)).toEqual(row ? row[field] : null);
      }
    // Not started: the grid is there, empty.
    expect(COUNTS.map((_, k) => cell(grid[1], 6, k))).toEqual([null, null, null, null, null, null]);
  });

  it("gives an analyst the national grid, consolidated by region, masks as 's'", async () => {
    const res = await get("/exports/annex4.csv?year=2024", ANALYST);
    expect(res.status).toBe(200);
    const grid = blocks(csvRows(await res.text()));
    expect(grid[0][0][1]).toBe("France entière");
    const all = await apiRows(ANALYST, 2024, null);
    for (const [k, field] of COUNTS.entries())
      for (const [c, theme] of COLUMNS.entries())
        expect(cell(grid[0], c, k)).toEqual(
          expected(
            all.filter((r) => r.theme === theme),
            field,
          ),
        );
    expect(grid.slice(1).every((b) => String(b[0][1]).startsWith("Région "))).toBe(true);
  });

  it("refuses, with a code and the field at fault", async () => {
    const cases: [string, ViewerSpec | null, number, string, string | null][] = [
      ["/exports/annex4.xlsx?year=2024", null, 401, "UNAUTHENTICATED", null],
      ["/exports/annex4.xlsx", DREETS, 400, "BAD_USER_INPUT", "year"],
      ["/exports/annex4.xlsx?year=20x4", DREETS, 400, "BAD_USER_INPUT", "year"],
      ["/exports/annex4.xlsx?year=2024&region=99", DREETS, 400, "BAD_USER_INPUT", "region"],
      ["/exports/annex4.xlsx?year=2024&region=52&spsti=sstrn", DREETS, 400, "BAD_USER_INPUT", "region"],
      ["/exports/annex4.xlsx?year=2024&spsti=nobody", DREETS, 404, "NOT_FOUND", "spsti"],
      ["/exports/annex4.pdf?year=2024", DREETS, 404, "NOT_FOUND", null],
      [
        "/exports/annex4.xlsx?year=2024",
        { role: "DATA_STEWARD", org: "DREETS:dreets-52" },
        403,
        "FORBIDDEN",
        null,
      ],
    ];
    for (const [path, who, status, code, field] of cases) {
      const res = await get(path, who);
      expect([path, res.status]).toEqual([path, status]);
      expect(await res.json()).toMatchObject({ code, field });
    }
    const post = await fetch(t.url.replace("/graphql", "/exports/annex4.xlsx?year=2024"), {
      method: "POST",
      headers: await as(DREETS),
    });
    expect(post.status).toBe(405);
  });
});

describe("npm run export", () => {
  it("writes the same XLSX as the HTTP path, as the token's reader, and refuses a bad year with exit code 2", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "annex4-export-"));
    try {
      const out = path.join(dir, "annexe4.xlsx");
      const env = {
        ...process.env,
        MONGODB_URI: inject("mongoUri"),
        MONGODB_DB: t.database.db.databaseName,
        AUTH_DEV_SECRET: TEST_DEV_SECRET,
        PASSERELLE_TOKEN: await tokenFor(DREETS),
      };
      const run = (args: string[]) =>
        promisify(execFile)("npx", ["tsx", "tools/export.ts", ...args], { env });
      const done = await run(["annex4", "--year", "2024", "--region", "52", "--out", out]);
      expect(done.stdout).toContain("annexe4.xlsx");
      const fromCommand = blocks(await xlsxRows(new Response(readFileSync(out))));
      const fromHttp = blocks(await xlsxRows(await get("/exports/annex4.xlsx?year=2024&region=52", DREETS)));
      expect(fromCommand).toEqual(fromHttp);
      const refused = await run(["annex4", "--year", "soon"]).catch(
        (e: { code: number; stderr: string }) => e,
      );
      expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining("--year") });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
