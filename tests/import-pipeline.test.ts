import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, DREETS_PDL, startTestApp, type TestApp } from "./helpers.js";
import { atCsv, atXlsx, fixturePath, manyAtLines, type AtLine } from "./import-fixtures.js";
import { datasetNamed } from "../src/imports/catalogue.js";
import { runImport, type ImportReport } from "../src/imports/pipeline.js";
import { rollback } from "../src/imports/versions.js";
import { readMarker } from "../src/db/data-versions.js";
import type { ImportOrg } from "../src/imports/dataset.js";
import type { SinistraliteRow } from "../src/graphql/generated/resolvers-types.js";
import { graphql } from "./generated/index.js";

/**
 * The import pipeline on the real embedded database: all or nothing, one
 * step, idempotent, with provenance, and the README's dashboard showing the
 * imported figures.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(import.meta.url, { as: DREETS_PDL });
});
afterAll(() => t.close());

const PDL: ImportOrg = { type: "CARSAT", id: "carsat-pays-de-la-loire" };
/** The README's dashboard, sent as written (docs/examples is not among the typed documents): its rows are read as the schema types them. */
const DASHBOARD = readFileSync(
  new URL("../docs/examples/01-construction-pays-de-la-loire.graphql", import.meta.url),
  "utf8",
);
type Dashboard = { sector: { sinistralite: Pick<SinistraliteRow, "year" | "accidents" | "employees">[] } };

const CONSTRUCTION: AtLine[] = [
  {
    ctn: "B",
    naf5: "4120A",
    employees: 12_345,
    hours: 18_000_000,
    sirets: 900,
    accidents: 480,
    with4Days: 400,
    deaths: 1,
    itDays: 40_000,
  },
  {
    ctn: "B",
    naf5: "4399C",
    employees: 8_000,
    hours: 11_500_000,
    sirets: 700,
    accidents: 350,
    with4Days: 300,
    itDays: 30_000,
  },
  {
    ctn: "B",
    naf5: "4321A",
    employees: 9_500,
    hours: 14_000_000,
    sirets: 650,
    accidents: 300,
    with4Days: 260,
    itDays: 25_000,
  },
];
const OTHER: AtLine = {
  ctn: "H",
  naf5: "6201Z",
  employees: 20_000,
  hours: 30_000_000,
  sirets: 1_200,
  accidents: 40,
  itDays: 2_000,
};

function importAt(
  file: string,
  org: ImportOrg = PDL,
  extra: Partial<Parameters<typeof runImport>[1]> = {},
): Promise<ImportReport> {
  return runImport(t.database.db, {
    dataset: datasetNamed("carsat-at")!,
    path: file,
    fileName: "at-2023.csv",
    org,
    subject: "test-steward",
    year: 2023,
    dryRun: false,
    ...extra,
  });
}

let goodXlsx: Promise<string> | null = null;
/** One file, built once: the same bytes each time it is imported. */
const goodFile = () => (goodXlsx ??= atXlsx([...CONSTRUCTION, OTHER]));

async function construction2023() {
  const res = await t.gql<Dashboard>(DASHBOARD);
  expect(res.errors).toBeUndefined();
  return res.data!.sector.sinistralite.find((r) => r.year === 2023)!;
}

async function snapshot() {
  const db = t.database.db;
  return {
    marker: await readMarker(db),
    at: await db.collection("carsat_at_facts").countDocuments(),
    versions: await db.collection("dataset_versions").countDocuments(),
  };
}

