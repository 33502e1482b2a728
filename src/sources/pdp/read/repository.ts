import type { Db, Filter, Sort } from "mongodb";
import { ONE_REPLY } from "../../../db/mongo.js"; // every read in one reply: commands do not grow with the page
import type { FicheScope } from "../../../auth/scopes.js";
import type { FicheDoc, MedicalDoc } from "../documents.js";
import {
  WITHDRAWAL_PROJECTION,
  groupProjection,
  groupsProjection,
  parseFicheCursorKey,
  toFiche,
  toGroups,
  toMedical,
  toWithdrawal,
  type FicheGroups,
} from "./mapping.js";
import { allOf } from "../../../db/filter-shape.js";
import {
  ficheScopeCondition,
  medicalScopeCondition,
  withdrawalScopeCondition,
  type Condition,
} from "./scope-filter.js";
import {
  FICHES,
  FICHES_MEDICAL,
  type ConsentWithdrawal,
  type Fiche,
  type FicheGroup,
  type FicheMedical,
  type SharedGroup,
  type WithdrawalQuery,
} from "../types.js";

/**
 * The only place with Mongo calls for the PDP source. Every read takes the
 * viewer's FicheScope and adds it to its filter (a scope without rows sends
 * no command at all), and names the storage groups it projects, so a group
 * the viewer may not see never leaves the database. The medical collection
 * is read by fetchMedical alone.
 */

/** Typed filter of a fiche read; built into Mongo through the allow-list below only. */
export interface FicheFilter {
  ids?: readonly string[];
  orgId?: string | null;
  status?: readonly string[] | null;
  direction?: string | null;
  siret?: string | null;
  updatedSince?: string | null;
  /** Only sent fiches addressed to this organisation (the inbox). */
  recipientId?: string | null;
  /** A cursor key from ficheCursorKey: rows strictly after it in list order. */
  after?: string | null;
}

/** List order: by last update then id, so a changed fiche moves to the end (safe for incremental sync). */
const LIST_SORT: Sort = { "header.updatedAt": 1, _id: 1 };

const idCondition = (ids: readonly string[]): Condition =>
  ids.length === 1 ? { _id: ids[0] } : { _id: { $in: [...ids] } };

/**
 * The Mongo filter of a read: the viewer's scope, then the allow-listed
 * fields; null when the scope has no row. A filter on `job.siret` is a
 * filter on a consent-scoped group, so a partner's scope then also requires
 * the worker's consent to cover JOB.
 */
export function ficheFilter(scope: FicheScope, f: FicheFilter): Filter<FicheDoc> | null {
  const scoped = ficheScopeCondition(scope, f.siret != null ? ["JOB"] : []);
  if (!scoped) return null;
  const and: Condition[] = [];
  if (f.ids) and.push(idCondition(f.ids));
  and.push(scoped);
  if (f.orgId != null) and.push({ orgIds: f.orgId });
  // The root mirror of header.status (documents.ts): one status is an equality FerretDB pushes down.
  if (f.status != null) and.push({ status: f.status.length === 1 ? f.status[0] : { $in: [...f.status] } });
  if (f.direction != null) and.push({ "header.direction": f.direction });
  if (f.siret != null) and.push({ "job.siret": f.siret });
  if (f.recipientId != null)
    and.push({ "header.recipient.id": f.recipientId }, { "header.status": { $ne: "DRAFT" } });
  if (f.updatedSince != null) and.push({ "header.updatedAt": { $gte: new Date(f.updatedSince) } });
  if (f.after != null) and.push(keysetAfter("header.updatedAt", f.after));
  return allOf(and) as Filter<FicheDoc>;
}

/** The keyset condition of a page after `cursor`, on (`field`, `_id`): the cursor was validated by the resolver. */
function keysetAfter(field: string, cursor: string): Condition {
  const c = parseFicheCursorKey(cursor);
  if (!c) throw new Error("cursor key was not validated before reaching the repository");
  return { $or: [{ [field]: { $gt: c.updatedAt } }, { [field]: c.updatedAt, _id: { $gt: c.id } }] };
}

/**
 * The documents of ONE fiche matching `condition`, with `projection`. FerretDB
 * v1 pushes down an aggregate's first `$match {_id}` (on SQLite, only a lone
 * `{_id}` is ever pushed down): the row rule then runs on the one document
 * found instead of on every document (measured on the region seed on SQLite:
 * 15 ms instead of 170 ms). The rule is still in the database query.
 */
export async function fetchOneById(
  db: Db,
  id: string,
  condition: Condition,
  projection: Record<string, 1>,
): Promise<FicheDoc[]> {
  return db
    .collection<FicheDoc>(FICHES)
    .aggregate<FicheDoc>([{ $match: { _id: id } }, { $match: condition }, { $project: projection }])
    .toArray();
}

