import type { Db, Filter, UpdateFilter } from "mongodb";
import type { FicheScope } from "../../../auth/scopes.js";
import type { FicheDoc } from "../documents.js";
import { fetchOneById } from "../read/repository.js";
import { allOf, ficheScopeCondition, type Condition } from "../read/scope-filter.js";
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

/** MongoDB's (and FerretDB's) duplicate-key error code. */
const DUPLICATE_KEY = 11000;

/** Inserts a new fiche; false when a fiche with this `_id` exists already (an idempotent retry). */
export async function insertFiche(db: Db, doc: FicheDoc): Promise<boolean> {
  try {
    await db.collection<FicheDoc>(FICHES).insertOne(doc);
    return true;
  } catch (err) {
    if ((err as { code?: unknown }).code === DUPLICATE_KEY) return false;
    throw err;
  }
}

/**
 * One conditional update of fiche `id`; true when the fiche met every
 * condition and the update was applied. The caller holds the fiche's lock
 * (fiche-lock.ts).
 *
 * On MongoDB: ONE updateOne whose filter is `{_id}` and every condition,
 * atomic by itself. On FerretDB v1 the same filter would give no more
 * atomicity (its update is read, modify, write back, outside a transaction;
 * the lock is what serialises the writes) and costs a scan of the whole
 * collection, because its update pushes down only a lone `{_id}` filter
 * (measured on the region seed: 250 ms for a fiche near the end of the
 * table, 10× more at national scale). There the conditions are checked by a
 * pushed-down read of that one fiche (`$match {_id}` first), then the write
 * goes by `{_id}` alone: the same outcome, within the lock, in ~30 ms.
 */
export async function updateFicheWhere(
  db: Db,
  id: string,
  conditions: readonly Condition[],
  update: UpdateFilter<FicheDoc>,
): Promise<boolean> {
  const fiches = db.collection<FicheDoc>(FICHES);
  if (!(await isFerretDb(db)))
    return (
      (await fiches.updateOne(allOf([{ _id: id }, ...conditions]) as Filter<FicheDoc>, update))
        .matchedCount === 1
    );
  if ((await fetchOneById(db, id, allOf(conditions), { _id: 1 })).length === 0) return false;
  return (await fiches.updateOne({ _id: id }, update)).matchedCount === 1;
}

const backends = new WeakMap<Db, Promise<boolean>>();

/** Whether `db` is served by FerretDB (its buildInfo says so); asked once per connection. */
function isFerretDb(db: Db): Promise<boolean> {
  let known = backends.get(db);
  if (!known) {
    known = db
      .admin()
      .command({ buildInfo: 1 })
      .then(
        (info) => "ferretdbVersion" in info,
        () => false,
      );
    backends.set(db, known);
  }
  return known;
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
