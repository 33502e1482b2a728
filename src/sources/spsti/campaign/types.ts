import type { ChangeAuthor, CpomPartyKind } from "../follow-up/party.js";
import type { Annex4Counts } from "../types-cpom.js";

/**
 * The annex-4 campaign: one report per CPOM and year, filled in by the SPSTI
 * and validated by the DREETS and the Carsat (instruction DGT/CNAM 2024/132,
 * § VI and annexe 4). The whole report is ONE document, so that each step
 * (save, submit, validate, return) is one single-document write.
 */
export const REPORTS = "spsti_annex4_reports";

export type ReportState = "DRAFT" | "SUBMITTED" | "RETURNED" | "VALIDATED";
export type Reviewer = Exclude<CpomPartyKind, "SPSTI">;
export const REVIEWERS: readonly Reviewer[] = ["DREETS", "CARSAT"];
export type ReviewDecision = "VALIDATED" | "RETURNED";

/** One column of the annex-4 table: a theme and its counts. */
export interface ReportRow extends Annex4Counts {
  theme: string;
  /** 2 for the six priority risks, 3 for the CPOM's other risk ("Volet 3 (éventuel)"). */
  volet: number;
  commentaire: string | null;
}

export interface Review {
  decision: ReviewDecision;
  comment: string | null;
  at: Date;
  /** The report version the reviewer decided on. */
  version: number;
}

/** A review with the reviewer it is from, as the API lists it. */
export interface ReviewOf extends Review {
  reviewer: Reviewer;
  organisationId: string;
}

export type ChangeAction = "SAVED" | "SUBMITTED" | "VALIDATED" | "RETURNED";

export interface ReportChange {
  at: Date;
  action: ChangeAction;
  author: ChangeAuthor;
  comment: string | null;
  /** The report version this change produced. */
  version: number;
}

export interface ReportDoc {
  /** `<cpomId>:<year>`. */
  _id: string;
  cpomId: string;
  spstiId: string;
  dreetsId: string;
  caisseSlug: string;
  year: number;
  cpomSignedOn: string;
  cpomEndsOn: string;
  dueBy: string;
  state: ReportState;
  version: number;
  rows: ReportRow[];
  createdAt: Date;
  updatedAt: Date;
  /** The last submission; null while never submitted. */
  submittedAt: Date | null;
  /** The first submission: lateness is counted to it. */
  firstSubmittedAt: Date | null;
  validatedAt: Date | null;
  /** The reviewers' decisions on the current submission; cleared at each new submission. */
  reviews: Partial<Record<Reviewer, Review>>;
  history: ReportChange[];
  /** Idempotency keys already applied, with a hash of their payload. */
  idem: Record<string, string>;
}

export function reportId(cpomId: string, year: number): string {
  return `${cpomId}:${year}`;
}
