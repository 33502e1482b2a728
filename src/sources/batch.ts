/**
 * Helpers for DataLoader batch functions. The rule: a batch issues a number
 * of database commands that depends on the *shapes* of its keys, never on how
 * many keys there are.
 */

/** Puts rows back in key order; a key without a row gets `missing` (DataLoader wants one result per key). */
export function inKeyOrder<K, R, V = R | null>(
  keys: readonly K[],
  rows: readonly R[],
  keyOfKey: (k: K) => string,
  keyOfRow: (r: R) => string,
  missing: V = null as V,
): (R | V)[] {
  const byKey = new Map(rows.map((r) => [keyOfRow(r), r] as const));
  return keys.map((k) => byKey.get(keyOfKey(k)) ?? missing);
}

/** Groups rows by key, for one-to-many loaders (`[]` for a key without rows). */
export function groupedInKeyOrder<K, R>(
  keys: readonly K[],
  rows: readonly R[],
  keyOfKey: (k: K) => string,
  keyOfRow: (r: R) => string,
): R[][] {
  const groups = new Map<string, R[]>();
  for (const r of rows) {
    const k = keyOfRow(r);
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  return keys.map((k) => groups.get(keyOfKey(k)) ?? []);
}

/**
 * Splits keys into buckets that one query can answer together (for example
 * "AT sums per year, Pays de la Loire, 2019-2024" for many NAF codes at the
 * same level), runs `run` once per bucket, and returns results in key order.
 */
export async function batchByBucket<K, V>(
  keys: readonly K[],
  bucketOf: (k: K) => string,
  run: (bucket: K[]) => Promise<V[]>,
): Promise<V[]> {
  const buckets = new Map<string, number[]>();
  keys.forEach((k, i) => {
    const b = bucketOf(k);
    const list = buckets.get(b);
    if (list) list.push(i);
    else buckets.set(b, [i]);
  });
  const out = new Array<V>(keys.length);
  await Promise.all(
    [...buckets.values()].map(async (indexes) => {
      const results = await run(indexes.map((i) => keys[i]));
      indexes.forEach((keyIndex, j) => {
        out[keyIndex] = results[j];
      });
    }),
  );
  return out;
}
