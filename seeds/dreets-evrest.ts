import type { Prng } from "./prng.js";
import { binomial, CELLS, probability, regionEffect, REGION_SHARE, type TraitModel } from "./dreets-model.js";
import { EVREST_INDICATORS, EVREST_PERIODS } from "../src/sources/dreets/catalogue.js";

/**
 * EVREST generator: sparse section × sex × age band cells per 2-year period
 * (plus their all-sector sums),
 * for the national base (2,857 salariés, domain.md §3) and for regional
 * bases (every questionnaire of the region's participating doctors, so
 * larger than the region's share of the national base).
 */

const MODELS: Record<string, TraitModel> = {
  long_hours: {
    target: 0.08,
    group: {
      primary: 1.6,
      construction: 1.2,
      hospitality: 1.5,
      transport: 1.4,
      industry: 0.8,
      care: 0.8,
      services: 0.8,
      trade: 0.9,
    },
    sex: [0.6, 1.3],
    age: [0.7, 1, 1.1, 1.1, 1],
  },
  time_pressure: {
    target: 0.45,
    group: { hospitality: 1.2, care: 1.15, trade: 1.1, office: 0.95, services: 0.9, primary: 0.8 },
    sex: [1.05, 0.96],
    age: [1, 1.05, 1.05, 1, 0.9],
  },
  heavy_loads: {
    target: 0.3,
    group: {
      construction: 1.9,
      primary: 1.8,
      transport: 1.5,
      industry: 1.3,
      hospitality: 1.3,
      care: 1.2,
      trade: 1.1,
      services: 0.9,
      office: 0.2,
    },
    sex: [0.75, 1.2],
    age: [1.3, 1.1, 1, 0.9, 0.8],
  },
  awkward_postures: {
    target: 0.4,
    group: {
      construction: 1.6,
      primary: 1.5,
      care: 1.3,
      industry: 1.2,
      hospitality: 1.2,
      services: 0.9,
      office: 0.5,
    },
    sex: [1, 1],
    age: [1.1, 1.05, 1, 0.95, 0.95],
  },
  chemical_exposure: {
    target: 0.25,
    group: {
      construction: 1.9,
      primary: 1.7,
      industry: 1.6,
      care: 1.5,
      transport: 0.9,
      trade: 0.6,
      office: 0.2,
    },
    sex: [0.8, 1.15],
    age: [1.2, 1.1, 1, 0.95, 0.85],
  },
  noise_exposure: {
    target: 0.2,
    group: {
      industry: 2.2,
      construction: 2.1,
      primary: 1.5,
      hospitality: 0.7,
      services: 0.7,
      trade: 0.5,
      care: 0.3,
      office: 0.2,
    },
    sex: [0.4, 1.45],
    age: [1.3, 1.1, 1, 0.9, 0.85],
  },
  training_received: {
    target: 0.45,
    group: {
      office: 1.3,
      care: 1.2,
      trade: 0.85,
      construction: 0.85,
      services: 0.8,
      hospitality: 0.7,
      primary: 0.7,
    },
    sex: [1, 1],
    age: [1.1, 1.15, 1.05, 0.95, 0.75],
  },
  pain_neck_shoulder: {
    target: 0.25,
    group: { care: 1.15, industry: 1.1, construction: 1.05, office: 0.95 },
    sex: [1.3, 0.78],
    age: [0.6, 0.85, 1, 1.2, 1.3],
  },
  pain_lower_back: {
    target: 0.3,
    group: { construction: 1.3, transport: 1.25, primary: 1.2, care: 1.15, industry: 1.1, office: 0.8 },
    sex: [1, 1],
    age: [0.7, 0.9, 1, 1.15, 1.2],
  },
  fatigue: {
    target: 0.3,
    group: { care: 1.2, hospitality: 1.15, transport: 1.1, office: 0.9 },
    sex: [1.2, 0.85],
    age: [0.9, 1.05, 1.05, 1, 0.95],
  },
  anxiety: {
    target: 0.25,
    group: { care: 1.2, office: 1.1, trade: 1.05, primary: 0.85 },
    sex: [1.25, 0.8],
    age: [0.9, 1, 1.05, 1.05, 0.95],
  },
  sleep_problems: {
    target: 0.25,
    group: { care: 1.2, transport: 1.2, hospitality: 1.1 },
    sex: [1.15, 0.88],
    age: [0.7, 0.9, 1, 1.15, 1.25],
  },
};

/** After 2020, more anxiety, fatigue and sleep complaints, less training [K]. */
const PERIOD_EFFECT: Record<string, Partial<Record<string, number>>> = {
  "2019-2020": {},
  "2021-2022": { anxiety: 1.12, fatigue: 1.1, sleep_problems: 1.08, training_received: 0.9 },
  "2023-2024": { anxiety: 1.08, fatigue: 1.05, sleep_problems: 1.05, long_hours: 0.95 },
};

const NATIONAL_BASE = 2_857;
const regionalBase = (region: string) => Math.max(250, Math.round(REGION_SHARE[region] * 20_000));

type Doc = Record<string, string | number>;
const CODES = EVREST_INDICATORS.map((i) => i.code);

function drawCells(rng: Prng, size: number, effect: (code: string) => number, base: Doc): Doc[] {
  const out: Doc[] = [];
  for (const cell of CELLS) {
    const n = rng.poisson(size * cell.weight);
    if (n === 0) continue; // sparse: an empty cell is not stored
    const counts = Object.fromEntries(
      CODES.map((c) => [
        c,
        binomial(rng, n, probability(MODELS[c], cell.section, cell.sex, cell.ageBand, effect(c))),
      ]),
    );
    out.push({ ...base, section: cell.section, sex: cell.sex, ageBand: cell.ageBand, n, ...counts });
  }
  return out;
}

/**
 * The all-sector cells (no `section`): sums of the section cells. Stored too
 * because FerretDB cannot sum several fields in one $group, and shipping
 * ~170 section cells per period to sum them in code costs more than
 * decoding 10 more documents.
 */
function allSectors(cells: Doc[]): Doc[] {
  const byKey = new Map<string, Doc>();
  for (const { section: _section, ...cell } of cells) {
    const key = `${cell.sex}/${cell.ageBand}`;
    const acc = byKey.get(key);
    if (!acc) byKey.set(key, { ...cell });
    else for (const f of ["n", ...CODES]) acc[f] = (acc[f] as number) + (cell[f] as number);
  }
  return [...byKey.values()];
}

const withAllSectors = (cells: Doc[]) => [...cells, ...allSectors(cells)];

/** EVREST cell documents: the national base, and the regional bases of `regions`. */
export function evrestDocuments(rng: Prng, regions: string[]): { national: Doc[]; regional: Doc[] } {
  const national: Doc[] = [];
  const regional: Doc[] = [];
  for (const period of EVREST_PERIODS) {
    const trend = (c: string) => PERIOD_EFFECT[period][c] ?? 1;
    national.push(
      ...withAllSectors(drawCells(rng.fork(`evrest-national-${period}`), NATIONAL_BASE, trend, { period })),
    );
    for (const region of regions) {
      const effRng = rng.fork(`evrest-effect-${region}`);
      const effects = Object.fromEntries(CODES.map((c) => [c, regionEffect(effRng)]));
      regional.push(
        ...withAllSectors(
          drawCells(
            rng.fork(`evrest-${region}-${period}`),
            regionalBase(region),
            (c) => trend(c) * effects[c],
            { period, region },
          ),
        ),
      );
    }
  }
  return { national, regional };
}
