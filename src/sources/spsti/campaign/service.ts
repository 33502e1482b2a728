import { GraphQLError } from "graphql";
import type { Db, UpdateFilter } from "mongodb";
import type { Viewer } from "../../../auth/roles.js";
import { withDocLock } from "../../../db/conditional-write.js";
import { ErrorCode, badInput, forbidden, notFound } from "../../../errors.js";
import { expectedVersion, idempotencyKey, keyReused, sha256 } from "../../../graphql/write-inputs.js";
import { followUpText } from "../follow-up/text.js";
import { authorOf, cpomPartyOf, type CpomPartyKind } from "../follow-up/party.js";
import type { Cpom, CpomAction } from "../types.js";
import { findReport, insertReport, updateReport } from "./repository.js";
import { checkComplete, checkRows, checkYear, cpomThemes, type RowInput } from "./rules.js";
import { newReport } from "./report.js";
import {
  REVIEWERS,
  reportId,
  type ChangeAction,
  type ReportDoc,
  type ReportState,
  type Reviewer,
  type ReviewDecision,
} from "./types.js";

/**
 * The annex-4 campaign's steps, for the viewer's organisation:
 *
 *   (none) ──save──▶ DRAFT ──submit──▶ SUBMITTED ──both reviewers validate──▶ VALIDATED
 *                     ▲  save            │ a reviewer returns it
 *                     └──── RETURNED ◀───┘  (save, then submit again)
 *
 * The SPSTI party fills in and submits; the DREETS and the Carsat parties
 * each validate or return (instruction DGT/CNAM 2024/132, § VI: "un échange
 * préalable entre les trois signataires"). Each step reads the report within
 * its lock, checks it, and makes ONE conditional write on the version read
 * (src/db/conditional-write.ts): a crash leaves the report before or after.
 * A retry with the same idempotency key answers the report as it is; the same
 * key with another payload is a CONFLICT.
 */

interface CpomReads {
  cpomById: { load(id: string): Promise<Cpom | null> };
  actionsByCpom: { load(id: string): Promise<CpomAction[]> };
}

export interface SaveInput {
  cpomId: string;
  year: number;
  rows: readonly RowInput[];
  expectedVersion?: number | null;
  idempotencyKey: string;
}
export interface SubmitInput {
  cpomId: string;
  year: number;
  expectedVersion: number;
  idempotencyKey: string;
}
export interface ReviewInput extends SubmitInput {
  decision: ReviewDecision;
  comment?: string | null;
}

const MAX_REVIEW_COMMENT = 2_000;
/** A report keeps at most this many changes: far above a campaign's few rounds, and a bound on the document. */
const MAX_HISTORY = 200;

