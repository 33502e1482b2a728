import { newReport } from "../src/sources/spsti/campaign/report.js";
import {
  REPORTS,
  type Reviewer,
  type ReportChange,
  type ReportDoc,
  type ReportRow,
} from "../src/sources/spsti/campaign/types.js";
import { annex4DueBy, annex4Problem, annex4Volet } from "../src/sources/spsti/rules.js";
import { SSTRN_ID } from "./context.js";
import type { Prng } from "./prng.js";
import type { SeedSpsti } from "./spsti-services.js";
import type { Cpom, CpomAction } from "../src/sources/spsti/types.js";

/** The CPOM and action documents of seeds/spsti-cpom.ts, as far as the reports need them. */
type CpomDoc = { _id: string } & Omit<Cpom, "id">;
type ActionDoc = Pick<CpomAction, "volet" | "theme" | "title">;

export { REPORTS };

/**
 * The seed's "today" for the DGT survey: annexe-4 reports exist for every
 * year whose 30 June deadline has passed (so up to 2025). A constant, not the
 * clock, so that the data never changes between runs. The annexe-4 table is
 * filled from 2022 on, when the DGT survey replaced the activity reports.
 */
const SURVEY_AS_OF = "2026-11-01";
const FIRST_SURVEY_YEAR = 2022;
/** The campaign still under way in the seed: its reports are in every state. */
const OPEN_YEAR = 2025;

