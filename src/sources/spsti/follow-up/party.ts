import type { Viewer } from "../../../auth/roles.js";
import type { Cpom } from "../types.js";

/** The three signatories of a CPOM (D.4622-45 code du travail; instruction DGT/CNAM 2024/132). */
export type CpomPartyKind = "SPSTI" | "DREETS" | "CARSAT";

/**
 * Which signatory of `cpom` the viewer's organisation is, or null. The SPSTI
 * reports (declared values, bilans, annex 4); the DREETS of its region and the
 * Carsat of its caisse review. Roles are not checked here: the schema's
 * `@access(group: CPOM_FOLLOW_UP)` lets only the roles of the policy through.
 */
export function cpomPartyOf(
  viewer: Viewer | null,
  cpom: Pick<Cpom, "spstiId" | "dreetsId" | "caisseSlug">,
): CpomPartyKind | null {
  if (!viewer) return null;
  const { type, id } = viewer.org;
  if (type === "SPSTI" && id === cpom.spstiId) return "SPSTI";
  if (type === "DREETS" && id === cpom.dreetsId) return "DREETS";
  if (type === "CARSAT" && id === cpom.caisseSlug) return "CARSAT";
  return null;
}

/** Who made a change, as the follow-up's history keeps it: the organisation and roles, never the person (the audit trail has the subject, for the DPO). */
export interface ChangeAuthor {
  organisation: { type: CpomPartyKind; id: string };
  roles: string[];
}

export function authorOf(viewer: Viewer, party: CpomPartyKind): ChangeAuthor {
  return { organisation: { type: party, id: viewer.org.id }, roles: [...viewer.roles] };
}
