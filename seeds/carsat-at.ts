import type { Caisse } from "../src/domain/reference.js";
import { nafFields } from "../src/domain/scope.js";
import { ctnOfNaf5 } from "../src/sources/carsat/reference.js";
import { SEED_YEARS } from "./context.js";
import { caisseShare, NATIONAL, type Subclass } from "./carsat-model.js";
import type { Prng } from "./prng.js";

/**
 * AT and trajet fact documents: one per caisse × CTN × NAF5 × year, the
 * ameli columns as counts. A measure that is 0 is not stored (FerretDB
 * decodes every field of every document on every query; sums read a missing
 * measure as 0).
 */

export type FactDoc = Record<string, string | number | string[]>;

/** Brings the national TF (AT per million hours) to ≈16. */
const HOURS_CALIBRATION = 1.05;
/** Hours worked fell in 2020 (activité partielle during the lockdowns). */
const HOURS_FACTOR: Record<number, number> = { 2020: 0.9 };

/** Deaths per AT relative to the average: falls from height (BTP), road (transport), forestry. */
function deathFactor(naf2: string): number {
  if (["41", "42", "43", "02"].includes(naf2)) return 2.5;
  if (["49", "50", "53"].includes(naf2)) return 3;
  if (["78", "16", "38", "01"].includes(naf2)) return 1.8;
  return 0.8;
}

/**
 * New IPs among `n` cases: the <10 % / ≥10 % split and the sum of their rates
 * (%), rates ≥10 % averaging `meanFrom10`.
 */
export function newIps(
  rng: Prng,
  n: number,
  pIp: number,
  pFrom10: number,
  meanFrom10 = 25,
): { below: number; from: number; rateSum: number } {
  const ips = Math.min(n, rng.poisson(n * pIp));
  let from = 0;
  let rateSum = 0;
  for (let i = 0; i < ips; i++) {
    if (rng.next() < pFrom10) {
      from++;
      rateSum += Math.min(100, 10 + Math.round(-Math.log(1 - rng.next()) * (meanFrom10 - 10)));
    } else rateSum += rng.int(1, 9);
  }
  return { below: ips - from, from, rateSum };
}

function withoutZeros(doc: FactDoc): FactDoc {
  return Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== 0));
}

interface Cell {
  caisse: Caisse;
  sub: Subclass;
  /** Fixed per caisse × NAF5: the local weight of the subclass and its local risk. */
  profile: number;
  localRisk: number;
}

/** Headcount, hours and establishments of a cell-year (shared by its AT and trajet rows); null when empty. */
function base(
  rng: Prng,
  cell: Cell,
  year: number,
): { employees: number; hoursWorked: number; establishments: number } | null {
  const { sub } = cell;
  const employees = Math.round(
    NATIONAL[year].employeesM *
      1e6 *
      caisseShare(cell.caisse.slug) *
      sub.share *
      cell.profile *
      (1 + 0.02 * rng.normal()),
  );
  if (employees < 1) return null;
  return {
    employees,
    hoursWorked: Math.round(
      employees * sub.hours * HOURS_CALIBRATION * (HOURS_FACTOR[year] ?? 1) * (1 + 0.03 * rng.normal()),
    ),
    establishments: Math.max(1, Math.round((employees / sub.meanSize) * (1.1 + 0.2 * rng.next()))),
  };
}

/** Accident counts of a cell-year. Trajet risk depends less on the sector than AT risk. */
function accidentCounts(
  rng: Prng,
  cell: Cell,
  employees: number,
  year: number,
  kind: "AT" | "TRAJET",
): FactDoc {
  const risk = cell.sub.risk * cell.localRisk;
  const isAt = kind === "AT";
  const perThousand = isAt ? NATIONAL[year].atIf * risk : NATIONAL[year].trajetIf * (0.6 + 0.4 * risk);
  const accidents = rng.poisson((employees * perThousand) / 1000);
  const meanDays = isAt ? 86 * (0.75 + 0.25 * cell.sub.risk) : 85;
  const ip = newIps(rng, accidents, isAt ? 0.062 : 0.075, 0.3);
  return {
    accidents,
    accidentsWith4Days: Math.max(0, accidents - rng.poisson(accidents * 0.13)),
    newIpBelow10: ip.below,
    newIpFrom10: ip.from,
    deaths: rng.poisson(accidents * (isAt ? 1.08e-3 * deathFactor(cell.sub.naf5.slice(0, 2)) : 3.3e-3)),
    itDays: Math.round(accidents * meanDays * (0.85 + 0.3 * rng.next())),
    ipRateSum: ip.rateSum,
  };
}

/** The AT and trajet documents of the given caisses. */
export function atFactDocs(
  rng: Prng,
  caisses: readonly Caisse[],
  subclasses: readonly Subclass[],
): { at: FactDoc[]; trajet: FactDoc[] } {
  const at: FactDoc[] = [];
  const trajet: FactDoc[] = [];
  for (const caisse of caisses) {
    for (const sub of subclasses) {
      const cell: Cell = {
        caisse,
        sub,
        profile: Math.exp(0.3 * rng.normal() - 0.045),
        localRisk: Math.exp(0.1 * rng.normal()),
      };
      const dims = {
        caisse: caisse.slug,
        regions: caisse.regions,
        ctn: ctnOfNaf5(sub.naf5),
        ...nafFields(sub.naf5),
      };
      for (const year of SEED_YEARS) {
        const b = base(rng, cell, year);
        if (!b) continue;
        // Same headcount and hours on the AT and trajet rows: only the accident counts differ.
        at.push({
          ...dims,
          year,
          ...withoutZeros({ ...b, ...accidentCounts(rng, cell, b.employees, year, "AT") }),
        });
        trajet.push({
          ...dims,
          year,
          ...withoutZeros({ ...b, ...accidentCounts(rng, cell, b.employees, year, "TRAJET") }),
        });
      }
    }
  }
  return { at, trajet };
}
