import type { FicheDoc, MedicalDoc } from "../src/sources/pdp/documents.js";
import { FICHES, FICHES_MEDICAL } from "../src/sources/pdp/types.js";
import { insertChunked, type SeedContext } from "./context.js";
import { makeFiche, type DraftFiche, type DraftMedical } from "./pdp-fiche.js";
import { partiesOf, type Establishment, type Party } from "./pdp-orgs.js";
import { DAY, NOW, START, token } from "./pdp-pools.js";
import type { Prng } from "./prng.js";

const YEARS_COVERED = (NOW - START) / DAY / 365.25;
/** Share of fiches about a worker who already has one (reply, new episode). */
const SAME_WORKER = 0.12;

/**
 * Seeds the PDP source: fiches de liaison between the SPSTIs' cellules PDP and
 * the Carsat service social (mostly), CPAM and Cap emploi, 2022-2025, and the
 * medical groups in their own collection. Region scale: the SSTRN and the
 * other Pays de la Loire SPSTIs (≈ 300 fiches); national: every SPSTI (≈ 10×).
 * Workers exist only as random pseudonyms; no identity is generated at all.
 */
export async function seedPdp(ctx: SeedContext): Promise<number> {
  const parties = partiesOf(ctx, ctx.rng.fork("pdp-orgs"));
  const generated = parties.flatMap((p) => fichesOf(ctx.rng.fork(p.spstiId), p));
  generated.sort((a, b) => a.fiche.header.createdAt.getTime() - b.fiche.header.createdAt.getTime());
  const ids = new Set<string>();
  const idRng = ctx.rng.fork("pdp-ids");
  const perYear = new Map<number, number>();
  const fiches: FicheDoc[] = [];
  const medical: MedicalDoc[] = [];
  for (const g of generated) {
    let id: string;
    do id = `fl_${token(() => idRng.next(), 12).toLowerCase()}`;
    while (ids.has(id));
    ids.add(id);
    const year = g.fiche.header.createdAt.getUTCFullYear();
    const seq = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, seq);
    fiches.push({
      ...g.fiche,
      _id: id,
      status: g.fiche.header.status,
      header: { ref: `PDP-${year}-${String(seq).padStart(6, "0")}`, ...g.fiche.header },
    });
    if (g.medical) medical.push({ _id: id, ...g.medical });
  }
  return (await insertChunked(ctx, FICHES, fiches)) + (await insertChunked(ctx, FICHES_MEDICAL, medical));
}

function fichesOf(rng: Prng, party: Party): { fiche: DraftFiche; medical: DraftMedical | null }[] {
  const n = rng.poisson(party.perYear * YEARS_COVERED);
  const pickEst = establishmentPicker(party.establishments);
  const workers: { pseudonym: string; est: Establishment }[] = [];
  const out: { fiche: DraftFiche; medical: DraftMedical | null }[] = [];
  for (let i = 0; i < n; i++) {
    let worker = workers.length > 0 && rng.next() < SAME_WORKER ? rng.pick(workers) : null;
    if (!worker) {
      worker = { pseudonym: `PS-${token(() => rng.next(), 10)}`, est: pickEst(rng) };
      workers.push(worker);
    }
    out.push(makeFiche(rng, party.spstiId, worker.est, worker.pseudonym));
  }
  return out;
}

/** Picks establishments with a chance growing with their headcount (more workers, more situations). */
function establishmentPicker(establishments: Establishment[]): (rng: Prng) => Establishment {
  const cumulative: number[] = [];
  let total = 0;
  for (const e of establishments) {
    total += Math.sqrt(Math.max(1, e.headcount));
    cumulative.push(total);
  }
  return (rng) => {
    const r = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return establishments[lo];
  };
}
