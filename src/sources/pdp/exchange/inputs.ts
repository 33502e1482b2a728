import { badInput } from "../../../errors.js";
import type { FicheDoc } from "../documents.js";
import type {
  ArretLengthBand,
  ArretRiskType,
  ConsentGroup,
  ConsentMethod,
  ContractType,
  FicheMotif,
  FicheOutcome,
  HeadcountBand,
  OrgRef,
  OrganisationType,
  PdpActionType,
} from "../types.js";
import { arretDates, dateWithin, freeText, nafSubclass, organisation, pastInstant } from "./validation.js";

/**
 * The mutation inputs (schema/pdp-exchange.graphql) and their normalisation
 * into stored values. Scalars (Siret, NafCode, Date, DateTime) and enums are
 * already checked by graphql-js; the rules that need the clock, a length, a
 * level of the NAF or a reference table are checked here, each error naming
 * its input field. The NIR screening of free text is refuseNir's
 * (validation.ts), run on the whole input first.
 */

export interface JobInput {
  siret: string;
  naf5: string;
  poste: string;
  contractType: ContractType;
  headcountBand: HeadcountBand;
}
export interface ArretInput {
  startDate: string;
  lengthBand: ArretLengthBand;
  riskType: ArretRiskType;
  rqth: boolean;
}
export interface CapacitiesInput {
  restrictions: string[];
}

/** Content groups a draft or an update may carry. */
export interface ContentInput {
  motif?: FicheMotif | null;
  job?: JobInput | null;
  arret?: ArretInput | null;
  capacities?: CapacitiesInput | null;
}
export interface CreateDraftInput extends ContentInput {
  idempotencyKey: string;
  recipient: OrgRef;
  motif: FicheMotif;
  workerPseudonym?: string | null;
}
/** Every change to an existing fiche names it and carries the version the client read. */
export interface VersionedInput {
  id: string;
  expectedVersion: number;
}
export type UpdateInput = VersionedInput & ContentInput;
export interface ConsentInput extends VersionedInput {
  givenAt: string;
  how: ConsentMethod;
  recipients: OrgRef[];
  groups: ConsentGroup[];
}
export interface WithdrawInput extends VersionedInput {
  withdrawnAt?: string | null;
}
export interface SendInput extends VersionedInput {
  recipient: OrgRef;
  idempotencyKey: string;
}
export interface ActionInput extends VersionedInput {
  type: PdpActionType;
  date: string;
  partner?: OrgRef | null;
}
export interface MessageInput extends VersionedInput {
  text: string;
}
export interface CloseInput extends VersionedInput {
  outcome: FicheOutcome;
}

/** Organisations a fiche can be addressed to, by the kind of its author. */
export const RECIPIENT_TYPES: Record<string, readonly OrganisationType[]> = {
  SPSTI: ["CARSAT", "CPAM", "CAP_EMPLOI", "MDPH", "COMETE"],
  CARSAT: ["SPSTI"],
};
/** Organisations a worker may consent to share with, and partners of a measure. */
const PARTNER_TYPES: readonly OrganisationType[] = [
  "SPSTI",
  "CARSAT",
  "CPAM",
  "CAP_EMPLOI",
  "MDPH",
  "COMETE",
];

export const LIMITS = {
  poste: 120,
  restriction: 200,
  restrictions: 12,
  message: 2000,
  messages: 200,
  actions: 50,
  consentRecipients: 8,
} as const;

type Stored = Pick<FicheDoc, "job" | "arret" | "capacities"> & { motif?: FicheMotif };

/** The content groups of a draft or an update, checked and ready to `$set`; groups left out stay as they are. */
export function contentOf(input: ContentInput, path: string, now: Date): Stored {
  const out: Stored = {};
  if (input.motif != null) out.motif = input.motif;
  if (input.job != null) {
    const j = input.job;
    out.job = {
      siret: j.siret,
      naf5: nafSubclass(j.naf5, `${path}.job.naf5`),
      poste: freeText(j.poste, `${path}.job.poste`, LIMITS.poste),
      contractType: j.contractType,
      headcountBand: j.headcountBand,
    };
  }
  if (input.arret != null) {
    const a = input.arret;
    arretDates(a.startDate, a.lengthBand, `${path}.arret`, now);
    out.arret = { startDate: a.startDate, lengthBand: a.lengthBand, riskType: a.riskType, rqth: a.rqth };
  }
  if (input.capacities != null)
    out.capacities = {
      restrictions: restrictionsOf(input.capacities.restrictions, `${path}.capacities.restrictions`),
    };
  return out;
}

function restrictionsOf(list: string[], path: string): string[] {
  if (list.length > LIMITS.restrictions)
    throw badInput(`${path} has ${list.length} items; the maximum is ${LIMITS.restrictions}`, path);
  const out = list.map((r, i) => freeText(r, `${path}.${i}`, LIMITS.restriction));
  if (new Set(out).size !== out.length) throw badInput(`${path} lists the same restriction twice`, path);
  return out;
}

/** The consent as stored: recipients and groups de-duplicated, the date not in the future. */
export function consentOf(input: ConsentInput, now: Date): NonNullable<FicheDoc["consent"]> {
  if (input.recipients.length === 0)
    throw badInput(
      "input.recipients: name at least one organisation the worker agreed to share with",
      "input.recipients",
    );
  if (input.recipients.length > LIMITS.consentRecipients)
    throw badInput(`input.recipients: at most ${LIMITS.consentRecipients} organisations`, "input.recipients");
  if (input.groups.length === 0)
    throw badInput("input.groups: name at least one group the worker agreed to share", "input.groups");
  const recipients = input.recipients.map((r, i) => organisation(r, `input.recipients.${i}`, PARTNER_TYPES));
  const unique = [...new Map(recipients.map((r) => [r.id, r])).values()];
  return {
    givenAt: pastInstant(input.givenAt, "input.givenAt", now),
    how: input.how,
    recipients: unique,
    groups: [...new Set(input.groups)],
  };
}

/** A measure: planned up to a year ahead (a rendez-vous is often booked in advance), not before 2000. */
export function actionOf(input: ActionInput, now: Date): NonNullable<FicheDoc["actions"]>[number] {
  dateWithin(input.date, "input.date", now, {
    aheadDays: 366,
    why: "a measure can be planned at most a year ahead",
  });
  const action: NonNullable<FicheDoc["actions"]>[number] = { type: input.type, date: input.date };
  if (input.partner != null) action.partner = organisation(input.partner, "input.partner", PARTNER_TYPES);
  return action;
}

/** Direction of a fiche from its two parties. */
export function directionOf(origin: OrgRef, recipient: OrgRef): FicheDoc["header"]["direction"] {
  if (origin.type === "SPSTI") return recipient.type === "CARSAT" ? "SPSTI_TO_CARSAT" : "SPSTI_TO_OTHER";
  return origin.type === "CARSAT" ? "CARSAT_TO_SPSTI" : "OTHER_TO_SPSTI";
}

/** The row fields that follow from the two parties: the SPSTI party and both organisation ids. */
export function partiesOf(
  origin: OrgRef,
  recipient: OrgRef,
): Pick<FicheDoc, "spstiId" | "orgIds"> & { direction: FicheDoc["header"]["direction"] } {
  return {
    spstiId: origin.type === "SPSTI" ? origin.id : recipient.id,
    orgIds: [origin.id, recipient.id],
    direction: directionOf(origin, recipient),
  };
}
