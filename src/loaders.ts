import type { Db } from "mongodb";
import type { ImportedReads } from "./db/imported-reads.js";
import type { RowScopes } from "./auth/scopes.js";
import type { DisclosureConfig } from "./privacy/disclosure-config.js";
import { createSpstiLoaders } from "./sources/spsti/loaders.js";
import { createCampaignReads } from "./sources/spsti/campaign/read.js";
import { createAnnex4Campaign } from "./sources/spsti/campaign/service.js";
import { createCarsatLoaders } from "./sources/carsat/loaders.js";
import { createDreetsLoaders } from "./sources/dreets/loaders.js";
import { createPdpLoaders } from "./sources/pdp/loaders.js";
import { withPdpExchange } from "./sources/pdp/exchange/exchange.js";
import type { Viewer } from "./auth/roles.js";
import { createAuditLoaders } from "./sources/audit/loaders.js";
import { createCpomFollowUp } from "./sources/spsti/indicators/service.js";
import { createImportLoaders } from "./imports/loaders.js";

/**
 * One fresh set of loaders per request, bound to the viewer's row scopes: DataLoader caches must never be shared
 * between viewers (a shared cache once skipped authorization across tenants). The imported sources read through
 * `reads` (maybe the process's ReadCache, keyed by the exact query, scope included); PDP and audit through `db`.
 */
export function createLoaders(
  db: Db,
  reads: ImportedReads,
  scopes: RowScopes,
  disclosure: DisclosureConfig,
  viewer: Viewer | null = null,
  /** The datasets whose provenance this server lists (a subgraph: its own source's); null for all. */
  datasets: readonly string[] | null = null,
) {
  const spsti = createSpstiLoaders(reads, scopes.establishments, disclosure, db);
  return {
    spsti,
    // The annex-4 campaign (reads and steps) acts for the viewer's organisation, a CPOM signatory or none.
    annex4Campaign: {
      ...createCampaignReads(db, reads, viewer),
      steps: createAnnex4Campaign(db, viewer, spsti),
    },
    carsat: createCarsatLoaders(reads, disclosure),
    dreets: createDreetsLoaders(reads, scopes.surveyRegions, disclosure),
    // The PDP exchange (mutations) acts for the viewer's organisation and signs with its subject.
    pdp: withPdpExchange(createPdpLoaders(db, scopes.fiches, disclosure), db, scopes.fiches, viewer),
    // The CPOM follow-up (indicator values, bilans, comments) reads and writes for the viewer's organisation when it is a party to the CPOM.
    cpomFollowUp: createCpomFollowUp(db, reads, viewer),
    audit: createAuditLoaders(db, scopes.auditOrg),
    imports: createImportLoaders(db, scopes.importsOrg, datasets),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
