import type { ImportedReads } from "../../db/imported-reads.js";
import { derived } from "../../db/read-cache.js";
import type { GraphQLError } from "graphql";
import { badInput } from "../../errors.js";
import { sectionOf } from "../../domain/reference.js";
import { keyString } from "../../domain/canonical-key.js";
import type { SectorKey } from "../../domain/scope.js";
import type { DisclosureConfig } from "../../privacy/disclosure-config.js";
import { findSumerCells, type CellDoc, type SumerLevel } from "./repository.js";
import { protectStratum } from "./disclosure.js";
import { isPlanCell, sumerStrata } from "./sumer-tables.js";
import { SUMER_NAF2_PUBLISHED, SUMER_PERIODS, sumerIndicator } from "./catalogue.js";
import {
  batchPlans,
  cellOf,
  inCatalogueOrder,
  sortCells,
  union,
  unionOrAll,
  unknownCode,
  wantsAge,
  wantsSex,
} from "./tabulate.js";
import type { SumerQuery, SumerRow } from "./types.js";

/**
 * SUMER batch: SUMER is published as margin tables (all sectors, NAF
 * section, the larger NAF divisions; by sex, by age band; sex × age band for
 * all sectors only), stored as such. A sector is answered by the finest
 * published level containing it, and the row says which one. Its cells are
 * masked within the protected grid of their wave (every level and breakdown
 * of it: sumer-tables.ts, disclosure.ts), so a batch reads whole waves.
 */

interface SumerPlan {
  regional: boolean;
  level: SumerLevel;
  code: string | null;
  sectorLevel: SumerRow["sectorLevel"];
  regions: string[];
  periods: string[] | null;
  indicators: string[];
  sex: boolean;
  age: boolean;
}

const published = new Set<string>(SUMER_NAF2_PUBLISHED);

/**
 * The published cell describing a NAF sector: NAF2 when that division is
 * published (national sample only: regional extensions are too small for
 * divisions), else its section. `41.20A` → division 41; `01.11Z` → section A.
 */
export function sumerSectorCell(
  sector: SectorKey | null,
  regional: boolean,
): Pick<SumerPlan, "level" | "code" | "sectorLevel"> {
  if (sector?.kind !== "NAF") return { level: "ALL", code: null, sectorLevel: null };
  if (sector.level === "SECTION") return { level: "SECTION", code: sector.code, sectorLevel: "SECTION" };
  const naf2 = sector.code.slice(0, 2);
  if (!regional && published.has(naf2)) return { level: "NAF2", code: naf2, sectorLevel: "DIVISION" };
  return { level: "SECTION", code: sectionOf(sector.code), sectorLevel: "SECTION" };
}

function planSumer(q: SumerQuery): SumerPlan | GraphQLError {
  if (q.sector?.kind === "CTN") {
    return badInput(
      "sector: SUMER is published by NAF sector only and has no CTN breakdown; give a NAF code",
      "sector",
    );
  }
  const bad = unknownCode(q.indicators, sumerIndicator, "indicators", "sumerIndicatorCatalogue");
  if (bad) return bad;
  if (q.period !== null && !(SUMER_PERIODS as readonly string[]).includes(q.period)) {
    return badInput(`period: SUMER waves are ${SUMER_PERIODS.join(", ")}`, "period");
  }
  const regional = q.regions !== null;
  const cell = sumerSectorCell(q.sector, regional);
  const sex = wantsSex(q.breakdown);
  const age = wantsAge(q.breakdown);
  if (sex && age && cell.level !== "ALL") {
    return badInput(
      "breakdown: SUMER crosses sex and age band for all sectors together only; with a sector, ask for one of them",
      "breakdown",
    );
  }
  const periods = q.period === null ? null : [q.period];
  return {
    ...cell,
    regional,
    regions: q.regions ?? [],
    periods,
    indicators: inCatalogueOrder(q.indicators, sumerIndicator),
    sex,
    age,
  };
}

/** The plan's rows: the grids of its waves (and regions) protected, then its own cells expanded per indicator. */
function rowsOf(plan: SumerPlan, docs: readonly CellDoc[], config: DisclosureConfig): SumerRow[] {
  const mine = docs.filter(
    (d) =>
      (!plan.regional || plan.regions.includes(d.region as string)) &&
      (plan.periods === null || plan.periods.includes(d.period as string)),
  );
  const masked = sumerStrata(mine, plan.regional)
    .flatMap((s) => protectStratum(s, plan.indicators, config))
    .filter((d) => isPlanCell(plan, d));
  return plan.indicators.flatMap((indicator) =>
    sortCells(masked).map((d) => ({
      indicator,
      period: d.period as string,
      sectorCode: plan.code,
      sectorLevel: plan.sectorLevel,
      ...cellOf(d, indicator),
    })),
  );
}

/** One `find` per bucket (national or regional): whole waves of every level and breakdown; regions, periods and indicators are unioned. */
async function runBucket(
  reads: ImportedReads,
  plans: SumerPlan[],
  config: DisclosureConfig,
): Promise<SumerRow[][]> {
  const [first] = plans;
  const regions = union(plans.map((p) => p.regions));
  if (first.regional && !regions.length) return plans.map(() => []);
  const docs = await findSumerCells(reads, {
    regional: first.regional,
    regions,
    periods: unionOrAll(plans.map((p) => p.periods)),
    indicators: union(plans.map((p) => p.indicators)),
  });
  return plans.map((p) => derived(docs, `sumer:${keyString(p)}`, () => rowsOf(p, docs, config)));
}

/** Batch function of `sumerStats`: one result (rows or a BAD_USER_INPUT error) per key, in key order. */
export function batchSumer(
  reads: ImportedReads,
  keys: readonly SumerQuery[],
  config: DisclosureConfig,
): Promise<(SumerRow[] | Error)[]> {
  return batchPlans(
    keys,
    planSumer,
    (p) => keyString({ r: p.regional }),
    (plans) => runBucket(reads, plans, config),
  );
}
