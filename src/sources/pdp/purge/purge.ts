import { createHash } from "node:crypto";
import type { Db, Filter } from "mongodb";
import type { FicheDoc, MedicalDoc } from "../documents.js";
import { ONE_REPLY } from "../../../db/mongo.js";
import {
  FICHES,
  FICHES_MEDICAL,
  type FicheDirection,
  type FicheOutcome,
  type OrgRef,
  type PdpActionType,
} from "../types.js";

/**
 * Retention of the fiches de liaison: a closed fiche is kept for a period
 * (PDP_RETENTION_YEARS, default 2 years after closure: the "liaison metadata"
 * retention of docs/pdp-exchange.md), then deleted with its medical group.
 * Only its anonymous contribution to the yearly statistics survives, so that
 * the CPOM indicators (signalements per year and direction, measures
 * mobilised) do not change when the fiche goes.
 *
 * Crash-safe without transactions, in three idempotent steps per batch:
 * 1. mark the fiches `purging` (live counts skip them from then on);
 * 2. insert each one's contribution under an id derived one-way from the
 *    fiche id (a re-run finds it there: duplicate key, nothing doubled);
 * 3. delete the medical groups, then the marked fiches.
 * A crash after 1 leaves marked fiches without contribution: the next run
 * takes them again (they are still closed and old). The indicators read live
 * unmarked fiches + contributions, so a fiche counts once at every step.
 */

/** The anonymous statistics of purged fiches: one document per purged fiche, no identifier of a person, establishment or fiche. */
export const PURGED_STATS = "pdp_purged_stats";

export interface PurgedStatDoc {
  /** One-way digest of the fiche id: makes a re-run idempotent, and leads back to nothing once the fiche is gone. */
  _id: string;
  /** Year of sending; absent for a fiche closed as a draft (never a signalement). */
  sentYear?: number;
  direction: FicheDirection;
  /** The organisations (not persons): the indicators are per SPSTI and Carsat. */
  origin: OrgRef;
  recipient: OrgRef;
  orgIds: string[];
  closedYear: number;
  outcome?: FicheOutcome;
  /** Measures mobilised, reduced to year and type. */
  measures: { year: number; type: PdpActionType }[];
}

export interface PurgeOptions {
  retentionYears: number;
  now?: Date;
  /** Fiches per batch (each batch is five commands). */
  batchSize?: number;
}

export interface PurgeResult {
  cutoff: Date;
  purged: number;
}

const DUPLICATE_KEY = 11000;

/** One-way id of a purged fiche's statistics. */
export const purgedStatId = (ficheId: string) =>
  `ps_${createHash("sha256").update(`passerelle:pdp-purged:${ficheId}`).digest("hex").slice(0, 32)}`;

/** The date before which a closure is past retention. */
export function retentionCutoff(now: Date, retentionYears: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - retentionYears);
  return cutoff;
}

export type Candidate = Pick<FicheDoc, "_id" | "sentYear" | "orgIds" | "actions"> & {
  header: Pick<
    FicheDoc["header"],
    "direction" | "origin" | "recipient" | "outcome" | "closedAt" | "updatedAt"
  >;
};
export const CANDIDATE_PROJECTION = {
  _id: 1,
  sentYear: 1,
  orgIds: 1,
  "actions.type": 1,
  "actions.date": 1,
  "header.direction": 1,
  "header.origin": 1,
  "header.recipient": 1,
  "header.outcome": 1,
  "header.closedAt": 1,
  "header.updatedAt": 1,
};

/** Purges the closed fiches past retention; safe to run again at any time, and after a crash. */
export async function purgeClosedFiches(db: Db, opts: PurgeOptions): Promise<PurgeResult> {
  const cutoff = retentionCutoff(opts.now ?? new Date(), opts.retentionYears);
  const limit = opts.batchSize ?? 500;
  const fiches = db.collection<FicheDoc>(FICHES);
  const filter: Filter<FicheDoc> = { "header.status": "CLOSED", "header.closedAt": { $lt: cutoff } };
  let purged = 0;
  for (;;) {
    const batch = (await fiches
      .find(filter, { projection: CANDIDATE_PROJECTION, batchSize: ONE_REPLY })
      .limit(limit)
      .toArray()) as Candidate[];
    if (batch.length === 0) return { cutoff, purged };
    const ids = batch.map((f) => f._id);
    await fiches.updateMany({ _id: { $in: ids } }, { $set: { purging: true } });
    await insertContributions(db, batch.map(contributionOf));
    await db.collection<MedicalDoc>(FICHES_MEDICAL).deleteMany({ _id: { $in: ids } });
    purged += (await fiches.deleteMany({ _id: { $in: ids }, purging: true })).deletedCount;
    if (batch.length < limit) return { cutoff, purged };
  }
}

/** The anonymous yearly contribution of one fiche (exported for the crash tests). */
export function contributionOf(f: Candidate): PurgedStatDoc {
  const h = f.header;
  const doc: PurgedStatDoc = {
    _id: purgedStatId(f._id),
    direction: h.direction,
    origin: { type: h.origin.type, id: h.origin.id },
    recipient: { type: h.recipient.type, id: h.recipient.id },
    orgIds: [h.origin.id, h.recipient.id],
    closedYear: (h.closedAt ?? h.updatedAt).getUTCFullYear(),
    measures: (f.actions ?? []).map((a) => ({ year: Number(a.date.slice(0, 4)), type: a.type })),
  };
  if (f.sentYear !== undefined) doc.sentYear = f.sentYear;
  if (h.outcome) doc.outcome = h.outcome;
  return doc;
}

/** Inserts contributions; one already there (a re-run after a crash) is left as it is. */
async function insertContributions(db: Db, docs: PurgedStatDoc[]): Promise<void> {
  try {
    await db.collection<PurgedStatDoc>(PURGED_STATS).insertMany(docs, { ordered: false });
  } catch (err) {
    const writeErrors = (err as { writeErrors?: { code?: number }[] | { code?: number } }).writeErrors;
    const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
    if (list.length === 0 || list.some((e) => e.code !== DUPLICATE_KEY)) throw err;
  }
}
