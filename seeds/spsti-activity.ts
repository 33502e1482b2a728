import type { ActivityYear, SpstiStaff } from "../src/sources/spsti/types.js";
import { SEED_YEARS } from "./context.js";
import type { Prng } from "./prng.js";
import { staffTotal, type SpstiDoc } from "./spsti-services.js";

/**
 * Yearly activity of an SPSTI, scaled on its salariés with SSTRN's orders of
 * magnitude (≈140 k visits, ≈8 k pré-reprises, ≈2 k inaptitudes a year for
 * 307 k salariés) and the national shares of the DGT survey (AMT: 27 %
 * études, 20 % fiches d'entreprise, 5 % DUERP). The last year matches the
 * identity card exactly.
 */
export type ActivityDoc = { _id: string } & ActivityYear;

/** Visits per salarié followed, by type; 2020-2021 were cut by the lockdowns. */
const VISIT_RATES = {
  vip: 0.228,
  sir: 0.082,
  reprise: 0.059,
  preReprise: 0.026,
  aLaDemande: 0.046,
  miCarriere: 0.009,
  finCarriere: 0.006,
};
const COVID: Record<number, number> = { 2020: 0.72, 2021: 0.9 };

function jitter(rng: Prng, value: number, spread = 0.04): number {
  return Math.max(0, Math.round(value * (1 - spread + 2 * spread * rng.next())));
}

/** Staff of an earlier year: fewer infirmiers, a few more médecins (the shift of the 2010s-2020s). */
function staffIn(staff: SpstiStaff, yearsBefore: number): SpstiStaff {
  if (yearsBefore === 0) return staff;
  const s = {
    ...staff,
    medecinsTravail: Math.round(staff.medecinsTravail * (1 + 0.03 * yearsBefore)),
    collaborateursMedecins: Math.max(0, Math.round(staff.collaborateursMedecins * (1 - 0.1 * yearsBefore))),
    infirmiers: Math.round(staff.infirmiers * (1 - 0.09 * yearsBefore)),
    preventeurs: Math.round(staff.preventeurs * (1 - 0.03 * yearsBefore)),
  };
  return { ...s, total: staffTotal(s) };
}

function visitsIn(rng: Prng, salaries: number, year: number): ActivityYear["visits"] {
  const factor = COVID[year] ?? 1;
  const v = (rate: number) => jitter(rng, salaries * rate * factor);
  return {
    vip: v(VISIT_RATES.vip),
    sir: v(VISIT_RATES.sir),
    reprise: v(VISIT_RATES.reprise),
    preReprise: v(VISIT_RATES.preReprise),
    aLaDemande: v(VISIT_RATES.aLaDemande),
    // Mi-carrière and fin de carrière visits exist since the law of 2 August 2021 (in force 31 March 2022).
    miCarriere: year >= 2022 ? v(VISIT_RATES.miCarriere) : 0,
    finCarriere: year >= 2022 ? v(VISIT_RATES.finCarriere) : jitter(rng, salaries * 0.001),
  };
}

function pdpIn(rng: Prng, salaries: number, year: number, hasCellule: boolean): ActivityYear["pdp"] {
  // Cellules PDP are mandatory since 31 March 2022; earlier figures are the maintien-en-emploi teams'.
  const situations =
    hasCellule || year < 2022 ? jitter(rng, salaries * (year >= 2022 ? 0.002 : 0.0011), 0.1) : 0;
  return {
    situations,
    signalementsVersServiceSocial: jitter(rng, situations * 0.25, 0.15),
    signalementsDuServiceSocial: jitter(rng, situations * 0.2, 0.15),
    inaptitudes: jitter(rng, salaries * 0.0065 * (COVID[year] ?? 1)),
    amenagements: jitter(rng, salaries * 0.032 * (COVID[year] ?? 1)),
  };
}

function amtIn(rng: Prng, salaries: number, year: number): ActivityYear["amt"] {
  const total = jitter(rng, salaries * 0.037 * (year === 2020 ? 0.8 : 1));
  return {
    total,
    etudesPoste: jitter(rng, total * 0.27),
    fichesEntreprise: jitter(rng, total * 0.2),
    aideDuerp: jitter(rng, total * 0.05),
  };
}

/** The activity documents of one SPSTI for SEED_YEARS. */
export function activityOf(rng: Prng, spsti: SpstiDoc): ActivityDoc[] {
  const last = SEED_YEARS[SEED_YEARS.length - 1];
  return SEED_YEARS.map((year) => {
    const before = last - year;
    const salaries =
      before === 0
        ? spsti.salaries
        : jitter(rng, spsti.salaries * (1 - 0.011 * before - (year === 2020 ? 0.02 : 0)), 0.005);
    const adherents =
      before === 0 ? spsti.adherents : jitter(rng, spsti.adherents * (1 - 0.009 * before), 0.005);
    return {
      _id: `${spsti._id}:${year}`,
      spstiId: spsti._id,
      year,
      salaries,
      adherents,
      staff: staffIn(spsti.staff, before),
      visits: visitsIn(rng, salaries, year),
      amt: amtIn(rng, salaries, year),
      pdp: pdpIn(rng, salaries, year, spsti.hasCellulePdp),
    };
  });
}
