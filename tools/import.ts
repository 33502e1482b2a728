/**
 * `npm run import -- <dataset> <file> --org TYPE:id [--year 2023] [--dry-run]`
 * `npm run import -- --rollback <dataset> [--org TYPE:id]`
 * `npm run import -- --list`
 *
 * The operators' way in, over the same pipeline as `POST /imports/<dataset>`
 * (src/imports/pipeline.ts). Prints a progress line on long files and a
 * summary; a refused file lists every refused row and exits with code 1
 * (2 for a usage mistake). Nothing changes unless the whole file is good.
 */
import { userInfo } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.js";
import { disclosureConfig, gridsFor } from "../src/privacy/disclosure-config.js";
import { openDatabase } from "../src/db/open.js";
import { ORG_TYPES, type OrgType } from "../src/auth/roles.js";
import { DATASETS, datasetNamed } from "../src/imports/catalogue.js";
import type { ImportOrg } from "../src/imports/dataset.js";
import { formatIssue } from "../src/imports/issues.js";
import { runImport, type ImportReport } from "../src/imports/pipeline.js";
import { rollback } from "../src/imports/versions.js";

const USAGE = `Usage:
  npm run import -- <dataset> <file> --org TYPE:id [--year YYYY] [--dry-run]
  npm run import -- --rollback <dataset> [--org TYPE:id]
  npm run import -- --list
Datasets: ${DATASETS.map((d) => d.name).join(", ")} (docs/importing.md)`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function parseOrg(raw: string | undefined): ImportOrg | null {
  if (raw === undefined) return null;
  const [type, id] = raw.split(":");
  if (!ORG_TYPES.includes(type as OrgType) || !id)
    fail(`--org must be TYPE:id with TYPE one of ${ORG_TYPES.join(", ")}`);
  return { type: type as OrgType, id };
}

/** The parsed command line; a bad option exits with the usage. */
function commandLine() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        org: { type: "string" },
        year: { type: "string" },
        "dry-run": { type: "boolean", default: false },
        rollback: { type: "string" },
        list: { type: "boolean", default: false },
      },
    });
  } catch (err) {
    fail((err as Error).message);
  }
}
const { values, positionals } = commandLine();
const org = parseOrg(values.org);
const year = values.year === undefined ? null : Number(values.year);
if (year !== null && !(Number.isInteger(year) && year >= 2000 && year <= 2100))
  fail(`--year must be a year, got "${values.year}"`);

if (values.list) {
  for (const d of DATASETS) console.log(`${d.name.padEnd(24)} ${d.orgTypes.join("/").padEnd(18)} ${d.title}`);
  process.exit(0);
}
const datasetName = values.rollback ?? positionals[0];
const dataset = datasetName ? datasetNamed(datasetName) : undefined;
if (!dataset) fail(datasetName ? `unknown dataset "${datasetName}"` : "name a dataset");
if (!values.rollback && (positionals.length !== 2 || !org)) fail("give a dataset, a file and --org");

const config = loadConfig();
const opened = await openDatabase(config, () => undefined);
let status = 0;
try {
  if (values.rollback) {
    const undone = await rollback(opened.database.db, dataset.name, org);
    if (!undone) {
      console.error(
        `No current version of "${dataset.name}"${org ? ` for ${org.type}:${org.id}` : ""} to roll back.`,
      );
      status = 1;
    } else
      console.log(
        `Rolled back ${undone._id} (${undone.file.name}, ${undone.rows.accepted} rows): each of its slices is back to its previous version.`,
      );
  } else {
    const file = positionals[1];
    const report = await runImport(opened.database.db, {
      dataset,
      path: file,
      fileName: path.basename(file),
      org: org!,
      subject: `operator:${userInfo().username}`,
      year,
      dryRun: values["dry-run"],
      disclosure: disclosureConfig(config.smallCountThreshold, gridsFor(config, opened.database.db)),
      onProgress: (n) => process.stderr.write(`\r  ${n.toLocaleString("en")} rows read…`),
    });
    process.stderr.write("\r");
    status = printReport(report);
  }
} finally {
  await opened.close();
}
process.exit(status);

function printReport(r: ImportReport): number {
  const rows = `${r.rows.read} rows read, ${r.rows.accepted} accepted, ${r.rows.refused} refused, ${r.seconds.toFixed(1)} s`;
  if (r.status === "REFUSED") {
    console.error(`Refused: nothing was changed. ${rows}.`);
    for (const issue of r.issues) console.error(`  ${formatIssue(issue)}`);
    if (r.issueCount > r.issues.length)
      console.error(`  … and ${r.issueCount - r.issues.length} more problems`);
    return 1;
  }
  for (const w of r.warnings) console.log(`Note: ${w}`);
  if (r.status === "VALID") console.log(`Valid (dry run, nothing written): ${rows}.`);
  else if (r.status === "UNCHANGED")
    console.log(
      `Unchanged: this file (SHA-256 ${r.version.file.sha256.slice(0, 12)}…) is already current as ${r.version._id}.`,
    );
  else {
    const period = r.version.period ? `, ${r.version.period.from}-${r.version.period.to}` : "";
    console.log(
      `Imported as ${r.version._id}: ${rows}; ${r.version.slices.length} slices${period}. The previous version is kept (--rollback ${r.version.dataset}).`,
    );
  }
  return 0;
}
