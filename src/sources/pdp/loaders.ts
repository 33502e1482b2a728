import type { DisclosureConfig } from "../../privacy/disclosure-config.js";
import type { FicheScope } from "../../auth/scopes.js";
import DataLoader from "dataloader";
import type { Db } from "mongodb";
import { batchByBucket, inKeyOrder } from "../batch.js";
import { keyString } from "../../domain/scope.js";
import { aggregateSignalements, fetchMeasureFiches, type MeasureFiche, type SignalementRow } from "./aggregates.js";
import { countFiches, fetchFiches, fetchMedical } from "./repository.js";
import {
  ADMIN_GROUPS,
  type Fiche,
  type FicheMedical,
  type FicheQuery,
  type MeasureCount,
  type SharedGroup,
  type SharedGroups,
  type SignalementCount,
  type SignalementQuery,
} from "./types.js";

/** Key of one consent-scoped group of one fiche. */
export interface FicheGroupKey {
  id: string;
  group: SharedGroup;
}

/** One page of fiches and the total number matching the query. */
export interface FichePage {
  rows: Fiche[];
  totalCount: number;
}

/**
 * Per-request loaders of the PDP source. Fiche reads return the
 * administrative level (header, consent, worker) plus, for a page, the
 * consent-scoped groups its key names; any other consent-scoped group is
 * fetched by `ficheGroup` when its field is resolved, and the medical group
 * by `medicalByFicheId` from its own collection. A group that is not selected
 * (or, next step, not authorized) is therefore never read.
 */
export function createPdpLoaders(db: Db, _scope: FicheScope, _disclosure: DisclosureConfig) {
  return {
    /** Fiche by id, administrative groups; null for an unknown id. */
    ficheById: new DataLoader<string, Fiche | null>(async (ids) => {
      const rows = await fetchFiches(db, { ids }, ADMIN_GROUPS);
      return inKeyOrder(ids, rows, (id) => id, (f) => f.id);
    }),
    /** A keyset page of fiches (limit + 1 rows, for hasNextPage) with the total count; one find and one count per query. */
    fichePage: new DataLoader<FicheQuery, FichePage, string>((keys) => Promise.all(keys.map((k) => loadPage(db, k))), { cacheKeyFn: keyString }),
    /** One consent-scoped group of a fiche; null when the fiche has none or does not exist. */
    ficheGroup: new DataLoader<FicheGroupKey, SharedGroups[SharedGroup] | null, string>((keys) => loadGroups(db, keys), {
      cacheKeyFn: (k) => `${k.id}|${k.group}`,
    }),
    /** Medical group of a fiche (reads pdp_fiches_medical only); null when there is none. */
    medicalByFicheId: new DataLoader<string, FicheMedical | null>(async (ids) => {
      const rows = await fetchMedical(db, ids);
      return inKeyOrder(ids, rows, (id) => id, (m) => m.ficheId);
    }),
    /** Signalements (sent fiches) per year × direction × origin × recipient; one aggregate per batch. */
    signalementCounts: new DataLoader<SignalementQuery, SignalementCount[], string>(
      async (keys) => {
        const rows = await aggregateSignalements(db, spanOf(keys), orgsOf(keys));
        return keys.map((k) => rows.filter((r) => concerns(r, k)).sort(bySignalement));
      },
      { cacheKeyFn: keyString },
    ),
    /** Actions mobilised per year × type; one find per batch. */
    measureCounts: new DataLoader<SignalementQuery, MeasureCount[], string>(
      async (keys) => {
        const fiches = await fetchMeasureFiches(db, spanOf(keys), orgsOf(keys));
        return keys.map((k) => countMeasures(fiches, k));
      },
      { cacheKeyFn: keyString },
    ),
  };
}
export type PdpLoaders = ReturnType<typeof createPdpLoaders>;

/** The page and the total, in parallel: each is a full scan on FerretDB v1, so two cores answer in the time of one. */
async function loadPage(db: Db, k: FicheQuery): Promise<FichePage> {
  const filter = { orgId: k.orgId, status: k.status, direction: k.direction, siret: k.siret, updatedSince: k.updatedSince };
  const [rows, totalCount] = await Promise.all([
    fetchFiches(db, { ...filter, after: k.after }, [...ADMIN_GROUPS, ...(k.groups ?? [])], k.limit + 1),
    countFiches(db, filter),
  ]);
  return { rows, totalCount };
}

/**
 * Fiches asking for the same set of groups are fetched together, projecting
 * exactly that set: one find per distinct set (at most 15), whatever the
 * number of fiches, and no fiche's group is read because another asked for it.
 */
async function loadGroups(db: Db, keys: readonly FicheGroupKey[]): Promise<(SharedGroups[SharedGroup] | null)[]> {
  const wanted = new Map<string, Set<SharedGroup>>();
  for (const k of keys) wanted.set(k.id, (wanted.get(k.id) ?? new Set()).add(k.group));
  const signature = (k: FicheGroupKey) => [...wanted.get(k.id)!].sort().join(",");
  return batchByBucket(keys, signature, async (bucket) => {
    const ids = [...new Set(bucket.map((k) => k.id))];
    const groups = signature(bucket[0]).split(",") as SharedGroup[];
    const byId = new Map((await fetchFiches(db, { ids }, groups)).map((f) => [f.id, f]));
    return bucket.map((k) => groupOf(byId.get(k.id), k.group));
  });
}

function groupOf(f: Fiche | undefined, group: SharedGroup): SharedGroups[SharedGroup] | null {
  if (!f) return null;
  if (group === "JOB") return f.job ?? null;
  if (group === "ARRET") return f.arret ?? null;
  if (group === "CAPACITIES") return f.capacities ?? null;
  return f.actions ?? null;
}

function spanOf(keys: readonly SignalementQuery[]) {
  return { from: Math.min(...keys.map((k) => k.years.from)), to: Math.max(...keys.map((k) => k.years.to)) };
}

/** The organisations of a batch, or null when one key asks for all of them. */
function orgsOf(keys: readonly SignalementQuery[]): string[] | null {
  return keys.some((k) => k.orgId === null) ? null : [...new Set(keys.map((k) => k.orgId as string))];
}

function concerns(r: SignalementRow, k: SignalementQuery): boolean {
  if (r.year < k.years.from || r.year > k.years.to) return false;
  return k.orgId === null || r.origin.id === k.orgId || r.recipient.id === k.orgId;
}

function bySignalement(a: SignalementCount, b: SignalementCount): number {
  return a.year - b.year || a.direction.localeCompare(b.direction) || a.origin.id.localeCompare(b.origin.id) || a.recipient.id.localeCompare(b.recipient.id);
}

function countMeasures(fiches: MeasureFiche[], k: SignalementQuery): MeasureCount[] {
  const sums = new Map<string, MeasureCount>();
  for (const f of fiches) {
    if (k.orgId !== null && !f.orgIds.includes(k.orgId)) continue;
    for (const a of f.actions) {
      const year = Number(a.date.slice(0, 4));
      if (year < k.years.from || year > k.years.to) continue;
      const key = `${year}|${a.type}`;
      const m = sums.get(key) ?? { year, type: a.type, count: 0 };
      m.count += 1;
      sums.set(key, m);
    }
  }
  return [...sums.values()].sort((a, b) => a.year - b.year || a.type.localeCompare(b.type));
}
