/**
 * Roles, organisation types and data groups: the vocabulary of the policy.
 * They mirror the enums of schema/_directives.graphql and _base.graphql.
 */
export const ROLES = [
  "MEDECIN_TRAVAIL",
  "INFIRMIER_SANTE_TRAVAIL",
  "CELLULE_PDP",
  "PREVENTEUR",
  "SPSTI_DIRECTION",
  "CARSAT_SERVICE_SOCIAL",
  "CARSAT_INGENIEUR_CONSEIL",
  "DREETS_MEDECIN_INSPECTEUR",
  "DREETS_INGENIEUR_PREVENTION",
  "ANALYST_NATIONAL",
  "ANALYST_REGIONAL",
  "DPO",
  "DATA_STEWARD",
] as const;
export type Role = (typeof ROLES)[number];

export const ORG_TYPES = ["SPSTI", "CARSAT", "CPAM", "DREETS", "NATIONAL"] as const;
export type OrgType = (typeof ORG_TYPES)[number];

export type DataGroup =
  | "PUBLIC_AGGREGATE"
  | "PARTNER_AGGREGATE"
  | "ESTABLISHMENT"
  | "FICHE_ADMIN"
  | "FICHE_CONSENT"
  | "FICHE_MEDICAL"
  | "AUDIT"
  | "IMPORTS"
  | "CPOM_FOLLOW_UP";

/**
 * Which organisation a role can belong to. A token whose role does not fit
 * its organisation (a "médecin du travail" of a Carsat) is refused.
 */
export const ROLE_ORGS: Record<Role, readonly OrgType[]> = {
  MEDECIN_TRAVAIL: ["SPSTI"],
  INFIRMIER_SANTE_TRAVAIL: ["SPSTI"],
  CELLULE_PDP: ["SPSTI"],
  PREVENTEUR: ["SPSTI"],
  SPSTI_DIRECTION: ["SPSTI"],
  CARSAT_SERVICE_SOCIAL: ["CARSAT"],
  CARSAT_INGENIEUR_CONSEIL: ["CARSAT"],
  DREETS_MEDECIN_INSPECTEUR: ["DREETS"],
  DREETS_INGENIEUR_PREVENTION: ["DREETS"],
  ANALYST_NATIONAL: ["NATIONAL", "CARSAT", "DREETS", "CPAM", "SPSTI"],
  ANALYST_REGIONAL: ["DREETS", "CARSAT", "SPSTI", "CPAM"],
  DPO: ["SPSTI", "CARSAT", "CPAM", "DREETS", "NATIONAL"],
  // A steward brings its own organisation's files in: a caisse its figures, the national
  // Assurance Maladie the national files, a DREETS its region's survey tables, an SPSTI its members.
  DATA_STEWARD: ["SPSTI", "CARSAT", "DREETS", "NATIONAL"],
};

/** An authenticated caller, from a verified token. `null` in a context means anonymous. */
export interface Viewer {
  subject: string;
  org: { type: OrgType; id: string };
  roles: Role[];
  /** INSEE region code, for regional roles (DREETS, regional analysts); from the token or the organisation. */
  region: string | null;
}
