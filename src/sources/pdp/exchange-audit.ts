import type { AuditEntry } from "../../privacy/audit.js";
import type { Fiche } from "./types.js";

/** Audit kinds of the exchange's consent changes (the refusals that follow are the enforcement point's ACCESS_DENIED). */
export type ConsentAuditKind = "CONSENT_RECORDED" | "CONSENT_WITHDRAWN";

/**
 * The audit entry of a consent change: who (the request's viewer, added when
 * written), which fiche and pseudonym, through which mutation; never the
 * consent's content. A withdrawal is traced because from then on the
 * recipient's reads of the consent-scoped groups are refused (L.1110-4 III CSP).
 */
export function consentAudit(kind: ConsentAuditKind, fiche: Fiche, mutation: string): AuditEntry {
  return { kind, ficheId: fiche.id, pseudonym: fiche.worker?.pseudonym ?? null, path: mutation, field: `Mutation.${mutation}` };
}
