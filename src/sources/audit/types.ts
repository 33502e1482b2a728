import type { ObjectId } from "mongodb";
import type { OrgType, Role } from "../../auth/roles.js";

/**
 * The audit trail of personal-data access. One event per request and per
 * fiche read (or one without a fiche for request-level reads such as a list
 * that matched nothing): who, from which organisation, under which roles,
 * through which operation, and which fields. Never a value.
 */

/** The collection: append-only (the application only ever inserts into it and reads it). */
export const AUDIT_EVENTS = "audit_events";

/** An organisation, as the viewer's token names it. */
export interface AuditOrg {
  type: OrgType;
  id: string;
}

/**
 * What an event records: fields read (READ, the default, stored without a
 * `kind`), a read of a fiche's field refused by the per-fiche rules
 * (ACCESS_DENIED: e.g. after the worker withdrew consent), or a change of the
 * worker's consent (CONSENT_RECORDED, CONSENT_WITHDRAWN).
 */
export type AuditKind =
  | "READ"
  | "ACCESS_DENIED"
  | "CONSENT_RECORDED"
  | "CONSENT_WITHDRAWN"
  | "CPOM_CHANGED"
  | "EXPORTED";

/** A stored event. `at` is the time the response left (all events of one request share it). */
export interface AuditEventDoc {
  _id?: ObjectId;
  at: Date;
  /** Request id of the context, also usable to correlate with server logs. */
  requestId: string;
  /** Subject (`sub` claim) of the viewer. */
  subject: string;
  orgType: OrgType;
  orgId: string;
  roles: Role[];
  /** The GraphQL operation name, when the client gave one. */
  operationName: string | null;
  /** The fiche the fields belong to; null for request-level reads (a root list, a count). */
  ficheId: string | null;
  /** The worker's pseudonym (never an identity): lets a DPO answer a worker's "who read my fiche?". */
  pseudonym: string | null;
  /** Paths of the fields read, by field name (not alias), without list indexes: `fichesLiaison.nodes.job.poste`. */
  fields: string[];
  /** Absent for READ, so that read events keep their shape. */
  kind?: Exclude<AuditKind, "READ">;
}

/** An event as the API returns it. */
export interface AuditEvent extends Omit<AuditEventDoc, "_id" | "at" | "kind"> {
  id: string;
  at: string;
  kind: AuditKind;
}

/** Key of a page of the trail; the organisation is bound to the loaders, not to the key. */
export interface AuditQuery {
  /** ISO instants, inclusive. */
  from: string | null;
  to: string | null;
  limit: number;
  /** A cursor key from auditCursorKey: events strictly after it. */
  after: string | null;
}

/** One page of events (limit + 1 rows, for hasNextPage) and the total matching the query. */
export interface AuditPage {
  rows: AuditEvent[];
  totalCount: number;
}

/** Whether a driver command inserts into the audit trail (for the metrics, which only watch the driver's events). */
export function isAuditInsert(commandName: string, command: { insert?: unknown }): boolean {
  return commandName === "insert" && command.insert === AUDIT_EVENTS;
}
