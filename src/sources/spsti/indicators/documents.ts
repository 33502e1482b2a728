import type { Role } from "../../../auth/roles.js";
import type { ChangeAuthor, CpomPartyKind } from "../follow-up/party.js";
import type { IndicatorSource } from "./definition.js";

/**
 * The CPOM follow-up as stored and as served. Requests write these
 * collections (declared values, bilans, comments), so they are read from the
 * driver, never through the imported sources' read cache
 * (src/db/imported-reads.ts). Each item is ONE document holding its history,
 * its comments and the idempotency keys applied to it, so that every change
 * is one single-document write (src/db/conditional-write.ts).
 */

/** Declared yearly values of the indicators: `_id` is `<indicator id>:<year>`. */
export const VALUES = "spsti_indicator_values";
/** Yearly bilans of the fiches actions (`<action id>:<year>`) and final bilans of the CPOMs (`<cpom id>:final`). */
export const BILANS = "spsti_cpom_bilans";

export type ChangeKind = "CREATED" | "UPDATED" | "COMMENTED";

/** One change of an item: when, what, by which organisation and roles (never the person: the audit trail names the subject for the DPO). */
export interface ChangeDoc {
  at: Date;
  action: ChangeKind;
  author: ChangeAuthor;
  /** The item's version after the change. */
  version: number;
}

/** A reviewer's comment (DREETS or Carsat). */
export interface CommentDoc {
  id: string;
  at: Date;
  author: ChangeAuthor;
  text: string;
  /** The version of the item the reviewer read. */
  onVersion: number;
}

/** An idempotency key already applied to the item, with the SHA-256 of its request's payload. */
export interface IdemDoc {
  k: string;
  h: string;
}

/** What every follow-up item keeps. */
export interface ItemDoc {
  _id: string;
  cpomId: string;
  spstiId: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  history: ChangeDoc[];
  comments: CommentDoc[];
  idem: IdemDoc[];
}

/** A value declared by a pilot of the SPSTI. */
export interface ValueDoc extends ItemDoc {
  indicatorId: string;
  actionId: string;
  year: number;
  /** Null for a QUALITATIVE indicator: its comment is the value. */
  value: number | null;
  comment: string;
}

export type BilanKind = "YEARLY" | "FINAL";

/** A yearly bilan of a fiche action, or the final bilan of a CPOM (CPOM § 4, "Modalités de suivi et d'évaluation"). */
export interface BilanDoc extends ItemDoc {
  kind: BilanKind;
  /** Null for a final bilan. */
  actionId: string | null;
  /** Null for a final bilan. */
  year: number | null;
  summary: string;
  difficulties: string | null;
  adjustments: string | null;
}

export const valueId = (indicatorId: string, year: number) => `${indicatorId}:${year}`;
export const actionBilanId = (actionId: string, year: number) => `${actionId}:${year}`;
export const finalBilanId = (cpomId: string) => `${cpomId}:final`;

/** GraphQL `FollowUpChange`. */
export interface FollowUpChangeModel {
  at: string;
  action: ChangeKind;
  organisation: { type: CpomPartyKind; id: string };
  roles: Role[];
  version: number;
}

/** GraphQL `FollowUpComment`. */
export interface FollowUpCommentModel {
  id: string;
  at: string;
  organisation: { type: CpomPartyKind; id: string };
  roles: Role[];
  text: string;
  onVersion: number;
}

/** GraphQL `IndicatorValuePart`: one component of a computed value (a direction, a measure type). */
export interface IndicatorValuePartModel {
  key: string;
  label: string;
  value: number | null;
  suppressed: boolean;
}

/** GraphQL `IndicatorValue`. A computed value is never stored: no version, history nor comments. */
export interface IndicatorValueModel {
  id: string;
  indicatorId: string;
  year: number;
  source: IndicatorSource;
  value: number | null;
  suppressed: boolean;
  parts: IndicatorValuePartModel[];
  comment: string | null;
  version: number | null;
  updatedAt: string | null;
  history: FollowUpChangeModel[];
  comments: FollowUpCommentModel[];
}

/** The model of GraphQL `CpomBilan` (its action and CPOM are loaded by id). */
export interface BilanModel {
  id: string;
  kind: BilanKind;
  year: number | null;
  actionId: string | null;
  cpomId: string;
  summary: string;
  difficulties: string | null;
  adjustments: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  history: FollowUpChangeModel[];
  comments: FollowUpCommentModel[];
}

const who = (a: ChangeAuthor) => ({ organisation: { ...a.organisation }, roles: a.roles as Role[] });

function historyOf(doc: ItemDoc): FollowUpChangeModel[] {
  return doc.history.map((h) => ({
    at: h.at.toISOString(),
    action: h.action,
    ...who(h.author),
    version: h.version,
  }));
}

export function commentOf(c: CommentDoc): FollowUpCommentModel {
  return { id: c.id, at: c.at.toISOString(), ...who(c.author), text: c.text, onVersion: c.onVersion };
}

export function toValue(doc: ValueDoc): IndicatorValueModel {
  return {
    id: doc._id,
    indicatorId: doc.indicatorId,
    year: doc.year,
    source: "DECLARED",
    value: doc.value,
    suppressed: false,
    parts: [],
    comment: doc.comment,
    version: doc.version,
    updatedAt: doc.updatedAt.toISOString(),
    history: historyOf(doc),
    comments: doc.comments.map(commentOf),
  };
}

export function toBilan(doc: BilanDoc): BilanModel {
  return {
    id: doc._id,
    kind: doc.kind,
    year: doc.year,
    actionId: doc.actionId,
    cpomId: doc.cpomId,
    summary: doc.summary,
    difficulties: doc.difficulties,
    adjustments: doc.adjustments,
    version: doc.version,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
    history: historyOf(doc),
    comments: doc.comments.map(commentOf),
  };
}
