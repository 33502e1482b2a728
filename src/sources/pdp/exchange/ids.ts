import { createHash, randomInt } from "node:crypto";
import type { OrgRef } from "../types.js";

/** Identifiers the exchange makes: fiche ids, message ids, pseudonyms, payload digests. */

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

export { sha256 } from "../../../graphql/write-inputs.js";

/**
 * The id of a created fiche: a one-way function of its author organisation
 * and the client's idempotency key, so that a retry after a timeout hits the
 * duplicate key instead of creating a second fiche. Same shape as the seed's
 * ids (`fl_` and 12 characters).
 */
export function ficheIdFor(origin: OrgRef, key: string): string {
  const digest = createHash("sha256").update(`${origin.type}:${origin.id}|${key}`).digest();
  return `fl_${[...digest.subarray(0, 12)].map((b) => ALPHABET[b % 32]).join("")}`;
}

const token = (n: number) => Array.from({ length: n }, () => ALPHABET[randomInt(32)]).join("");

/** A fresh random pseudonym, in the SPSTI's alphabet (no I, L, O, U: never read as a number). */
export const newPseudonym = () => `PS-${token(10).toUpperCase()}`;

/** A random message id. */
export const newMessageId = () => `m_${token(12)}`;
