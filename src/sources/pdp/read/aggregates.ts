import type { Db } from "mongodb";
import type { YearSpan } from "../../../domain/scope.js";
import { suppressTable, type TableSpec } from "../../../privacy/disclosure.js";
import type { DisclosureConfig } from "../../../privacy/disclosure-config.js";
import type { FicheDoc } from "../documents.js";
import { ONE_REPLY } from "../../../db/mongo.js";
import { PURGED_STATS, type PurgedStatDoc } from "../purge/purge.js";
import { gridAnswer, protectMeasureGrid, type MeasureFiche } from "./measure-grid.js";
import {
  FICHES,
  type FicheDirection,
  type MeasureCount,
  type OrganisationType,
  type SignalementQuery,
  type SignalementCount,
} from "../types.js";

/**
 * Reads for the CPOM SSTRN volet 1 indicators. Rows keep the organisations,
 * so one command serves every organisation of a batch and the caller filters
 * and sums in code.
 *
 * Disclosure control: each fiche is about one worker, so these are counts of
 * persons, masked from 1 to the threshold.
 * - Signalements: one table of every year and organisation, masked with
 *   secondary suppression (src/privacy/disclosure.ts), then cut to the key:
 *   a cell (year, direction, origin, recipient) is the same whichever
 *   organisation or years a query names, so it gets the same mask; no query
 *   adds cells up, so no answer is a sum of others.
 * - Measures: a query's cell (year, type, organisation) IS a sum of others
 *   (every organisation = Σ SPSTIs = Σ partners): they come from one
 *   protected grid (measure-grid.ts), see `maskedMeasures`.
 */

/** Every year: the canonical extent the tables are masked at before a key's years are kept. */
export const EVERY_YEAR: YearSpan = { from: 1900, to: 9999 };

/** Count of sent fiches for one year × direction × origin × recipient (null when masked): the GraphQL type's shape. */
export type SignalementRow = SignalementCount;

export type { MeasureFiche } from "./measure-grid.js";

interface PartyKey {
  ot: OrganisationType;
  oi: string;
  rt: OrganisationType;
  ri: string;
}

const PARTIES = {
  ot: "$header.origin.type",
  oi: "$header.origin.id",
  rt: "$header.recipient.type",
  ri: "$header.recipient.id",
};
const orgMatch = (orgIds: readonly string[] | null) => (orgIds ? { orgIds: { $in: [...orgIds] } } : {});
const parties = (k: PartyKey) => ({ origin: { type: k.ot, id: k.oi }, recipient: { type: k.rt, id: k.ri } });

type GroupedRow = { _id: PartyKey & { y: number; d: FicheDirection }; n: number };
/** The same grouping keys in the purged statistics (purge.ts), whose fields are not under `header`. */
const PURGED_PARTIES = { ot: "$origin.type", oi: "$origin.id", rt: "$recipient.type", ri: "$recipient.id" };

/**
 * Signalements, with $match + $group ($sum only: the one accumulator FerretDB
 * v1 implements). A fiche counts once, in the year it was sent (drafts have no
 * `sentYear` and so never match). `orgIds` null = every organisation. Live
 * fiches (except those the purge has marked) and the anonymous statistics of
 * purged ones are added up: the indicators do not move when the retention
 * period deletes a fiche, and a fiche is never counted twice (purge.ts).
 */
export async function aggregateSignalements(
  db: Db,
  years: YearSpan,
  orgIds: readonly string[] | null,
): Promise<SignalementRow[]> {
  const match = { sentYear: { $gte: years.from, $lte: years.to }, ...orgMatch(orgIds) };
  const [live, purged] = await Promise.all([
    db
      .collection<FicheDoc>(FICHES)
      .aggregate<GroupedRow>(
        [
          { $match: { ...match, purging: { $ne: true } } },
          { $group: { _id: { y: "$sentYear", d: "$header.direction", ...PARTIES }, n: { $sum: 1 } } },
        ],
        { batchSize: ONE_REPLY },
      )
      .toArray(),
    db
      .collection<PurgedStatDoc>(PURGED_STATS)
      .aggregate<GroupedRow>(
        [
          { $match: match },
          { $group: { _id: { y: "$sentYear", d: "$direction", ...PURGED_PARTIES }, n: { $sum: 1 } } },
        ],
        { batchSize: ONE_REPLY },
      )
      .toArray(),
  ]);
  const sums = new Map<string, SignalementRow>();
  for (const r of [...live, ...purged]) {
    const key = `${r._id.y}|${r._id.d}|${r._id.ot}:${r._id.oi}|${r._id.rt}:${r._id.ri}`;
    const row = sums.get(key) ?? {
      year: r._id.y,
      direction: r._id.d,
      ...parties(r._id),
      count: 0,
      suppressed: false,
    };
    row.count = (row.count ?? 0) + r.n;
    sums.set(key, row);
  }
  return [...sums.values()];
}

