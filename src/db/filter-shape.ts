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
