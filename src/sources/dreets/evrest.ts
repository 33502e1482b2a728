import type { ImportedReads } from "../../db/imported-reads.js";
import { derived } from "../../db/read-cache.js";
import type { GraphQLError } from "graphql";
import { badInput } from "../../errors.js";
import { sectionOf } from "../../domain/reference.js";
import { keyString } from "../../domain/canonical-key.js";
import { findEvrestCells, type CellDoc } from "./repository.js";
import type { DisclosureConfig } from "../../privacy/disclosure-config.js";
import { EVREST_PERIODS, evrestIndicator, SURVEY_SECTIONS } from "./catalogue.js";
import { protectStratum, type Stratum } from "./disclosure.js";
import {
  batchPlans,
  cellOf,
  inCatalogueOrder,
  sortCells,
  sumBy,
  union,
  unionOrAll,
  unknownCode,
  wantsAge,
  wantsSex,
} from "./tabulate.js";
import type { EvrestQuery, EvrestRow } from "./types.js";

/**
 * EVREST batch: the finest cells (period × region × section × sex × age
 * band) are stored with their all-sector sums, and any margin is a sum of
 * one of the two. Respondents are additive
 * within one base (the national base, or one region's base); the national
 * base is NOT the sum of the regional ones (it is the sub-sample of salariés
 * born in October of even years), hence separate collections.
 */

interface EvrestPlan {
  regional: boolean;
  section: string | null;
  regions: string[];
  periods: string[] | null;
  indicators: string[];
  sex: boolean;
  age: boolean;
}

function planEvrest(q: EvrestQuery): EvrestPlan | GraphQLError {
  if (q.sector?.kind === "CTN") {
    return badInput(
      "sector: EVREST is published by NAF section only and has no CTN breakdown; give a NAF code",
      "sector",
    );
  }
  const bad = unknownCode(q.indicators, evrestIndicator, "indicators", "evrestIndicatorCatalogue");
  if (bad) return bad;
  if (q.period !== null && !(EVREST_PERIODS as readonly string[]).includes(q.period)) {
    return badInput(`period: EVREST periods are ${EVREST_PERIODS.join(", ")}`, "period");
  }
  return {
    regional: q.regions !== null,
    // Any NAF level is answered by its section: EVREST samples are too small for finer sectors.
    section: q.sector ? sectionOf(q.sector.code) : null,
    regions: q.regions ?? [],
    periods: q.period === null ? null : [q.period],
    indicators: inCatalogueOrder(q.indicators, evrestIndicator),
    sex: wantsSex(q.breakdown),
    age: wantsAge(q.breakdown),
  };
}

/** The breakdowns every EVREST cell is published by: none, sex, age band, both. */
const SHAPES = [[], ["sex"], ["ageBand"], ["sex", "ageBand"]];

/**
 * The grids of the cells read (already limited to the plan's periods and
 * regions), one per period and base: every margin of the sections and of
 * all sectors (the stored all-sector cells), the sections adding up to it.
 */
function evrestStrata(docs: readonly CellDoc[], regional: boolean, measures: string[]): Stratum[] {
  const strata = ["period", ...(regional ? ["region"] : [])];
  const groups = new Map<string, CellDoc[]>();
  for (const d of docs) {
    const k = JSON.stringify(strata.map((f) => d[f]));
    const list = groups.get(k) ?? [];
    list.push(d);
    groups.set(k, list);
  }
  return [...groups.keys()].sort().map((k) => {
    const group = groups.get(k)!;
    const sections = group.filter((d) => typeof d.section === "string");
    const all = group.filter((d) => typeof d.section !== "string");
    const cells = SHAPES.flatMap((shape) => [
      ...sumBy(all, [...strata, ...shape], measures),
      ...sumBy(sections, [...strata, "section", ...shape], measures),
    ]);
    return {
      survey: "evrest",
      cells,
      node: (d: CellDoc) => (d.section as string | undefined) ?? "*",
      // A remainder in case a base's sections do not cover its all-sector cells: 0 (an exact equation) when they do.
      links: [{ parent: "*", children: SURVEY_SECTIONS, remainder: true }],
      cost: (node: string) => (node === "*" ? 1 : 0),
    };
  });
}

/**
 * The plan's rows. Its cells are masked in the protected grid of their
 * period and base (disclosure.ts), the same whichever query asks, then the
 * plan's section and breakdown are kept.
 */
function rowsOf(plan: EvrestPlan, docs: readonly CellDoc[], config: DisclosureConfig): EvrestRow[] {
  const mine = docs.filter(
    (d) =>
      (!plan.regional || plan.regions.includes(d.region as string)) &&
      (plan.periods === null || plan.periods.includes(d.period as string)),
  );
  const cells = sortCells(
    evrestStrata(mine, plan.regional, plan.indicators)
      .flatMap((s) => protectStratum(s, plan.indicators, config))
      .filter(
        (d) =>
          (d.section ?? null) === plan.section &&
          Boolean(d.sex) === plan.sex &&
          Boolean(d.ageBand) === plan.age,
      ),
  );
  const sectorLevel = plan.section ? ("SECTION" as const) : null;
  return plan.indicators.flatMap((indicator) =>
    cells.map((d) => ({
      indicator,
      period: d.period as string,
      sectorCode: plan.section,
      sectorLevel,
      ...cellOf(d, indicator),
    })),
  );
}

async function runBucket(
  reads: ImportedReads,
  plans: EvrestPlan[],
  config: DisclosureConfig,
): Promise<EvrestRow[][]> {
  const [first] = plans;
  const regions = union(plans.map((p) => p.regions));
  if (first.regional && !regions.length) return plans.map(() => []);
  const docs = await findEvrestCells(reads, {
    regional: first.regional,
    regions,
    periods: unionOrAll(plans.map((p) => p.periods)),
    indicators: union(plans.map((p) => p.indicators)),
  });
  return plans.map((p) => derived(docs, `evrest:${keyString(p)}`, () => rowsOf(p, docs, config)));
}

/** Batch function of `evrestStats`: one find per scope (national or regional), whatever the keys. */
export function batchEvrest(
  reads: ImportedReads,
  keys: readonly EvrestQuery[],
  config: DisclosureConfig,
): Promise<(EvrestRow[] | Error)[]> {
  return batchPlans(
    keys,
    planEvrest,
    (p) => keyString({ r: p.regional }),
    (plans) => runBucket(reads, plans, config),
  );
}
