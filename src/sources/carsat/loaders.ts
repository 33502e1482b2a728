import type { DisclosureConfig } from "../../privacy/disclosure-config.js";
import DataLoader from "dataloader";
import type { ImportedReads } from "../../db/imported-reads.js";
import type { GraphQLError } from "graphql";
import { keyString } from "../../domain/canonical-key.js";
import { derived } from "../../db/read-cache.js";
import { batchByBucket, groupedInKeyOrder } from "../batch.js";
import { sumForKey, type FactKey, type SummedRow } from "./facts.js";
import { atGridDef, causeMeasure, mpGridDef } from "./grid/index.js";
import { applyAgeSexGrid, applyGrid, applyMpGrid, SAME_NAMES } from "./grid/answer.js";
import { CARSAT_COLLECTIONS } from "./types.js";
import {
  AT_MEASURES,
  atFactKey,
  atQueryProblem,
  DEMOGRAPHY_MEASURES,
  MP_MEASURES,
  mpFactKey,
  mpQueryProblem,
  toAtRow,
  toMpRow,
} from "./queries.js";
import { findEstablishmentAccidents, findFacts } from "./repository.js";
import { suppressAtRows, suppressMpRows } from "./disclosure.js";
import { causeFactKey, themeRows, toThemeInput, type ThemeInput } from "./cause-stats.js";
import type {
  AtQuery,
  AtRow,
  CauseQuery,
  EstablishmentAccidentYear,
  MpQuery,
  MpRow,
  ThemeAccidentYear,
} from "./types.js";

/**
 * Runs a batch of fact queries: keys the collections cannot answer get their
 * error, the others are answered with ONE find per collection touched (keys
 * that differ only by sector code share one `$in`; other differences are
 * joined by `$or`), summed per key in memory (see facts.ts for why), then
 * masked by disclosure control: each key's rows are one table.
 */
async function runFacts<K, R, O = R>(
  name: string,
  reads: ImportedReads,
  keys: readonly K[],
  problem: (k: K) => GraphQLError | null,
  toFact: (k: K) => FactKey,
  toRow: (k: K, row: SummedRow) => R,
  suppress: (fact: FactKey, rows: R[], key: K) => O[] | Promise<O[]>,
): Promise<(O[] | GraphQLError)[]> {
  const checked = keys.map((k) => ({ key: k, error: problem(k) }));
  return batchByBucket<(typeof checked)[number], O[] | GraphQLError>(
    checked,
    (c) => (c.error ? "" : toFact(c.key).collection),
    async (bucket) => {
      if (bucket[0].error) return bucket.map((c) => c.error as GraphQLError);
      const facts = bucket.map((c) => toFact(c.key));
      const docs = await findFacts(reads, facts);
      return Promise.all(
        facts.map((f, i) =>
          derived(docs, `${name}:${keyString(bucket[i].key)}`, () =>
            suppress(
              f,
              sumForKey(docs, f).map((row) => toRow(bucket[i].key, row)),
              bucket[i].key,
            ),
          ),
        ),
      );
    },
  );
}

/**
 * AT and trajet rows, masked. With the grids (always, but in the attack
 * suite's negative control), a row is masked where a cell of the protected
 * publication grid it adds up is (grid/answer.ts); without, by the rules of
 * one table (disclosure.ts), which differences across queries defeat. The
 * age band × sex breakdowns are answered from their own grid, stored with
 * (and linked to) the AT grid (grid/index.ts, protectLinked).
 */
async function suppressAt(
  reads: ImportedReads,
  disclosure: DisclosureConfig,
  fact: FactKey,
  q: AtQuery,
  rows: AtRow[],
): Promise<AtRow[]> {
  if (!disclosure.grids) return suppressAtRows(fact, rows, disclosure);
  if (fact.collection === CARSAT_COLLECTIONS.atDemography) {
    const at = CARSAT_COLLECTIONS.at;
    const grid = await disclosure.grids.get(reads, at, atGridDef(at, disclosure));
    const byYear = new Map([...grid].map(([year, y]) => [year, y.agesex]));
    return applyAgeSexGrid(q, rows, byYear, DEMOGRAPHY_MEASURES);
  }
  const grid = await disclosure.grids.get(reads, fact.collection, atGridDef(fact.collection, disclosure));
  return applyGrid(q, rows, grid, SAME_NAMES(AT_MEASURES));
}

