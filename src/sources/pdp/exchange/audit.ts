import type { AuditEntry } from "../../../privacy/audit.js";
import type { Fiche } from "../types.js";

/** Audit kinds of the exchange's consent changes (the refusals that follow are the enforcement point's ACCESS_DENIED). */
export type ConsentAuditKind = "CONSENT_RECORDED" | "CONSENT_WITHDRAWN";

/**
 * The audit entry of a consent change: who (the request's viewer, added when
 * written), which fiche and pseudonym, through which mutation; never the
 * consent's content. A withdrawal is traced because from then on the fiche
 * leaves the recipient partner's rows (L.1110-4 III CSP). A recipient that
 * records the withdrawal itself no longer reads the fiche, so its event names
 * the fiche by id only (no pseudonym).
 */
export function consentAudit(
  kind: ConsentAuditKind,
  fiche: Pick<Fiche, "id" | "worker">,
  mutation: string,
): AuditEntry {
  return {
    kind,
    ficheId: fiche.id,
    pseudonym: fiche.worker?.pseudonym ?? null,
    path: mutation,
    field: `Mutation.${mutation}`,
  };
}
