/**
 * Canonical keys: one string per value, the same for values that mean the
 * same. The DataLoader cache keys and batch buckets use the default (sorted
 * keys, JSON's rules); the read cache's query keys use the options (key order
 * kept, `$in` as a set, exact or nothing).
 *
 * Hand-written rather than safe-stable-stringify, because it is faster on
 * our keys and it runs once per `load` (1,000 times for a 1,000-item list)
 * and once per read. Measured with Node 20.20 on 4,000 loader keys (carsat
 * queries, fact buckets, sumer plans, pdp pages) and 800 read-cache queries
 * (real carsat batch filters with their version scope, spsti and dreets
 * reads), medians of 7 timings in each of 4 runs: loader keys 0.93 µs here, 1.01 µs
 * with safe-stable-stringify (1.08x to 1.10x), 1.3 to 1.5 µs with the
 * previous keyString; query keys 2.7 µs here, 5.1 µs with
 * safe-stable-stringify and the replacer they need (1.85x to 1.92x), 4.4 to
 * 5.4 µs with the previous queryKey. Its string quoting and
 * small-array sort are safe-stable-stringify's. (A JSON.stringify replacer
 * rebuilding each object was 1.9x slower than the previous keyString:
 * docs/performance.md.)
 */

export interface KeyOptions {
  /** Keep each object's key order instead of sorting the keys: in a Mongo sort the order is the meaning. */
  readonly keepKeyOrder?: boolean;
  /** Object keys whose array value is a set (its order means nothing): its items are spelled sorted. */
  readonly setKeys?: ReadonlySet<string>;
  /**
   * Spell every value exactly or give up: a Date and a RegExp are spelled as
   * themselves (not as JSON's string and `{}`), and a value with no exact
   * spelling (ObjectId, Decimal128, undefined, NaN, a class instance) makes
   * the whole key null. Without it, JSON's rules apply (toJSON is called,
   * undefined is left out) and a key is never null.
   */
  readonly exact?: boolean;
}

const JSON_RULES: KeyOptions = {};

/**
 * A stable string for `value`: by default JSON with object keys sorted, so
 * key order does not matter (graphql-js input objects have no prototype; they
 * are read with Object.keys like any other). With `exact`, null when the
 * value cannot be spelled exactly.
 */
export function keyString(value: unknown): string;
export function keyString(value: unknown, options: KeyOptions): string | null;
export function keyString(value: unknown, options: KeyOptions = JSON_RULES): string | null {
  return spell(value, options) ?? (options.exact ? null : "null");
}

/** The spelling of `v`; undefined where it has none (JSON.stringify would drop it; `exact` gives up). */
function spell(v: unknown, o: KeyOptions): string | undefined {
  switch (typeof v) {
    case "string":
      return quote(v);
    case "number":
      return Number.isFinite(v) ? String(v) : o.exact ? undefined : "null";
    case "boolean":
      return v ? "true" : "false";
    case "object":
      break;
    default:
      return undefined; // undefined, functions, symbols (bigints never reach a key)
  }
  if (v === null) return "null";
  if (Array.isArray(v)) return spellArray(v, o);
  if (o.exact) {
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return spellInstance(v);
  } else {
    const json = (v as { toJSON?: () => unknown }).toJSON;
    if (typeof json === "function") return spell(json.call(v), o);
  }
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (!o.keepKeyOrder) sortSmall(keys);
  let out = "{";
  for (const k of keys) {
    const value = obj[k];
    const item = o.setKeys?.has(k) && Array.isArray(value) ? spellSet(value, o) : spell(value, o);
    if (item === undefined) {
      if (o.exact) return undefined;
      continue;
    }
    out += `${out.length > 1 ? "," : ""}${quote(k)}:${item}`;
  }
  return `${out}}`;
}

/** An array; an item with no spelling is `null`, as in JSON, unless `exact`. */
function spellArray(items: readonly unknown[], o: KeyOptions): string | undefined {
  let out = "[";
  for (let i = 0; i < items.length; i++) {
    const item = spell(items[i], o);
    if (item === undefined && o.exact) return undefined;
    out += (i ? "," : "") + (item ?? "null");
  }
  return `${out}]`;
}

/** An array whose order does not matter, spelled with its items sorted. */
function spellSet(items: readonly unknown[], o: KeyOptions): string | undefined {
  const spelled: string[] = [];
  for (const v of items) {
    const item = spell(v, o);
    if (item === undefined && o.exact) return undefined;
    spelled.push(item ?? "null");
  }
  return `[${spelled.sort().join(",")}]`;
}

/** The exact spelling of a non-plain object: a Date or a RegExp; any other class has none. */
function spellInstance(v: object): string | undefined {
  if (v instanceof Date) return `D${v.getTime()}`;
  if (v instanceof RegExp) return `R${quote(v.source)}${v.flags}`;
  return undefined;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON escapes control characters, so a string holding one must go through JSON.stringify: matching them is the point.
const NEEDS_ESCAPE = /[\u0000-\u001f"\\\ud800-\udfff]/;

/** JSON's spelling of a string; the common case (nothing to escape) without JSON.stringify. */
function quote(s: string): string {
  return s.length < 5000 && !NEEDS_ESCAPE.test(s) ? `"${s}"` : JSON.stringify(s);
}

/** Sorts keys in place: an insertion sort, faster than Array#sort for an object's few keys. */
function sortSmall(keys: string[]): void {
  if (keys.length > 200) {
    keys.sort();
    return;
  }
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i];
    let j = i;
    for (; j > 0 && keys[j - 1] > k; j--) keys[j] = keys[j - 1];
    keys[j] = k;
  }
}
