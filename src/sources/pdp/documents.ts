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
  /** Year of sending, denormalised because FerretDB v1 has no date operators in $group. */
  sentYear?: number;
  header: {
    ref: string;
    createdAt: Date;
    updatedAt: Date;
    sentAt?: Date;
    version: number;
    origin: OrgRef;
    recipient: OrgRef;
    direction: FicheDirection;
    motif: FicheMotif;
    status: FicheStatus;
    outcome?: FicheOutcome;
  };
  consent?: { givenAt: Date; how: ConsentMethod; recipients: OrgRef[]; groups: ConsentGroup[]; withdrawnAt?: Date };
  worker: { pseudonym: string };
  job?: { siret: string; naf5: string; poste: string; contractType: ContractType; headcountBand: HeadcountBand };
  arret?: { startDate: string; lengthBand: ArretLengthBand; riskType: ArretRiskType; rqth: boolean };
  capacities?: { restrictions: string[] };
  /** Dates are `YYYY-MM-DD` strings: a year range is a string range. */
  actions?: { type: PdpActionType; date: string; partner?: OrgRef }[];
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
