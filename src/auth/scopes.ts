import { caisse, region } from "../domain/reference.js";
import { hasRole } from "./policy.js";
import type { OrgType, Viewer } from "./roles.js";

/**
 * Row-level rules, derived once per request from the viewer and pushed into
 * the sources' Mongo filters (never applied after fetching).
 */
export interface EstablishmentScope {
  /** Only members of these SPSTIs (null = no SPSTI restriction). */
  spstiIds: string[] | null;
  /** Only establishments located in these départements (null = no restriction). */
  departements: string[] | null;
}

/** Which fiches de liaison a viewer's reads may touch. */
export type FicheScope =
  /** The SPSTI's own care team: fiches of which the SPSTI is a party. */
  | { kind: "OWNER_SPSTI"; spstiId: string }
  /** A partner organisation: fiches it sent, and fiches addressed to it while the worker's consent covers it. */
  | { kind: "PARTNER_ORG"; orgId: string }
  | { kind: "NONE" };

export interface RowScopes {
  establishments: EstablishmentScope;
  fiches: FicheScope;
  /** Regions whose partner survey rows the viewer may read (null = all). */
  surveyRegions: string[] | null;
  /** The organisation whose audit trail the viewer may read: a DPO's own (null = none). */
  auditOrg: { type: OrgType; id: string } | null;
  /** The organisation whose import record the viewer may read: a data steward's or a DPO's own (null = none). */
  importsOrg: { type: OrgType; id: string } | null;
}

const NOTHING: EstablishmentScope = { spstiIds: [], departements: [] };
const SPSTI_STAFF = [
  "MEDECIN_TRAVAIL",
  "INFIRMIER_SANTE_TRAVAIL",
  "CELLULE_PDP",
  "PREVENTEUR",
  "SPSTI_DIRECTION",
] as const;
const CARE_TEAM = ["MEDECIN_TRAVAIL", "INFIRMIER_SANTE_TRAVAIL", "CELLULE_PDP"] as const;

export function rowScopes(viewer: Viewer | null): RowScopes {
  return {
    establishments: establishmentScope(viewer),
    fiches: ficheScope(viewer),
    surveyRegions: surveyRegions(viewer),
    // A DPO reads who in its own organisation accessed personal data (art. 39 RGPD: monitoring compliance).
    auditOrg: viewer && hasRole(viewer, "DPO") ? { ...viewer.org } : null,
    // Who imported what is the organisation's own record (art. 5-2 RGPD accountability).
    importsOrg: viewer && hasRole(viewer, "DPO", "DATA_STEWARD") ? { ...viewer.org } : null,
  };
}

/**
 * An SPSTI's staff see their own members; the CPOM parties see their
 * territory: a Carsat its caisse's départements, a DREETS its region's.
 */
function establishmentScope(viewer: Viewer | null): EstablishmentScope {
  if (!viewer) return NOTHING;
  if (viewer.org.type === "SPSTI" && hasRole(viewer, ...SPSTI_STAFF))
    return { spstiIds: [viewer.org.id], departements: null };
  if (viewer.org.type === "CARSAT" && hasRole(viewer, "CARSAT_INGENIEUR_CONSEIL")) {
    return { spstiIds: null, departements: caisse(viewer.org.id)?.departements ?? [] };
  }
  if (
    viewer.org.type === "DREETS" &&
    hasRole(viewer, "DREETS_MEDECIN_INSPECTEUR", "DREETS_INGENIEUR_PREVENTION")
  ) {
    return { spstiIds: null, departements: (viewer.region && region(viewer.region)?.departements) || [] };
  }
  return NOTHING;
}

function ficheScope(viewer: Viewer | null): FicheScope {
  if (!viewer) return { kind: "NONE" };
  if (viewer.org.type === "SPSTI" && hasRole(viewer, ...CARE_TEAM))
    return { kind: "OWNER_SPSTI", spstiId: viewer.org.id };
  if (viewer.org.type === "CARSAT" && hasRole(viewer, "CARSAT_SERVICE_SOCIAL"))
    return { kind: "PARTNER_ORG", orgId: viewer.org.id };
  return { kind: "NONE" };
}

/** A DREETS and a regional analyst read their own region's partner rows only. */
function surveyRegions(viewer: Viewer | null): string[] | null {
  if (!viewer) return [];
  const regional =
    hasRole(viewer, "DREETS_MEDECIN_INSPECTEUR", "DREETS_INGENIEUR_PREVENTION", "ANALYST_REGIONAL") &&
    !hasRole(viewer, "ANALYST_NATIONAL");
  return regional ? (viewer.region ? [viewer.region] : []) : null;
}
