import type { Db, Filter, Sort } from "mongodb";
import type { FicheDoc, MedicalDoc } from "./documents.js";
import { groupProjection, parseFicheCursorKey, toFiche, toMedical } from "./mapping.js";
import { FICHES, FICHES_MEDICAL, type Fiche, type FicheGroup, type FicheMedical } from "./types.js";

/**
 * The only place with Mongo calls for the PDP source. Every read names the
 * storage groups it projects, so that the authorization step can pass only
 * the groups a viewer may see; the medical collection is read by
 * fetchMedical alone.
 */

/** Typed filter of a fiche read; built into Mongo through the allow-list below only. */
export interface FicheFilter {
  ids?: readonly string[];
  orgId?: string | null;
  status?: readonly string[] | null;
  direction?: string | null;
  siret?: string | null;
  updatedSince?: string | null;
  /** A cursor key from ficheCursorKey: rows strictly after it in list order. */
  after?: string | null;
}

/**
 * Every read asks for all its rows in the first reply: the driver's default
 * first batch is 101 documents and the rest would come by getMore, making the
 * number of commands grow with the page size.
 */
export const ONE_REPLY = 100_000;

/** List order: by last update then id, so a changed fiche moves to the end (safe for incremental sync). */
const LIST_SORT: Sort = { "header.updatedAt": 1, _id: 1 };

/**
 * Builds the Mongo filter from the allow-list of fields. A lone id stays a
 * lone `{_id}` equality: it is the one filter FerretDB v1 pushes down to SQLite.
 */
export function ficheFilter(f: FicheFilter): Filter<FicheDoc> {
  const and: Record<string, unknown>[] = [];
  if (f.ids) and.push(f.ids.length === 1 ? { _id: f.ids[0] } : { _id: { $in: [...f.ids] } });
  if (f.orgId != null) and.push({ orgIds: f.orgId });
  if (f.status != null) and.push({ "header.status": { $in: [...f.status] } });
  if (f.direction != null) and.push({ "header.direction": f.direction });
  if (f.siret != null) and.push({ "job.siret": f.siret });
  if (f.updatedSince != null) and.push({ "header.updatedAt": { $gte: new Date(f.updatedSince) } });
  if (f.after != null) {
    const c = parseFicheCursorKey(f.after);
    if (!c) throw new Error("fiche cursor key was not validated before reaching the repository");
    and.push({ $or: [{ "header.updatedAt": { $gt: c.updatedAt } }, { "header.updatedAt": c.updatedAt, _id: { $gt: c.id } }] });
  }
  if (and.length === 0) return {};
  return (and.length === 1 ? and[0] : { $and: and }) as Filter<FicheDoc>;
}

/** Fiches matching `filter`, projecting only `groups` (plus the header), in list order. */
export async function fetchFiches(db: Db, filter: FicheFilter, groups: readonly FicheGroup[], limit?: number): Promise<Fiche[]> {
  let cursor = db.collection<FicheDoc>(FICHES).find(ficheFilter(filter), { projection: groupProjection(groups), batchSize: ONE_REPLY });
  if (limit !== undefined) cursor = cursor.sort(LIST_SORT).limit(limit);
  const docs = await cursor.toArray();
  return docs.map((d) => toFiche(d, groups));
}

/** Number of fiches matching `filter` (the cursor is ignored: a total counts every page). */
export async function countFiches(db: Db, filter: FicheFilter): Promise<number> {
  return db.collection<FicheDoc>(FICHES).countDocuments(ficheFilter({ ...filter, after: null }));
}

/**
 * Medical groups of the given fiches, from their own collection. Secret
 * médical (art. 226-13 code pénal): shared between médecin du travail and
 * médecin conseil only, so it is never fetched along with anything else.
 */
export async function fetchMedical(db: Db, ficheIds: readonly string[]): Promise<FicheMedical[]> {
  const filter: Filter<MedicalDoc> = ficheIds.length === 1 ? { _id: ficheIds[0] } : { _id: { $in: [...ficheIds] } };
  const projection = { _id: 1, pathologyGroup: 1, ald: 1, tauxIp: 1, note: 1 };
  const docs = await db.collection<MedicalDoc>(FICHES_MEDICAL).find(filter, { projection, batchSize: ONE_REPLY }).toArray();
  return docs.map(toMedical);
}
