import DataLoader from "dataloader";
import type { Db } from "mongodb";
import type { FicheScope } from "../../../auth/scopes.js";
import { keyString } from "../../../domain/canonical-key.js";
import { batchByBucket, inKeyOrder } from "../../batch.js";
import {
  countFiches,
  countWithdrawals,
  fetchFiches,
  fetchGroups,
  fetchMedical,
  fetchWithdrawals,
} from "./repository.js";
import {
  ADMIN_GROUPS,
  SHARED_GROUPS,
  type ConsentWithdrawal,
  type Fiche,
  type FicheMedical,
  type FicheQuery,
  type SharedGroup,
  type SharedGroups,
  type WithdrawalQuery,
} from "../types.js";

/** Key of one consent-scoped group of one fiche. */
export interface FicheGroupKey {
  id: string;
  group: SharedGroup;
  /**
   * The fiche's status as the caller read it: when a batch's fiches share
   * one, the read carries it (fetchGroups); a fiche that changed is read
   * again without it, so the hint never changes an answer.
   */
  status?: string;
}

/** Key of an inbox page: the recipient is the viewer's own organisation, taken from the bound scope. */
export type InboxQuery = Pick<FicheQuery, "status" | "updatedSince" | "limit" | "after" | "groups">;

/** One page of fiches and the total number matching the query. */
export interface FichePage {
  rows: Fiche[];
  totalCount: number;
}

/** One page of withdrawal notices (limit + 1 rows, for hasNextPage) and their total. */
export interface WithdrawalPage {
  rows: ConsentWithdrawal[];
  totalCount: number;
}

/**
 * The fiche loaders, bound to the viewer's row scope: every read adds it to
 * its Mongo filter (for a partner, a fiche addressed to it only while the
 * worker's consent names it: scope-filter.ts), and a scope without rows (or,
 * for the medical group, any scope but the owning SPSTI's) sends no command.
 * Fiche reads return the
 * administrative level (header, consent, worker: what the per-fiche check and
 * the audit read) plus, for a page of the owning SPSTI, the consent-scoped
 * groups its key names. Any other group is read by `ficheGroup` when its
 * field is resolved, i.e. after the per-fiche consent check has passed.
 */
export function createFicheLoaders(db: Db, scope: FicheScope) {
  return {
    /** Fiche by id within the scope, administrative groups; null for an unknown id or one outside the scope. */
    ficheById: new DataLoader<string, Fiche | null>(async (ids) => {
      const rows = await fetchFiches(db, scope, { ids }, ADMIN_GROUPS);
      return inKeyOrder(
        ids,
        rows,
        (id) => id,
        (f) => f.id,
      );
    }),
    /** A keyset page of fiches within the scope (limit + 1 rows, for hasNextPage) with the total count; one find and one count per query. */
    fichePage: new DataLoader<FicheQuery, FichePage, string>(
      (keys) => Promise.all(keys.map((k) => loadPage(db, scope, k))),
      { cacheKeyFn: keyString },
    ),
    /**
     * The viewer's inbox: sent fiches addressed to its own organisation (the
     * scope's), as a keyset page; an empty page without any command for a
     * scope that has no organisation.
     */
    inboxPage: new DataLoader<InboxQuery, FichePage, string>(
      (keys) =>
        Promise.all(
          keys.map((k) =>
            ownOrg(scope)
              ? loadPage(db, scope, {
                  ...k,
                  orgId: null,
                  direction: null,
                  siret: null,
                  recipientId: ownOrg(scope),
                })
              : EMPTY,
          ),
        ),
      { cacheKeyFn: keyString },
    ),
    /**
     * The viewer's withdrawal notices: sent fiches addressed to its own
     * organisation whose worker withdrew consent, id, reference, recipient and
     * date only; one find and one count, none for a scope without organisation.
     */
    withdrawalPage: new DataLoader<WithdrawalQuery, WithdrawalPage, string>(
      (keys) =>
        Promise.all(
          keys.map(async (k) => {
            const [rows, totalCount] = await Promise.all([
              fetchWithdrawals(db, scope, k, k.limit + 1),
              countWithdrawals(db, scope, k),
            ]);
            return { rows, totalCount };
          }),
        ),
      { cacheKeyFn: keyString },
    ),
    /** One consent-scoped group of a fiche; null when the fiche has none, does not exist or is outside the scope (or its consent). */
    ficheGroup: new DataLoader<FicheGroupKey, SharedGroups[SharedGroup] | null, string>(
      (keys) => loadGroups(db, scope, keys),
      {
        cacheKeyFn: (k) => `${k.id}|${k.group}`,
      },
    ),
    /** Medical group of a fiche of the owning SPSTI (reads pdp_fiches_medical only); null when there is none or the scope is another. */
    medicalByFicheId: new DataLoader<string, FicheMedical | null>(async (ids) => {
      const rows = await fetchMedical(db, scope, ids);
      return inKeyOrder(
        ids,
        rows,
        (id) => id,
        (m) => m.ficheId,
      );
    }),
  };
}

