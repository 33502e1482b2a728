import type { YearSpan } from "../../domain/scope.js";

/**
 * Types of the PDP source: fiches de liaison about workers at risk of
 * désinsertion professionnelle. Identity (name, birth date, NIR/INS) is never
 * stored in Passerelle: it stays in the SPSTI's HDS-hosted DMST; a fiche only
 * carries an opaque pseudonym.
 */

/** Collection of the fiches (header, consent, worker and consent-scoped groups as sub-documents). */
export const FICHES = "pdp_fiches";
/** Collection of the medical groups, keyed by fiche id (secret médical, art. 226-13 code pénal). */
export const FICHES_MEDICAL = "pdp_fiches_medical";

export type OrganisationType =
  | "SPSTI"
  | "CARSAT"
  | "CPAM"
  | "DREETS"
  | "CAP_EMPLOI"
  | "MDPH"
  | "COMETE"
  | "NATIONAL";
export interface OrgRef {
  type: OrganisationType;
  id: string;
}

export type FicheDirection = "SPSTI_TO_CARSAT" | "CARSAT_TO_SPSTI" | "SPSTI_TO_OTHER" | "OTHER_TO_SPSTI";
export type FicheStatus = "DRAFT" | "SENT" | "ACKNOWLEDGED" | "IN_PROGRESS" | "CLOSED";
export type FicheOutcome =
  | "MAINTIEN_POSTE"
  | "AMENAGEMENT"
  | "RECLASSEMENT"
  | "RECONVERSION"
  | "INAPTITUDE"
  | "INVALIDITE"
  | "ABANDON";
export type FicheMotif =
  | "ARRET_LONG"
  | "ARRETS_REPETES"
  | "RISQUE_INAPTITUDE"
  | "RESTRICTIONS_DURABLES"
  | "PROJET_RECONVERSION"
  | "DEMANDE_SALARIE";
export type ConsentMethod = "ECRIT" | "ORAL_TRACE" | "ELECTRONIQUE";
/**
 * The groups a worker's consent may cover (the spelling of the fiche form).
 * MESSAGES: the free-text exchange between the parties, which may reveal
 * anything about the situation, so the worker agrees to it explicitly.
 */
export type ConsentGroup = "JOB" | "ARRET" | "CAPACITES" | "ACTIONS" | "MESSAGES";
export type ContractType = "CDI" | "CDD" | "INTERIM" | "APPRENTISSAGE" | "AUTRE";
export type HeadcountBand = "MICRO_LT_11" | "SMALL_11_49" | "MEDIUM_50_249" | "LARGE_250_PLUS";
export type ArretLengthBand = "LT_30J" | "D30_90J" | "D90J_6M" | "GT_6M";
export type ArretRiskType = "MALADIE" | "AT" | "MP";
export type PdpActionType =
  | "RDV_LIAISON"
  | "VISITE_PRE_REPRISE"
  | "ESSAI_ENCADRE"
  | "CRPE"
  | "PTP"
  | "AMENAGEMENT_POSTE"
  | "ORIENTATION";

/**
 * Storage groups of a fiche document, the unit of projection. HEADER, CONSENT
 * and WORKER form the administrative level (FICHE_ADMIN); the other four are
 * shared only within the worker's consent (FICHE_CONSENT). The medical group
 * is not one of them: it lives in another collection.
 */
export type FicheGroup =
  | "HEADER"
  | "CONSENT"
  | "WORKER"
  | "JOB"
  | "ARRET"
  | "CAPACITIES"
  | "ACTIONS"
  | "MESSAGES";
/** The administrative groups every fiche read returns. */
export const ADMIN_GROUPS: readonly FicheGroup[] = ["HEADER", "CONSENT", "WORKER"];

export interface Consent {
  givenAt: string;
  how: ConsentMethod;
  recipients: OrgRef[];
  groups: ConsentGroup[];
  withdrawnAt: string | null;
}

export interface FicheJob {
  siret: string;
  naf5: string;
  /** Fictitious job title, never a person's name. */
  poste: string;
  contractType: ContractType;
  headcountBand: HeadcountBand;
}

export interface FicheArret {
  startDate: string;
  lengthBand: ArretLengthBand;
  riskType: ArretRiskType;
  rqth: boolean;
}

export interface FicheCapacities {
  /** Short functional restrictions without any diagnosis. */
  restrictions: string[];
}

