import type { Db, Filter } from "mongodb";
import { readMarker, type Head } from "../db/data-versions.js";
import { datasetNamed } from "./catalogue.js";
import { VERSIONS, type VersionDoc } from "./versions.js";
import type { ImportOrg } from "./dataset.js";

export type VersionState = "CURRENT" | "PREVIOUS" | "SUPERSEDED" | "ROLLED_BACK" | "FAILED" | "STAGING";

/** A version as the API gives it. `importedBy` is null unless the viewer's organisation imported it. */
export interface VersionView {
  id: string;
  dataset: string;
  title: string;
  organisation: ImportOrg;
  fileName: string;
  sha256: string;
  bytes: number;
  rowsRead: number;
  rowsAccepted: number;
  rowsRefused: number;
  periodFrom: number | null;
  periodTo: number | null;
  slices: string[];
  state: VersionState;
  importedAt: Date;
  committedAt: Date | null;
  failure: string | null;
  importedBy: string | null;
}

function stateOf(v: VersionDoc, heads: readonly Head[]): VersionState {
  if (heads.some((h) => h.current === v._id)) return "CURRENT";
  if (heads.some((h) => h.previous === v._id)) return "PREVIOUS";
  if (v.status === "COMMITTED") return "SUPERSEDED";
  return v.status;
}

function view(v: VersionDoc, heads: readonly Head[], ownOrg: ImportOrg | null): VersionView {
  const own = ownOrg !== null && ownOrg.type === v.org.type && ownOrg.id === v.org.id;
  return {
    id: v._id,
    dataset: v.dataset,
    title: datasetNamed(v.dataset)?.title ?? v.dataset,
    organisation: v.org,
    fileName: v.file.name,
    sha256: v.file.sha256,
    bytes: v.file.bytes,
    rowsRead: v.rows.read,
    rowsAccepted: v.rows.accepted,
    rowsRefused: v.rows.refused,
    periodFrom: v.period?.from ?? null,
    periodTo: v.period?.to ?? null,
    slices: v.slices,
    state: stateOf(v, heads),
    importedAt: v.importedAt,
    committedAt: v.committedAt,
    failure: v.failure ?? null,
    // A staff member's identifier: for its own organisation (row rule of the IMPORTS group, docs/privacy.md).
    importedBy: own ? v.importedBy : null,
  };
}

/**
 * The versions the served figures come from (current or previous for a
 * slice), of the given datasets (null: all): open provenance. Current ones
 * first, then newest first; the id settles ties (the seed commits all its
 * versions at one instant), so that the gateway's merge of each
 * source's list sorts the same way (src/gateway/datasets.ts).
 */
export async function servedVersions(
  db: Db,
  datasets: readonly string[] | null,
  ownOrg: ImportOrg | null,
): Promise<VersionView[]> {
  const heads = (await readMarker(db))?.heads ?? [];
  const ids = [
    ...new Set(
      heads
        .filter((h) => !datasets || datasets.includes(h.dataset))
        .flatMap((h) => [h.current, ...(h.previous ? [h.previous] : [])]),
    ),
  ];
  if (ids.length === 0) return [];
  const docs = await db
    .collection<VersionDoc>(VERSIONS)
    .find({ _id: { $in: ids } })
    .toArray();
  return docs.map((d) => view(d, heads, ownOrg)).sort(servedOrder);
}

/** The order of `datasets`: current first, then newest first, then by id. */
export function servedOrder(
  a: { state: string; importedAt: Date; id: string },
  b: { state: string; importedAt: Date; id: string },
): number {
  return Number(b.state === "CURRENT") - Number(a.state === "CURRENT") || importsOrder(a, b);
}

/** The order of `myImports`: newest first, then by id (descending, as the database sorts it). */
export function importsOrder(
  a: { importedAt: Date; id: string },
  b: { importedAt: Date; id: string },
): number {
  return b.importedAt.getTime() - a.importedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** Every attempt of one organisation (the IMPORTS row rule: its own only) at the given datasets (null: all), newest first. */
export async function importsOf(
  db: Db,
  org: ImportOrg,
  datasets: readonly string[] | null,
  limit: number,
): Promise<VersionView[]> {
  const filter: Filter<VersionDoc> = {
    "org.type": org.type,
    "org.id": org.id,
    ...(datasets ? { dataset: { $in: [...datasets] } } : {}),
  };
  const [docs, marker] = await Promise.all([
    db.collection<VersionDoc>(VERSIONS).find(filter).sort({ importedAt: -1, _id: -1 }).limit(limit).toArray(),
    readMarker(db),
  ]);
  return docs.map((d) => view(d, marker?.heads ?? [], org));
}

/** Versions by id, in key order (null for an unknown id). */
export async function versionsById(
  db: Db,
  ids: readonly string[],
  ownOrg: ImportOrg | null,
): Promise<(VersionView | null)[]> {
  const [docs, marker] = await Promise.all([
    db
      .collection<VersionDoc>(VERSIONS)
      .find({ _id: { $in: [...ids] } })
      .toArray(),
    readMarker(db),
  ]);
  const byId = new Map(docs.map((d) => [d._id, view(d, marker?.heads ?? [], ownOrg)]));
  return ids.map((id) => byId.get(id) ?? null);
}
