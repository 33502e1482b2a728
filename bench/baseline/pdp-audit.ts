import type { Context } from "../../src/context.js";
import type { AuditEventDoc, AuditKind } from "../../src/sources/audit/types.js";
import type { Fiche } from "../../src/sources/pdp/types.js";

/**
 * The audit events of a hand-written answer: the same documents Passerelle's
 * audit trail writes for the same answer (src/privacy/audit.ts: one event
 * per fiche read, one for the request-level fields, one per consent change),
 * built from the answer's shape instead of one record per resolved field.
 * bench/run.ts compares what both wrote during the warm-up.
 */

/** An event before the request's metadata: its kind (READ when absent), whose fields, which ones. */
export interface EventDraft {
  kind?: Exclude<AuditKind, "READ">;
  fiche: Pick<Fiche, "id" | "worker"> | null;
  fields: Set<string>;
}

/**
 * Fields whose value is of a public type (OrganisationRef, PageInfo): the
 * field itself is personal data of the fiche and recorded, what is below it
 * is not (schema/_base.graphql, src/privacy/audit-fields.ts).
 */
const PUBLIC_VALUES = new Set(["origin", "recipient", "recipients", "from", "partner", "pageInfo"]);

/**
 * The response paths of `value` below `prefix`, as the trail names them:
 * field names, list indexes dropped. Everything below a fiche (its job, its
 * messages and actions) belongs to that fiche's event.
 */
export function fieldPaths(value: unknown, prefix: string, out: Set<string>): Set<string> {
  if (Array.isArray(value)) {
    for (const v of value) fieldPaths(v, prefix, out);
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const path = `${prefix}.${k}`;
      out.add(path);
      if (!PUBLIC_VALUES.has(k)) fieldPaths(v, path, out);
    }
  }
  return out;
}

/** A mutation's answer, one fiche under the root field `root`: one event with the root and every field below it. */
export function ficheRead(root: string, fiche: Fiche, built: unknown): EventDraft[] {
  return [{ fiche, fields: fieldPaths(built, root, new Set([root])) }];
}

/** A connection of fiches under `root`: the request-level event (the root, its count, page info and list), then one per fiche. */
export function listRead(root: string, fiches: Fiche[], built: { nodes: unknown[] }): EventDraft[] {
  const request: EventDraft = {
    fiche: null,
    fields: new Set([root, ...Object.keys(built).map((k) => `${root}.${k}`)]),
  };
  const each = fiches.map((fiche, i) => ({
    fiche,
    fields: fieldPaths(built.nodes[i], `${root}.nodes`, new Set()),
  }));
  return [request, ...each];
}

/** The events as stored: the viewer, the request and the operation, one instant for all (auditEvents in src/privacy/audit.ts). */
export function auditDocs(ctx: Context, operationName: string, drafts: EventDraft[]): AuditEventDoc[] {
  const viewer = ctx.access.viewer;
  if (!viewer) throw new Error("personal data resolved without a viewer");
  const at = new Date();
  return drafts.map((d) => ({
    at,
    requestId: ctx.requestId,
    subject: viewer.subject,
    orgType: viewer.org.type,
    orgId: viewer.org.id,
    roles: [...viewer.roles],
    operationName,
    ficheId: d.fiche?.id ?? null,
    pseudonym: d.fiche?.worker?.pseudonym ?? null,
    fields: [...d.fields].sort(),
    ...(d.kind ? { kind: d.kind } : {}),
  }));
}