/** Share of `year` during which the CPOM is in force. */
function shareOfYear(cpom: CpomDoc, year: number): number {
  const from = cpom.startsOn > `${year}-01-01` ? cpom.startsOn : `${year}-01-01`;
  const to = cpom.endsOn < `${year}-12-31` ? cpom.endsOn : `${year}-12-31`;
  return Math.max(0, (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1) / 365;
}

const day = (iso: string, plus: number) => new Date(Date.parse(iso) + plus * 86_400_000);

/**
 * The annexe-4 reports of a CPOM, one per year: validated by both reviewers
 * for the closed campaigns; for 2025, every state of the campaign (validated,
 * submitted, returned, draft, not started). SSTRN's new CPOM has no 2025
 * report yet: the README and the campaign test play it.
 */
export function reportsOf(rng: Prng, s: SeedSpsti, cpom: CpomDoc, actions: ActionDoc[]): ReportDoc[] {
  const size = s.doc.salaries / 300_000;
  const themes = actions.filter((a) => a.volet >= 2 && a.theme).map((a) => a.theme!);
  if (themes.length === 0) return [];
  const reports: ReportDoc[] = [];
  const startYear = Number(cpom.startsOn.slice(0, 4));
  const endYear = Number(cpom.endsOn.slice(0, 4));
  for (let year = Math.max(startYear, FIRST_SURVEY_YEAR); year <= endYear; year++) {
    if (annex4DueBy(year) > SURVEY_AS_OF) break;
    const k = size * shareOfYear(cpom, year);
    const rows = themes.map((theme) => rowOf(rng, k, theme, year, actions));
    const outcome = year < OPEN_YEAR ? "VALIDATED" : openOutcome(rng, s, cpom);
    if (outcome === "NOT_STARTED") continue;
    reports.push(reportOf(rng, cpom, year, rows, outcome));
  }
  return reports;
}

type Outcome = "VALIDATED" | "SUBMITTED" | "RETURNED" | "DRAFT" | "NOT_STARTED";

function openOutcome(rng: Prng, s: SeedSpsti, cpom: CpomDoc): Outcome {
  if (s.doc._id === SSTRN_ID && cpom.generation === 3) return "NOT_STARTED";
  if (s.doc._id === SSTRN_ID || s.doc._id === "stam") return "VALIDATED";
  if (s.doc._id === "stvo") return "RETURNED";
  const r = rng.next();
  return r < 0.6
    ? "VALIDATED"
    : r < 0.75
      ? "SUBMITTED"
      : r < 0.85
        ? "RETURNED"
        : r < 0.95
          ? "DRAFT"
          : "NOT_STARTED";
}

function rowOf(rng: Prng, k: number, theme: string, year: number, actions: ActionDoc[]): ReportRow {
  const count = (lo: number, hi: number) => Math.round(rng.int(lo, hi) * k);
  const cog = (n: number) => Math.round(n * (0.1 + 0.3 * rng.next()));
  const formes = count(0, 40);
  const accompagnes = count(5, 80);
  const cibles = count(80, 900);
  const title = actions.find((a) => a.theme === theme)?.title ?? theme;
  const row: ReportRow = {
    theme,
    volet: annex4Volet(theme),
    formes,
    formesSuivisCog: cog(formes),
    accompagnes,
    accompagnesSuivisCog: cog(accompagnes),
    cibles,
    ciblesSuivisCog: cog(cibles),
    commentaire:
      rng.next() < 0.3
        ? null
        : `${title} : ${accompagnes} établissements accompagnés en ${year}, actions conjointes avec la Caisse régionale.`,
  };
  const problem = annex4Problem(row);
  if (problem) throw new Error(`seed annexe 4 ${theme} ${year}: ${problem}`);
  return row;
}

const AUTHORS = {
  SPSTI: (id: string) => ({ organisation: { type: "SPSTI" as const, id }, roles: ["SPSTI_DIRECTION"] }),
  DREETS: (id: string) => ({
    organisation: { type: "DREETS" as const, id },
    roles: ["DREETS_INGENIEUR_PREVENTION"],
  }),
  CARSAT: (id: string) => ({
    organisation: { type: "CARSAT" as const, id },
    roles: ["CARSAT_INGENIEUR_CONSEIL"],
  }),
};

function reportOf(
  rng: Prng,
  cpom: CpomDoc,
  year: number,
  rows: ReportRow[],
  outcome: Exclude<Outcome, "NOT_STARTED">,
): ReportDoc {
  // Most answers arrive in May-June; about one in twelve after the deadline.
  const submitted = `${year + 1}-${rng.next() < 0.08 ? "07" : rng.pick(["05", "06"])}-${String(rng.int(1, 28)).padStart(2, "0")}T09:30:00.000Z`;
  const created = day(submitted, -rng.int(10, 40));
  const spsti = AUTHORS.SPSTI(cpom.spstiId);
  const ids: Record<Reviewer, string> = { DREETS: cpom.dreetsId, CARSAT: cpom.caisseSlug };
  const report = newReport({ ...cpom, id: cpom._id }, year, rows, {
    at: created,
    action: "SAVED",
    author: spsti,
    comment: null,
    version: 1,
  });
  const { history } = report;
  const step = (
    at: Date,
    action: ReportChange["action"],
    author: ReportChange["author"],
    comment: string | null = null,
  ) => {
    report.version++;
    report.updatedAt = at;
    history.push({ at, action, author, comment, version: report.version });
  };
  if (outcome === "DRAFT") return report;
  const at = new Date(submitted);
  step(at, "SUBMITTED", spsti);
  Object.assign(report, { state: "SUBMITTED", submittedAt: at, firstSubmittedAt: at });
  const order: Reviewer[] = rng.next() < 0.5 ? ["DREETS", "CARSAT"] : ["CARSAT", "DREETS"];
  let when = at;
  for (const [i, reviewer] of order.entries()) {
    if (outcome === "SUBMITTED" && i === 1) break;
    when = day(when.toISOString(), rng.int(3, 25));
    if (outcome === "RETURNED" && i === 1) {
      const comment =
        "Les effectifs « dont suivis par la Caisse régionale » sont à rapprocher de la liste COG transmise par la Carsat.";
      step(when, "RETURNED", AUTHORS[reviewer](ids[reviewer]), comment);
      report.reviews[reviewer] = { decision: "RETURNED", comment, at: when, version: report.version - 1 };
      report.state = "RETURNED";
      return report;
    }
    step(when, "VALIDATED", AUTHORS[reviewer](ids[reviewer]));
    report.reviews[reviewer] = {
      decision: "VALIDATED",
      comment: null,
      at: when,
      version: report.version - 1,
    };
  }
  if (outcome === "VALIDATED") Object.assign(report, { state: "VALIDATED", validatedAt: when });
  return report;
}
