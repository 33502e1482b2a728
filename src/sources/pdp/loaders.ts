import type { DisclosureConfig } from "../../privacy/disclosure-config.js";
import type { FicheScope } from "../../auth/scopes.js";
import DataLoader from "dataloader";
import type { Db } from "mongodb";
import { keyString } from "../../domain/scope.js";
import { aggregateSignalements, fetchMeasureFiches, type MeasureFiche, type SignalementRow } from "./aggregates.js";
import { createFicheLoaders } from "./fiche-loaders.js";
import type { MeasureCount, SignalementCount, SignalementQuery } from "./types.js";

export type { FicheGroupKey, FichePage } from "./fiche-loaders.js";

/**
 * Per-request loaders of the PDP source. The fiche loaders (fiche-loaders.ts)
 * are bound to the viewer's row scope, pushed into every Mongo filter, and
 * read a consent-scoped group only where minimisation allows it; the medical
 * group comes from its own collection, for the owning SPSTI only.
 */
export function createPdpLoaders(db: Db, scope: FicheScope, _disclosure: DisclosureConfig) {
  return {
    ...createFicheLoaders(db, scope),
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
