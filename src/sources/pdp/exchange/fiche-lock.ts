import { withDocLock } from "../../../db/conditional-write.js";

/**
 * Serialises the writes to one fiche within this process: FerretDB v1 applies
 * an update outside any transaction, so the version filter alone would lose
 * writes (the measure and the reason are in src/db/conditional-write.ts).
 */
export function withFicheLock<T>(ficheId: string, fn: () => Promise<T>): Promise<T> {
  return withDocLock(`fiche:${ficheId}`, fn);
}
