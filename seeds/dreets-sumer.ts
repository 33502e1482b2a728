import type { Prng } from "./prng.js";
import { binomial, CELLS, probability, regionEffect, REGION_SHARE, type TraitModel } from "./dreets-model.js";
import { divisionsOf } from "../src/domain/reference.js";
import {
  SUMER_DETAILED_PERIOD,
  SUMER_INDICATORS,
  SUMER_NAF2_PUBLISHED,
  SUMER_PERIODS,
  SURVEY_SECTIONS,
} from "../src/sources/dreets/catalogue.js";
import type { AgeBand, Sex } from "../src/sources/dreets/types.js";

/**
 * SUMER generator. A fictitious respondent-level table (NAF division × sex ×
 * age band, counts only) is drawn per sample, then tabulated into the margin
 * cells SUMER publishes, so that every margin adds up exactly.
 */

/** National prevalences of domain.md §2; factors [K]. */
const MODELS: Record<string, TraitModel> = {
  manual_handling: {
    target: 0.35,
    group: {
      construction: 1.6,
      primary: 1.6,
      industry: 1.25,
      transport: 1.5,
      hospitality: 1.4,
      trade: 1.1,
      care: 1.2,
      services: 0.9,
      office: 0.25,
    },
    sex: [0.8, 1.15],
    age: [1.3, 1.1, 1, 0.9, 0.85],
  },
  postures: {
    target: 0.19,
    group: {
      construction: 1.7,
      primary: 1.6,
      industry: 1.2,
      care: 1.3,
      hospitality: 1.3,
      transport: 1.1,
      trade: 0.9,
      services: 0.9,
      office: 0.4,
    },
    sex: [0.95, 1.05],
    age: [1.2, 1.05, 1, 0.95, 0.9],
  },
  chemical_any: {
    target: 0.33,
    group: {
      construction: 1.9,
      primary: 1.7,
      industry: 1.6,
      care: 1.5,
      services: 1,
      hospitality: 1,
      transport: 0.9,
      trade: 0.6,
      office: 0.2,
    },
    sex: [0.8, 1.15],
    age: [1.2, 1.1, 1, 0.95, 0.85],
  },
  carcinogen_any: {
    target: 0.1,
    group: {
      construction: 1.9,
      industry: 1.7,
      primary: 1.3,
      transport: 1,
      services: 0.8,
      care: 0.6,
      hospitality: 0.4,
      trade: 0.5,
      office: 0.1,
    },
    sex: [0.35, 1.5],
    age: [1.3, 1.1, 1, 0.9, 0.8],
  },
  work_too_fast: {
    target: 0.66,
    group: { hospitality: 1.15, trade: 1.05, care: 1.1, office: 0.95, services: 0.95, primary: 0.85 },
    sex: [1, 1],
    age: [1, 1.05, 1.05, 1, 0.9],
  },
  interruptions: {
    target: 0.58,
    group: {
      care: 1.25,
      office: 1.1,
      hospitality: 0.95,
      industry: 0.9,
      construction: 0.9,
      transport: 0.85,
      primary: 0.8,
    },
    sex: [1.05, 0.96],
    age: [0.85, 1, 1.05, 1.05, 0.95],
  },
  job_strain: {
    target: 0.24,
    group: {
      trade: 1.25,
      hospitality: 1.25,
      industry: 1.1,
      transport: 1.15,
      care: 1.2,
      services: 1.1,
      construction: 0.9,
      primary: 0.9,
      office: 0.75,
    },
    sex: [1.2, 0.85],
    age: [1.05, 1, 1, 1, 0.95],
  },
  hostile_behaviour: {
    target: 0.15,
    group: {
      care: 1.3,
      trade: 1.2,
      hospitality: 1.2,
      transport: 1.1,
      office: 0.9,
      industry: 0.9,
      construction: 0.8,
      primary: 0.7,
    },
    sex: [1.1, 0.92],
    age: [1, 1.05, 1.05, 1, 0.9],
  },
  noise_85db: {
    target: 0.1,
    group: {
      industry: 2.5,
      construction: 2.4,
      primary: 1.6,
      hospitality: 0.5,
      services: 0.6,
      trade: 0.4,
      care: 0.2,
      office: 0.1,
    },
    sex: [0.3, 1.55],
    age: [1.3, 1.1, 1, 0.9, 0.85],
  },
  night_work: {
    target: 0.15,
    group: {
      care: 1.8,
      transport: 1.9,
      industry: 1.3,
      hospitality: 1.2,
      services: 1.1,
      trade: 0.7,
      construction: 0.4,
      primary: 0.6,
      office: 0.4,
    },
    sex: [0.7, 1.25],
    age: [1.2, 1.15, 1, 0.9, 0.75],
  },
};

/** 2009-2010 relative to 2016-2017: more physical and noise exposure, slightly less time pressure [K]. */
const WAVE_EFFECT: Record<string, Partial<Record<string, number>>> = {
  "2009-2010": {
    manual_handling: 1.1,
    carcinogen_any: 1.05,
    noise_85db: 1.15,
    hostile_behaviour: 1.1,
    work_too_fast: 0.95,
    job_strain: 0.95,
    night_work: 0.95,
  },
  "2016-2017": {},
};

/** Respondents of the national private-sector sample per wave (2016-17: ≈26,500, domain.md). */
const NATIONAL_SAMPLE: Record<string, number> = { "2009-2010": 47_000, "2016-2017": 26_500 };

/** Regional extensions oversample their region. */
const REGIONAL_OVERSAMPLING = 1.6;

