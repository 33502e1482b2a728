import { createHash } from "node:crypto";
import type { Db } from "mongodb";
import { completeSiret } from "../src/domain/identifiers.js";
import { ficheIdFor } from "../src/sources/pdp/exchange/ids.js";
import { FICHES } from "../src/sources/pdp/types.js";
import { AUDIT_EVENTS } from "../src/sources/audit/types.js";
import { PDP_QUERIES as Q } from "./pdp-queries.js";
import { subjectOf, type Operation, type ViewerSpec, type Workload } from "./workload-model.js";

/**
 * The PDP exchange between the SSTRN's cellule PDP and the Carsat Pays de la
 * Loire service social (docs/pdp-exchange.md), as a chain each client plays
 * round after round: the service social reads its inbox, then one fiche
 * lives its whole life: draft, consent, send (cellule PDP), acknowledgement
 * and a measure (service social), a message (cellule PDP), closing (service
 * social). Every round writes a new fiche, created by the bench's cellule PDP
 * subject; `reset` deletes those fiches and the bench subjects' audit events,
 * so that every server starts from the seed and the cached database stays as
 * seeded (no other workload reads fiches or the audit trail anyway).
 */

export const CELLULE_PDP: ViewerSpec = { role: "CELLULE_PDP", org: "SPSTI:sstrn" };
export const SERVICE_SOCIAL: ViewerSpec = {
  role: "CARSAT_SERVICE_SOCIAL",
  org: "CARSAT:carsat-pays-de-la-loire",
};
const CARSAT = { type: "CARSAT", id: "carsat-pays-de-la-loire" };
const AUTHOR = { type: "SPSTI" as const, id: "sstrn" };

const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
// Fixed once per process: every server gets the same inputs, so the same answers.
const GIVEN_AT = new Date(Date.now() - 3_600_000).toISOString();
const ARRET_START = day(-75);
const TODAY = day(0);
const SIRET = completeSiret("4410000000001");

/** The round's idempotency key and fiche id: the id is a digest of the author and the key (src/sources/pdp/exchange/ids.ts), known before the draft exists. */
const keyOf = (tag: string) => `bench-fiche-${tag}`;
const idOf = (tag: string) => ficheIdFor(AUTHOR, keyOf(tag));
/** A pseudonym drawn from the tag (PS- and 10 Crockford base32 characters), the same on every server. */
function pseudonymOf(tag: string): string {
  const digest = createHash("sha256").update(tag).digest();
  return `PS-${[...digest.subarray(0, 10)].map((b) => "0123456789ABCDEFGHJKMNPQRSTVWXYZ"[b % 32]).join("")}`;
}
const versioned = (tag: string, expectedVersion: number, more: Record<string, unknown> = {}) => ({
  input: { id: idOf(tag), expectedVersion, ...more },
});

const INSTANT_KEYS = new Set(["createdAt", "updatedAt", "sentAt", "closedAt", "at"]);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * A value with what the server generates masked, and nothing else: instants
 * of the change (`createdAt`, `updatedAt`, `sentAt`, `closedAt`, a message's
 * `at`) when they are instants, message ids (`m_` and 12 random characters;
 * also an audit event's `ficheId`, see bench/baseline/pdp-audit.ts), and the
 * audit events' `_id` and `requestId`. A null where an instant is due,
 * a wrong id, status, version or content still differs.
 */
export function masked(value: unknown, key = ""): unknown {
  if (INSTANT_KEYS.has(key) && ((typeof value === "string" && ISO.test(value)) || value instanceof Date))
    return "<instant>";
  if ((key === "id" || key === "ficheId") && typeof value === "string" && /^m_[0-9a-z]{12}$/.test(value))
    return "<message id>";
  if (
    (key === "_id" && typeof value === "object" && value !== null && !(value instanceof Date)) ||
    (key === "requestId" && typeof value === "string")
  )
    return `<${key}>`;
  if (Array.isArray(value)) return value.map((v) => masked(v));
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, masked(v, k)]));
}

const write = (op: Omit<Operation, "comparable">): Operation => ({ ...op, comparable: (d) => masked(d) });
const benchSubjects = () => [subjectOf(CELLULE_PDP), subjectOf(SERVICE_SOCIAL)];

export const pdpExchange: Workload = {
  id: "pdp-exchange",
  title: "PDP exchange, cellule PDP ↔ Carsat service social: inbox, then one fiche's 7 mutations",
  viewer: SERVICE_SOCIAL,
  chain: true,
  operations: [
    { name: "inbox", query: Q.inbox },
    write({
      name: "create",
      query: Q.create,
      viewer: CELLULE_PDP,
      variables: (tag) => ({
        input: {
          idempotencyKey: keyOf(tag),
          recipient: CARSAT,
          motif: "ARRET_LONG",
          workerPseudonym: pseudonymOf(tag),
          job: {
            siret: SIRET,
            naf5: "41.20A",
            poste: "coffreur-bancheur",
            contractType: "CDI",
            headcountBand: "SMALL_11_49",
          },
          arret: { startDate: ARRET_START, lengthBand: "D30_90J", riskType: "AT", rqth: false },
          capacities: { restrictions: ["pas de port de charges > 10 kg", "pas de travail en hauteur"] },
        },
      }),
    }),
    write({
      name: "consent",
      query: Q.consent,
      viewer: CELLULE_PDP,
      variables: (tag) =>
        versioned(tag, 1, {
          givenAt: GIVEN_AT,
          how: "ECRIT",
          recipients: [CARSAT],
          groups: ["JOB", "ARRET", "CAPACITES", "ACTIONS", "MESSAGES"],
        }),
    }),
    write({
      name: "send",
      query: Q.send,
      viewer: CELLULE_PDP,
      variables: (tag) => versioned(tag, 2, { recipient: CARSAT, idempotencyKey: `${keyOf(tag)}-send` }),
    }),
    write({ name: "acknowledge", query: Q.acknowledge, variables: (tag) => versioned(tag, 3) }),
    write({
      name: "action",
      query: Q.action,
      variables: (tag) => versioned(tag, 4, { type: "ESSAI_ENCADRE", date: TODAY, partner: CARSAT }),
    }),
    write({
      name: "message",
      query: Q.message,
      viewer: CELLULE_PDP,
      variables: (tag) =>
        versioned(tag, 5, { text: "Essai encadré validé par l'employeur, reprise envisagée." }),
    }),
    write({
      name: "close",
      query: Q.close,
      variables: (tag) => versioned(tag, 6, { outcome: "MAINTIEN_POSTE" }),
    }),
  ],
  async reset(db: Db) {
    await db.collection(FICHES).deleteMany({ "header.createdBy": subjectOf(CELLULE_PDP) });
    await db.collection(AUDIT_EVENTS).deleteMany({ subject: { $in: benchSubjects() } });
  },
  /** The fiches and audit events the warm-up wrote, masked, in a stable order. */
  async written(db: Db) {
    const fiches = await db
      .collection(FICHES)
      .find({ "header.createdBy": subjectOf(CELLULE_PDP) })
      .sort({ _id: 1 })
      .toArray();
    const events = (
      await db
        .collection(AUDIT_EVENTS)
        .find({ subject: { $in: benchSubjects() } })
        .toArray()
    ).map((e) => masked(e));
    return { fiches: masked(fiches), events: events.map((e) => JSON.stringify(e)).sort() };
  },
};
