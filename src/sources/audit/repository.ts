import { ObjectId, type Db, type Filter } from "mongodb";
import { ONE_REPLY } from "../../db/mongo.js"; // every read in one reply: commands do not grow with the page
import {
  AUDIT_EVENTS,
  type AuditEvent,
  type AuditEventDoc,
  type AuditOrg,
  type AuditQuery,
} from "./types.js";

/**
 * The only place with Mongo calls on the audit trail. There is an insert and
 * there are reads: no update, no delete, no replace, on purpose (append-only;
 * on a real MongoDB the application's user should hold only `insert` and
 * `find` on this collection, see docs/privacy.md).
 */

const PROJECTION = {
  _id: 1,
  at: 1,
  requestId: 1,
  subject: 1,
  orgType: 1,
  orgId: 1,
  roles: 1,
  operationName: 1,
  ficheId: 1,
  pseudonym: 1,
  fields: 1,
  kind: 1,
} as const;

/** Appends a request's events in one command. Throws when the database does not take them. */
export async function insertAuditEvents(db: Db, events: AuditEventDoc[]): Promise<void> {
  if (events.length === 0) return;
  await db.collection<AuditEventDoc>(AUDIT_EVENTS).insertMany(events, { ordered: true });
}

/** Cursor key of an event: its time then its id, the list order. */
export function auditCursorKey(e: Pick<AuditEvent, "at" | "id">): string {
  return `${e.at}|${e.id}`;
}

export function parseAuditCursorKey(key: string): { at: Date; id: ObjectId } | null {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([0-9a-f]{24})$/.exec(key);
  return m && !Number.isNaN(Date.parse(m[1])) ? { at: new Date(m[1]), id: new ObjectId(m[2]) } : null;
}

/**
 * The row rule first: only events whose viewer belonged to `org` (who in my
 * organisation read what). Then the typed filters of the query.
 */
export function auditFilter(org: AuditOrg, q: Omit<AuditQuery, "limit">): Filter<AuditEventDoc> {
  const and: Filter<AuditEventDoc>[] = [{ orgType: org.type, orgId: org.id }];
  if (q.from !== null) and.push({ at: { $gte: new Date(q.from) } });
  if (q.to !== null) and.push({ at: { $lte: new Date(q.to) } });
  if (q.after !== null) {
    const c = parseAuditCursorKey(q.after);
    if (!c) throw new Error("audit cursor key was not validated before reaching the repository");
    and.push({ $or: [{ at: { $gt: c.at } }, { at: c.at, _id: { $gt: c.id } }] });
  }
  return and.length === 1 ? and[0] : { $and: and };
}

/** A page of `org`'s events in time order (ties by id). */
export async function fetchAuditEvents(db: Db, org: AuditOrg, q: AuditQuery): Promise<AuditEvent[]> {
  const docs = await db
    .collection<AuditEventDoc>(AUDIT_EVENTS)
    .find(auditFilter(org, q), { projection: PROJECTION, batchSize: ONE_REPLY })
    .sort({ at: 1, _id: 1 })
    .limit(q.limit)
    .toArray();
  return docs.map(toEvent);
}

/** Number of `org`'s events in the window, all pages together. */
export async function countAuditEvents(db: Db, org: AuditOrg, q: AuditQuery): Promise<number> {
  return db.collection<AuditEventDoc>(AUDIT_EVENTS).countDocuments(auditFilter(org, { ...q, after: null }));
}

function toEvent(d: AuditEventDoc): AuditEvent {
  return {
    id: d._id!.toHexString(),
    at: d.at.toISOString(),
    requestId: d.requestId,
    subject: d.subject,
    orgType: d.orgType,
    orgId: d.orgId,
    roles: d.roles,
    operationName: d.operationName ?? null,
    ficheId: d.ficheId ?? null,
    pseudonym: d.pseudonym ?? null,
    fields: d.fields ?? [],
    kind: d.kind ?? "READ",
  };
}
