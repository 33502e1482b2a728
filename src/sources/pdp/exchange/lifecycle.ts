import { GraphQLError } from "graphql";
import { ErrorCode, badInput, forbidden, notFound } from "../../../errors.js";
import type { FicheScope } from "../../../auth/scopes.js";
import { consentNameOf, type Condition } from "../read/scope-filter.js";
import type { FicheDoc } from "../documents.js";
import type { FicheStatus, OrgRef, SharedGroup } from "../types.js";

/**
 * The life of a fiche de liaison as a state machine, and who may move it
 * (docs/pdp-exchange.md gives the reasons):
 *
 *   DRAFT ──send──▶ SENT ──acknowledge──▶ ACKNOWLEDGED ──addAction──▶ IN_PROGRESS
 *     │               │                        │                          │
 *     └───────────────┴───────── close ────────┴──────────────────────────┴──▶ CLOSED
 *
 * A party is the organisation that wrote the fiche (AUTHOR, `header.origin`)
 * or the one it is addressed to (RECIPIENT). For a partner writing a
 * consent-scoped group, the worker's standing consent must name it and cover
 * that group (the owning SPSTI's care team holds the fiche and needs none).
 */
export type Operation =
  | "update"
  | "recordConsent"
  | "withdrawConsent"
  | "send"
  | "acknowledge"
  | "addAction"
  | "postMessage"
  | "close";
export type Party = "AUTHOR" | "RECIPIENT" | "EITHER";

export interface Rule {
  /** The mutation, as a client knows it. */
  mutation: string;
  from: readonly FicheStatus[];
  /** The state after the operation; unchanged when absent. */
  to?: FicheStatus;
  party: Party;
  /** A consent-scoped group the operation writes: a partner must be covered for it. */
  writes?: SharedGroup;
}

const OPEN: FicheStatus[] = ["DRAFT", "SENT", "ACKNOWLEDGED", "IN_PROGRESS"];

export const RULES: Record<Operation, Rule> = {
  // The author keeps its fiche up to date ("fiche de liaison actualisée", CPOM volet 1) until it is closed.
  update: { mutation: "updateFiche", from: OPEN, party: "AUTHOR" },
  recordConsent: { mutation: "recordFicheConsent", from: OPEN, party: "AUTHOR" },
  // Withdrawing must be as easy as consenting (art. 7-3 RGPD): the worker may tell either party, at any time.
  withdrawConsent: { mutation: "withdrawFicheConsent", from: [...OPEN, "CLOSED"], party: "EITHER" },
  send: { mutation: "sendFiche", from: ["DRAFT"], to: "SENT", party: "AUTHOR" },
  acknowledge: { mutation: "acknowledgeFiche", from: ["SENT"], to: "ACKNOWLEDGED", party: "RECIPIENT" },
  // A measure means the situation is being worked on: the first one moves the fiche to IN_PROGRESS.
  addAction: {
    mutation: "addFicheAction",
    from: ["ACKNOWLEDGED", "IN_PROGRESS"],
    to: "IN_PROGRESS",
    party: "EITHER",
    writes: "ACTIONS",
  },
  postMessage: {
    mutation: "postFicheMessage",
    from: ["SENT", "ACKNOWLEDGED", "IN_PROGRESS"],
    party: "EITHER",
    writes: "MESSAGES",
  },
  // Either party may close (a draft only by its author: no one else sees it).
  close: { mutation: "closeFiche", from: OPEN, to: "CLOSED", party: "EITHER" },
};

/** The filter conditions of a rule for the viewer's organisation: the allowed states and the party. */
export function ruleConditions(rule: Rule, org: string): Condition {
  const c: Condition = { "header.status": rule.from.length === 1 ? rule.from[0] : { $in: [...rule.from] } };
  if (rule.party === "AUTHOR") c["header.origin.id"] = org;
  if (rule.party === "RECIPIENT") c["header.recipient.id"] = org;
  return c;
}

/** A stale version: the fiche changed since the client read it. The other writer's change stays; the client re-reads. */
export function conflict(doc: FicheDoc, expected: number): GraphQLError {
  return new GraphQLError(
    `Fiche ${doc.header.ref} has changed since you read it (you sent version ${expected}, it is now at version ${doc.header.version}, status ${doc.header.status}): read it again, then retry on the new version.`,
    {
      extensions: {
        code: ErrorCode.CONFLICT,
        currentVersion: doc.header.version,
        currentStatus: doc.header.status,
      },
    },
  );
}

