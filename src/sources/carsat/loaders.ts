import type { DisclosureConfig } from "../../privacy/disclosure-config.js";
import DataLoader from "dataloader";
import type { ImportedReads } from "../../db/imported-reads.js";
import type { GraphQLError } from "graphql";
import { keyString } from "../../domain/canonical-key.js";
import { derived } from "../../db/read-cache.js";
import { batchByBucket, groupedInKeyOrder } from "../batch.js";
import { sumForKey, type FactKey, type SummedRow } from "./facts.js";
import { atFactKey, atQueryProblem, mpFactKey, mpQueryProblem, toAtRow, toMpRow } from "./queries.js";
import { findEstablishmentAccidents, findFacts } from "./repository.js";
import { suppressAtRows, suppressMpRows } from "./disclosure.js";
import { causeFactKey, themeRows, toThemeInput } from "./cause-stats.js";
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
  suppress: (fact: FactKey, rows: R[]) => O[],
): Promise<(O[] | GraphQLError)[]> {
  const checked = keys.map((k) => ({ key: k, error: problem(k) }));
  return batchByBucket<(typeof checked)[number], O[] | GraphQLError>(
    checked,
    (c) => (c.error ? "" : toFact(c.key).collection),
    async (bucket) => {
      if (bucket[0].error) return bucket.map((c) => c.error as GraphQLError);
      const facts = bucket.map((c) => toFact(c.key));
      const docs = await findFacts(reads, facts);
      return facts.map((f, i) =>
        derived(docs, `${name}:${keyString(bucket[i].key)}`, () =>
          suppress(
            f,
            sumForKey(docs, f).map((row) => toRow(bucket[i].key, row)),
          ),
        ),
      );
    },
  );
}

/**
 * Per-request loaders of the carsat source.
 * - `atStats`: AT or trajet counts for a sector × territory × years, grouped,
 *   small counts and business-confidential cells masked (disclosure.ts).
 * - `mpStats`: maladies professionnelles counts, grouped, masked likewise.
 * - `causeStats`: per year, the AT of some causes (a theme's) and all AT, masked likewise.
 * - `accidentsBySiret`: an establishment's yearly accident counts (confidential).
 */
export function createCarsatLoaders(reads: ImportedReads, disclosure: DisclosureConfig) {
  return {
    atStats: new DataLoader<AtQuery, AtRow[], string>(
      (keys) =>
        runFacts("at", reads, keys, atQueryProblem, atFactKey, toAtRow, (f, rows) =>
          suppressAtRows(f, rows, disclosure),
        ),
      { cacheKeyFn: keyString },
    ),
    mpStats: new DataLoader<MpQuery, MpRow[], string>(
      (keys) =>
        runFacts("mp", reads, keys, mpQueryProblem, mpFactKey, toMpRow, (f, rows) =>
          suppressMpRows(f, rows, disclosure),
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
          (_, rows) => themeRows(rows, disclosure),
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
