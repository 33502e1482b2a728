import type { Db } from "mongodb";
import type { ApolloServerPlugin } from "@apollo/server";
import type { DataGroup, Viewer } from "../auth/roles.js";
import { upstreamUnavailable } from "../errors.js";
import { insertAuditEvents } from "../sources/audit/repository.js";
import type { AuditEventDoc, AuditKind } from "../sources/audit/types.js";
export type { AuditKind } from "../sources/audit/types.js";

/**
 * Audit trail of personal-data access. During a request, the enforcement
 * point (src/auth/enforce.ts) and the field wrapper (audit-fields.ts) record
 * one entry per resolved field of personal data: fiche id, pseudonym, path,
 * never the value. Before the response leaves, `auditTrailPlugin` writes
 * them with one insertMany; if that fails the response is withheld, so no
 * personal data is ever released untraced (DMST practice: every access is
 * traced; art. 5-2 and 32 RGPD, accountability and security).
 */

/** Groups of personal data: every resolution of a field of these groups is audited. */
export const PERSONAL_GROUPS: ReadonlySet<DataGroup> = new Set([
  "FICHE_ADMIN",
  "FICHE_CONSENT",
  "FICHE_MEDICAL",
]);

/**
 * The GraphQL types that stand for one fiche: a field whose parent has one of
 * them is attributed to that fiche by its id (a withdrawal notice's `id` is
 * its fiche's).
 */
const FICHE_TYPES: ReadonlySet<string> = new Set(["FicheLiaison", "ConsentWithdrawal"]);

/**
 * The fiche a field belongs to when its parent object is the fiche itself;
 * nulls for any other parent (a message or an action has an id too, but it is
 * not a fiche's), which the recorder attributes by response path instead.
 */
export function ficheOwner(parentType: string, source: unknown): Pick<AuditEntry, "ficheId" | "pseudonym"> {
  if (!FICHE_TYPES.has(parentType)) return { ficheId: null, pseudonym: null };
  const fiche = (source ?? {}) as { id?: unknown; worker?: { pseudonym?: unknown } };
  return {
    ficheId: typeof fiche.id === "string" ? fiche.id : null,
    pseudonym: typeof fiche.worker?.pseudonym === "string" ? fiche.worker.pseudonym : null,
  };
}

export interface AuditEntry {
  /** The fiche whose field this is, when the field's parent object is the fiche itself. */
  ficheId: string | null;
  pseudonym: string | null;
  /** Response path of the field, e.g. `fichesLiaison.nodes.3.job` (with the client's aliases). */
  path: string;
  /** Schema coordinate, e.g. `FicheLiaison.job`, when the recorder knows it: turns aliases back into field names. */
  field?: string;
  /** READ when absent; a refused read and a consent change make events of their own. */
  kind?: AuditKind;
}

/** What the plugin knows about the request when it writes the events. */
export interface AuditMeta {
  requestId: string;
  viewer: Viewer | null;
  operationName: string | null;
  at?: Date;
}

export interface AuditRecorder {
  record(entry: AuditEntry): void;
  /** Writes this request's events (one insertMany); resolves to the number written, throws when the store fails. */
  flush(meta: AuditMeta): Promise<number>;
}

/**
 * A per-request recorder writing to `db`'s audit collection. Without a
 * database (unit use) `flush` fails as soon as there is something to write:
 * fail closed, never silently drop the trail.
 */
export function createAuditRecorder(db?: Db): AuditRecorder & { entries: AuditEntry[] } {
  const entries: AuditEntry[] = [];
  let written = false;
  return {
    entries,
    record: (e) => void entries.push(e),
    async flush(meta) {
      if (written) return 0;
      const events = auditEvents(entries, meta);
      if (events.length === 0) return 0;
      if (!db) throw new Error("no audit store");
      await insertAuditEvents(db, events);
      written = true;
      return events.length;
    },
  };
}

interface Draft {
  kind: AuditKind;
  ficheId: string | null;
  pseudonym: string | null;
  fields: Set<string>;
}

/**
 * Entries → events, one per fiche (plus one for request-level fields such as
 * the root list or its count), each with its de-duplicated path patterns:
 * field names instead of aliases (an alias cannot hide what was read), list
 * indexes dropped. A field below a fiche (`job.poste`, `consent.groups`)
 * belongs to the nearest fiche on its path.
 */