describe("importing a caisse's yearly AT file", () => {
  it("refuses a bad file whole, with every bad row named, and changes nothing", async () => {
    const before = await snapshot();
    const file = atCsv([...CONSTRUCTION, { ...OTHER, naf5: "9999Z" }, { ...OTHER, naf5: "41.2" }], {
      extra: ["B;4120A;libellé;12;12;1;x12;0;0;0;0;0;0"],
    });
    const report = await importAt(file);
    expect(report.status).toBe("REFUSED");
    if (report.status !== "REFUSED") return;
    const lines = report.issues.map((i) => i.line);
    expect(lines).toEqual(expect.arrayContaining([8, 9, 10]));
    expect(report.issues.find((i) => i.line === 10)).toMatchObject({ value: "x12" });
    expect(report.issues.every((i) => i.reason.length > 0)).toBe(true);
    expect(await snapshot()).toEqual({ ...before, versions: before.versions + 1 }); // the failed attempt's provenance only
  });

  it("refuses an empty file, a truncated one and one without the required columns", async () => {
    const before = await snapshot();
    const empty = fixturePath("empty.csv");
    writeFileSync(empty, "");
    const xlsx = readFileSync(await atXlsx(CONSTRUCTION));
    const truncated = fixturePath("truncated.xlsx");
    writeFileSync(truncated, xlsx.subarray(0, Math.floor(xlsx.length / 2)));
    const wrongHeader = atCsv(CONSTRUCTION, { header: ["CTN", "NAF", "libellé", "effectif"] });
    for (const file of [empty, truncated, wrongHeader]) {
      const report = await importAt(file);
      expect(report.status, file).toBe("REFUSED");
      if (report.status === "REFUSED") expect(report.issues.length).toBeGreaterThan(0);
    }
    expect((await snapshot()).at).toBe(before.at);
    expect((await snapshot()).marker).toEqual(before.marker);
  });

  it("makes a good xlsx current in one step: the README dashboard shows the file's totals", async () => {
    const seeded = await construction2023();
    const report = await importAt(await goodFile());
    expect(report.status).toBe("IMPORTED");
    if (report.status !== "IMPORTED") return;
    expect(report.rows).toEqual({ read: 4, accepted: 4, refused: 0 });
    expect(report.version).toMatchObject({
      dataset: "carsat-at",
      org: PDL,
      slices: ["2023|carsat-pays-de-la-loire"],
      period: { from: 2023, to: 2023 },
      importedBy: "test-steward",
    });
    expect(report.version.file.sha256).toMatch(/^[0-9a-f]{64}$/);
    const row = await construction2023();
    expect(row.accidents).toBe(480 + 350 + 300);
    expect(row.employees).toBe(12_345 + 8_000 + 9_500);
    expect(row.accidents).not.toBe(seeded.accidents);
    // Each row says which version its figures come from.
    const provenance = await t.gql(
      graphql(
        `query ImportedRowVersions { sector(naf: "F") { sinistralite(territory: { region: "52" }, years: { from: 2022, to: 2023 }) { year dataVersions { id fileName organisation { id } } } } }`,
      ),
    );
    const [y2022, y2023] = provenance.data!.sector!.sinistralite!;
    expect(y2023.dataVersions).toEqual([
      { id: report.version._id, fileName: "at-2023.csv", organisation: { id: PDL.id } },
    ]);
    expect(y2022.dataVersions.map((v) => v.organisation.id)).toEqual(["demo"]);
    // Other years of the same caisse are other slices: untouched.
    const res = await t.gql<Dashboard>(DASHBOARD);
    expect(res.data!.sector.sinistralite.find((r) => r.year === 2022)!.accidents).toBeGreaterThan(0);
  });

  it("imports the same file again as unchanged, and lists the version with its provenance", async () => {
    const file = await goodFile();
    const before = await snapshot();
    const again = await importAt(file);
    expect(again.status).toBe("UNCHANGED");
    expect(await snapshot()).toEqual(before);
    const listed = await t.gql(
      graphql(
        `query CarsatAtVersions { datasets(dataset: "carsat-at") { id organisation { type id } sha256 rowsAccepted periodFrom periodTo state slices importedBy } }`,
      ),
    );
    const current = listed.data!.datasets!.filter(
      (v) => v.organisation.id === PDL.id && v.state === "CURRENT",
    );
    expect(current).toHaveLength(1);
    expect(current[0]).toMatchObject({
      rowsAccepted: 4,
      periodFrom: 2023,
      periodTo: 2023,
      slices: ["2023|carsat-pays-de-la-loire"],
      importedBy: null,
    });
    // The seed's version stays listed: current for the other years, and the previous one of 2023 (kept for rollback).
    expect(listed.data!.datasets!.some((v) => v.organisation.id === "demo")).toBe(true);
  });

  it("shows who imported to the organisation's own steward only", async () => {
    const q = graphql(
      `query MyCarsatAtImports { myImports(dataset: "carsat-at") { id state importedBy rowsRefused } }`,
    );
    const own = await t.gql(q, undefined, await as({ role: "DATA_STEWARD", org: `CARSAT:${PDL.id}` }));
    expect(own.errors).toBeUndefined();
    expect(own.data!.myImports!.map((v) => v.state)).toEqual(expect.arrayContaining(["CURRENT", "FAILED"]));
    expect(own.data!.myImports!.every((v) => v.importedBy === "test-steward")).toBe(true);
    const other = await t.gql(
      q,
      undefined,
      await as({ role: "DATA_STEWARD", org: "CARSAT:carsat-bretagne" }),
    );
    expect(other.data!.myImports).toEqual([]);
    const analyst = await t.gql(q, undefined, await as({ role: "ANALYST_NATIONAL", org: "NATIONAL:dgt" }));
    expect(analyst.data!.myImports).toBeNull();
    expect(analyst.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("rolls back to the previous version", async () => {
    const imported = await construction2023();
    const undone = await rollback(t.database.db, "carsat-at", PDL);
    expect(undone?.dataset).toBe("carsat-at");
    const back = await construction2023();
    expect(back.accidents).not.toBe(imported.accidents);
    expect(await rollback(t.database.db, "carsat-at", PDL)).toBeNull(); // the seed's version is not the caisse's
  });

  it("lets concurrent readers see the old figures or the new ones, never a mix", async () => {
    const before = (await construction2023()).accidents;
    const lines = manyAtLines(600).map((l) => ({ ...l, accidents: 11 + (l.employees % 7) }));
    const expected = lines
      .filter((l) => /^4[1-3]/.test(l.naf5))
      .reduce((s, l) => s + (l.accidents as number), 0);
    let done = false;
    const seen = new Set<number | null | undefined>();
    const reader = (async () => {
      while (!done) seen.add((await construction2023()).accidents);
    })();
    const report = await importAt(atCsv(lines));
    done = true;
    await reader;
    expect(report.status).toBe("IMPORTED");
    seen.add((await construction2023()).accidents);
    expect([...seen].sort()).toEqual([before, expected].sort());
  });
});