/** Relative weight of a division inside its section (the large ones; 1 otherwise). */
const DIVISION_SIZE: Record<string, number> = {
  "47": 3,
  "46": 2,
  "43": 2.5,
  "42": 0.5,
  "86": 2.5,
  "87": 1.5,
  "88": 1.5,
  "56": 2,
  "10": 2,
  "78": 2,
  "81": 1.5,
  "62": 1.5,
  "49": 2,
  "52": 1.5,
  "25": 1.5,
};

interface Micro {
  section: string;
  naf2: string;
  sex: Sex;
  ageBand: AgeBand;
  n: number;
  counts: Record<string, number>;
}
type Doc = Record<string, string | number>;
const CODES = SUMER_INDICATORS.map((i) => i.code);

const DIVISION_SHARES = new Map<string, (readonly [string, number])[]>(
  SURVEY_SECTIONS.map((section) => {
    const divs = divisionsOf(section);
    const total = divs.reduce((s, d) => s + (DIVISION_SIZE[d] ?? 1), 0);
    return [section, divs.map((d) => [d, (DIVISION_SIZE[d] ?? 1) / total] as const)];
  }),
);

function drawSample(
  rng: Prng,
  size: number,
  effect: (code: string) => number,
  divisionEffect: (naf2: string, code: string) => number,
): Micro[] {
  const out: Micro[] = [];
  for (const cell of CELLS) {
    for (const [naf2, share] of DIVISION_SHARES.get(cell.section)!) {
      const n = rng.poisson(size * cell.weight * share);
      if (n === 0) continue;
      const counts = Object.fromEntries(
        CODES.map((code) => [
          code,
          binomial(
            rng,
            n,
            probability(
              MODELS[code],
              cell.section,
              cell.sex,
              cell.ageBand,
              effect(code) * divisionEffect(naf2, code),
            ),
          ),
        ]),
      );
      out.push({ section: cell.section, naf2, sex: cell.sex, ageBand: cell.ageBand, n, counts });
    }
  }
  return out;
}

type Margin = { level: "ALL" | "SECTION" | "NAF2"; by: ("sex" | "ageBand")[] };
const ALL_MARGINS: Margin[] = [[], ["sex"], ["ageBand"], ["sex", "ageBand"]].map(
  (by) => ({ level: "ALL", by }) as Margin,
);
const sectorMargins = (level: "SECTION" | "NAF2"): Margin[] =>
  [[], ["sex"], ["ageBand"]].map((by) => ({ level, by }) as Margin);

/** Which margins a wave publishes: the older wave only all-sector margins and section totals. */
function marginsOf(period: string, national: boolean): Margin[] {
  if (period !== SUMER_DETAILED_PERIOD) return [...ALL_MARGINS, { level: "SECTION", by: [] }];
  return [...ALL_MARGINS, ...sectorMargins("SECTION"), ...(national ? sectorMargins("NAF2") : [])];
}

const published = new Set<string>(SUMER_NAF2_PUBLISHED);

function tabulate(micro: Micro[], margin: Margin, base: Doc): Doc[] {
  const cells = new Map<string, Doc>();
  for (const m of micro) {
    if (margin.level === "NAF2" && !published.has(m.naf2)) continue;
    const dims: Doc = { ...base, level: margin.level };
    if (margin.level !== "ALL") dims.section = m.section;
    if (margin.level === "NAF2") dims.naf2 = m.naf2;
    for (const b of margin.by) dims[b] = m[b];
    const key = JSON.stringify(dims);
    const doc = cells.get(key) ?? { ...dims, n: 0, ...Object.fromEntries(CODES.map((c) => [c, 0])) };
    doc.n = (doc.n as number) + m.n;
    for (const c of CODES) doc[c] = (doc[c] as number) + m.counts[c];
    cells.set(key, doc);
  }
  return [...cells.values()];
}

/** SUMER margin documents: national sample, and the regional extensions of `regions`. */
export function sumerDocuments(rng: Prng, regions: string[]): { national: Doc[]; regional: Doc[] } {
  // Drawn up front in a fixed order, so a division's effect is the same at every scale.
  const divRng = rng.fork("sumer-divisions");
  const divEffects = new Map(
    SURVEY_SECTIONS.flatMap((s) => divisionsOf(s)).flatMap((d) =>
      CODES.map((c) => [`${d}/${c}`, regionEffect(divRng, 0.15)] as const),
    ),
  );
  const divisionEffect = (naf2: string, code: string) => divEffects.get(`${naf2}/${code}`) ?? 1;
  const national: Doc[] = [];
  const regional: Doc[] = [];
  for (const period of SUMER_PERIODS) {
    const wave = (code: string) => WAVE_EFFECT[period][code] ?? 1;
    const micro = drawSample(
      rng.fork(`sumer-national-${period}`),
      NATIONAL_SAMPLE[period],
      wave,
      divisionEffect,
    );
    national.push(...marginsOf(period, true).flatMap((m) => tabulate(micro, m, { period })));
    for (const region of regions) {
      const effRng = rng.fork(`sumer-effect-${region}`);
      const effects = Object.fromEntries(CODES.map((c) => [c, regionEffect(effRng)]));
      const size = NATIONAL_SAMPLE[period] * REGION_SHARE[region] * REGIONAL_OVERSAMPLING;
      const regionMicro = drawSample(
        rng.fork(`sumer-${region}-${period}`),
        size,
        (c) => wave(c) * effects[c],
        divisionEffect,
      );
      regional.push(...marginsOf(period, false).flatMap((m) => tabulate(regionMicro, m, { period, region })));
    }
  }
  return { national, regional };
}
