import type { FicheDoc } from "../src/sources/pdp/documents.js";
import type { OrgRef, PdpActionType } from "../src/sources/pdp/types.js";
import { capEmploiRef, carsatRef, cometeRef, cpamRef, mdphRef } from "./pdp-orgs.js";
import type { DraftFiche } from "./pdp-drafts.js";
import { DAY, NOW, OUTCOME_WEIGHTS, OUTCOMES } from "./pdp-pools.js";
import type { Prng } from "./prng.js";

type Action = NonNullable<FicheDoc["actions"]>[number];

const TYPES: PdpActionType[] = [
  "RDV_LIAISON",
  "VISITE_PRE_REPRISE",
  "ESSAI_ENCADRE",
  "CRPE",
  "PTP",
  "AMENAGEMENT_POSTE",
  "ORIENTATION",
];

/**
 * Plays the fiche's life from creation to its status: sending, updates
 * (version), measures mobilised, consent withdrawal, outcome. Measures follow
 * their rules: RDV de liaison and pré-reprise after 30 days of arrêt, PTP after
 * 6 months, essai encadré through the Carsat, CRPE through the CPAM.
 */
export function closeFiche(rng: Prng, fiche: DraftFiche, dep: string): void {
  const h = fiche.header;
  const created = h.createdAt.getTime();
  const ageDays = Math.floor((NOW - created) / DAY);
  if (h.status === "DRAFT") {
    h.updatedAt = new Date(Math.min(NOW, created + rng.int(0, Math.min(10, ageDays)) * DAY));
    h.version = rng.int(1, 3);
    return;
  }
  const sentAt = Math.min(NOW, created + rng.int(0, 3) * DAY + rng.int(0, 240) * 60_000);
  h.sentAt = new Date(sentAt);
  fiche.sentYear = h.sentAt.getUTCFullYear();
  const span = (lo: number, hi: number) =>
    rng.int(lo, Math.max(lo, Math.min(hi, ageDays))) * DAY + rng.int(0, 480) * 60_000;
  const updated = { SENT: 0, ACKNOWLEDGED: span(1, 10), IN_PROGRESS: span(10, 200), CLOSED: span(30, 400) }[
    h.status
  ];
  h.updatedAt = new Date(Math.min(NOW, sentAt + updated));
  h.version = { SENT: 2, ACKNOWLEDGED: 3, IN_PROGRESS: rng.int(4, 7), CLOSED: rng.int(5, 10) }[h.status];
  const n = { SENT: 0, ACKNOWLEDGED: rng.int(0, 1), IN_PROGRESS: rng.int(1, 3), CLOSED: rng.int(1, 4) }[
    h.status
  ];
  const actions: Action[] = [];
  for (let i = 0; i < n; i++)
    actions.push(makeAction(rng, pickType(rng, fiche), sentAt, h.updatedAt.getTime(), dep));
  if (h.status === "CLOSED") {
    // Closed at its last update: the retention period (docs/pdp-exchange.md) runs from it.
    h.closedAt = h.updatedAt;
    h.outcome = rng.weighted(OUTCOMES, OUTCOME_WEIGHTS);
    const needed = neededAction(h.outcome, fiche);
    if (needed && !actions.some((a) => a.type === needed))
      actions.push(makeAction(rng, needed, sentAt, h.updatedAt.getTime(), dep));
  }
  if (actions.length) fiche.actions = actions.sort((a, b) => a.date.localeCompare(b.date));
  withdrawSometimes(rng, fiche);
}

function pickType(rng: Prng, fiche: DraftFiche): PdpActionType {
  const band = fiche.arret?.lengthBand;
  const afterThirtyDays = band !== undefined && band !== "LT_30J" ? 1 : 0;
  return rng.weighted(TYPES, [
    20 * afterThirtyDays,
    25 * afterThirtyDays,
    10,
    5,
    band === "GT_6M" ? 6 : 0,
    22,
    14,
  ]);
}

/** An outcome that cannot happen without a measure brings the measure along. */
function neededAction(outcome: string, fiche: DraftFiche): PdpActionType | null {
  if (outcome === "AMENAGEMENT") return "AMENAGEMENT_POSTE";
  if (outcome === "RECONVERSION") return fiche.arret?.lengthBand === "GT_6M" ? "PTP" : "CRPE";
  return null;
}

function makeAction(rng: Prng, type: PdpActionType, from: number, to: number, dep: string): Action {
  const date = new Date(from + Math.floor(rng.next() * Math.max(0, to - from))).toISOString().slice(0, 10);
  const action: Action = { type, date };
  const partner = partnerOf(rng, type, dep);
  if (partner) action.partner = partner;
  return action;
}

function partnerOf(rng: Prng, type: PdpActionType, dep: string): OrgRef | null {
  if (type === "ESSAI_ENCADRE") return carsatRef(dep);
  if (type === "CRPE") return cpamRef(dep);
  if (type === "ORIENTATION")
    return rng.weighted([capEmploiRef(dep), mdphRef(dep), cometeRef(dep)], [60, 25, 15]);
  return null;
}

/** A few workers withdraw their consent; a closed fiche then ends without follow-up. */
function withdrawSometimes(rng: Prng, fiche: DraftFiche): void {
  if (!fiche.consent || rng.next() >= 0.04) return;
  const given = fiche.consent.givenAt.getTime();
  const last = Math.max(given + DAY, fiche.header.updatedAt.getTime());
  fiche.consent.withdrawnAt = new Date(
    Math.min(NOW, given + DAY + Math.floor(rng.next() * (last - given - DAY))),
  );
  if (fiche.header.status === "CLOSED") fiche.header.outcome = "ABANDON";
}