/**
 * MP rows, masked: from the protected MP grid (sector × pathology cells,
 * grid/cells.ts), whatever the breakdown, sector, tableaux or years; without
 * grids (the attack suite's negative control), per table (disclosure.ts).
 */
async function suppressMp(
  reads: ImportedReads,
  disclosure: DisclosureConfig,
  fact: FactKey,
  q: MpQuery,
  rows: MpRow[],
): Promise<MpRow[]> {
  if (!disclosure.grids) return suppressMpRows(fact, rows, disclosure);
  const grid = await disclosure.grids.get(reads, fact.collection, mpGridDef(disclosure));
  return applyMpGrid(q, rows, grid, MP_MEASURES);
}

/**
 * A theme's accidents per year, masked: from the AT grid, where the
 * accidents are masked as `sinistralite` masks them and the theme's share
 * is a protected measure of its own (grid/index.ts, causeMeasure).
 */
async function themeStats(
  reads: ImportedReads,
  disclosure: DisclosureConfig,
  q: CauseQuery,
  rows: ThemeInput[],
): Promise<ThemeAccidentYear[]> {
  if (!disclosure.grids) return themeRows(rows, disclosure);
  const collection = CARSAT_COLLECTIONS.at;
  const grid = await disclosure.grids.get(reads, collection, atGridDef(collection, disclosure));
  const asAt: AtQuery = {
    kind: "AT",
    sector: q.sector,
    territory: q.territory,
    years: q.years,
    groupBy: ["YEAR"],
  };
  const fields = { accidents: "accidents", themeAccidents: causeMeasure(q.causes) };
  const masked = applyGrid(asAt, rows as unknown as (AtRow & ThemeInput)[], grid, fields);
  return masked.map((r) => ({
    year: r.year as number,
    accidents: r.accidents,
    themeAccidents: r.themeAccidents,
    // Only the figures this row shows count for `suppressed`; unknown causes (an older file) are not a mask.
    suppressed: r.accidents === null || (r.themeAccidents === null && r.causesKnown),
  }));
}

/**
 * Per-request loaders of the carsat source.
 * - `atStats`: AT or trajet counts for a sector × territory × years, grouped,
 *   small counts and business-confidential cells masked (disclosure.ts).
 * - `mpStats`: maladies professionnelles counts, grouped, masked likewise (the MP grid).
 * - `causeStats`: per year, the AT of some causes (a theme's) and all AT, masked likewise.
 * - `accidentsBySiret`: an establishment's yearly accident counts (confidential).
 */
export function createCarsatLoaders(reads: ImportedReads, disclosure: DisclosureConfig) {
  return {
    atStats: new DataLoader<AtQuery, AtRow[], string>(
      (keys) =>
        runFacts("at", reads, keys, atQueryProblem, atFactKey, toAtRow, (f, rows, q) =>
          suppressAt(reads, disclosure, f, q, rows),
        ),
      { cacheKeyFn: keyString },
    ),
    mpStats: new DataLoader<MpQuery, MpRow[], string>(
      (keys) =>
        runFacts("mp", reads, keys, mpQueryProblem, mpFactKey, toMpRow, (f, rows, q) =>
          suppressMp(reads, disclosure, f, q, rows),
        ),
      { cacheKeyFn: keyString },
    ),
    causeStats: new DataLoader<CauseQuery, ThemeAccidentYear[], string>(
      (keys) =>
        runFacts(
          "causes",
          reads,
          keys,
          () => null,
          causeFactKey,
          toThemeInput,
          (_, rows, q) => themeStats(reads, disclosure, q, rows),
        ),
      { cacheKeyFn: keyString },
    ),
    accidentsBySiret: new DataLoader<string, EstablishmentAccidentYear[]>(async (sirets) => {
      const rows = await findEstablishmentAccidents(reads, sirets);
      return groupedInKeyOrder(
        sirets,
        rows,
        (s) => s,
        (r) => r.siret,
      );
    }),
  };
}

export type CarsatLoaders = ReturnType<typeof createCarsatLoaders>;