export interface PdpAction {
  type: PdpActionType;
  date: string;
  partner: OrgRef | null;
}

/** A message exchanged on a fiche by one of its parties (the secure channel the CPOM asks for). */
export interface FicheMessage {
  id: string;
  at: string;
  /** The party that wrote it. */
  from: OrgRef;
  /** Subject of the writer's token (a professional account, never the worker). */
  author: string;
  text: string;
}

/** The consent-scoped groups, by storage group name. */
export interface SharedGroups {
  JOB: FicheJob;
  ARRET: FicheArret;
  CAPACITIES: FicheCapacities;
  ACTIONS: PdpAction[];
  MESSAGES: FicheMessage[];
}
export type SharedGroup = keyof SharedGroups;
export const SHARED_GROUPS: readonly SharedGroup[] = ["JOB", "ARRET", "CAPACITIES", "ACTIONS", "MESSAGES"];

/**
 * A fiche as reads return it: header fields flattened, plus the groups that
 * were projected. A consent-scoped group is `undefined` when it was not
 * fetched, `null` when the fiche has none.
 */
export interface Fiche {
  id: string;
  ref: string;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
  /** When the fiche was closed; null while open. The retention period runs from it. */
  closedAt: string | null;
  version: number;
  origin: OrgRef;
  recipient: OrgRef;
  direction: FicheDirection;
  motif: FicheMotif;
  status: FicheStatus;
  outcome: FicheOutcome | null;
  /** The SPSTI party of the fiche (origin or recipient), for row-level filters. */
  spstiId: string;
  /** Origin and recipient ids, for row-level filters. */
  orgIds: string[];
  consent?: Consent | null;
  worker?: { pseudonym: string };
  job?: FicheJob | null;
  arret?: FicheArret | null;
  capacities?: FicheCapacities | null;
  actions?: PdpAction[] | null;
  messages?: FicheMessage[] | null;
}

/**
 * A withdrawal notice: all a former recipient keeps of a fiche once the
 * worker withdrew consent (L.1110-4 III CSP), enough to know that it must
 * stop processing it. No pseudonym, status, content or other recipient
 * (minimisation, art. 5-1-c RGPD).
 */
export interface ConsentWithdrawal {
  /** The fiche's id. */
  id: string;
  ref: string;
  /** The viewer's own organisation, to which the fiche was addressed. */
  recipient: OrgRef;
  withdrawnAt: string;
}

/** Key of a page of withdrawal notices (keyset on withdrawnAt then id). */
export interface WithdrawalQuery {
  /** Only withdrawals at or after this instant. */
  since: string | null;
  limit: number;
  after: string | null;
}

/** Medical group: médecin du travail ↔ médecin conseil only. */
export interface FicheMedical {
  ficheId: string;
  /** CIM-10 chapter letter only (M musculo-squelettique, F troubles mentaux…), never a code. */
  pathologyGroup: string;
  ald: boolean;
  tauxIp: number | null;
  note: string | null;
}

/** Key of the paginated fiche list (keyset on updatedAt then id). */
export interface FicheQuery {
  orgId: string | null;
  status: string[] | null;
  direction: string | null;
  siret: string | null;
  updatedSince: string | null;
  /** Only fiches addressed to this organisation and sent (the inbox); set from the viewer's scope, never from a client. */
  recipientId?: string | null;
  limit: number;
  after: string | null;
  /**
   * Consent-scoped groups to project along with the administrative ones
   * (default none): the list then reads them in its single scan. Honoured for
   * the owning SPSTI's care team only (`Access.prefetchFicheGroups`); a
   * partner's page never projects one, whatever the key says.
   */
  groups?: SharedGroup[];
}

/** Key of the aggregate counts: years of sending (signalements) or of the action (measures). */
export interface SignalementQuery {
  years: YearSpan;
  orgId: string | null;
}

/** Sent fiches (signalements) per year, direction, origin and recipient: CPOM SSTRN volet 1 indicator. */
export interface SignalementCount {
  year: number;
  direction: FicheDirection;
  origin: OrgRef;
  recipient: OrgRef;
  /** Null when disclosure control masks it (a count of persons). */
  count: number | null;
  suppressed: boolean;
}

/** PDP measures mobilised per year and type. */
export interface MeasureCount {
  year: number;
  type: PdpActionType;
  /** Null when disclosure control masks it (a count of persons). */
  count: number | null;
  suppressed: boolean;
}
