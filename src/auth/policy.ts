import type { DataGroup, Role, Viewer } from "./roles.js";

/**
 * The access matrix: which data groups each role may read at all. Row-level
 * rules (whose establishments, which fiches) are in scopes.ts; consent and
 * ownership per fiche in access.ts. docs/privacy.md gives the legal
 * reason for each cell.
 */
const SPSTI_CARE_TEAM: DataGroup[] = [
  "PUBLIC_AGGREGATE",
  "PARTNER_AGGREGATE",
  "ESTABLISHMENT",
  "FICHE_ADMIN",
  "FICHE_CONSENT",
];

export const GROUPS_BY_ROLE: Record<Role, readonly DataGroup[]> = {
  // Secret médical (art. 226-13 code pénal): only the médecin du travail reads the medical group.
  MEDECIN_TRAVAIL: [...SPSTI_CARE_TEAM, "FICHE_MEDICAL", "CPOM_FOLLOW_UP"],
  INFIRMIER_SANTE_TRAVAIL: SPSTI_CARE_TEAM,
  CELLULE_PDP: SPSTI_CARE_TEAM,
  // Prevention staff and the direction need establishments, not workers' fiches.
  // The CPOM's pilots and its direction report on it (D.4622-45 code du travail).
  PREVENTEUR: ["PUBLIC_AGGREGATE", "PARTNER_AGGREGATE", "ESTABLISHMENT", "CPOM_FOLLOW_UP"],
  SPSTI_DIRECTION: ["PUBLIC_AGGREGATE", "PARTNER_AGGREGATE", "ESTABLISHMENT", "CPOM_FOLLOW_UP"],
  // Service social: fiches addressed to it, within the worker's consent (L.1110-4 III CSP).
  CARSAT_SERVICE_SOCIAL: ["PUBLIC_AGGREGATE", "PARTNER_AGGREGATE", "FICHE_ADMIN", "FICHE_CONSENT"],
  // CPOM parties: establishment-level data of their territory, no personal data.
  // They review its follow-up and validate its annex 4 (instruction DGT/CNAM 2024/132, § VI).
  CARSAT_INGENIEUR_CONSEIL: ["PUBLIC_AGGREGATE", "PARTNER_AGGREGATE", "ESTABLISHMENT", "CPOM_FOLLOW_UP"],
  DREETS_MEDECIN_INSPECTEUR: ["PUBLIC_AGGREGATE", "PARTNER_AGGREGATE", "ESTABLISHMENT", "CPOM_FOLLOW_UP"],
  DREETS_INGENIEUR_PREVENTION: ["PUBLIC_AGGREGATE", "PARTNER_AGGREGATE", "ESTABLISHMENT", "CPOM_FOLLOW_UP"],
  // Analysts count without reading rows: aggregates only, with small-count suppression.
  ANALYST_NATIONAL: ["PUBLIC_AGGREGATE", "PARTNER_AGGREGATE"],
  ANALYST_REGIONAL: ["PUBLIC_AGGREGATE", "PARTNER_AGGREGATE"],
  DPO: ["PUBLIC_AGGREGATE", "PARTNER_AGGREGATE", "AUDIT", "IMPORTS"],
  // Imports its organisation's files (POST /imports, src/http/imports.ts) and reads their provenance;
  // bringing data in gives no right to read anyone's rows (RGPD art. 5-1-c minimisation).
  DATA_STEWARD: ["PUBLIC_AGGREGATE", "IMPORTS"],
};

/** Anonymous callers get the open data only. */
export function groupsOf(viewer: Viewer | null): ReadonlySet<DataGroup> {
  if (!viewer) return new Set(["PUBLIC_AGGREGATE"]);
  return new Set(viewer.roles.flatMap((r) => GROUPS_BY_ROLE[r]));
}

export function hasRole(viewer: Viewer | null, ...roles: Role[]): boolean {
  return !!viewer && viewer.roles.some((r) => roles.includes(r));
}
