import { badInput } from "../../../errors.js";
import { followUpText } from "../follow-up/text.js";
import { annex4Problem, annex4Volet, inForceDuring } from "../rules.js";
import type { Cpom, CpomAction } from "../types.js";
import type { ReportRow } from "./types.js";
import { ANNEX4_COUNTS as COUNTS } from "../types-cpom.js";

/**
 * The consistency checks of an annex-4 report: each refusal names the field
 * at fault (`input.rows[1].formesSuivisCog`), and nothing is written.
 */

/** Far above any SPSTI's member count (the largest follow about 40,000 establishments). */
const MAX_COUNT = 1_000_000;
const MAX_COMMENT = 2_000;

const DONT: Partial<Record<(typeof COUNTS)[number], "formes" | "accompagnes" | "cibles">> = {
  formesSuivisCog: "formes",
  accompagnesSuivisCog: "accompagnes",
  ciblesSuivisCog: "cibles",
};

export interface RowInput {
  theme: string;
  formes: number;
  formesSuivisCog: number;
  accompagnes: number;
  accompagnesSuivisCog: number;
  cibles: number;
  ciblesSuivisCog: number;
  commentaire?: string | null;
}

/** The themes a CPOM reports in annexe 4: those of its volet-2 and volet-3 actions. */
export function cpomThemes(actions: readonly CpomAction[]): string[] {
  return [...new Set(actions.filter((a) => a.volet >= 2 && a.theme).map((a) => a.theme!))].sort();
}

/** Refuses a year the CPOM was not in force, or a year not over yet when submitting. */
export function checkYear(cpom: Cpom, year: number, now: Date, submitting: boolean): void {
  if (!inForceDuring(cpom.startsOn, cpom.endsOn, year))
    throw badInput(
      `input.year: ${year} is outside the CPOM ${cpom.id} (in force ${cpom.startsOn} to ${cpom.endsOn})`,
      "input.year",
    );
  if (submitting && year >= now.getUTCFullYear())
    throw badInput(
      `input.year: the ${year} report can be submitted from 1 January ${year + 1}, once the year is over`,
      "input.year",
    );
}

/** The rows as stored, or a BAD_USER_INPUT naming the first field at fault. */
export function checkRows(rows: readonly RowInput[], themes: readonly string[]): ReportRow[] {
  const seen = new Set<string>();
  return rows.map((row, i) => {
    const at = `input.rows[${i}]`;
    if (!themes.includes(row.theme))
      throw badInput(
        `${at}.theme: ${row.theme} is not a theme of this CPOM (its themes: ${themes.join(", ") || "none"})`,
        `${at}.theme`,
      );
    if (seen.has(row.theme)) throw badInput(`${at}.theme: ${row.theme} is given twice`, `${at}.theme`);
    seen.add(row.theme);
    for (const field of COUNTS) {
      const v = row[field];
      if (!Number.isInteger(v) || v < 0 || v > MAX_COUNT)
        throw badInput(`${at}.${field}: a count of establishments, 0 to ${MAX_COUNT}`, `${at}.${field}`);
      const total = DONT[field];
      if (total && v > row[total])
        throw badInput(
          `${at}.${field}: "dont suivis par la Caisse régionale" (${v}) exceeds ${total} (${row[total]})`,
          `${at}.${field}`,
        );
    }
    const commentaire = row.commentaire?.trim()
      ? followUpText(row.commentaire, `${at}.commentaire`, MAX_COMMENT)
      : null;
    const stored: ReportRow = {
      theme: row.theme,
      volet: annex4Volet(row.theme),
      formes: row.formes,
      formesSuivisCog: row.formesSuivisCog,
      accompagnes: row.accompagnes,
      accompagnesSuivisCog: row.accompagnesSuivisCog,
      cibles: row.cibles,
      ciblesSuivisCog: row.ciblesSuivisCog,
      commentaire,
    };
    if (annex4Problem(stored)) throw new Error(`annex-4 row ${at} passed the checks yet is inconsistent`);
    return stored;
  });
}

/** A report is submitted whole: one row per theme of the CPOM. */
export function checkComplete(rows: readonly ReportRow[], themes: readonly string[]): void {
  const missing = themes.filter((t) => !rows.some((r) => r.theme === t));
  if (missing.length)
    throw badInput(`input: the report lacks a row for ${missing.join(", ")}; save it first`, "input");
}
