import type { FicheScope } from "../../../auth/scopes.js";
import type { ConsentGroup, SharedGroup } from "../types.js";

/**
 * The viewer's row scope as Mongo conditions, built from the typed FicheScope
 * only. `null` means "no row at all": the caller then sends no command.
 *
 * Operators are limited to what FerretDB v1 evaluates correctly (tested in
 * tests/pdp-scope.test.ts): field equality, a dotted path into an array of
 * sub-documents (`consent.recipients.id`), `{f: null}` for an absent field,
 * `{f: {$ne: null}}` for a present one, `$ne` on a scalar, `$all`, `$or`.
 * Not `$elemMatch`: FerretDB v1 accepts it and silently matches nothing.
 */
export type Condition = Record<string, unknown>;

/** Consent spelling (fiche form) of each consent-scoped storage group. */
const CONSENT_NAME: Record<SharedGroup, ConsentGroup> = {
  JOB: "JOB",
  ARRET: "ARRET",
  CAPACITIES: "CAPACITES",
  ACTIONS: "ACTIONS",
  MESSAGES: "MESSAGES",
};

/** The consent spelling of a storage group (`CAPACITIES` → `CAPACITES`). */
export const consentNameOf = (g: SharedGroup): ConsentGroup => CONSENT_NAME[g];

/**
 * Fiches a viewer may read (or write: the exchange puts the same condition in
 * its update filters). The SPSTI's care team: every fiche the SPSTI is a
 * party to, except a partner's unsent drafts. A partner: the fiches it wrote
 * (the author keeps what it wrote), and the sent fiches addressed to it while
 * the worker's standing consent names it (L.1110-4 III CSP: sharing outside
 * the équipe de soins needs the worker's consent, withdrawable at any time).
 * Once the worker withdraws it, or a new consent no longer names the partner,
 * the fiche leaves the partner's rows at once, header and consent included:
 * a former recipient needs none of it (minimisation, art. 5-1-c RGPD), and
 * learns that it must stop from its withdrawal notices
 * (`withdrawalScopeCondition`). With `groups`, the consent must also cover
 * each of them, so that neither a group read, nor a filter on a group's field
 * (e.g. `job.siret`), nor a write of a group reaches a fiche whose worker did
 * not agree to share that group with it.
 */
export function ficheScopeCondition(
  scope: FicheScope,
  groups: readonly SharedGroup[] = [],
): Condition | null {
  // A draft is its author's until it is sent: the other party sees nothing of it.
  if (scope.kind === "OWNER_SPSTI")
    return {
      spstiId: scope.spstiId,
      $or: [{ "header.origin.id": scope.spstiId }, { "header.status": { $ne: "DRAFT" } }],
    };
  if (scope.kind !== "PARTNER_ORG") return null;
  const addressed: Condition = {
    "header.status": { $ne: "DRAFT" },
    "consent.recipients.id": scope.orgId,
    "consent.withdrawnAt": null,
  };
  if (groups.length > 0)
    addressed["consent.groups"] =
      groups.length === 1 ? CONSENT_NAME[groups[0]] : { $all: groups.map((g) => CONSENT_NAME[g]) };
  // orgIds holds both parties, so it is true of either branch; at the root it is
  // the one selective equality FerretDB pushes down (src/db/filter-shape.ts).
  return { orgIds: scope.orgId, $or: [{ "header.origin.id": scope.orgId }, addressed] };
}

/**
 * Withdrawal notices a viewer may read: the sent fiches addressed to its own
 * organisation (the SPSTI of its care team, or the partner) whose worker has
 * withdrawn consent, whoever wrote them down. It is all a former recipient
 * keeps of such a fiche (what it needs to stop processing it, L.1110-4 III
 * CSP and art. 7-3 RGPD): the reader projects the id, reference, recipient
 * and withdrawal date only. `null`: no organisation, no command.
 */
export function withdrawalScopeCondition(scope: FicheScope): Condition | null {
  const org =
    scope.kind === "OWNER_SPSTI" ? scope.spstiId : scope.kind === "PARTNER_ORG" ? scope.orgId : null;
  if (org === null) return null;
  const condition: Condition = {
    orgIds: org,
    "header.recipient.id": org,
    "header.status": { $ne: "DRAFT" },
    "consent.withdrawnAt": { $ne: null },
  };
  if (scope.kind === "OWNER_SPSTI") condition.spstiId = org;
  return condition;
}

/**
 * Medical groups a viewer's rows may touch: the owning SPSTI's only (secret
 * médical, art. 226-13 code pénal; the role check is the enforcement point's).
 * A partner never gets one, so its reads never reach the collection.
 */
export function medicalScopeCondition(scope: FicheScope): Condition | null {
  return scope.kind === "OWNER_SPSTI" ? { spstiId: scope.spstiId } : null;
}
