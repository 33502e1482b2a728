import type { Db, UpdateFilter } from "mongodb";
import { insertIfAbsent, updateOneWhere } from "../../../db/conditional-write.js";
import type { FicheScope } from "../../../auth/scopes.js";
import type { FicheDoc } from "../documents.js";
import { fetchOneById } from "../read/repository.js";
import { ficheScopeCondition, type Condition } from "../read/scope-filter.js";
import { FICHES } from "../types.js";

/**
 * The exchange's Mongo calls. Each write is ONE single-document command
 * (FerretDB has no multi-document transaction): an insert with a
 * deterministic `_id`, or an updateOne whose filter carries the version the
 * client read, the allowed states, the party and the viewer's scope, with
 * `$set`/`$inc`/`$push` only (operators checked on FerretDB v1 in
 * tests/pdp-exchange-ops.test.ts). A crash leaves the fiche before or after
 * the change, never half-way.
 */

/** Inserts a new fiche; false when a fiche with this `_id` exists already (an idempotent retry). */
export function insertFiche(db: Db, doc: FicheDoc): Promise<boolean> {
  return insertIfAbsent(db, FICHES, doc);
}

/**
 * One conditional update of fiche `id`; true when the fiche met every
 * condition and the update was applied. The caller holds the fiche's lock
 * (fiche-lock.ts). How it stays one atomic write on MongoDB and on FerretDB:
 * src/db/conditional-write.ts.
 */
export function updateFicheWhere(
  db: Db,
  id: string,
  conditions: readonly Condition[],
  update: UpdateFilter<FicheDoc>,
): Promise<boolean> {
  return updateOneWhere<FicheDoc>(db, FICHES, id, conditions, mirrorStatus(update));
}

/** The update with `status` set wherever `header.status` is: the two change in the same single-document write. */
function mirrorStatus(update: UpdateFilter<FicheDoc>): UpdateFilter<FicheDoc> {
  const set = update.$set as Record<string, unknown> | undefined;
  if (!set || !("header.status" in set)) return update;
  return { ...update, $set: { ...set, status: set["header.status"] } } as UpdateFilter<FicheDoc>;
}

/** What a refused write is diagnosed from: row fields, header, consent and idempotency records; never a consent-scoped group. */
const STATE_PROJECTION: Record<string, 1> = { _id: 1, spstiId: 1, orgIds: 1, header: 1, consent: 1, idem: 1 };

/** A fiche's state within the viewer's scope, for diagnosing a refused write; null when it is not there for the viewer. */
export async function fetchFicheState(db: Db, scope: FicheScope, id: string): Promise<FicheDoc | null> {
  const scoped = ficheScopeCondition(scope);
  if (!scoped) return null;
  return (await fetchOneById(db, id, scoped, STATE_PROJECTION))[0] ?? null;
}

/** Whether the fiche matches `condition` (e.g. a list at its size limit), reading `_id` only. */
export async function ficheMatches(db: Db, id: string, condition: Condition): Promise<boolean> {
  return (await fetchOneById(db, id, condition, { _id: 1 })).length === 1;
}
