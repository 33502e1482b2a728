import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Db } from "mongodb";
import { ctns, naf } from "../src/domain/reference.js";
import { datasetNamed } from "../src/imports/catalogue.js";
import { runImport } from "../src/imports/pipeline.js";
import { cleanupImports, pruneVersions, rollback } from "../src/imports/versions.js";
import { readMarker } from "../src/db/data-versions.js";
import { loadConfig } from "../src/config.js";
import { disclosureConfig } from "../src/privacy/disclosure-config.js";

/**
 * Import throughput: a national AT file as the Assurance Maladie publishes
 * it (xlsx, a title block, the ameli headers), every CTN × NAF5 cell for as
 * many years as it takes to reach the asked row count, imported by the
 * national steward through the real pipeline, then rolled back (the bench
 * leaves the data as it found it).
 */
export interface ImportBench {
  dataset: string;
  format: "xlsx";
  rows: number;
  bytes: number;
  /** Writing the file (not part of the import). */
  buildSeconds: number;
  /** The whole import: hash, parse, validate, screen, write, commit, and the protected grid of the new version. */
  seconds: number;
  /** Of which the protected publication grid of the new version (docs/privacy.md); null when none was computed. */
  protectionSeconds: number | null;
  rowsPerSecond: number;
  /** Undoing it: the heads switch back, its documents are deleted. */
  rollbackSeconds: number;
  /** Peak RSS of the runner process during the import, MB. */
  peakRssMb: number;
  status: string;
}

const HEADER = [
  "Année",
  "Code CTN",
  "Code NAF",
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
];

async function writeNationalFile(file: string, rows: number): Promise<void> {
  const subclasses = naf.filter((e) => e.level === "SUBCLASS").map((e) => e.code);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const ws = wb.addWorksheet("AT");
  ws.addRow(["Risque accidents du travail par CTN et NAF (données fictives pour le banc d'essai)"]).commit();
  ws.addRow([]).commit();
  ws.addRow(HEADER).commit();
  let n = 0;
  for (let year = 2000; n < rows; year++) {
    for (const ctn of ctns) {
      for (const naf5 of subclasses) {
        if (n++ >= rows) break;
        const employees = 100 + ((n * 7919) % 50_000);
        const accidents = Math.round(employees * 0.026);
        ws.addRow([
          year,
          ctn.code,
          naf5,
          employees,
          employees * 1450,
          1 + Math.round(employees / 20),
          accidents,
          Math.round(accidents * 0.87),
          Math.round(accidents * 0.04),
          Math.round(accidents * 0.02),
          0,
          accidents * 60,
          Math.round(accidents * 0.7),
        ]).commit();
      }
    }
  }
  await wb.commit();
}

export async function importThroughput(db: Db, rows: number): Promise<ImportBench> {
  // What an interrupted earlier run may have left, so that it is not counted in this one.
  await cleanupImports(db);
  await pruneVersions(db, (await readMarker(db))?.heads ?? []);
  const dir = mkdtempSync(path.join(tmpdir(), "passerelle-bench-import-"));
  const file = path.join(dir, "at-national.xlsx");
  try {
    let t0 = performance.now();
    await writeNationalFile(file, rows);
    const buildSeconds = (performance.now() - t0) / 1000;
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    const config = loadConfig({});
    t0 = performance.now();
    const report = await runImport(db, {
      // No grid: protecting a national AT version takes about 28 minutes on this machine (the seed's,
      // measured when the bench database is built), which would hide the import's own figures.
      disclosure: disclosureConfig(config.smallCountThreshold, null),
      dataset: datasetNamed("carsat-at")!,
      path: file,
      fileName: "at-national-bench.xlsx",
      org: { type: "NATIONAL", id: "bench" },
      subject: "bench",
      year: null,
      dryRun: false,
    }).finally(() => clearInterval(sampler));
    const seconds = (performance.now() - t0) / 1000;
    t0 = performance.now();
    if (report.status === "IMPORTED") await rollback(db, "carsat-at", { type: "NATIONAL", id: "bench" });
    const rollbackSeconds = (performance.now() - t0) / 1000;
    const { size } = await import("node:fs/promises").then((fs) => fs.stat(file));
    return {
      dataset: "carsat-at",
      format: "xlsx",
      rows: report.rows.read,
      bytes: size,
      buildSeconds,
      seconds,
      protectionSeconds: report.status === "IMPORTED" ? (report.protectionSeconds ?? null) : null,
      rowsPerSecond: report.rows.read / seconds,
      rollbackSeconds,
      peakRssMb: peak / 2 ** 20,
      status: report.status === "REFUSED" ? `REFUSED: ${report.issues[0]?.reason}` : report.status,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
