import type { DisclosureConfig } from "../../privacy/disclosure-config.js";
import type { FicheScope } from "../../auth/scopes.js";
import DataLoader from "dataloader";
import type { Db } from "mongodb";
import { keyString } from "../../domain/canonical-key.js";
import type { YearSpan } from "../../domain/scope.js";
import {
  EVERY_YEAR,
  aggregateSignalements,
  fetchMeasureFiches,
  maskedMeasures,
  maskedSignalements,
  type SignalementRow,
} from "./read/aggregates.js";
import { createFicheLoaders } from "./read/fiche-loaders.js";
import { gridAnswer, protectMeasureGrid } from "./read/measure-grid.js";
import type { MeasureCount, SignalementCount, SignalementQuery } from "./types.js";

export type { FicheGroupKey, FichePage } from "./read/fiche-loaders.js";

/**
 * Per-request loaders of the PDP source. The fiche loaders (fiche-loaders.ts)
 * are bound to the viewer's row scope, pushed into every Mongo filter, and
 * read a consent-scoped group only where minimisation allows it; the medical
 * group comes from its own collection, for the owning SPSTI only.
 */
export function createPdpLoaders(db: Db, scope: FicheScope, disclosure: DisclosureConfig) {
  return {
    ...createFicheLoaders(db, scope),
    /** Signalements (sent fiches) per year × direction × origin × recipient, small counts masked (aggregates.ts); one aggregate per batch. */
    signalementCounts: new DataLoader<SignalementQuery, SignalementCount[], string>(
      async (keys) => {
        const rows = await maskedSignalements(db, disclosure, partyOf(scope));
        return keys.map((k) => rows.filter((r) => concerns(r, k)).sort(bySignalement));
      },
      { cacheKeyFn: keyString },
    ),
    /** Actions mobilised per year × type, from the protected grid of every organisation (aggregates.ts); one find per batch. */
    measureCounts: new DataLoader<SignalementQuery, MeasureCount[], string>(
      async (keys) => {
        const fiches = await fetchMeasureFiches(db, EVERY_YEAR, null);
        return maskedMeasures(fiches, keys, disclosure, partyOf(scope));
      },
      { cacheKeyFn: keyString },
    ),
    /**
     * The same answers as measureCounts, exact for the organisation `exactFor`
     * names when it is the key's own (`gridAnswer`: a party reading its own
     * cell, a view the grid's audit covers), for the CPOM follow-up, where the
     * viewer acts for an organisation without a fiche scope (an SPSTI's
     * direction). One find per batch.
     */
    measureCountsFor: new DataLoader<MeasureQueryFor, MeasureCount[], string>(
      async (keys) => {
        const grid = protectMeasureGrid(await fetchMeasureFiches(db, EVERY_YEAR, null), disclosure);
        return keys.map((k) => gridAnswer(grid, k, k.exactFor));
      },
      { cacheKeyFn: keyString },
    ),
    /**
     * Exact signalements between an SPSTI and one partner, per year and
     * direction: the CPOM indicator "signalements each way" (CPOM SSTRN volet
     * 1). Not masked: only the CPOM follow-up reads it (src/joins/
     * indicator-values.ts), for a viewer its service found to be a party to
     * the CPOM that binds the two (docs/privacy.md, "CPOM follow-up"), as
     * SpstiPdpActivity's signalements are exact for the CPOM's parties. No
     * published figure sums these cells, so they give no masked one back.
     * One aggregate per batch.
     */
    signalementsBetween: new DataLoader<PairQuery, SignalementCount[], string>(
      async (keys) => {
        const rows = await aggregateSignalements(db, spanOf(keys), [...new Set(keys.map((k) => k.spstiId))]);
        return keys.map((k) => rows.filter((r) => between(r, k)).sort(bySignalement));
      },
      { cacheKeyFn: keyString },
    ),
  };
}
export type PdpLoaders = ReturnType<typeof createPdpLoaders>;

/** measureCounts' key, with the organisation whose own cell is read exactly (null: none). */
export type MeasureQueryFor = SignalementQuery & { exactFor: string | null };

/** Signalements between an SPSTI and a partner over some years. */
export interface PairQuery {
  spstiId: string;
  partnerId: string;
  years: YearSpan;
}

/** The smallest span covering every key's years. */
function spanOf(keys: readonly PairQuery[]): YearSpan {
  return {
    from: Math.min(...keys.map((k) => k.years.from)),
    to: Math.max(...keys.map((k) => k.years.to)),
  };
}

function between(r: SignalementRow, k: PairQuery): boolean {
  if (r.year < k.years.from || r.year > k.years.to) return false;
  return (
    (r.origin.id === k.spstiId && r.recipient.id === k.partnerId) ||
    (r.origin.id === k.partnerId && r.recipient.id === k.spstiId)
  );
}

/** The organisation a viewer acts for in the exchange (its SPSTI or its Carsat), whose own counts it reads exactly. */
function partyOf(scope: FicheScope): string | null {
  return scope.kind === "OWNER_SPSTI" ? scope.spstiId : scope.kind === "PARTNER_ORG" ? scope.orgId : null;
}

function concerns(r: SignalementRow, k: SignalementQuery): boolean {
  if (r.year < k.years.from || r.year > k.years.to) return false;
  return k.orgId === null || r.origin.id === k.orgId || r.recipient.id === k.orgId;
}

function bySignalement(a: SignalementCount, b: SignalementCount): number {
  return (
    a.year - b.year ||
    a.direction.localeCompare(b.direction) ||
    a.origin.id.localeCompare(b.origin.id) ||
    a.recipient.id.localeCompare(b.recipient.id)
  );
}
