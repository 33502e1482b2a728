import { GraphQLError } from "graphql";
import type { Db, UpdateFilter } from "mongodb";
import { withDocLock } from "../../../db/conditional-write.js";
import { ErrorCode, badInput } from "../../../errors.js";
import { keyReused } from "../../../graphql/write-inputs.js";
import type { ChangeAuthor } from "../follow-up/party.js";
import type { ChangeKind, CommentDoc, ItemDoc } from "./documents.js";
import { findItem, insertItem, updateItemWhere, type FollowUpCollection } from "./repository.js";

/**
 * The one write of a follow-up change, shared by values, bilans and
 * comments: an insert with a deterministic `_id`, or an update whose filter
 * holds the version the client read and that the idempotency key is new. Its
 * history entry and key are pushed by the same write. When it matches
 * nothing, the item is read again to say why: a retry of the same request
 * (answered as it was), a key reused for another payload, a stale version.
 */

/** Changes an item may keep (history entries, comments included); past it, a new change is refused. */
export const MAX_CHANGES = 200;

export interface ItemWrite {
  collection: FollowUpCollection;
  id: string;
  /** The item in words, for messages: "the 2024 value of indicator …". */
  label: string;
  key: string;
  /** SHA-256 of the request's payload: a retry with the same key must carry the same. */
  hash: string;
  now: Date;
  author: ChangeAuthor;
}

/** CONFLICT naming the version the item is at now (0: nothing recorded yet). */
export function staleVersion(
  w: Pick<ItemWrite, "label">,
  expected: number | null,
  current: number,
): GraphQLError {
  const sent = expected === null ? "no expectedVersion (a creation)" : `version ${expected}`;
  const now =
    current === 0
      ? "nothing is recorded yet: leave expectedVersion out to create it"
      : `it is now at version ${current}: read it again, then retry on that version`;
  return new GraphQLError(
    `${capitalised(w.label)} has changed since you read it (you sent ${sent}); ${now}.`,
    {
      extensions: { code: ErrorCode.CONFLICT, argument: "input.expectedVersion", currentVersion: current },
    },
  );
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const lockOf = (w: ItemWrite) => `${w.collection}:${w.id}`;

/** A retry of a request already applied ("replay"), a key reused for another payload (an error), or neither (null). */
function replayOf(doc: ItemDoc, w: ItemWrite): "replay" | GraphQLError | null {
  const used = doc.idem?.find((i) => i.k === w.key);
  if (!used) return null;
  return used.h === w.hash ? "replay" : keyReused("input.idempotencyKey", "another change");
}

/** Creates the item (version 1) with its own `fields`; a retry of the same request is a no-op. */
export async function createItem(
  db: Db,
  w: ItemWrite,
  fields: Pick<ItemDoc, "cpomId" | "spstiId"> & Record<string, unknown>,
): Promise<void> {
  const doc: ItemDoc = {
    ...fields,
    _id: w.id,
    version: 1,
    createdAt: w.now,
    updatedAt: w.now,
    history: [{ at: w.now, action: "CREATED", author: w.author, version: 1 }],
    comments: [],
    idem: [{ k: w.key, h: w.hash }],
  };
  await withDocLock(lockOf(w), async () => {
    if (await insertItem(db, w.collection, doc)) return;
    const existing = await findItem(db, w.collection, w.id);
    // Nothing deletes an item: a failed insert means it exists, unless the database failed (then this read throws too).
    if (!existing) throw staleVersion(w, null, 0);
    const replay = replayOf(existing, w);
    if (replay === "replay") return;
    throw replay ?? staleVersion(w, null, existing.version);
  });
}

/**
 * Changes the item at version `expected`: `set` replaces fields, a comment is
 * appended. `missing` is the error when the item does not exist.
 */
export async function updateItem(
  db: Db,
  w: ItemWrite,
  expected: number,
  change: { action: ChangeKind; set?: Record<string, unknown>; comment?: CommentDoc },
  missing: () => GraphQLError,
): Promise<void> {
  const next = expected + 1;
  const update: UpdateFilter<ItemDoc> = {
    $set: { ...change.set, updatedAt: w.now },
    $inc: { version: 1 },
    $push: {
      history: { at: w.now, action: change.action, author: w.author, version: next },
      idem: { k: w.key, h: w.hash },
      ...(change.comment ? { comments: change.comment } : {}),
    } as never,
  };
  const conditions = [
    { version: expected, "idem.k": { $ne: w.key }, [`history.${MAX_CHANGES - 1}`]: { $exists: false } },
  ];
  await withDocLock(lockOf(w), async () => {
    if (await updateItemWhere(db, w.collection, w.id, conditions, update)) return;
    const doc = await findItem(db, w.collection, w.id);
    if (!doc) throw missing();
    const replay = replayOf(doc, w);
    if (replay === "replay") return;
    if (replay) throw replay;
    if (doc.version !== expected) throw staleVersion(w, expected, doc.version);
    if (doc.history.length >= MAX_CHANGES)
      throw badInput(`${capitalised(w.label)} already has ${MAX_CHANGES} changes, the maximum.`);
    throw staleVersion(w, expected, doc.version);
  });
}