export function auditEvents(entries: readonly AuditEntry[], meta: AuditMeta): AuditEventDoc[] {
  if (entries.length === 0) return [];
  const viewer = meta.viewer;
  if (!viewer) throw new Error("personal data resolved without a viewer");
  const fiches = new Map<string, { ficheId: string; pseudonym: string | null }>();
  for (const e of entries)
    if (e.ficheId) fiches.set(parentPath(e.path), { ficheId: e.ficheId, pseudonym: e.pseudonym });
  const pattern = pathPatterns(entries);
  const drafts = new Map<string, Draft>();
  for (const e of entries) {
    const owner = e.ficheId ? { ficheId: e.ficheId, pseudonym: e.pseudonym } : ownerOf(e.path, fiches);
    const kind = e.kind ?? "READ";
    const key = `${kind}|${owner?.ficheId ?? ""}`;
    let draft = drafts.get(key);
    if (!draft) {
      draft = { kind, ficheId: owner?.ficheId ?? null, pseudonym: null, fields: new Set() };
      drafts.set(key, draft);
    }
    draft.pseudonym ??= owner?.pseudonym ?? null;
    draft.fields.add(pattern(e.path));
  }
  const at = meta.at ?? new Date();
  return [...drafts.values()].map((d) => ({
    at,
    requestId: meta.requestId,
    subject: viewer.subject,
    orgType: viewer.org.type,
    orgId: viewer.org.id,
    roles: [...viewer.roles],
    operationName: meta.operationName,
    ficheId: d.ficheId,
    pseudonym: d.pseudonym,
    fields: [...d.fields].sort(),
    ...(d.kind === "READ" ? {} : { kind: d.kind }),
  }));
}

/**
 * Response path → pattern: `a.nodes.3.j.poste` → `fichesLiaison.nodes.job.poste`
 * when `a` and `j` are aliases of recorded fields. Every ancestor of a
 * personal field is itself recorded (the root field and the types on the way
 * are personal), so aliases are all resolved; a segment without a record
 * keeps its response key. Memoised per path: linear in the number of entries.
 */
function pathPatterns(entries: readonly AuditEntry[]): (path: string) => string {
  const names = new Map<string, string>();
  for (const e of entries) if (e.field) names.set(e.path, e.field.slice(e.field.indexOf(".") + 1));
  const memo = new Map<string, string>();
  const pattern = (path: string): string => {
    let out = memo.get(path);
    if (out !== undefined) return out;
    const i = path.lastIndexOf(".");
    const segment = path.slice(i + 1);
    const parent = i < 0 ? "" : pattern(path.slice(0, i));
    const name = /^\d+$/.test(segment) ? "" : (names.get(path) ?? segment);
    out = name ? (parent ? `${parent}.${name}` : name) : parent;
    memo.set(path, out);
    return out;
  };
  return pattern;
}

function parentPath(path: string): string {
  const i = path.lastIndexOf(".");
  return i < 0 ? "" : path.slice(0, i);
}

/** The fiche at the longest prefix of `path` (the path itself included: a root field returning one fiche). */
function ownerOf<T>(path: string, fiches: Map<string, T>): T | null {
  for (let p = path; p; p = parentPath(p)) {
    const owner = fiches.get(p);
    if (owner) return owner;
  }
  return null;
}

/** The part of the request context the plugin reads. */
interface AuditedContext {
  requestId: string;
  access: { viewer: Viewer | null };
  /** Absent where no personal data is read (the gateway's front): nothing to write. */
  audit?: AuditRecorder;
}

/**
 * Writes the request's audit events before the response is sent. When the
 * write fails, the response is replaced by UPSTREAM_UNAVAILABLE: personal
 * data leaves only once its access is traced. The log line names the error
 * class and the request id only (no token, no value).
 */
export const auditTrailPlugin: ApolloServerPlugin<AuditedContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, operationName, response }) {
        if (!contextValue?.audit) return;
        try {
          await contextValue.audit.flush({
            requestId: contextValue.requestId,
            viewer: contextValue.access.viewer,
            operationName: operationName ?? null,
          });
        } catch (err) {
          console.error(
            `[passerelle] audit trail write failed (${err instanceof Error ? err.name : typeof err}): response of request ${contextValue.requestId} withheld`,
          );
          const { message, extensions } = upstreamUnavailable();
          response.body = { kind: "single", singleResult: { errors: [{ message, extensions }] } };
        }
      },
    };
  },
};
