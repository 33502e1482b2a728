import type { DisclosureConfig } from "../../privacy/disclosure-config.js";
import type { EstablishmentScope } from "../../auth/scopes.js";
import DataLoader from "dataloader";
import type { Db } from "mongodb";
import type { ImportedReads } from "../../db/imported-reads.js";
import { groupedInKeyOrder, inKeyOrder } from "../batch.js";
import { keyString } from "../../domain/canonical-key.js";
import { findActivity, findEstablishments, findSpstis, findSpstisInDepartements } from "./repository.js";
import {
  findActionsByCpom,
  findActionsFor,
  findCpoms,
  findCpomsBySpsti,
  matchesAction,
  matchesAnnex4,
} from "./repository-cpom.js";
import { loadEstablishmentPages } from "./establishment-pages.js";
import { maskedAnnex4, type MaskedAnnex4Row } from "./annex4-disclosure.js";
import { isCpomParty, maskActivity, type MaskedActivityRow } from "./activity-disclosure.js";
import type {
  Annex4ByCpomQuery,
  Annex4Query,
  Cpom,
  CpomActionQuery,
  Establishment,
  EstablishmentPage,
  EstablishmentQuery,
  CpomAction,
  Spsti,
  SpstiAreaQuery,
} from "./types.js";

/** A loader whose keys are objects: cached by their canonical string. */
function objectLoader<K, V>(batch: DataLoader.BatchLoadFn<K, V>): DataLoader<K, V, string> {
  return new DataLoader<K, V, string>(batch, { cacheKeyFn: keyString });
}

/**
 * Per-request loaders of the spsti source, bound to the viewer's
 * establishment scope (pushed into every establishment filter). Every batch function sends one
 * command (establishmentPage: one or two per bucket of same-shaped keys),
 * whatever the number of keys.
 */
export function createSpstiLoaders(
  reads: ImportedReads,
  scope: EstablishmentScope,
  disclosure: DisclosureConfig,
  db: Db,
) {
  return {
    /** An SPSTI's identity card by id; null when unknown. */
    spstiById: new DataLoader<string, Spsti | null>(async (ids) =>
      inKeyOrder(
        ids,
        await findSpstis(reads, ids),
        (id) => id,
        (s) => s.id,
      ),
    ),
    /** SPSTIs whose area intersects the départements (null = every SPSTI), by id. */
    spstisInDepartements: objectLoader<SpstiAreaQuery, readonly Spsti[]>(async (keys) => {
      const union = keys.some((k) => k.departements === null)
        ? null
        : [...new Set(keys.flatMap((k) => k.departements!))];
      const spstis = await findSpstisInDepartements(reads, union);
      return keys.map((k) =>
        k.departements === null
          ? spstis
          : spstis.filter((s) => s.departements.some((d) => k.departements!.includes(d))),
      );
    }),
    /** A member establishment by SIRET; null when no SPSTI of this instance has it. */
    establishmentBySiret: new DataLoader<string, Establishment | null>(async (sirets) =>
      inKeyOrder(
        sirets,
        await findEstablishments(reads, sirets, scope),
        (s) => s,
        (e) => e.siret,
      ),
    ),
    /** A keyset page of establishments (up to limit + 1 rows) and the total count of the list. */
    establishmentPage: objectLoader<EstablishmentQuery, EstablishmentPage>((keys) =>
      loadEstablishmentPages(reads, keys, scope),
    ),
    /** Activity years of an SPSTI, oldest first, its small counts masked unless the viewer is a CPOM party (activity-disclosure.ts). */
    activityBySpsti: new DataLoader<Spsti, MaskedActivityRow[], string>(
      async (spstis) => {
        const ids = spstis.map((s) => s.id);
        const rows = groupedInKeyOrder(
          ids,
          await findActivity(reads, ids),
          (id) => id,
          (a) => a.spstiId,
        );
        return rows.map((r, i) => maskActivity(r, isCpomParty(scope, spstis[i]), disclosure));
      },
      { cacheKeyFn: (s) => s.id },
    ),
    /** A CPOM by id; null when unknown. */
    cpomById: new DataLoader<string, Cpom | null>(async (ids) =>
      inKeyOrder(
        ids,
        await findCpoms(reads, ids),
        (id) => id,
        (c) => c.id,
      ),
    ),
    /** CPOMs of an SPSTI, oldest first (previous generations included). */
    cpomsBySpsti: new DataLoader<string, Cpom[]>(async (ids) =>
      groupedInKeyOrder(
        ids,
        await findCpomsBySpsti(reads, ids),
        (id) => id,
        (c) => c.spstiId,
      ),
    ),
    /** Fiches actions of a CPOM. */
    actionsByCpom: new DataLoader<string, CpomAction[]>(async (ids) =>
      groupedInKeyOrder(
        ids,
        await findActionsByCpom(reads, ids),
        (id) => id,
        (a) => a.cpomId,
      ),
    ),
    /** Fiches actions by theme, SPSTIs and year in force. */
    cpomActions: objectLoader<CpomActionQuery, CpomAction[]>(async (keys) => {
      const rows = await findActionsFor(reads, keys);
      return keys.map((k) => rows.filter((a) => matchesAction(a, k)));
    }),
    /** Annexe-4 rows by theme, year and SPSTIs, masked by disclosure control within their year's whole table (annex4-disclosure.ts). */
    annex4Rows: objectLoader<Annex4Query, MaskedAnnex4Row[]>(async (keys) => {
      const rows = await maskedAnnex4(
        db,
        keys.map((k) => k.year),
        disclosure,
      );
      return keys.map((k) => rows.filter((r) => matchesAnnex4(r, k)));
    }),
    /** Annexe-4 rows of one CPOM (one year, or all when year is null), masked likewise. */
    annex4ByCpom: objectLoader<Annex4ByCpomQuery, MaskedAnnex4Row[]>(async (keys) => {
      const rows = await maskedAnnex4(
        db,
        keys.map((k) => k.year),
        disclosure,
      );
      return keys.map((k) =>
        rows.filter((r) => r.cpomId === k.cpomId && (k.year === null || r.year === k.year)),
      );
    }),
  };
}
export type SpstiLoaders = ReturnType<typeof createSpstiLoaders>;
