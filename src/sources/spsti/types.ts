import type { SectorKey } from "../../domain/scope.js";

/**
 * Entities of the SPSTI source, as the loaders return them. They mirror the
 * documents of the `spsti_*` collections (see repository.ts for the mapping).
 * Counts only: every rate is computed in code from these counts.
 */

/** Staff of an SPSTI by profession (carte d'identité, DGT survey). Head counts, not ETP. */
export interface SpstiStaff {
  medecinsTravail: number;
  /** Collaborateurs médecins (doctors training in occupational medicine), included in medecinsTravail. */
  collaborateursMedecins: number;
  /** Infirmiers en santé au travail (IDEST). */
  infirmiers: number;
  /** IPRP / conseillers en prévention. */
  preventeurs: number;
  /** Assistants santé et sécurité au travail (ASST). */
  assistantsSst: number;
  assistantesMedicales: number;
  ergonomes: number;
  psychologues: number;
  assistantesSociales: number;
  /** Everyone else (direction, support, staff moving between teams). */
  autres: number;
  total: number;
}

/** An SPSTI's identity card (carte d'identité du CPOM), figures at `asOf`. */
export interface Spsti {
  id: string;
  name: string;
  shortName: string;
  /** INSEE region code. */
  region: string;
  /** Départements of its area (its territory), sorted. */
  departements: string[];
  headquartersCity: string;
  asOf: string;
  salaries: number;
  adherents: number;
  equipes: number;
  centres: number;
  hasCellulePdp: boolean;
  agrementFrom: string;
  agrementTo: string;
  staff: SpstiStaff;
}

/** Visits of the suivi individuel de l'état de santé, by type. */
export interface SpstiVisits {
  vip: number;
  sir: number;
  reprise: number;
  preReprise: number;
  aLaDemande: number;
  miCarriere: number;
  finCarriere: number;
}

/** Actions en milieu de travail: `total` includes the three kinds detailed. */
export interface SpstiAmt {
  total: number;
  etudesPoste: number;
  fichesEntreprise: number;
  aideDuerp: number;
}

/** Prevention of désinsertion professionnelle in a year. */
export interface SpstiPdpActivity {
  situations: number;
  signalementsVersServiceSocial: number;
  signalementsDuServiceSocial: number;
  inaptitudes: number;
  amenagements: number;
}

/** One SPSTI's activity in one calendar year (DGT survey). */
export interface ActivityYear {
  spstiId: string;
  year: number;
  salaries: number;
  adherents: number;
  staff: SpstiStaff;
  visits: SpstiVisits;
  amt: SpstiAmt;
  pdp: SpstiPdpActivity;
}

/** An activity year as served: the stored figures and their provenance. */
export interface ActivityRow extends ActivityYear {
  /** Import id (DatasetVersion id) of the stored document. */
  dataVersions: string[];
}

/** A member establishment (fictitious). */
export interface Establishment {
  siret: string;
  name: string;
  naf5: string;
  /** CTN letter of its risk code. */
  ctn: string;
  headcount: number;
  departement: string;
  spstiId: string;
  memberSince: string;
}

/** A page of establishments: `rows` holds up to `limit + 1` rows (pass them to toConnection). */
export interface EstablishmentQuery {
  sector: SectorKey | null;
  departements: string[] | null;
  spstiId: string | null;
  limit: number;
  after: string | null;
}
export interface EstablishmentPage {
  rows: Establishment[];
  totalCount: number;
}

/** SPSTIs whose area intersects these départements (null = all). */
export interface SpstiAreaQuery {
  departements: string[] | null;
}

export * from "./types-cpom.js";
