import type {
  ArretLengthBand,
  ArretRiskType,
  ConsentGroup,
  ConsentMethod,
  ContractType,
  FicheDirection,
  FicheMotif,
  FicheOutcome,
  FicheStatus,
  HeadcountBand,
  OrgRef,
  PdpActionType,
} from "./types.js";

/**
 * Stored shapes of the PDP collections. Optional fields are omitted rather
 * than stored as null: FerretDB v1 decodes every field value of every
 * document on each query, so absent values are free and nulls are not.
 */

/** One fiche de liaison in `pdp_fiches`; no identity field, by design. */
export interface FicheDoc {
  _id: string;
  /** Denormalised for row-level filters: the SPSTI party and every organisation party. */
  spstiId: string;
  orgIds: string[];
  /**
   * `header.status`, mirrored at the root (fiche-shape.ts keeps them equal):
   * the inbox and the groups it reads filter on it, and FerretDB pushes a
   * root equality down to PostgreSQL, never a dotted path (src/db/filter-shape.ts).
   * So an inbox decodes its few SENT fiches, not every fiche of its organisation.
   */
  status: FicheStatus;
  /** Year of sending, denormalised because FerretDB v1 has no date operators in $group. */
  sentYear?: number;
  /**
   * Set by the purge just before it writes the fiche's anonymous contribution
   * to the statistics and deletes it: live counts skip a marked fiche, so a
   * crash between the two steps never counts it twice (src/sources/pdp/purge/purge.ts).
   */
  purging?: true;
  /** Idempotency records of the exchange (never returned to clients). */
  idem?: {
    /** Hash of the normalised creation payload: a retry with the same key and another payload is a CONFLICT. */
    create?: string;
    /** The key of the send and the recipient it went to. */
    send?: { key: string; to: string };
  };
  header: {
    ref: string;
    createdAt: Date;
    updatedAt: Date;
    sentAt?: Date;
    closedAt?: Date;
    version: number;
    origin: OrgRef;
    recipient: OrgRef;
    direction: FicheDirection;
    motif: FicheMotif;
    status: FicheStatus;
    outcome?: FicheOutcome;
    /** Subject of the token that created the fiche (a professional account). */
    createdBy?: string;
  };
  consent?: {
    givenAt: Date;
    how: ConsentMethod;
    recipients: OrgRef[];
    groups: ConsentGroup[];
    withdrawnAt?: Date;
  };
  worker: { pseudonym: string };
  job?: {
    siret: string;
    naf5: string;
    poste: string;
    contractType: ContractType;
    headcountBand: HeadcountBand;
  };
  arret?: { startDate: string; lengthBand: ArretLengthBand; riskType: ArretRiskType; rqth: boolean };
  capacities?: { restrictions: string[] };
  /** Dates are `YYYY-MM-DD` strings: a year range is a string range. */
  actions?: { type: PdpActionType; date: string; partner?: OrgRef }[];
  /** Free-text exchange between the parties, consent-scoped (consent group MESSAGES). */
  messages?: MessageDoc[];
}

/** One stored message of a fiche. */
export interface MessageDoc {
  id: string;
  at: Date;
  from: OrgRef;
  author: string;
  text: string;
}

/** The medical group of one fiche in `pdp_fiches_medical`, `_id` = fiche id. */
export interface MedicalDoc {
  _id: string;
  /** Owning SPSTI, for the row-level rule "médecin du travail of that SPSTI". */
  spstiId: string;
  pathologyGroup: string;
  ald: boolean;
  tauxIp?: number;
  note?: string;
}
