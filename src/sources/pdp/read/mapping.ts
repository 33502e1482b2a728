import type { FicheDoc, MedicalDoc } from "../documents.js";
import type {
  ConsentWithdrawal,
  Fiche,
  FicheGroup,
  FicheMedical,
  SharedGroup,
  SharedGroups,
} from "../types.js";

/**
 * Where each storage group lives in a fiche document. A projection lists only
 * these paths for the groups asked for, so a group nobody asked for (or that
 * a viewer may not see) never leaves the database.
 */
export const GROUP_PATHS: Record<FicheGroup, string[]> = {
  HEADER: ["header", "sentYear"],
  CONSENT: ["consent"],
  WORKER: ["worker"],
  JOB: ["job"],
  ARRET: ["arret"],
  CAPACITIES: ["capacities"],
  ACTIONS: ["actions"],
  MESSAGES: ["messages"],
};

/** Row-level fields, always projected: they carry no personal data and the per-fiche check (src/auth/access.ts) reads `spstiId`. */
const ROW_FIELDS = ["_id", "spstiId", "orgIds"];

/** The explicit projection of the given groups (HEADER is always included: a fiche without it is meaningless). */
export function groupProjection(groups: readonly FicheGroup[]): Record<string, 1> {
  const paths = new Set([...ROW_FIELDS, ...GROUP_PATHS.HEADER]);
  for (const g of groups) for (const p of GROUP_PATHS[g]) paths.add(p);
  return Object.fromEntries([...paths].map((p) => [p, 1 as const]));
}

/** The projection of a group read: the id and the given consent-scoped groups, nothing else (no header, no consent, no worker). */
export function groupsProjection(groups: readonly SharedGroup[]): Record<string, 1> {
  return Object.fromEntries(["_id", ...groups.flatMap((g) => GROUP_PATHS[g])].map((p) => [p, 1 as const]));
}

/** Consent-scoped groups of one fiche, as a group read returns them; `null` when the fiche has none. */
export type FicheGroups = { id: string } & { [G in SharedGroup]?: SharedGroups[G] | null };

/** A document projected by groupsProjection → its groups. */
export function toGroups(doc: FicheDoc, groups: readonly SharedGroup[]): FicheGroups {
  const out: FicheGroups = { id: doc._id };
  for (const g of groups) out[g] = sharedGroup(doc, g) as never;
  return out;
}

function sharedGroup(doc: FicheDoc, g: SharedGroup): SharedGroups[SharedGroup] | null {
  if (g === "JOB") return doc.job ?? null;
  if (g === "ARRET") return doc.arret ?? null;
  if (g === "CAPACITIES") return doc.capacities ?? null;
  if (g === "MESSAGES")
    return doc.messages
      ? doc.messages.map((m) => ({
          id: m.id,
          at: m.at.toISOString(),
          from: m.from,
          author: m.author,
          text: m.text,
        }))
      : null;
  return doc.actions
    ? doc.actions.map((a) => ({ type: a.type, date: a.date, partner: a.partner ?? null }))
    : null;
}

const iso = (d: Date | undefined): string | null => (d ? d.toISOString() : null);

/** A projected document → the Fiche read type; groups outside `groups` stay undefined. */
export function toFiche(doc: FicheDoc, groups: readonly FicheGroup[]): Fiche {
  const h = doc.header;
  const fiche: Fiche = {
    id: doc._id,
    ref: h.ref,
    createdAt: h.createdAt.toISOString(),
    updatedAt: h.updatedAt.toISOString(),
    sentAt: iso(h.sentAt),
    closedAt: iso(h.closedAt),
    version: h.version,
    origin: h.origin,
    recipient: h.recipient,
    direction: h.direction,
    motif: h.motif,
    status: h.status,
    outcome: h.outcome ?? null,
    spstiId: doc.spstiId,
    orgIds: doc.orgIds,
  };
  const has = (g: FicheGroup) => groups.includes(g);
  if (has("CONSENT"))
    fiche.consent = doc.consent
      ? {
          ...doc.consent,
          givenAt: doc.consent.givenAt.toISOString(),
          withdrawnAt: iso(doc.consent.withdrawnAt),
        }
      : null;
  if (has("WORKER")) fiche.worker = { pseudonym: doc.worker.pseudonym };
  if (has("JOB")) fiche.job = sharedGroup(doc, "JOB") as Fiche["job"];
  if (has("ARRET")) fiche.arret = sharedGroup(doc, "ARRET") as Fiche["arret"];
  if (has("CAPACITIES")) fiche.capacities = sharedGroup(doc, "CAPACITIES") as Fiche["capacities"];
  if (has("ACTIONS")) fiche.actions = sharedGroup(doc, "ACTIONS") as Fiche["actions"];
  if (has("MESSAGES")) fiche.messages = sharedGroup(doc, "MESSAGES") as Fiche["messages"];
  return fiche;
}

export function toMedical(doc: MedicalDoc): FicheMedical {
  return {
    ficheId: doc._id,
    pathologyGroup: doc.pathologyGroup,
    ald: doc.ald,
    tauxIp: doc.tauxIp ?? null,
    note: doc.note ?? null,
  };
}

/**
 * The projection of a withdrawal notice: id, reference, recipient and
 * withdrawal date, nothing else (not the consent's other recipients, groups or
 * date of giving, not the worker, not the status).
 */
export const WITHDRAWAL_PROJECTION: Record<string, 1> = {
  _id: 1,
  "header.ref": 1,
  "header.recipient": 1,
  "consent.withdrawnAt": 1,
};

/** A document projected by WITHDRAWAL_PROJECTION → its withdrawal notice. */
export function toWithdrawal(doc: FicheDoc): ConsentWithdrawal {
  return {
    id: doc._id,
    ref: doc.header.ref,
    recipient: doc.header.recipient,
    withdrawnAt: doc.consent!.withdrawnAt!.toISOString(),
  };
}

/** Keyset cursor of a withdrawal notice (withdrawnAt, then id); parsed back by parseFicheCursorKey. */
export function withdrawalCursorKey(w: Pick<ConsentWithdrawal, "withdrawnAt" | "id">): string {
  return `${w.withdrawnAt}|${w.id}`;
}

/** Keyset cursor of a fiche in the list order (updatedAt, then id). */
export function ficheCursorKey(f: Pick<Fiche, "updatedAt" | "id">): string {
  return `${f.updatedAt}|${f.id}`;
}

/** Parses a cursor key back; null when it is not one this module wrote. */
export function parseFicheCursorKey(key: string): { updatedAt: Date; id: string } | null {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([A-Za-z0-9_-]{1,64})$/.exec(key);
  if (!m) return null;
  const updatedAt = new Date(m[1]);
  return Number.isNaN(updatedAt.getTime()) ? null : { updatedAt, id: m[2] };
}
