import type { Context } from "../../src/context.js";
import type { AuditEventDoc } from "../../src/sources/audit/types.js";
import { nafEntry } from "../../src/domain/reference.js";

/**
 * A hand-written endpoint: `fetch` reads what one operation needs through the
 * request's loaders (the same source batch functions, row scopes and
 * disclosure rules as Passerelle, so the same database commands), with every
 * key of a level gathered by hand into one `loadMany`; `build` writes the
 * response's `data` as plain objects, without GraphQL. The split lets the
 * execution-only level time `build` alone on data already in memory.
 * `fetch` gets the request's variables (a write's input). A twin reading or
 * writing personal data also returns, from `audit`, the audit events
 * Passerelle writes for the same answer (src/privacy/audit.ts): the server
 * writes them before it answers, as Passerelle's audit plugin does.
 * `Handler` alone (D unknown) holds a handler of any data: methods are
 * bivariant in their parameters.
 */
export interface Handler<D = unknown> {
  fetch(ctx: Context, variables: Record<string, unknown> | null): Promise<D>;
  build(data: D): unknown;
  audit?(ctx: Context, data: D, built: unknown): AuditEventDoc[];
}

/** `loadMany`, failing loudly: a baseline never answers with partial data. */
export async function all<K, V>(
  loader: { loadMany(keys: readonly K[]): Promise<(V | Error)[]> },
  keys: readonly K[],
): Promise<V[]> {
  const values = await loader.loadMany(keys);
  const failed = values.find((v): v is Error => v instanceof Error);
  if (failed) throw failed;
  return values as V[];
}

/** `{ code label }` of a NAF entry, as the Naf type answers it. */
export function nafRef(code: string): { code: string; label: string } {
  const entry = nafEntry(code)!;
  return { code: entry.code, label: entry.label };
}