export const ficheNotFound = (id: string) =>
  notFound(`No fiche de liaison ${id} among your organisation's fiches.`, "input.id");

/**
 * Why an update that matched nothing was refused, from the fiche as it is
 * now (read again within the viewer's scope). Checked in the order a client
 * can act on: unknown, not its party, stale version, wrong state, consent.
 * Null when everything fits now: the fiche changed between the write and the
 * re-read, which is a conflict too.
 */
export function diagnose(
  rule: Rule,
  doc: FicheDoc | null,
  id: string,
  expected: number,
  org: string,
  scope: FicheScope,
): GraphQLError | null {
  if (!doc) return ficheNotFound(id);
  const h = doc.header;
  if (rule.party === "AUTHOR" && h.origin.id !== org)
    return forbidden(
      `Only the organisation that wrote fiche ${h.ref} (${h.origin.id}) may ${verb(rule)} it.`,
    );
  if (rule.party === "RECIPIENT" && h.recipient.id !== org)
    return forbidden(
      `Only the organisation fiche ${h.ref} is addressed to (${h.recipient.id}) may ${verb(rule)} it.`,
    );
  if (h.version !== expected) return conflict(doc, expected);
  if (!rule.from.includes(h.status)) return invalidTransition(rule, h.ref, h.status);
  if (rule.writes && !consentCovers(doc, scope, rule.writes)) {
    return forbidden(
      `The worker's consent does not (or no longer) cover sharing ${rule.writes} with your organisation on fiche ${h.ref}.`,
    );
  }
  return null;
}

/** BAD_USER_INPUT naming the current state and the states the operation needs. */
export function invalidTransition(rule: Rule, ref: string, status: FicheStatus): GraphQLError {
  const err = badInput(
    `${rule.mutation} is not possible on fiche ${ref}: it is ${status}, and ${rule.mutation} needs ${rule.from.join(" or ")}.`,
  );
  err.extensions.currentStatus = status;
  return err;
}

/** Whether the viewer may write `group` on this fiche: the owning SPSTI and the author always; a recipient partner within consent. */
export function consentCovers(doc: FicheDoc, scope: FicheScope, group: SharedGroup): boolean {
  if (scope.kind === "OWNER_SPSTI") return doc.spstiId === scope.spstiId;
  if (scope.kind !== "PARTNER_ORG") return false;
  if (doc.header.origin.id === scope.orgId) return true;
  const c = doc.consent;
  return (
    !!c &&
    !c.withdrawnAt &&
    c.recipients.some((r) => r.id === scope.orgId) &&
    c.groups.includes(consentNameOf(group))
  );
}

function verb(rule: Rule): string {
  return (
    {
      updateFiche: "update",
      recordFicheConsent: "record the consent of",
      sendFiche: "send",
      acknowledgeFiche: "acknowledge",
    }[rule.mutation] ?? "change"
  );
}

/** Why a withdrawal could not apply, once the generic reasons are ruled out. */
export function withdrawalProblem(doc: FicheDoc, at: Date): GraphQLError | null {
  const c = doc.consent;
  if (!c) return badInput(`Fiche ${doc.header.ref} has no consent to withdraw.`);
  if (c.withdrawnAt)
    return badInput(
      `The consent on fiche ${doc.header.ref} was already withdrawn on ${c.withdrawnAt.toISOString()}.`,
    );
  if (c.givenAt > at)
    return badInput(
      `input.withdrawnAt is before the consent was given (${c.givenAt.toISOString()}).`,
      "input.withdrawnAt",
    );
  return null;
}

/** Why a send could not apply: the consent does not cover the recipient. */
export function sendProblem(doc: FicheDoc, recipient: OrgRef): GraphQLError | null {
  const c = doc.consent;
  const why = !c
    ? "no consent is recorded"
    : c.withdrawnAt
      ? "the worker withdrew consent"
      : !c.recipients.some((r) => r.id === recipient.id)
        ? `the consent does not name ${recipient.id}`
        : null;
  return why
    ? badInput(
        `Fiche ${doc.header.ref} cannot be sent to ${recipient.id}: ${why}. Record the worker's consent naming the recipient first (recordFicheConsent).`,
        "input.recipient",
      )
    : null;
}

export { keyReused } from "../../../graphql/write-inputs.js";
