import type { Annex4Counts } from "./types-cpom.js";
import type { CpomAction, CpomVolet } from "./types.js";

export type { Annex4Counts };

/**
 * Pure rules of the SPSTI source, chiefly those of the CPOM (D.4622-44 to D.4622-47 code du travail; instruction
 * DGT/CNAM 2024/132). Used by the seed to refuse impossible data and by the
 * tests; no I/O here.
 */

/** A CPOM is concluded for at most five years (D.4622-47). */
export const CPOM_MAX_YEARS = 5;

function parseDate(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCMonth() === +m[2] - 1 ? d : null;
}

/**
 * Why a CPOM's dates are impossible, or null when they are fine. `endsOn` is
 * the last day in force (inclusive): a five-year CPOM starting 2020-09-29 ends
 * on 2025-09-28 at the latest.
 */
export function cpomDatesProblem(startsOn: string, endsOn: string): string | null {
  const start = parseDate(startsOn);
  const end = parseDate(endsOn);
  if (!start || !end) return "dates must be YYYY-MM-DD";
  if (end <= start) return "the CPOM must end after it starts";
  const limit = new Date(start);
  limit.setUTCFullYear(limit.getUTCFullYear() + CPOM_MAX_YEARS);
  if (end >= limit) return `a CPOM lasts at most ${CPOM_MAX_YEARS} years (D.4622-47)`;
  return null;
}

/**
 * Why an annexe-4 column is inconsistent, or null. Each "dont" is a subset of
 * its total: establishments also followed by the caisse under the COG AT/MP.
 */
export function annex4Problem(row: Annex4Counts): string | null {
  const pairs: [string, number, number][] = [
    ["formes", row.formes, row.formesSuivisCog],
    ["accompagnes", row.accompagnes, row.accompagnesSuivisCog],
    ["cibles", row.cibles, row.ciblesSuivisCog],
  ];
  for (const [name, total, dont] of pairs) {
    if (!Number.isInteger(total) || !Number.isInteger(dont) || total < 0 || dont < 0)
      return `${name}: counts are non-negative integers`;
    if (dont > total) return `${name}: "dont suivis COG" (${dont}) exceeds the total (${total})`;
  }
  return null;
}

/**
 * The priority risks of volet 2, the six columns of annexe 4 (instruction
 * 2024/132, annexe 1 § V and annexe 4). Any other risk a CPOM takes on is its
 * volet 3 ("risque non couvert par les risques du volet 2"), reported in
 * annexe 4's "Volet 3 (éventuel)" column.
 */
export const VOLET2_THEMES: readonly string[] = ["RPS", "TMS", "CHIMIQUE", "CHUTES", "ROUTIER", "CANICULE"];

/** The annexe-4 column of a theme: 2 for the six priority risks, 3 for any other. */
export function annex4Volet(theme: string): 2 | 3 {
  return VOLET2_THEMES.includes(theme) ? 2 : 3;
}

/** The annual DGT survey answer is due on 30 June of the following year (instruction 2024/132, annexe 4). */
export function annex4DueBy(year: number): string {
  return `${year + 1}-06-30`;
}

const LAST_DAY: Record<string, string> = {
  T1: "03-31",
  T2: "06-30",
  T3: "09-30",
  T4: "12-31",
  S1: "06-30",
  S2: "12-31",
  Y: "12-31",
};

/**
 * The last day a CPOM deadline allows, from its French wording: "Dernier
 * trimestre 2025", "1er trimestre 2026", "T1 2027", "2nd semestre 2026",
 * "Fin 2026", "2027-2028" (the last year counts). When several deadlines are
 * listed ("Fin 2026 ; 2nd semestre 2027"), the latest wins. Null if unreadable.
 */
export function deadlineDueBy(deadline: string): string | null {
  let best: string | null = null;
  for (const part of deadline.split(/[;,]| et /)) {
    const due = oneDeadline(part.trim().toLowerCase());
    if (due && (!best || due > best)) best = due;
  }
  return best;
}

function oneDeadline(text: string): string | null {
  const years = [...text.matchAll(/\b(20\d{2})\b/g)].map((m) => Number(m[1]));
  if (!years.length) return null;
  const year = Math.max(...years);
  let period = "Y";
  if (/dernier trimestre|4e trimestre|\bt4\b/.test(text)) period = "T4";
  else if (/1er trimestre|premier trimestre|\bt1\b/.test(text)) period = "T1";
  else if (/2e trimestre|2nd trimestre|\bt2\b/.test(text)) period = "T2";
  else if (/3e trimestre|\bt3\b/.test(text)) period = "T3";
  else if (/1er semestre|premier semestre|\bs1\b/.test(text)) period = "S1";
  else if (/(2nd|2e|second) semestre|\bs2\b/.test(text)) period = "S2";
  return `${year}-${LAST_DAY[period]}`;
}

/** Whether a CPOM is in force at some point of `year`. */
export function inForceDuring(startsOn: string, endsOn: string, year: number): boolean {
  return Number(startsOn.slice(0, 4)) <= year && Number(endsOn.slice(0, 4)) >= year;
}

/** The three volets of a CPOM programme (instruction 2024/132, annexe 1): 1 and 2 are mandatory. */
export const VOLETS = [
  { number: 1, title: "Prévention de la désinsertion professionnelle (PDP)", mandatory: true },
  { number: 2, title: "Prévention des risques professionnels prioritaires", mandatory: true },
  { number: 3, title: "Risque non couvert par les risques du volet 2 (facultatif)", mandatory: false },
] as const;

/** A CPOM's actions grouped by volet: volets 1 and 2 always, volet 3 only when it has actions. */
export function voletsOf(actions: readonly CpomAction[]): CpomVolet[] {
  return VOLETS.map((v) => ({ ...v, actions: actions.filter((a) => a.volet === v.number) })).filter(
    (v) => v.mandatory || v.actions.length > 0,
  );
}

export type HeadcountBand = "H0_9" | "H10_49" | "H50_249" | "H250_PLUS";

/** Headcount band; under 10 salariés is the TPE threshold the DGT survey reports (77.6 % of establishments). */
export function headcountBand(headcount: number): HeadcountBand {
  if (headcount < 10) return "H0_9";
  if (headcount < 50) return "H10_49";
  if (headcount < 250) return "H50_249";
  return "H250_PLUS";
}
