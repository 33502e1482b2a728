import type { DataGroup, Viewer } from "./roles.js";
import { groupsOf } from "./policy.js";
import { rowScopes, type RowScopes } from "./scopes.js";

/**
 * Everything the enforcement point and the loaders need to know about the
 * viewer's rights, computed once per request. Resolvers never look at it.
 */
export interface Access {
  viewer: Viewer | null;
  groups: ReadonlySet<DataGroup>;
  scopes: RowScopes;
  /**
   * Whether a fiche's consent-scoped groups may be fetched with the fiche
   * itself: true for the owning SPSTI's care team, whose row filter already
   * guarantees ownership. A partner reads each group only after the per-fiche
   * consent check has passed, so the database is never asked for a group the
   * worker did not consent to share with it.
   */
  prefetchFicheGroups: boolean;
  /** Why `Type.field` (of `group`, on `source`) is denied, or null when allowed. */
  denial(group: DataGroup, typeName: string, fieldName: string, source: unknown): string | null;
}

/** Consent groups of the fiche fields of group FICHE_CONSENT. */
const CONSENT_GROUP_OF: Record<string, string> = {
  job: "JOB",
  arret: "ARRET",
  capacities: "CAPACITES",
  actions: "ACTIONS",
  messages: "MESSAGES",
};

interface FicheLike {
  spstiId?: string;
  origin?: { id: string };
  consent?: { recipients: { id: string }[]; groups: string[]; withdrawnAt: string | null } | null;
}

export function createAccess(viewer: Viewer | null): Access {
  const groups = groupsOf(viewer);
  const scopes = rowScopes(viewer);
  return {
    viewer,
    groups,
    scopes,
    prefetchFicheGroups: scopes.fiches.kind === "OWNER_SPSTI",
    denial(group, typeName, fieldName, source) {
      if (!groups.has(group)) {
        return viewer
          ? `Your role does not give access to ${typeName}.${fieldName} (${group} data).`
          : `${typeName}.${fieldName} is not open data: send a token (Authorization: Bearer ...).`;
      }
      // A root field (a mutation writing a fiche's consent-scoped groups) has no fiche yet: the role is its check, and the
      // exchange's write filter applies the per-fiche rules; the fiche it returns is then checked field by field.
      if (typeName === "Mutation" || typeName === "Query") return null;
      if (group === "FICHE_CONSENT" || group === "FICHE_MEDICAL")
        return ficheDenial(group, typeName, fieldName, source as FicheLike);
      return null;
    },
  };

  /**
   * Per-fiche rules, on top of the row filter. The medical group is for the
   * owning SPSTI's médecin du travail only (art. 226-13 code pénal). A partner
   * reads a consent-scoped group only while the worker's consent names it and
   * that group (L.1110-4 III CSP); the fiche's author keeps what it wrote.
   * The administrative level needs no check here: a partner's row filter
   * (src/sources/pdp/read/scope-filter.ts) already drops an addressed fiche whose
   * consent no longer names it, so a former recipient never gets the fiche,
   * only its withdrawal notice (`ConsentWithdrawal`: id, ref, recipient, date).
   */
  function ficheDenial(
    group: DataGroup,
    typeName: string,
    fieldName: string,
    fiche: FicheLike,
  ): string | null {
    const scope = scopes.fiches;
    if (scope.kind === "OWNER_SPSTI") {
      return fiche.spstiId === scope.spstiId
        ? null
        : `${typeName}.${fieldName} is only for the SPSTI that holds this fiche.`;
    }
    if (group === "FICHE_MEDICAL" || scope.kind !== "PARTNER_ORG")
      return `${typeName}.${fieldName} is covered by medical secrecy.`;
    if (fiche.origin?.id === scope.orgId) return null;
    const consent = fiche.consent;
    const covered =
      !!consent &&
      !consent.withdrawnAt &&
      consent.recipients.some((r) => r.id === scope.orgId) &&
      consent.groups.includes(CONSENT_GROUP_OF[fieldName]);
    return covered
      ? null
      : `The worker's consent does not cover sharing ${fieldName} with your organisation.`;
  }
}
