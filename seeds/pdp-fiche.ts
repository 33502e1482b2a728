import { sectionOf } from "../src/domain/reference.js";
import type { FicheDoc } from "../src/sources/pdp/documents.js";
import type {
  ArretLengthBand,
  FicheDirection,
  FicheStatus,
  HeadcountBand,
  OrgRef,
} from "../src/sources/pdp/types.js";
import { capEmploiRef, carsatRef, cpamRef, spstiRef, type Establishment } from "./pdp-orgs.js";
import {
  DAY,
  MEDICAL_NOTES,
  NOW,
  START,
  MOTIF_WEIGHTS,
  MOTIFS,
  PATHOLOGY_GROUPS,
  PATHOLOGY_WEIGHTS,
  POSTES,
  RESTRICTIONS,
} from "./pdp-pools.js";
import { closeFiche } from "./pdp-actions.js";
import type { DraftFiche, DraftMedical } from "./pdp-drafts.js";
import type { Prng } from "./prng.js";

/** The drafts' types, for seeds/pdp.ts, which stores what makeFiche returns. */
export type { DraftFiche, DraftMedical } from "./pdp-drafts.js";

const DIRECTIONS: FicheDirection[] = [
  "SPSTI_TO_CARSAT",
  "CARSAT_TO_SPSTI",
  "SPSTI_TO_OTHER",
  "OTHER_TO_SPSTI",
];

/** One fiche between an SPSTI and a partner, about a worker of `est`. */
export function makeFiche(
  rng: Prng,
  spstiId: string,
  est: Establishment,
  pseudonym: string,
): { fiche: DraftFiche; medical: DraftMedical | null } {
  const direction = rng.weighted(DIRECTIONS, [55, 28, 12, 5]);
  const { origin, recipient } = partiesFor(rng, direction, spstiId, est.departement);
  const createdAt = new Date(
    START + Math.floor(rng.next() * ((NOW - START) / DAY - 2)) * DAY + rng.int(8 * 60, 18 * 60) * 60_000,
  );
  const status = statusByAge(rng, (NOW - createdAt.getTime()) / DAY);
  const arret = rng.next() < 0.88 ? makeArret(rng, createdAt) : undefined;
  let motif = rng.weighted(MOTIFS, MOTIF_WEIGHTS);
  if (!arret && (motif === "ARRET_LONG" || motif === "ARRETS_REPETES")) motif = "RISQUE_INAPTITUDE";
  const fiche: DraftFiche = {
    spstiId,
    orgIds: [origin.id, recipient.id],
    header: { createdAt, updatedAt: createdAt, version: 1, origin, recipient, direction, motif, status },
    worker: { pseudonym },
    job: makeJob(rng, est),
  };
  if (status !== "DRAFT" || rng.next() < 0.5)
    fiche.consent = makeConsent(rng, createdAt, recipient, est.departement);
  if (arret) fiche.arret = arret;
  if (rng.next() < 0.8) fiche.capacities = { restrictions: pickDistinct(rng, RESTRICTIONS, rng.int(1, 3)) };
  closeFiche(rng, fiche, est.departement);
  return { fiche, medical: makeMedical(rng, fiche) };
}

function partiesFor(
  rng: Prng,
  direction: FicheDirection,
  spstiId: string,
  dep: string,
): { origin: OrgRef; recipient: OrgRef } {
  const spsti = spstiRef(spstiId);
  if (direction === "SPSTI_TO_CARSAT") return { origin: spsti, recipient: carsatRef(dep) };
  if (direction === "CARSAT_TO_SPSTI") return { origin: carsatRef(dep), recipient: spsti };
  if (direction === "SPSTI_TO_OTHER")
    return { origin: spsti, recipient: rng.next() < 0.6 ? cpamRef(dep) : capEmploiRef(dep) };
  return { origin: rng.next() < 0.8 ? cpamRef(dep) : capEmploiRef(dep), recipient: spsti };
}

/** Old fiches are mostly closed, recent ones still open; drafts are recent only. */
function statusByAge(rng: Prng, ageDays: number): FicheStatus {
  const all: FicheStatus[] = ["DRAFT", "SENT", "ACKNOWLEDGED", "IN_PROGRESS", "CLOSED"];
  if (ageDays > 365) return rng.weighted(all, [0, 0, 3, 5, 92]);
  if (ageDays > 90) return rng.weighted(all, [0, 5, 10, 35, 50]);
  return rng.weighted(all, [12, 25, 25, 30, 8]);
}

