import type { Db, Document, UpdateFilter } from "mongodb";
import { ONE_REPLY } from "../../../db/mongo.js";
import { findOneWhere, insertIfAbsent, updateOneWhere } from "../../../db/conditional-write.js";
import { REPORTS, type ReportDoc } from "./types.js";

/**
 * The campaign's Mongo calls. Requests write this collection, so it is read
 * straight from the driver, never through the imported sources' read cache
 * (src/db/imported-reads.ts). Each write is one document's insert or
 * conditional update (src/db/conditional-write.ts).
 */

/** Reports by id, in one find. */
export async function findReports(db: Db, ids: readonly string[]): Promise<ReportDoc[]> {
  if (ids.length === 0) return [];
  return db
    .collection<ReportDoc>(REPORTS)
    .find({ _id: ids.length === 1 ? ids[0] : { $in: [...ids] } }, { batchSize: ONE_REPLY })
    .toArray();
}

/** One report, as stored now. */
export async function findReport(db: Db, id: string): Promise<ReportDoc | null> {
  return (await findOneWhere<ReportDoc>(db, REPORTS, id, {}, ALL))[0] ?? null;
}
const ALL: Record<string, 1> = {
  cpomId: 1,
  spstiId: 1,
  dreetsId: 1,
  caisseSlug: 1,
  year: 1,
  cpomSignedOn: 1,
  cpomEndsOn: 1,
  dueBy: 1,
  state: 1,
  version: 1,
  rows: 1,
  createdAt: 1,
  updatedAt: 1,
  submittedAt: 1,
  firstSubmittedAt: 1,
  validatedAt: 1,
  reviews: 1,
  history: 1,
  idem: 1,
};

/** Fields of a validated report that the published annex-4 table needs. */
const PUBLISHED = {
  cpomId: 1,
  spstiId: 1,
  year: 1,
  rows: 1,
  cpomSignedOn: 1,
  cpomEndsOn: 1,
  dueBy: 1,
  firstSubmittedAt: 1,
} as const;
export type PublishedReport = Pick<ReportDoc, keyof typeof PUBLISHED | "_id">;

/** The validated reports of these years (every year when null), for the published table. */
export async function findValidated(db: Db, years: readonly number[] | null): Promise<PublishedReport[]> {
  const filter: Document = { state: "VALIDATED" };
  if (years) filter.year = years.length === 1 ? years[0] : { $in: [...years] };
  return db
    .collection<ReportDoc>(REPORTS)
    .find(filter, { projection: PUBLISHED, sort: { _id: 1 }, batchSize: ONE_REPLY })
    .toArray() as Promise<PublishedReport[]>;
}

export function insertReport(db: Db, doc: ReportDoc): Promise<boolean> {
  return insertIfAbsent(db, REPORTS, doc);
}

/** Applies `update` if the report is still at `version`; false when it moved on. */
export function updateReport(
  db: Db,
  id: string,
  version: number,
  update: UpdateFilter<ReportDoc>,
): Promise<boolean> {
  return updateOneWhere<ReportDoc>(db, REPORTS, id, [{ version }], update);
}
