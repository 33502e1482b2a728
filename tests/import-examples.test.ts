import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./helpers.js";
import { fixturePath } from "./import-fixtures.js";
import { DATASETS, datasetNamed } from "../src/imports/catalogue.js";
import type { ImportOrg } from "../src/imports/dataset.js";
import { runImport } from "../src/imports/pipeline.js";

/**
 * Every dataset's documented example (docs/datasets/<name>.md, its first
 * csv block) goes through the real pipeline on a seeded database, as the
 * organisation the page names: the documentation cannot promise a layout
 * the importer refuses. A duplicated line is then refused, naming both lines.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(import.meta.url);
});
afterAll(() => t.close());

const docs = new URL("../docs/datasets/", import.meta.url);

/** The organisation that publishes each dataset in the examples. */
function orgFor(name: string): ImportOrg {
  if (name.startsWith("carsat-")) return { type: "CARSAT", id: "carsat-pays-de-la-loire" };
  if (name.startsWith("dreets-"))
    return name.endsWith("-regional") ? { type: "DREETS", id: "dreets-52" } : { type: "NATIONAL", id: "dgt" };
  return { type: "SPSTI", id: "sstrn" };
}

function example(name: string): string {
  const page = readFileSync(new URL(`${name}.md`, docs), "utf8");
  const block = /```csv\n([\s\S]*?)```/.exec(page);
  if (!block) throw new Error(`docs/datasets/${name}.md has no csv example`);
  return block[1];
}

describe("the documented examples", () => {
  it("document every dataset", () => {
    const pages = readdirSync(docs).map((f) => f.replace(/\.md$/, ""));
    expect(pages.sort()).toEqual(DATASETS.map((d) => d.name).sort());
  });

  for (const dataset of DATASETS) {
    it(`imports the example of ${dataset.name}`, async () => {
      const file = fixturePath(`${dataset.name}.csv`);
      writeFileSync(file, example(dataset.name));
      const report = await runImport(t.database.db, {
        dataset,
        path: file,
        fileName: `${dataset.name}.csv`,
        org: orgFor(dataset.name),
        subject: "docs",
        year: dataset.source === "carsat" ? 2023 : null,
        dryRun: false,
      });
      expect(report.status, JSON.stringify(report)).toBe("IMPORTED");
      expect(report.rows.refused).toBe(0);
      expect(report.rows.accepted).toBeGreaterThan(0);
    });
  }

  it("refuses a file whose last line repeats another, naming both", async () => {
    const dataset = datasetNamed("spsti-establishments")!;
    const lines = example(dataset.name).trimEnd().split("\n");
    const file = fixturePath("duplicate.csv");
    writeFileSync(file, [...lines, lines[1]].join("\n"));
    const report = await runImport(t.database.db, {
      dataset,
      path: file,
      fileName: "duplicate.csv",
      org: orgFor(dataset.name),
      subject: "docs",
      year: null,
      dryRun: false,
    });
    expect(report.status).toBe("REFUSED");
    if (report.status === "REFUSED")
      expect(report.issues).toEqual([
        expect.objectContaining({
          line: lines.length + 1,
          reason: "duplicate of line 2: the same cell twice",
        }),
      ]);
  });
});
