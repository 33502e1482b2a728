import type { GraphQLError } from "graphql";
import { badInput } from "../../errors.js";
import { batchByBucket } from "../batch.js";
import type { CellDoc } from "./repository.js";
import type { AgeBand, Sex, SurveyBreakdown, SurveyCell } from "./types.js";

/**
 * Pure helpers shared by the three survey batch functions: validation of
 * codes, planning keys into buckets, summing cells (counts are additive
 * within one sample, so any margin is a sum), and expanding cells into rows.
 */

/** The first code not in the catalogue, as a BAD_USER_INPUT error naming the argument. */
export function unknownCode(
  codes: string[] | null,
  catalogue: Map<string, unknown>,
  argument: string,
  catalogueField: string,
): GraphQLError | null {
  const bad = (codes ?? []).filter((c) => !catalogue.has(c));
  if (!bad.length) return null;
  return badInput(
    `${argument}: unknown code(s) ${bad.map((c) => `"${c}"`).join(", ")}; the valid codes are listed by ${catalogueField}`,
    argument,
  );
}

/** Codes asked for, in catalogue order (all of them when `codes` is null). */
export function inCatalogueOrder(codes: string[] | null, catalogue: Map<string, unknown>): string[] {
  const all = [...catalogue.keys()];
  return codes ? all.filter((c) => codes.includes(c)) : all;
}

export const wantsSex = (b: SurveyBreakdown[]) => b.includes("SEX");
export const wantsAge = (b: SurveyBreakdown[]) => b.includes("AGE_BAND");

/** Union of lists, null when one of them is null (= no filter on that field). */
export function unionOrAll(lists: (readonly string[] | null)[]): string[] | null {
  if (lists.some((l) => l === null)) return null;
  return [...new Set(lists.flatMap((l) => l ?? []))].sort();
}

export const union = (lists: readonly (readonly string[])[]): string[] => [...new Set(lists.flat())].sort();

/**
 * Plans every key (a key that fails validation gets its error, so only that
 * caller fails), buckets the valid plans, and runs each bucket once: the
 * number of commands depends on the bucket shapes, never on the key count.
 */
export async function batchPlans<K, P, R>(
  keys: readonly K[],
  plan: (key: K) => P | GraphQLError,
  bucketOf: (p: P) => string,
  run: (plans: P[]) => Promise<R[]>,
): Promise<(R | Error)[]> {
  const plans = keys.map(plan);
  const valid = plans.flatMap((p, i) => (p instanceof Error ? [] : [{ p, i }]));
  const results = await batchByBucket(
    valid,
    (v) => bucketOf(v.p),
    (bucket) => run(bucket.map((v) => v.p)),
  );
  const out: (R | Error)[] = plans.map((p) => (p instanceof Error ? p : (undefined as R)));
  valid.forEach((v, j) => {
    out[v.i] = results[j];
  });
  return out;
}

const dimValue = (doc: CellDoc, dim: string) => (doc[dim] === undefined ? null : doc[dim]);

/**
 * The import ids (the part of `_v` before the first `/`) a cell's figures
 * come from: its `versions` when it is a sum, else its own `_v`'s.
 */
export function versionsOf(doc: CellDoc): readonly string[] {
  if (Array.isArray(doc.versions)) return doc.versions;
  const v = doc._v;
  return typeof v === "string" ? [v.slice(0, v.indexOf("/"))] : [];
}

/**
 * Sums `n` and `measures` of cells grouped by `dims` (a dimension not in
 * `dims` is summed over); each sum's `versions` lists the import ids of the
 * cells it adds up, sorted.
 */
export function sumBy(docs: readonly CellDoc[], dims: string[], measures: string[]): CellDoc[] {
  const groups = new Map<string, { acc: CellDoc; versions: Set<string> }>();
  for (const doc of docs) {
    const key = JSON.stringify(dims.map((d) => dimValue(doc, d)));
    let group = groups.get(key);
    if (!group) {
      group = {
        acc: Object.fromEntries([...dims.map((d) => [d, doc[d]]), ["n", 0], ...measures.map((m) => [m, 0])]),
        versions: new Set(),
      };
      groups.set(key, group);
    }
    for (const m of ["n", ...measures]) group.acc[m] = (group.acc[m] as number) + Number(doc[m] ?? 0);
    for (const v of versionsOf(doc)) group.versions.add(v);
  }
  return [...groups.values()].map(({ acc, versions }) => ({ ...acc, versions: [...versions].sort() }));
}

const ORDER = ["period", "year", "region", "section", "naf2", "sex", "ageBand"];

/** Stable order of cells: time, region, sector, sex, age band (absent = "all" first). */
export function sortCells(docs: readonly CellDoc[]): CellDoc[] {
  const cmp = (a: CellDoc, b: CellDoc) => {
    for (const f of ORDER) {
      const x = String(a[f] ?? ""),
        y = String(b[f] ?? "");
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
  return [...docs].sort(cmp);
}

/**
 * The breakdown values, counts and dataset versions of one measure of a
 * cell; `suppressed` when disclosure control masked either count (the
 * versions stay: they reveal no count).
 */
export function cellOf(doc: CellDoc, measure: string): SurveyCell {
  const n = doc.n === null ? null : Number(doc.n ?? 0);
  const count = doc[measure] === null ? null : Number(doc[measure] ?? 0);
  return {
    sex: (doc.sex as Sex | undefined) ?? null,
    ageBand: (doc.ageBand as AgeBand | undefined) ?? null,
    region: (doc.region as string | undefined) ?? null,
    n,
    count,
    suppressed: n === null || count === null,
    dataVersions: [...versionsOf(doc)],
  };
}