/**
 * PDP measures mobilised, for counting per year, type and organisation in
 * code. Not an $unwind + $group: FerretDB v1's $unwind keeps only `_id` and
 * the unwound array (measured), so the parties needed to build the grid
 * (measure-grid.ts) would be lost. This reads the same rows with a small
 * projection instead: still one command per batch (and one on the purged
 * statistics).
 */
export async function fetchMeasureFiches(
  db: Db,
  years: YearSpan,
  orgIds: readonly string[] | null,
): Promise<MeasureFiche[]> {
  const inYears = { $gte: `${years.from}-01-01`, $lte: `${years.to}-12-31` };
  const filter = {
    "actions.date": inYears,
    "header.status": { $ne: "DRAFT" as const },
    purging: { $ne: true as const },
    ...orgMatch(orgIds),
  };
  const projection = {
    _id: 0,
    "header.origin": 1,
    "header.recipient": 1,
    "actions.type": 1,
    "actions.date": 1,
  };
  const purgedFilter = { "measures.year": { $gte: years.from, $lte: years.to }, ...orgMatch(orgIds) };
  const [live, purged] = await Promise.all([
    db.collection<FicheDoc>(FICHES).find(filter, { projection, batchSize: ONE_REPLY }).toArray() as Promise<
      Pick<FicheDoc, "header" | "actions">[]
    >,
    db
      .collection<PurgedStatDoc>(PURGED_STATS)
      .find(purgedFilter, {
        projection: { _id: 0, origin: 1, recipient: 1, measures: 1 },
        batchSize: ONE_REPLY,
      })
      .toArray(),
  ]);
  // A purged fiche kept the year of each measure, not its date: `date` is then the year alone, all the counts read.
  return [
    ...live.map((f) => ({
      origin: f.header.origin,
      recipient: f.header.recipient,
      actions: (f.actions ?? []).map((a) => ({ type: a.type, date: a.date })),
    })),
    ...purged.map((p) => ({
      origin: p.origin,
      recipient: p.recipient,
      actions: p.measures.map((m) => ({ type: m.type, date: String(m.year) })),
    })),
  ];
}

type FlatSignalement = SignalementRow & { o: string; r: string };
const SIGNALEMENT_TABLE: TableSpec<FlatSignalement> = {
  dims: ["year", "direction", "o", "r"],
  measures: [{ field: "count", kind: "persons" }],
};

/** Every organisation's signalements of every year, masked as one table (one aggregate). */
export async function maskedSignalements(
  db: Db,
  config: DisclosureConfig,
  party: string | null = null,
): Promise<SignalementRow[]> {
  const raw = await aggregateSignalements(db, EVERY_YEAR, null);
  const flat = raw.map((s) => ({
    ...s,
    o: `${s.origin.type}:${s.origin.id}`,
    r: `${s.recipient.type}:${s.recipient.id}`,
  }));
  const masked = suppressTable(flat, SIGNALEMENT_TABLE, config).map(({ o: _o, r: _r, ...row }) => row);
  if (party === null) return masked;
  // A party to the exchange reads its own signalements exactly (its CPOM indicator); only analysts and third parties get the masked figures.
  const cell = (s: SignalementRow) => `${s.year}|${s.direction}|${s.origin.id}|${s.recipient.id}`;
  const own = new Map(
    raw.filter((s) => s.origin.id === party || s.recipient.id === party).map((s) => [cell(s), s] as const),
  );
  return masked.map((s) => own.get(cell(s)) ?? s);
}

/**
 * Every query's actions per year × type, answered from one protected grid of
 * every organisation, year and type (measure-grid.ts): a cell is masked in
 * every answer that shows it, and no combination of answers (ALL minus the
 * listed organisations, a Carsat minus its SPSTIs...) gives a masked one
 * back. The party a viewer acts for reads its own cell exactly.
 */
export function maskedMeasures(
  fiches: readonly MeasureFiche[],
  keys: readonly SignalementQuery[],
  config: DisclosureConfig,
  party: string | null = null,
): MeasureCount[][] {
  const grid = protectMeasureGrid(fiches, config);
  return keys.map((k) => gridAnswer(grid, k, party));
}