export function createAnnex4Campaign(
  db: Db,
  viewer: Viewer | null,
  cpoms: CpomReads,
  now = () => new Date(),
) {
  /** The CPOM and which party the viewer is to it; NOT_FOUND for a CPOM the viewer is no party to. */
  async function partyTo(cpomId: string): Promise<{ cpom: Cpom; party: CpomPartyKind }> {
    const cpom = /^[A-Za-z0-9_:-]{1,80}$/.test(cpomId) ? await cpoms.cpomById.load(cpomId) : null;
    const party = cpom && cpomPartyOf(viewer, cpom);
    if (!cpom || !party)
      throw notFound(`No CPOM ${cpomId.slice(0, 80)} among those your organisation signed.`, "input.cpomId");
    return { cpom, party };
  }

  /**
   * Runs one step on the report: `decide` gets the stored report (or null)
   * and returns the update, or "replay" when this key was already applied.
   */
  async function step(
    cpom: Cpom,
    year: number,
    key: string,
    payload: unknown,
    decide: (doc: ReportDoc | null, hash: string) => UpdateFilter<ReportDoc> | ReportDoc,
  ): Promise<ReportDoc> {
    const id = reportId(cpom.id, year);
    const slot = sha256(key).slice(0, 24); // keys may hold "." and ":", which a field name may not
    const hash = sha256(JSON.stringify(payload));
    return withDocLock(`annex4:${id}`, async () => {
      const doc = await findReport(db, id);
      const applied = doc?.idem[slot];
      if (doc && applied !== undefined) {
        if (applied === hash) return doc;
        throw keyReused("input.idempotencyKey", "another change of this report");
      }
      const change = decide(doc, hash);
      if (!doc) {
        const created = change as ReportDoc;
        created.idem = { [slot]: hash };
        if (!(await insertReport(db, created))) throw changed(id, null);
      } else {
        const update = change as UpdateFilter<ReportDoc>;
        update.$set = { ...update.$set, [`idem.${slot}`]: hash };
        if (!(await updateReport(db, id, doc.version, update))) throw changed(id, doc);
      }
      return (await findReport(db, id))!;
    });
  }

  function history(
    party: CpomPartyKind,
    action: ChangeAction,
    version: number,
    at: Date,
    comment: string | null = null,
  ) {
    return { at, action, author: authorOf(viewer!, party), comment, version };
  }

  function update(set: Partial<ReportDoc>, change: ReturnType<typeof history>): UpdateFilter<ReportDoc> {
    return {
      $set: { ...set, updatedAt: change.at },
      $inc: { version: 1 },
      $push: { history: change },
    };
  }

  return {
    /** The SPSTI saves its rows (all of them, or some), creating the report on the first save. */
    async save(input: SaveInput): Promise<ReportDoc> {
      const key = idempotencyKey(input.idempotencyKey, "input.idempotencyKey");
      const { cpom, party } = await partyTo(input.cpomId);
      if (party !== "SPSTI") throw forbidden("Only the SPSTI that signed the CPOM fills in its annex 4.");
      const at = now();
      checkYear(cpom, input.year, at, false);
      const rows = checkRows(input.rows, cpomThemes(await cpoms.actionsByCpom.load(cpom.id)));
      const expected =
        input.expectedVersion == null
          ? null
          : expectedVersion(input.expectedVersion, "input.expectedVersion");
      return step(cpom, input.year, key, { save: rows }, (doc) => {
        if (!doc) {
          if (expected !== null)
            throw notFound(
              `The ${input.year} report of ${cpom.id} does not exist yet: save it without expectedVersion.`,
              "input.expectedVersion",
            );
          return newReport(cpom, input.year, rows, history("SPSTI", "SAVED", 1, at));
        }
        if (expected === null)
          throw conflictOn(
            doc,
            `The ${input.year} report of ${cpom.id} exists already (version ${doc.version}): give the version you read as expectedVersion.`,
          );
        expectState(doc, expected, ["DRAFT", "RETURNED"], "saved");
        return update({ rows }, history("SPSTI", "SAVED", doc.version + 1, at));
      });
    },

    /** The SPSTI submits its complete report to both reviewers, once the year is over. */
    async submit(input: SubmitInput): Promise<ReportDoc> {
      const key = idempotencyKey(input.idempotencyKey, "input.idempotencyKey");
      const expected = expectedVersion(input.expectedVersion, "input.expectedVersion");
      const { cpom, party } = await partyTo(input.cpomId);
      if (party !== "SPSTI") throw forbidden("Only the SPSTI that signed the CPOM submits its annex 4.");
      const at = now();
      checkYear(cpom, input.year, at, true);
      const themes = cpomThemes(await cpoms.actionsByCpom.load(cpom.id));
      return step(cpom, input.year, key, { submit: expected }, (doc) => {
        if (!doc)
          throw notFound(
            `The ${input.year} report of ${cpom.id} does not exist yet: save it first.`,
            "input.year",
          );
        expectState(doc, expected, ["DRAFT", "RETURNED"], "submitted");
        checkComplete(doc.rows, themes);
        return update(
          { state: "SUBMITTED", submittedAt: at, firstSubmittedAt: doc.firstSubmittedAt ?? at, reviews: {} },
          history("SPSTI", "SUBMITTED", doc.version + 1, at),
        );
      });
    },

    /** The DREETS or the Carsat validates the submitted report, or returns it with a comment. */
    async review(input: ReviewInput): Promise<ReportDoc> {
      const key = idempotencyKey(input.idempotencyKey, "input.idempotencyKey");
      const expected = expectedVersion(input.expectedVersion, "input.expectedVersion");
      const { cpom, party } = await partyTo(input.cpomId);
      if (party === "SPSTI")
        throw forbidden("The SPSTI does not review its own annex 4: the DREETS and the Carsat do.");
      const comment =
        input.comment == null ? null : followUpText(input.comment, "input.comment", MAX_REVIEW_COMMENT);
      if (input.decision === "RETURNED" && !comment)
        throw badInput(
          "input.comment: say why the report is returned, so that the SPSTI can correct it",
          "input.comment",
        );
      const reviewer = party as Reviewer;
      const at = now();
      return step(cpom, input.year, key, { review: input.decision, comment, expected }, (doc) => {
        if (!doc)
          throw notFound(`The ${input.year} report of ${cpom.id} has not been submitted.`, "input.year");
        expectState(doc, expected, ["SUBMITTED"], "reviewed");
        if (doc.reviews[reviewer])
          throw conflictOn(
            doc,
            `Your organisation already ${doc.reviews[reviewer]!.decision === "VALIDATED" ? "validated" : "returned"} this submission.`,
          );
        const review = { decision: input.decision, comment, at, version: doc.version };
        const others = REVIEWERS.filter((r) => r !== reviewer);
        const state: ReportState =
          input.decision === "RETURNED"
            ? "RETURNED"
            : others.every((r) => doc.reviews[r]?.decision === "VALIDATED")
              ? "VALIDATED"
              : "SUBMITTED";
        return update(
          {
            state,
            [`reviews.${reviewer}`]: review,
            ...(state === "VALIDATED" ? { validatedAt: at } : {}),
          } as Partial<ReportDoc>,
          history(reviewer, input.decision, doc.version + 1, at, comment),
        );
      });
    },
  };
}
export type Annex4Campaign = ReturnType<typeof createAnnex4Campaign>;

/** CONFLICT unless the report is at the version read and in one of `states`. */
function expectState(doc: ReportDoc, expected: number, states: ReportState[], verb: string): void {
  if (doc.version !== expected)
    throw conflictOn(
      doc,
      `The ${doc.year} report of ${doc.cpomId} has changed since you read it (you sent version ${expected}, it is at version ${doc.version}, ${doc.state}): read it again, then retry on the new version.`,
    );
  if (!states.includes(doc.state))
    throw conflictOn(doc, `A ${doc.state} report cannot be ${verb} (only a ${states.join(" or ")} one).`);
  if (doc.history.length >= MAX_HISTORY)
    throw conflictOn(
      doc,
      `This report has ${MAX_HISTORY} changes, the maximum: ask the DREETS to close the round.`,
    );
}

function conflictOn(doc: ReportDoc, message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.CONFLICT, currentVersion: doc.version, currentState: doc.state },
  });
}

/** Another writer got there between the read and the write (another process on the same database). */
function changed(id: string, doc: ReportDoc | null): GraphQLError {
  return new GraphQLError(
    `The report ${id} changed while yours was being written${doc ? ` (you read version ${doc.version})` : ""}: read it again, then retry.`,
    { extensions: { code: ErrorCode.CONFLICT } },
  );
}
