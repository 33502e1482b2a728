import type { Db, Document, UpdateFilter } from "mongodb";
import { findOneWhere, insertIfAbsent, updateOneWhere } from "../../../db/conditional-write.js";
import { ONE_REPLY } from "../../../db/mongo.js";
import { idFilter, oneOrIn } from "../repository.js";
import { BILANS, VALUES, finalBilanId, type BilanDoc, type ItemDoc, type ValueDoc } from "./documents.js";

/**
 * The follow-up's Mongo calls. The items (values, bilans) are read and
 * written through the driver; the CPOM actions they hang on are imported
 * data, read through ImportedReads. Each write is ONE single-document insert
 * or conditional update (src/db/conditional-write.ts).
 */

export type FollowUpCollection = typeof VALUES | typeof BILANS;

/** Everything a read serves; the idempotency records stay in the database. */
const NO_IDEM = { idem: 0 } as const;

/** Declared values of these indicators, by id (one find). */
export function findValuesOf(db: Db, indicatorIds: readonly string[]): Promise<ValueDoc[]> {
  return db
    .collection(VALUES)
    .find<ValueDoc>({ indicatorId: oneOrIn(indicatorIds) }, { projection: NO_IDEM, batchSize: ONE_REPLY })
    .sort({ _id: 1 })
    .toArray();
}

/** Yearly bilans of these actions, by id (one find). */
export function findActionBilans(db: Db, actionIds: readonly string[]): Promise<BilanDoc[]> {
  return db
    .collection(BILANS)
    .find<BilanDoc>({ actionId: oneOrIn(actionIds) }, { projection: NO_IDEM, batchSize: ONE_REPLY })
    .sort({ _id: 1 })
    .toArray();
}

/** Final bilans of these CPOMs (one find by `_id`). */
export function findFinalBilans(db: Db, cpomIds: readonly string[]): Promise<BilanDoc[]> {
  return db
    .collection(BILANS)
    .find<BilanDoc>(idFilter(cpomIds.map(finalBilanId)), { projection: NO_IDEM, batchSize: ONE_REPLY })
    .toArray();
}

/** One item as stored now, idempotency records included (for a replay or a diagnosis); null when absent. */
export async function findItem<T extends ItemDoc>(
  db: Db,
  collection: FollowUpCollection,
  id: string,
): Promise<T | null> {
  return (await findOneWhere<T>(db, collection, id, {}, ITEM_PROJECTION))[0] ?? null;
}
const ITEM_PROJECTION: Record<string, 1> = {
  cpomId: 1,
  spstiId: 1,
  version: 1,
  createdAt: 1,
  updatedAt: 1,
  history: 1,
  comments: 1,
  idem: 1,
  // values
  indicatorId: 1,
  actionId: 1,
  year: 1,
  value: 1,
  comment: 1,
  // bilans
  kind: 1,
  summary: 1,
  difficulties: 1,
  adjustments: 1,
};

/** Inserts a new item; false when one with its `_id` exists already. */
export function insertItem(db: Db, collection: FollowUpCollection, doc: ItemDoc): Promise<boolean> {
  return insertIfAbsent(db, collection, doc);
}

/** One conditional update of an item; true when it met every condition. The caller holds the item's lock. */
export function updateItemWhere(
  db: Db,
  collection: FollowUpCollection,
  id: string,
  conditions: readonly Document[],
  update: UpdateFilter<ItemDoc>,
): Promise<boolean> {
  return updateOneWhere<ItemDoc>(db, collection, id, conditions, update);
}

/** Fiches actions by id: the CPOM repository's (imported data, one find). */
export { findActionsById } from "../repository-cpom.js";
