import DataLoader from "dataloader";
import type { Db } from "mongodb";
import type { ImportedReads } from "../../../db/imported-reads.js";
import { groupedInKeyOrder, inKeyOrder } from "../../batch.js";
import { findCpoms } from "../repository-cpom.js";
import type { Cpom, CpomAction } from "../types-cpom.js";
import { finalBilanId, type BilanDoc, type ValueDoc } from "./documents.js";
import { findActionBilans, findActionsById, findFinalBilans, findValuesOf } from "./repository.js";

/**
 * Per-request loaders of the CPOM follow-up: one command per batch, whatever
 * the number of keys (a dashboard of every indicator of every CPOM reads the
 * declared values in one find). Unfiltered by viewer: the follow-up service
 * (service.ts) hands their rows out only to a party of the CPOM.
 */
export function createFollowUpLoaders(db: Db, reads: ImportedReads) {
  return {
    /** A CPOM by id (imported data); null when unknown. */
    cpomById: new DataLoader<string, Cpom | null>(async (ids) =>
      inKeyOrder(
        ids,
        await findCpoms(reads, ids),
        (id) => id,
        (c) => c.id,
      ),
    ),
    /** A fiche action by id (imported data); null when unknown. */
    actionById: new DataLoader<string, CpomAction | null>(async (ids) =>
      inKeyOrder(
        ids,
        await findActionsById(reads, ids),
        (id) => id,
        (a) => a.id,
      ),
    ),
    /** Declared values of an indicator, oldest year first. */
    valuesByIndicator: new DataLoader<string, ValueDoc[]>(async (ids) =>
      groupedInKeyOrder(
        ids,
        await findValuesOf(db, ids),
        (id) => id,
        (v) => v.indicatorId,
      ),
    ),
    /** Yearly bilans of a fiche action, oldest first. */
    bilansByAction: new DataLoader<string, BilanDoc[]>(async (ids) =>
      groupedInKeyOrder(
        ids,
        await findActionBilans(db, ids),
        (id) => id,
        (b) => b.actionId ?? "",
      ),
    ),
    /** The final bilan of a CPOM; null while none is written. */
    finalBilanByCpom: new DataLoader<string, BilanDoc | null>(async (ids) =>
      inKeyOrder(
        ids,
        await findFinalBilans(db, ids),
        (id) => finalBilanId(id),
        (b) => b._id,
      ),
    ),
  };
}
export type FollowUpLoaders = ReturnType<typeof createFollowUpLoaders>;
