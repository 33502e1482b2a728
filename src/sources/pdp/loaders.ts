import type { DisclosureConfig } from "../../privacy/disclosure-config.js";
import type { FicheScope } from "../../auth/scopes.js";
import DataLoader from "dataloader";
import type { Db } from "mongodb";
import { keyString } from "../../domain/canonical-key.js";
import {
  EVERY_YEAR,
  fetchMeasureFiches,
  maskedMeasures,
  maskedSignalements,
  type SignalementRow,
} from "./read/aggregates.js";
import { createFicheLoaders } from "./read/fiche-loaders.js";
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
  };
}
export type PdpLoaders = ReturnType<typeof createPdpLoaders>;

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
