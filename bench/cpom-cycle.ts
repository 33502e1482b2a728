import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { createApp } from "../src/app.js";
import { signDevToken } from "../src/auth/tokens.js";
import { loadConfig } from "../src/config.js";
import type { Database } from "../src/db/mongo.js";
import { exportAnnex4 } from "../src/exports/annex4-export.js";
import { REPORTS } from "../src/sources/spsti/campaign/types.js";

/**
 * The yearly CPOM cycle's reads on the bench database, in-process: the
 * published annex 4 of a year for the nation (an analyst), a DREETS's campaign
 * view, and the annex-4 exports (the nation as XLSX, a region as CSV). The
 * published rows come from the request-written reports, read from the
 * driver on every request (no read cache): these figures say what that costs.
 * The export's ratio to the plain query, measured in the same run, is the
 * price of the grid and the file.
 */
export interface CpomCycleBench {
  year: number;
  validatedReports: number;
  runs: number;
  figures: { name: string; medianMs: number; maxMs: number; commands: number; bytes?: number }[];
  /** Median of the national XLSX export over the median of the same rows as a query. */
  exportOverQuery: number;
}

const YEAR = 2024;
const PUBLISHED = `query BenchAnnex4($year: Year!) { annex4(year: $year) {
  theme volet suppressed formes formesSuivisCog accompagnes accompagnesSuivisCog cibles ciblesSuivisCog commentaire
  cpomSignedOn cpomEndsOn cpom { id } spsti { id name region { code name } } } }`;
const CAMPAIGN = `query BenchCampaign($year: Year!) { annex4Campaign(year: $year) {
  state late daysLate submittedAt spsti { id name } cpom { id } report { version } } }`;

export async function cpomCycleTimes(database: Database, runs: number): Promise<CpomCycleBench> {
  const secret = randomBytes(32).toString("base64url");
  const app = await createApp(database.db, loadConfig({ ...process.env, AUTH_DEV_SECRET: secret }));
  const bearer = async (
    roles: ["ANALYST_NATIONAL"] | ["DREETS_INGENIEUR_PREVENTION"],
    type: "NATIONAL" | "DREETS",
    id: string,
  ) => `Bearer ${await signDevToken({ sub: "bench@passerelle", org: { type, id }, roles }, { secret })}`;
  const analyst = await bearer(["ANALYST_NATIONAL"], "NATIONAL", "dgt");
  const dreets = await bearer(["DREETS_INGENIEUR_PREVENTION"], "DREETS", "dreets-52");
  try {
    const query = (auth: string, text: string) => async () => {
      const res = await app.apollo.executeOperation(
        { query: text, variables: { year: YEAR } },
        { contextValue: await app.context(auth) },
      );
      if (res.body.kind !== "single" || res.body.singleResult.errors)
        throw new Error(`bench query failed: ${JSON.stringify(res.body)}`);
      return 0;
    };
    const file = (auth: string, format: "xlsx" | "csv", region: string | null) => async () =>
      (await exportAnnex4(app, auth, { year: YEAR, format, region, spsti: null })).body.length;
    const figures = [
      await timed(database, "annex4(year) for the nation, as an analyst", runs, query(analyst, PUBLISHED)),
      await timed(
        database,
        "annex4Campaign(year), as the DREETS of region 52",
        runs,
        query(dreets, CAMPAIGN),
      ),
      await timed(
        database,
        "GET /exports/annex4.xlsx, the nation, as an analyst",
        runs,
        file(analyst, "xlsx", null),
      ),
      await timed(
        database,
        "GET /exports/annex4.csv?region=52, as its DREETS",
        runs,
        file(dreets, "csv", "52"),
      ),
    ];
    return {
      year: YEAR,
      validatedReports: await database.db
        .collection(REPORTS)
        .countDocuments({ year: YEAR, state: "VALIDATED" }),
      runs,
      figures,
      exportOverQuery: Math.round((figures[2].medianMs / figures[0].medianMs) * 100) / 100,
    };
  } finally {
    await app.stop();
  }
}

async function timed(database: Database, name: string, runs: number, fn: () => Promise<number>) {
  const ms: number[] = [];
  let commands = 0;
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const measured = await database.commands.measure(fn);
    ms.push(performance.now() - start);
    commands = measured.commands;
    bytes = measured.result;
  }
  ms.sort((a, b) => a - b);
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    name,
    medianMs: round(ms[runs >> 1]),
    maxMs: round(ms[runs - 1]),
    commands,
    ...(bytes ? { bytes } : {}),
  };
}

export function cpomCycleReport(b: CpomCycleBench): string {
  const lines = b.figures.map(
    (f) =>
      `  ${f.name.padEnd(56)} ${String(f.medianMs).padStart(8)} ms  max ${String(f.maxMs).padStart(8)} ms  ${f.commands} commands${f.bytes ? `  ${f.bytes} bytes` : ""}`,
  );
  return [
    `CPOM cycle, ${b.year} (${b.validatedReports} validated reports), median of ${b.runs} runs:`,
    ...lines,
    `  the national XLSX export costs ${b.exportOverQuery}× the same rows as a query`,
  ].join("\n");
}