const EMPTY: FichePage = { rows: [], totalCount: 0 };

/** The organisation a scope acts for: the SPSTI of its care team, or the partner. */
export function ownOrg(scope: FicheScope): string | null {
  return scope.kind === "OWNER_SPSTI" ? scope.spstiId : scope.kind === "PARTNER_ORG" ? scope.orgId : null;
}

/**
 * The page and the total, in parallel: each is a full scan on FerretDB v1, so
 * two cores answer in the time of one. Consent-scoped groups are projected
 * for the owning SPSTI only, whatever the key asks: a partner's page never
 * carries one (minimisation; the resolver already asks for none).
 */
async function loadPage(db: Db, scope: FicheScope, k: FicheQuery): Promise<FichePage> {
  const filter = {
    orgId: k.orgId,
    status: k.status,
    direction: k.direction,
    siret: k.siret,
    updatedSince: k.updatedSince,
    recipientId: k.recipientId ?? null,
  };
  const groups = scope.kind === "OWNER_SPSTI" ? (k.groups ?? []) : [];
  const [rows, totalCount] = await Promise.all([
    fetchFiches(db, scope, { ...filter, after: k.after }, [...ADMIN_GROUPS, ...groups], k.limit + 1),
    countFiches(db, scope, filter),
  ]);
  return { rows, totalCount };
}

/**
 * Fiches asking for the same set of groups are fetched together, projecting
 * exactly that set: one find per distinct set (at most 15), whatever the
 * number of fiches, and no fiche's group is read because another asked for
 * it. A partner asks only for the groups that passed the consent check, and
 * the filter requires the consent to cover the whole set.
 */
async function loadGroups(
  db: Db,
  scope: FicheScope,
  keys: readonly FicheGroupKey[],
): Promise<(SharedGroups[SharedGroup] | null)[]> {
  const wanted = new Map<string, Set<SharedGroup>>();
  for (const k of keys) wanted.set(k.id, (wanted.get(k.id) ?? new Set()).add(k.group));
  const signature = (k: FicheGroupKey) => SHARED_GROUPS.filter((g) => wanted.get(k.id)!.has(g)).join(",");
  return batchByBucket(keys, signature, async (bucket) => {
    const ids = [...new Set(bucket.map((k) => k.id))];
    const groups = signature(bucket[0]).split(",") as SharedGroup[];
    // The fiches' status when they all share one (an inbox page): a root equality the read can carry.
    const status = new Set(bucket.map((k) => k.status)).size === 1 ? bucket[0].status : undefined;
    const byId = new Map((await fetchGroups(db, scope, ids, groups, status)).map((f) => [f.id, f]));
    // A fiche whose status changed since the caller read it is read again without the hint.
    const missed = ids.filter((id) => !byId.has(id));
    if (status && missed.length > 0)
      for (const f of await fetchGroups(db, scope, missed, groups)) byId.set(f.id, f);
    return bucket.map((k) => byId.get(k.id)?.[k.group] ?? null);
  });
}
