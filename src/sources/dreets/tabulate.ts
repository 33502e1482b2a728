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
export function unknownCode(codes: string[] | null, catalogue: Map<string, unknown>, argument: string, catalogueField: string): GraphQLError | null {
  const bad = (codes ?? []).filter((c) => !catalogue.has(c));
  if (!bad.length) return null;
  return badInput(`${argument}: unknown code(s) ${bad.map((c) => `"${c}"`).join(", ")}; the valid codes are listed by ${catalogueField}`, argument);
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
  const results = await batchByBucket(valid, (v) => bucketOf(v.p), (bucket) => run(bucket.map((v) => v.p)));
  const out: (R | Error)[] = plans.map((p) => (p instanceof Error ? p : (undefined as R)));
  valid.forEach((v, j) => (out[v.i] = results[j]));
  return out;
}

const dimValue = (doc: CellDoc, dim: string) => (doc[dim] === undefined ? null : doc[dim]);

/** Sums `n` and `measures` of cells grouped by `dims` (a dimension not in `dims` is summed over). */
export function sumBy(docs: readonly CellDoc[], dims: string[], measures: string[]): CellDoc[] {
  const groups = new Map<string, CellDoc>();
  for (const doc of docs) {
    const key = JSON.stringify(dims.map((d) => dimValue(doc, d)));
    const acc: CellDoc = groups.get(key) ?? Object.fromEntries([...dims.map((d) => [d, doc[d]]), ["n", 0], ...measures.map((m) => [m, 0])]);
    groups.set(key, acc);
    for (const m of ["n", ...measures]) acc[m] = (acc[m] as number) + Number(doc[m] ?? 0);
  }
  return [...groups.values()];
}

const ORDER = ["period", "year", "region", "section", "naf2", "sex", "ageBand"];

/** Stable order of cells: time, region, sector, sex, age band (absent = "all" first). */
export function sortCells(docs: readonly CellDoc[]): CellDoc[] {
  const cmp = (a: CellDoc, b: CellDoc) => {
    for (const f of ORDER) {
      const x = String(a[f] ?? ""), y = String(b[f] ?? "");
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
  return [...docs].sort(cmp);
}

/** The breakdown values and counts of one measure of a cell; `suppressed` when disclosure control masked either count. */
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
  };
}