const BANDS: ArretLengthBand[] = ["LT_30J", "D30_90J", "D90J_6M", "GT_6M"];
const BAND_DAYS: Record<ArretLengthBand, [number, number]> = {
  LT_30J: [5, 29],
  D30_90J: [30, 89],
  D90J_6M: [90, 180],
  GT_6M: [181, 500],
};

function makeArret(rng: Prng, createdAt: Date): NonNullable<FicheDoc["arret"]> {
  const lengthBand = rng.weighted(BANDS, [8, 30, 35, 27]);
  const [lo, hi] = BAND_DAYS[lengthBand];
  const startDate = new Date(createdAt.getTime() - rng.int(lo, hi) * DAY).toISOString().slice(0, 10);
  return {
    startDate,
    lengthBand,
    riskType: rng.weighted(["MALADIE", "AT", "MP"] as const, [68, 22, 10]),
    rqth: rng.next() < 0.18,
  };
}

function headcountBand(n: number): HeadcountBand {
  return n < 11 ? "MICRO_LT_11" : n < 50 ? "SMALL_11_49" : n < 250 ? "MEDIUM_50_249" : "LARGE_250_PLUS";
}

function makeJob(rng: Prng, est: Establishment): NonNullable<FicheDoc["job"]> {
  const poste = rng.pick(POSTES[sectionOf(est.naf5) ?? "*"] ?? POSTES["*"]);
  const contractType = est.naf5.startsWith("7820")
    ? "INTERIM"
    : rng.weighted(["CDI", "CDD", "INTERIM", "APPRENTISSAGE", "AUTRE"] as const, [76, 11, 6, 3, 4]);
  return {
    siret: est.siret,
    naf5: est.naf5,
    poste,
    contractType,
    headcountBand: headcountBand(est.headcount),
  };
}

/** Consent is collected by the sender before sending, for the recipient (and sometimes a partner it will involve). */
function makeConsent(
  rng: Prng,
  createdAt: Date,
  recipient: OrgRef,
  dep: string,
): NonNullable<FicheDoc["consent"]> {
  const recipients = [recipient];
  if (recipient.type !== "CAP_EMPLOI" && rng.next() < 0.2) recipients.push(capEmploiRef(dep));
  const groups = (["JOB", "ARRET", "CAPACITES", "ACTIONS"] as const).filter(
    (_, i) => i === 0 || rng.next() < [1, 0.85, 0.8, 0.92][i],
  );
  return {
    givenAt: new Date(createdAt.getTime() - rng.int(0, 7) * DAY - rng.int(0, 120) * 60_000),
    how: rng.weighted(["ECRIT", "ELECTRONIQUE", "ORAL_TRACE"] as const, [55, 25, 20]),
    recipients,
    groups: [...groups],
  };
}

/** The médecin du travail fills the medical group more often when the SPSTI writes the fiche. */
function makeMedical(rng: Prng, fiche: DraftFiche): DraftMedical | null {
  if (rng.next() >= (fiche.header.origin.type === "SPSTI" ? 0.6 : 0.3)) return null;
  const risk = fiche.arret?.riskType;
  const pathologyGroup =
    risk === "AT" && rng.next() < 0.5 ? "S" : rng.weighted(PATHOLOGY_GROUPS, PATHOLOGY_WEIGHTS);
  const medical: DraftMedical = {
    spstiId: fiche.spstiId,
    pathologyGroup,
    ald: rng.next() < (pathologyGroup === "C" ? 0.8 : 0.12),
  };
  if ((risk === "AT" || risk === "MP") && fiche.header.status === "CLOSED" && rng.next() < 0.4)
    medical.tauxIp = rng.int(3, 30);
  if (rng.next() < 0.7) medical.note = rng.pick(MEDICAL_NOTES);
  return medical;
}

export function pickDistinct<T>(rng: Prng, items: readonly T[], n: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length) out.push(pool.splice(rng.int(0, pool.length - 1), 1)[0]);
  return out;
}
