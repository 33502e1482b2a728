import type { Context } from "../../src/context.js";
import { nafEntry } from "../../src/domain/reference.js";

/**
 * A hand-written endpoint: `fetch` reads what one operation needs through the
 * request's loaders (the same source batch functions, row scopes and
 * disclosure rules as Passerelle, so the same database commands), with every
 * key of a level gathered by hand into one `loadMany`; `build` writes the
 * response's `data` as plain objects, without GraphQL. The split lets the
 * execution-only level time `build` alone on data already in memory.
 */
export interface Handler<D = any> {
  fetch(ctx: Context): Promise<D>;
  build(data: D): unknown;
}

/** `loadMany`, failing loudly: a baseline never answers with partial data. */
export async function all<K, V>(loader: { loadMany(keys: readonly K[]): Promise<(V | Error)[]> }, keys: readonly K[]): Promise<V[]> {
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
