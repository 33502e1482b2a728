import type { Document } from "mongodb";
import type { ImportedReads } from "../../db/imported-reads.js";
import { derived } from "../../db/read-cache.js";
import { idFilter, oneOrIn } from "./repository.js";
import type { Annex4Query, Annex4Row, Cpom, CpomActionQuery, CpomAction } from "./types.js";

/**
 * Mongo calls for CPOMs and their fiches actions (the annexe-4 reports,
 * which requests write, are in campaign/repository.ts).
 * A batch of different keys is answered by ONE query on the union of their
 * conditions; the loaders then keep, for each key, the rows that match it
 * exactly (see matchesAction / matchesAnnex4).
 */
export const CPOMS = "spsti_cpoms";
export const CPOM_ACTIONS = "spsti_cpom_actions";

type WithId = { _id: string };
const CPOM_PROJECTION = {
  spstiId: 1,
  generation: 1,
  title: 1,
  dreetsId: 1,
  caisseSlug: 1,
  crpstOpinionOn: 1,
  signedOn: 1,
  startsOn: 1,
  endsOn: 1,
};
const ACTION_PROJECTION = {
  cpomId: 1,
  spstiId: 1,
  volet: 1,
  theme: 1,
  title: 1,
  description: 1,
  startYear: 1,
  endYear: 1,
  pilots: 1,
  phases: 1,
  indicators: 1,
};
function withId<T>({ _id, ...rest }: WithId & Omit<T, "id">): T {
  return { id: _id, ...rest } as T;
}

/** Documents → API rows, once per cached answer (src/db/read-cache.ts): read-only. */
function withIds<T>(docs: readonly (WithId & Omit<T, "id">)[]): readonly T[] {
  return derived(docs, "withId", () => docs.map((d) => withId<T>(d)));
}

export async function findCpoms(reads: ImportedReads, ids: readonly string[]): Promise<readonly Cpom[]> {
  const docs = await reads.find<WithId & Omit<Cpom, "id">>(CPOMS, idFilter(ids), {
    projection: CPOM_PROJECTION,
  });
  return withIds<Cpom>(docs);
}

/** CPOMs of these SPSTIs, oldest first. */
export async function findCpomsBySpsti(
  reads: ImportedReads,
  spstiIds: readonly string[],
): Promise<readonly Cpom[]> {
  const docs = await reads.find<WithId & Omit<Cpom, "id">>(
    CPOMS,
    { spstiId: oneOrIn(spstiIds) },
    { projection: CPOM_PROJECTION, sort: { startsOn: 1 } },
  );
  return withIds<Cpom>(docs);
}

async function findActions(reads: ImportedReads, filter: Document): Promise<readonly CpomAction[]> {
  const docs = await reads.find<WithId & Omit<CpomAction, "id">>(CPOM_ACTIONS, filter, {
    projection: ACTION_PROJECTION,
    sort: { _id: 1 },
  });
  return withIds<CpomAction>(docs);
}

/** Fiches actions by id. */
export function findActionsById(
  reads: ImportedReads,
  ids: readonly string[],
): Promise<readonly CpomAction[]> {
  return findActions(reads, idFilter(ids));
}

/** Fiches actions of these CPOMs, by volet then id. */
export async function findActionsByCpom(
  reads: ImportedReads,
  cpomIds: readonly string[],
): Promise<readonly CpomAction[]> {
  return findActions(reads, { cpomId: oneOrIn(cpomIds) });
}

/** Union of the keys' conditions: a condition is dropped as soon as one key does not restrict it. */
function unionOf<K>(
  keys: readonly K[],
  pick: (k: K) => readonly (string | number)[] | null,
): (string | number)[] | null {
  const all = new Set<string | number>();
  for (const k of keys) {
    const values = pick(k);
    if (values === null) return null;
    for (const v of values) all.add(v);
  }
  return [...all];
}

/** Fiches actions that may match any of the keys (a superset: filter per key with matchesAction). */
export async function findActionsFor(
  reads: ImportedReads,
  keys: readonly CpomActionQuery[],
): Promise<readonly CpomAction[]> {
  const filter: Document = {};
  const themes = unionOf(keys, (k) => (k.theme === null ? null : [k.theme]));
  const spstiIds = unionOf(keys, (k) => k.spstiIds);
  const years = unionOf(keys, (k) => (k.activeIn === null ? null : [k.activeIn])) as number[] | null;
  if (themes) filter.theme = oneOrIn(themes);
  if (spstiIds) filter.spstiId = oneOrIn(spstiIds);
  if (years)
    Object.assign(filter, { startYear: { $lte: Math.max(...years) }, endYear: { $gte: Math.min(...years) } });
  return findActions(reads, filter);
}

export function matchesAction(a: CpomAction, k: CpomActionQuery): boolean {
  return (
    (k.theme === null || a.theme === k.theme) &&
    (k.spstiIds === null || k.spstiIds.includes(a.spstiId)) &&
    (k.activeIn === null || (a.startYear <= k.activeIn && a.endYear >= k.activeIn))
  );
}

export function matchesAnnex4(r: Pick<Annex4Row, "theme" | "year" | "spstiId">, k: Annex4Query): boolean {
  return (
    (k.theme === null || r.theme === k.theme) &&
    (k.year === null || r.year === k.year) &&
    (k.spstiIds === null || k.spstiIds.includes(r.spstiId))
  );
}

/** The CPOMs an organisation signed: by its SPSTI id, its DREETS id or its caisse, oldest first. */
export async function findCpomsSignedBy(
  reads: ImportedReads,
  field: "spstiId" | "dreetsId" | "caisseSlug",
  id: string,
): Promise<readonly Cpom[]> {
  const docs = await reads.find<WithId & Omit<Cpom, "id">>(
    CPOMS,
    { [field]: id },
    { projection: CPOM_PROJECTION, sort: { startsOn: 1, _id: 1 } },
  );
  return withIds<Cpom>(docs);
}