/** Fiches of the scope matching `filter`, projecting only `groups` (plus the header), in list order. */
export async function fetchFiches(
  db: Db,
  scope: FicheScope,
  filter: FicheFilter,
  groups: readonly FicheGroup[],
  limit?: number,
): Promise<Fiche[]> {
  const mongoFilter = ficheFilter(scope, filter);
  if (!mongoFilter || filter.ids?.length === 0) return [];
  if (filter.ids?.length === 1 && limit === undefined) {
    const docs = await fetchOneById(
      db,
      filter.ids[0],
      ficheFilter(scope, { ...filter, ids: undefined }) as Condition,
      groupProjection(groups),
    );
    return docs.map((d) => toFiche(d, groups));
  }
  let cursor = db
    .collection<FicheDoc>(FICHES)
    .find(mongoFilter, { projection: groupProjection(groups), batchSize: ONE_REPLY });
  if (limit !== undefined) cursor = cursor.sort(LIST_SORT).limit(limit);
  const docs = await cursor.toArray();
  return docs.map((d) => toFiche(d, groups));
}

/** Number of fiches of the scope matching `filter` (the cursor is ignored: a total counts every page). */
export async function countFiches(db: Db, scope: FicheScope, filter: FicheFilter): Promise<number> {
  const mongoFilter = ficheFilter(scope, { ...filter, after: null });
  return mongoFilter ? db.collection<FicheDoc>(FICHES).countDocuments(mongoFilter) : 0;
}

/**
 * Consent-scoped groups of the given fiches, projecting `_id` and those
 * groups only. For a partner the filter requires the consent to cover every
 * one of `groups`: the enforcement point checked it per fiche already, and the
 * database checks it again, so a group is never read outside the consent.
 */
export async function fetchGroups(
  db: Db,
  scope: FicheScope,
  ids: readonly string[],
  groups: readonly SharedGroup[],
  status?: string,
): Promise<FicheGroups[]> {
  const scoped = ficheScopeCondition(scope, groups);
  if (!scoped || ids.length === 0) return [];
  if (ids.length === 1)
    return (await fetchOneById(db, ids[0], scoped, groupsProjection(groups))).map((d) => toGroups(d, groups));
  // `status`, when the caller knows the fiches' status: a root equality FerretDB pushes down,
  // where `_id: {$in}` is not (docs/embedded-database.md).
  const filter = allOf([idCondition(ids), ...(status ? [{ status }] : []), scoped]) as Filter<FicheDoc>;
  const docs = await db
    .collection<FicheDoc>(FICHES)
    .find(filter, { projection: groupsProjection(groups), batchSize: ONE_REPLY })
    .toArray();
  return docs.map((d) => toGroups(d, groups));
}

/**
 * Medical groups of the given fiches, from their own collection, within the
 * owning SPSTI's rows only. Secret médical (art. 226-13 code pénal): shared
 * between médecin du travail and médecin conseil only, so it is never fetched
 * along with anything else, and never for a partner (no command is sent).
 */
export async function fetchMedical(
  db: Db,
  scope: FicheScope,
  ficheIds: readonly string[],
): Promise<FicheMedical[]> {
  const scoped = medicalScopeCondition(scope);
  if (!scoped || ficheIds.length === 0) return [];
  const filter = allOf([idCondition(ficheIds), scoped]) as Filter<MedicalDoc>;
  const projection = { _id: 1, pathologyGroup: 1, ald: 1, tauxIp: 1, note: 1 };
  const docs = await db
    .collection<MedicalDoc>(FICHES_MEDICAL)
    .find(filter, { projection, batchSize: ONE_REPLY })
    .toArray();
  return docs.map(toMedical);
}

/** Order of the withdrawal notices: by withdrawal, then id (a new withdrawal comes last: safe for incremental sync). */
const WITHDRAWAL_SORT: Sort = { "consent.withdrawnAt": 1, _id: 1 };

/** The Mongo filter of a page of withdrawal notices: the viewer's own organisation's (scope-filter.ts), then `since` and the cursor. */
function withdrawalFilter(
  scope: FicheScope,
  q: Pick<WithdrawalQuery, "since" | "after">,
): Filter<FicheDoc> | null {
  const scoped = withdrawalScopeCondition(scope);
  if (!scoped) return null;
  const and: Condition[] = [scoped];
  if (q.since != null) and.push({ "consent.withdrawnAt": { $gte: new Date(q.since) } });
  if (q.after != null) and.push(keysetAfter("consent.withdrawnAt", q.after));
  return allOf(and) as Filter<FicheDoc>;
}

/**
 * A keyset page of the viewer's withdrawal notices (`limit` rows), projecting
 * WITHDRAWAL_PROJECTION only: a former recipient's read never takes anything
 * else of the fiche out of the database.
 */
export async function fetchWithdrawals(
  db: Db,
  scope: FicheScope,
  q: WithdrawalQuery,
  limit: number,
): Promise<ConsentWithdrawal[]> {
  const filter = withdrawalFilter(scope, q);
  if (!filter) return [];
  const docs = await db
    .collection<FicheDoc>(FICHES)
    .find(filter, { projection: WITHDRAWAL_PROJECTION, batchSize: ONE_REPLY })
    .sort(WITHDRAWAL_SORT)
    .limit(limit)
    .toArray();
  return docs.map(toWithdrawal);
}

/** Number of the viewer's withdrawal notices at or after `since` (all pages). */
export async function countWithdrawals(
  db: Db,
  scope: FicheScope,
  q: Pick<WithdrawalQuery, "since">,
): Promise<number> {
  const filter = withdrawalFilter(scope, { since: q.since, after: null });
  return filter ? db.collection<FicheDoc>(FICHES).countDocuments(filter) : 0;
}
