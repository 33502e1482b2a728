import type { Viewer } from "../../../auth/roles.js";
import { badInput, forbidden } from "../../../errors.js";
import type { CpomPartyKind } from "../follow-up/party.js";
import type { Cpom } from "../types-cpom.js";
import { followedYears } from "./definition.js";

/**
 * Who may do what in a CPOM's follow-up, and when (CPOM § 4, "Modalités de
 * suivi et d'évaluation"; instruction DGT/CNAM 2024/132, § VI): the SPSTI
 * reports (declared values, yearly bilans, the final bilan); the DREETS and
 * the Carsat review and comment. Each rule throws the error a client acts on.
 */

/** A viewer that is a party to a CPOM, and which one. */
export interface FollowUpAccess {
  cpom: Cpom;
  party: CpomPartyKind;
  viewer: Viewer;
}

/** Months before its end from which a CPOM's final bilan may be written (its evaluation phase). */
export const FINAL_BILAN_MONTHS = 6;

/** The first day a CPOM's final bilan may be written: FINAL_BILAN_MONTHS before its last day. */
export function finalBilanOpensOn(endsOn: string): string {
  const d = new Date(`${endsOn}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - FINAL_BILAN_MONTHS);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}

/** BAD_USER_INPUT (with `extensions.opensOn`) before the final bilan's window opens. */
export function finalBilanWindow(cpom: Cpom, now: Date): void {
  const opensOn = finalBilanOpensOn(cpom.endsOn);
  if (now.toISOString().slice(0, 10) >= opensOn) return;
  const err = badInput(
    `The final bilan of CPOM ${cpom.id} can be written from ${opensOn}, ${FINAL_BILAN_MONTHS} months before the CPOM ends (${cpom.endsOn}); until then, write the yearly bilans of its actions (recordActionBilan).`,
    "input.cpomId",
  );
  err.extensions.opensOn = opensOn;
  throw err;
}

/** Only the SPSTI reports (values, bilans); its DREETS and Carsat review (CPOM § 4; instruction 2024/132 § VI). */
export function reporterOnly(access: FollowUpAccess, what: string): void {
  if (access.party !== "SPSTI")
    throw forbidden(
      `Only the SPSTI that signed CPOM ${access.cpom.id} (${access.cpom.spstiId}) ${what}; the DREETS and the Carsat comment them (commentCpomFollowUp).`,
    );
}

/** A year the CPOM is in force, and not after this one. */
export function followedYear(span: { startYear: number; endYear: number }, year: number, cpom: Cpom): void {
  const years = followedYears(span, new Date());
  if (!years.includes(year))
    throw badInput(
      years.length === 0
        ? `CPOM ${cpom.id} starts in ${span.startYear}: nothing can be recorded for it yet`
        : `input.year must be a year of CPOM ${cpom.id} up to this one (${years[0]} to ${years[years.length - 1]})`,
      "input.year",
    );
}

/** Comments are the reviewers': the SPSTI answers in its values and bilans. */
export function reviewerOnly(access: FollowUpAccess): void {
  if (access.party === "SPSTI")
    throw forbidden(
      `Comments are the reviewers' (the DREETS and the Carsat of CPOM ${access.cpom.id}); the SPSTI answers in its values and bilans.`,
    );
}
