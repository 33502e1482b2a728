import type { Db } from "mongodb";
import type { YearSpan } from "../../domain/scope.js";
import type { FicheDoc } from "./documents.js";
import { ONE_REPLY } from "./repository.js";
import { FICHES, type FicheDirection, type OrgRef, type OrganisationType, type PdpActionType } from "./types.js";

/**
 * Reads for the CPOM SSTRN volet 1 indicators. Rows keep the organisations,
 * so one command serves every organisation of a batch and the caller filters
 * and sums in code.
 */

/** Count of sent fiches for one year × direction × origin × recipient. */
export interface SignalementRow {
  year: number;
  direction: FicheDirection;
  origin: OrgRef;
  recipient: OrgRef;
  count: number;
}

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

const PARTIES = { ot: "$header.origin.type", oi: "$header.origin.id", rt: "$header.recipient.type", ri: "$header.recipient.id" };
const orgMatch = (orgIds: readonly string[] | null) => (orgIds ? { orgIds: { $in: [...orgIds] } } : {});
const parties = (k: PartyKey) => ({ origin: { type: k.ot, id: k.oi }, recipient: { type: k.rt, id: k.ri } });

/**
 * Signalements, with $match + $group ($sum only: the one accumulator FerretDB
 * v1 implements). A fiche counts once, in the year it was sent (drafts have no
 * `sentYear` and so never match). `orgIds` null = every organisation.
 */
export async function aggregateSignalements(db: Db, years: YearSpan, orgIds: readonly string[] | null): Promise<SignalementRow[]> {
  const rows = await db
    .collection<FicheDoc>(FICHES)
    .aggregate<{ _id: PartyKey & { y: number; d: FicheDirection }; n: number }>([
      { $match: { sentYear: { $gte: years.from, $lte: years.to }, ...orgMatch(orgIds) } },
      { $group: { _id: { y: "$sentYear", d: "$header.direction", ...PARTIES }, n: { $sum: 1 } } },
    ], { batchSize: ONE_REPLY })
    .toArray();
  return rows.map((r) => ({ year: r._id.y, direction: r._id.d, ...parties(r._id), count: r.n }));
}

/**
 * PDP measures mobilised, for counting per year and type in code. Not an
 * $unwind + $group: FerretDB v1's $unwind keeps only `_id` and the unwound
 * array (measured), so the organisations needed to split one batch between
 * its keys would be lost. This reads the same rows with a three-field
 * projection instead: still one command per batch.
 */
export async function fetchMeasureFiches(db: Db, years: YearSpan, orgIds: readonly string[] | null): Promise<MeasureFiche[]> {
  const inYears = { $gte: `${years.from}-01-01`, $lte: `${years.to}-12-31` };
  const filter = { "actions.date": inYears, "header.status": { $ne: "DRAFT" as const }, ...orgMatch(orgIds) };
  const projection = { _id: 0, orgIds: 1, "actions.type": 1, "actions.date": 1 };
  return db.collection<FicheDoc>(FICHES).find(filter, { projection, batchSize: ONE_REPLY }).toArray() as Promise<MeasureFiche[]>;
}
