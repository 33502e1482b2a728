import type { Db } from "mongodb";
import type { YearSpan } from "../../../domain/scope.js";
import { suppressTable, type TableSpec } from "../../../privacy/disclosure.js";
import type { DisclosureConfig } from "../../../privacy/disclosure-config.js";
import type { FicheDoc } from "../documents.js";
import { ONE_REPLY } from "../../../db/mongo.js";
import { PURGED_STATS, type PurgedStatDoc } from "../purge/purge.js";
import {
  FICHES,
  type FicheDirection,
  type MeasureCount,
  type OrganisationType,
  type PdpActionType,
  type SignalementQuery,
  type SignalementCount,
} from "../types.js";

/**
 * Reads for the CPOM SSTRN volet 1 indicators. Rows keep the organisations,
 * so one command serves every organisation of a batch and the caller filters
 * and sums in code.
 *
 * Disclosure control: each fiche is about one worker, so these are counts of
 * persons, masked from 1 to the threshold with secondary suppression
 * (src/privacy/disclosure.ts). Tables are masked at their CANONICAL extent,
 * every year and (for signalements) every organisation, then cut to the
 * key: a cell (year, direction, origin, recipient) is the same whichever
 * organisation or years a query names, so it gets the same mask.
 */

/** Every year: the canonical extent the tables are masked at before a key's years are kept. */
export const EVERY_YEAR: YearSpan = { from: 1900, to: 9999 };

/** Count of sent fiches for one year × direction × origin × recipient (null when masked): the GraphQL type's shape. */
export type SignalementRow = SignalementCount;

/** The actions of one sent fiche, reduced to what the measure counts need. */
export interface MeasureFiche {
  orgIds: string[];
  actions: { type: PdpActionType; date: string }[];
}

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
 * PDP measures mobilised, for counting per year and type in code. Not an
 * $unwind + $group: FerretDB v1's $unwind keeps only `_id` and the unwound
 * array (measured), so the organisations needed to split one batch between
 * its keys would be lost. This reads the same rows with a three-field
 * projection instead: still one command per batch.
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
  const projection = { _id: 0, orgIds: 1, "actions.type": 1, "actions.date": 1 };
  const purgedFilter = { "measures.year": { $gte: years.from, $lte: years.to }, ...orgMatch(orgIds) };
  const [live, purged] = await Promise.all([
    db.collection<FicheDoc>(FICHES).find(filter, { projection, batchSize: ONE_REPLY }).toArray() as Promise<
      MeasureFiche[]
    >,
    db
      .collection<PurgedStatDoc>(PURGED_STATS)
      .find(purgedFilter, { projection: { _id: 0, orgIds: 1, measures: 1 }, batchSize: ONE_REPLY })
      .toArray(),
  ]);
  // A purged fiche kept the year of each measure, not its date: `date` is then the year alone, all the counts read.
  return [
    ...live,
    ...purged.map((p) => ({
      orgIds: p.orgIds,
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

const MEASURE_TABLE: TableSpec<MeasureCount> = {
  dims: ["year", "type"],
  measures: [{ field: "count", kind: "persons" }],
};

/**
 * A key's actions per year × type: counted over every year of its
 * organisation (fiches read with EVERY_YEAR), masked, then cut to its years.
 */
export function maskedMeasures(
  fiches: MeasureFiche[],
  k: SignalementQuery,
  config: DisclosureConfig,
  party: string | null = null,
): MeasureCount[] {
  // The party's own measures are its own activity: exact for it (threshold 1 masks nothing).
  if (party !== null && k.orgId === party) config = { ...config, smallCountThreshold: 1 };
  const sums = new Map<string, MeasureCount & { count: number }>();
  for (const f of fiches) {
    if (k.orgId !== null && !f.orgIds.includes(k.orgId)) continue;
    for (const a of f.actions) {
      const year = Number(a.date.slice(0, 4));
      const key = `${year}|${a.type}`;
      const m = sums.get(key) ?? { year, type: a.type, count: 0, suppressed: false };
      m.count += 1;
      sums.set(key, m);
    }
  }
  return suppressTable([...sums.values()], MEASURE_TABLE, config)
    .filter((m) => m.year >= k.years.from && m.year <= k.years.to)
    .sort((a, b) => a.year - b.year || a.type.localeCompare(b.type));
}
