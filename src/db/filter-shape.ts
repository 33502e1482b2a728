import type { Document } from "mongodb";

/**
 * The conjunction of `conditions`, shaped for FerretDB v1's pushdown.
 *
 * Why: on its PostgreSQL backend FerretDB turns only the ROOT keys of a
 * filter that are plain fields with scalar values (or `{$eq}`) into SQL;
 * everything else (`$and`, `$or`, `$in`, dotted paths into arrays) is
 * evaluated in Go after decoding each document, about 0.6 ms apiece
 * (docs/embedded-database.md). On SQLite only a lone `{_id}` is pushed down.
 * So every key stays at the root the first time it appears; a key met again
 * (or a nested `$and`) goes into one root `$and`. The meaning is the same
 * conjunction on MongoDB, FerretDB and either backend.
 */
export function allOf(conditions: readonly Document[]): Document {
  const root: Document = {};
  const rest: Document[] = [];
  for (const condition of conditions) {
    for (const [key, value] of Object.entries(condition)) {
      if (key === "$and") rest.push(...(value as Document[]));
      else if (key in root) rest.push({ [key]: value });
      else root[key] = value;
    }
  }
  if (rest.length > 0) root.$and = rest;
  return root;
}

/**
 * The same filter, with what FerretDB can push down at the root: a root
 * `{f: {$in: [x]}}` becomes `{f: x}` (the same match, arrays included), and
 * the conditions of a root `$and` come up to the root where their key is
 * free. Reads of imported data go through it (imported-reads.ts): their
 * filters are built for MongoDB, with `$in` lists that often hold one value
 * (one caisse, one section).
 */
export function pushdownShape(filter: Document): Document {
  const root: Document = {};
  const rest: Document[] = [];
  const place = (key: string, value: unknown) => {
    if (key in root) rest.push({ [key]: value });
    else root[key] = key.startsWith("$") ? value : singleIn(value);
  };
  for (const [key, value] of Object.entries(filter)) {
    if (key === "$and" && Array.isArray(value))
      for (const condition of value as Document[])
        for (const [k, v] of Object.entries(condition)) place(k, v);
    else place(key, value);
  }
  if (rest.length > 0) root.$and = [...((root.$and as Document[] | undefined) ?? []), ...rest];
  return root;
}

/** `{$in: [x]}` with a scalar x (string, number, boolean) → x; anything else unchanged. */
function singleIn(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const list = (value as { $in?: unknown }).$in;
  if (keys.length !== 1 || !Array.isArray(list) || list.length !== 1) return value;
  const [only] = list;
  return typeof only === "string" || typeof only === "number" || typeof only === "boolean" ? only : value;
}
