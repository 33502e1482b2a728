import type { AuditEntry } from "../../../privacy/audit.js";

/** The follow-up's mutations, as the audit trail names them. */
export type FollowUpMutation =
  | "recordIndicatorValue"
  | "recordActionBilan"
  | "recordCpomFinalBilan"
  | "commentCpomFollowUp";

/**
 * The audit entries of a follow-up change: one CPOM_CHANGED event (the
 * request's viewer is added when it is written) whose `fields` name the
 * mutation and the item changed. The change itself is in the item's history,
 * which names the organisation and roles; this event names the person, for
 * the DPO (accountability, art. 5-2 RGPD).
 */
export function followUpAudit(mutation: FollowUpMutation, itemId: string): AuditEntry[] {
  const base = { kind: "CPOM_CHANGED" as const, ficheId: null, pseudonym: null };
  return [
    { ...base, path: mutation, field: `Mutation.${mutation}` },
    { ...base, path: `${mutation}.${itemId}` },
  ];
}
