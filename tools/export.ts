/**
 * `PASSERELLE_TOKEN=… npm run export -- annex4 --year 2025 [--region 52 | --spsti sstrn] [--format xlsx|csv] [--out file]`
 *
 * The annex-4 grid of the DGT survey, as `GET /exports/annex4.xlsx` serves it
 * (src/exports/annex4-export.ts), written to a file. It runs as the token's
 * reader, through the same API, so the same rules apply and the export is
 * audited. The token comes from the environment, never the command line
 * (which shells keep in their history and `ps` shows to every user).
 * Exit code 1 for a refused export, 2 for a usage mistake.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { createApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { openDatabase } from "../src/db/open.js";
import { exportAnnex4, ExportRefused, type ExportFormat } from "../src/exports/annex4-export.js";
import { exportParams } from "../src/http/exports.js";

const USAGE = `Usage:
  PASSERELLE_TOKEN=<token> npm run export -- annex4 --year YYYY [--region CODE | --spsti ID] [--format xlsx|csv] [--out FILE]
(a token from \`npm run token\`; README "Taking annex 4 out")`;

function fail(message: string, code = 2): never {
  console.error(code === 2 ? `${message}\n\n${USAGE}` : message);
  process.exit(code);
}

let args: ReturnType<typeof commandLine>;
function commandLine() {
  return parseArgs({
    allowPositionals: true,
    options: {
      year: { type: "string" },
      region: { type: "string" },
      spsti: { type: "string" },
      format: { type: "string", default: "xlsx" },
      out: { type: "string" },
    },
  });
}
try {
  args = commandLine();
} catch (err) {
  fail((err as Error).message);
}
const { values, positionals } = args;
if (positionals[0] !== "annex4" || positionals.length !== 1) fail("What to export: annex4");
if (values.format !== "xlsx" && values.format !== "csv") fail("--format is xlsx or csv");
const token = process.env.PASSERELLE_TOKEN;
if (!token) fail("Set PASSERELLE_TOKEN to the reader's token");

const query = new URLSearchParams();
for (const key of ["year", "region", "spsti"] as const)
  if (values[key] !== undefined) query.set(key, values[key]);
let params: ReturnType<typeof exportParams>;
try {
  params = exportParams(query);
} catch (err) {
  fail(`--${(err as ExportRefused).field}: ${(err as Error).message}`);
}

const config = loadConfig();
const opened = await openDatabase(config, () => undefined);
const app = await createApp(opened.database.db, config);
try {
  const file = await exportAnnex4(app, `Bearer ${token}`, {
    ...params,
    format: values.format as ExportFormat,
  });
  const out = values.out ?? file.filename;
  writeFileSync(out, file.body);
  console.log(`${out}: ${file.body.length} bytes`);
} catch (err) {
  if (!(err instanceof ExportRefused)) throw err;
  process.exitCode = 1;
  console.error(`${err.code}${err.field ? ` (${err.field})` : ""}: ${err.message}`);
} finally {
  await app.stop();
  await opened.close();
}
