import type { Prng } from "./prng.js";
import { AGE_SHARE, binomial, REGION_SHARE } from "./dreets-model.js";
import { regions as allRegions } from "../src/domain/reference.js";
import { MCP_PATHOLOGIES, MCP_YEARS } from "../src/sources/dreets/catalogue.js";
import { AGE_BANDS, SEXES, type Sex } from "../src/sources/dreets/types.js";

/**
 * MCP generator: quinzaines per participating region and year, year × sex ×
 * age band cells. Every region is drawn at both scales (each from its own
 * fork), so that the pooled national cells, their sum, are the same at both
 * scales; only the regional documents inserted differ.
 */

/** Prevalence by sex [women, men]: TMS and psychic from domain.md §4, others [K]. */
const BASE: Record<string, [number, number]> = {
  tms: [0.044, 0.032],
  psychic_distress: [0.059, 0.026],
  hearing: [0.001, 0.006],
  skin: [0.0015, 0.0015],
  respiratory: [0.0015, 0.002],
  other: [0.005, 0.006],
};

/** Relative prevalence by age band (normalised below so the sex prevalence stays on target). */
const AGE: Record<string, number[]> = {
  tms: [0.5, 0.8, 1, 1.25, 1.3],
  psychic_distress: [0.6, 1, 1.15, 1.1, 0.9],
  hearing: [0.2, 0.5, 0.9, 1.4, 2],
  skin: [1.5, 1.1, 1, 0.9, 0.8],
  respiratory: [0.8, 0.9, 1, 1.1, 1.2],
  other: [0.8, 0.9, 1, 1.1, 1.2],
};

/** Psychic distress grows over the years (its share of women's cases went 42 % → 52 %, domain.md). */
const yearTrend = (code: string, year: number) =>
  code === "psychic_distress"
    ? 1 + 0.04 * (year - MCP_YEARS.from)
    : code === "tms"
      ? 1 - 0.01 * (year - MCP_YEARS.from)
      : 1;

const WOMEN_SHARE = 0.47;
/** Pays de la Loire, the region where MCP started, sees about 5,500 salariés a year. */
const salariesSeen = (region: string) =>
  region === "52" ? 5_500 : Math.round(REGION_SHARE[region] * 45_000);

type Doc = Record<string, string | number>;

function probability(code: string, sex: Sex, ageIndex: number, year: number): number {
  const norm = AGE_BANDS.reduce((s, a, i) => s + AGE_SHARE[a] * AGE[code][i], 0);
  return (BASE[code][sex === "F" ? 0 : 1] * AGE[code][ageIndex] * yearTrend(code, year)) / norm;
}

/** Whether a region held quinzaines that year: PdL always; others mostly, fewer in 2020 (COVID). */
function participates(rng: Prng, region: string, year: number): boolean {
  if (region === "52") return true;
  return rng.next() < (year === 2020 ? 0.35 : 0.75);
}

function regionCells(rng: Prng, region: string, year: number): Doc[] {
  if (!participates(rng, region, year)) return [];
  const seen = salariesSeen(region) * (year === 2020 ? 0.5 : 1);
  return SEXES.flatMap((sex) =>
    AGE_BANDS.flatMap((ageBand, i) => {
      const n = rng.poisson(seen * (sex === "F" ? WOMEN_SHARE : 1 - WOMEN_SHARE) * AGE_SHARE[ageBand]);
      if (n === 0) return [];
      const cases = Object.fromEntries(
        MCP_PATHOLOGIES.map((p) => [p.code, binomial(rng, n, probability(p.code, sex, i, year))]),
      );
      return [{ year, region, sex, ageBand, n, ...cases }];
    }),
  );
}

function pooled(cells: Doc[]): Doc[] {
  const byKey = new Map<string, Doc>();
  for (const { region: _region, ...cell } of cells) {
    const key = `${cell.year}/${cell.sex}/${cell.ageBand}`;
    const acc = byKey.get(key);
    if (!acc) byKey.set(key, { ...cell });
    else
      for (const f of ["n", ...MCP_PATHOLOGIES.map((p) => p.code)])
        acc[f] = (acc[f] as number) + (cell[f] as number);
  }
  return [...byKey.values()];
}

/** MCP cell documents: pooled national cells, and the cells of `regions`. */
export function mcpDocuments(rng: Prng, regions: string[]): { national: Doc[]; regional: Doc[] } {
  const all: Doc[] = [];
  for (const { code } of allRegions) {
    const regionRng = rng.fork(`mcp-${code}`);
    for (let year = MCP_YEARS.from; year <= MCP_YEARS.to; year++)
      all.push(...regionCells(regionRng, code, year));
  }
  return { national: pooled(all), regional: all.filter((d) => regions.includes(d.region as string)) };
}
