import type { Db } from "mongodb";
import type { RowScopes } from "./auth/scopes.js";
import type { DisclosureConfig } from "./privacy/disclosure-config.js";
import { createSpstiLoaders } from "./sources/spsti/loaders.js";
import { createCarsatLoaders } from "./sources/carsat/loaders.js";
import { createDreetsLoaders } from "./sources/dreets/loaders.js";
import { createPdpLoaders } from "./sources/pdp/loaders.js";
import { withPdpExchange } from "./sources/pdp/exchange.js";
import type { Viewer } from "./auth/roles.js";
import { createAuditLoaders } from "./sources/audit/loaders.js";

/**
 * One fresh set of loaders per request, bound to the viewer's row scopes: DataLoader caches must never be shared
 * between viewers (a shared cache once skipped authorization across tenants).
 */
export function createLoaders(db: Db, scopes: RowScopes, disclosure: DisclosureConfig, viewer: Viewer | null = null) {
  return {
    spsti: createSpstiLoaders(db, scopes.establishments, disclosure),
    carsat: createCarsatLoaders(db, disclosure),
    dreets: createDreetsLoaders(db, scopes.surveyRegions, disclosure),
    // The PDP exchange (mutations) acts for the viewer's organisation and signs with its subject.
    pdp: withPdpExchange(createPdpLoaders(db, scopes.fiches, disclosure), db, scopes.fiches, viewer),
    audit: createAuditLoaders(db, scopes.auditOrg),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
