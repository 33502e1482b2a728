import type { DisclosureConfig } from "./disclosure-config.js";
import { buildLines } from "./disclosure-lines.js";
import { auditComplement, measureMembers, secondary, type State } from "./disclosure-secondary.js";

/**
 * Statistical disclosure control of the tables the API returns: one pure
 * module, applied by every source's loaders to each key's table AFTER its
 * filters and grouping (suppressing the finest cells and then summing them
 * would leak: domain.md §6, "re-applied after every filter or grouping").
 *
 * A table is a list of rows (cells). Its `dims` are the fields the breakdown
 * varies (year, caisse, sex...). For each dimension d, the cells that differ
 * only by d form a LINE, whose total another query returns (the same query
 * without d in groupBy; groupBy: [] gives the grand total). `strata` name
 * fields that split the rows into separate tables with no published total
 * across them (SUMER waves, MCP years). Each measure (field) is masked on its
 * own: a masked value comes back `null`, and its row `suppressed: true`.
 *
 * 1. Primary suppression, per cell and measure, from the cell alone (so a
 *    cell gets the same primary status through any query):
 *    - persons counts: 0 < v < smallCountThreshold (11, ATIH/CNIL practice);
 *      0 identifies nobody and stays (but see shareOf);
 *    - units counts (establishments counted by the statistic): 0 < v < minUnits;
 *    - shareOf (a prevalence's numerator): v = 0 or v = denominator (0 %, 100 %);
 *    - partOf (a "dont" count): the rest, total − v, is a small positive
 *      count of the same kind (the subtraction would publish it);
 *    - every measure of a row whose units are 0 < units < minUnits, or whose
 *      largest unit weighs more than maxUnitShare (INSEE business rules).
 *    A `hidden` cell (never returned, but inside lines whose totals are,
 *    e.g. SUMER's unpublished divisions) follows the same rules: unknown to a
 *    reader, it protects its lines, and needs protection only when masked.
 * 2. Links: a measure that `follows` others (IT days follow the accidents)
 *    is masked wherever they are.
 * 3. Secondary suppression, per measure: a line of two cells or more whose
 *    only unknown cell is masked gives it back (total − visible cells),
 *    unless the total is itself a small count (the query returning it masks
 *    it by the same rule). Such a line gets a complement among its visible
 *    cells, preferring in this order: not a 0 pinned by a visible total of 0
 *    (a "dont" ≤ its total; if only such a cell is left, that total is masked
 *    too); non-zero; not the only non-zero cell of another line (it equals
 *    that line's total, shown by another query, so hiding it protects
 *    nothing); cells whose other lines also need a complement (one fixes
 *    two); the smallest value (least loss); canonical order. A line of one
 *    cell needs nothing: its total IS the cell, masked by the same rule.
 * 4. Exact audit: "two per line" is not enough in general (a masked cell
 *    bridging two masked rectangles is determined by the line totals). The
 *    line equations of each connected group of unknown cells are reduced
 *    (Gauss-Jordan); a masked cell alone on a reduced equation would be
 *    recovered exactly, so one more complement is masked on one of its lines.
 * 5. Steps 2-4 repeat until no mask changes (masks only grow: this ends).
 *
 * Determinism: lines, cells and ties are visited in a canonical order of the
 * dimension values, never in input or batch order, so the same table gets
 * the same pattern whichever query, join or batch asks for it.
 *
 * Limits: secondary suppression protects the lines of the returned table,
 * i.e. against the totals of the same filters. Tables with other filters (a
 * shorter year range, the parent NAF code) can still be differenced across
 * queries; loaders widen a table to its canonical extent where the rows are
 * the same cells whatever the filter (PDP signalements, annex-4 SPSTIs and
 * themes). Where answers are sums a reader can difference, the protected
 * grids of src/privacy/grid replace these rules (Carsat, the DREETS
 * surveys, the PDP measures: docs/privacy.md). Bounds
 * (non-negativity) are not audited beyond the pinned zeros above, groups of
 * more than MAX_AUDITED_UNKNOWNS unknown cells skip the exact audit, and the
 * dominance rule needs unit shares, which no source carries yet.
 */

export type MeasureKind = "persons" | "units" | "value";

/** One measure of a table and the rules that mask it. */
export interface MeasureRule {
  field: string;
  /** persons: a count of persons (small-count rule); units: a count of establishments (INSEE frequency rule); value: no rule of its own. */
  kind: MeasureKind;
  /** This measure is the numerator of a prevalence over that field: 0 % and 100 % are masked. */
  shareOf?: string;
  /** This measure is a "dont" part of that field: masked when the rest is a small positive count. */
  partOf?: string;
  /** Masked wherever one of these measures is (a magnitude that reveals them). */
  follows?: readonly string[];
}

/** How to read a table: its dimensions, strata and measures. */
export interface TableSpec<R> {
  /** Fields the breakdown varies; each one's lines sum to a total another query returns. */
  dims: readonly string[];
  /** Fields splitting the rows into separate tables (no published total across them). */
  strata?: readonly string[];
  /** Lines along a dimension are split by this parent value (syndromes add up to their tableau). */
  parents?: Readonly<Record<string, (row: R) => string>>;
  measures: readonly MeasureRule[];
  /** Units (establishments) behind the row; null when unknown. */
  units?: (row: R) => number | null | undefined;
  /** Share (0-1) of the row's value due to its largest unit; null when unknown. */
  topUnitShare?: (row: R) => number | null | undefined;
  /** Rows the API never returns but whose lines' totals it does: unknown to readers, masked only by the rules, dropped from the output. */
  hidden?: (row: R) => boolean;
}

/** A row after disclosure control: masked measures are null. */
export type Suppressed<R> = R & { suppressed: boolean };

type Values = (number | null)[];
const numeric = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const field = (row: object, f: string) => (row as Record<string, unknown>)[f];

/** Masks the table: masked measures become null, `suppressed` says whether any measure of the row was masked. Hidden rows are dropped. */
export function suppressTable<R extends object>(
  rows: readonly R[],
  spec: TableSpec<R>,
  config: DisclosureConfig,
): Suppressed<R>[] {
  const masks = suppressionMasks(rows, spec, config);
  const out: Suppressed<R>[] = [];
  rows.forEach((row, i) => {
    if (spec.hidden?.(row)) return;
    const copy = { ...row, suppressed: false } as Record<string, unknown>;
    for (const [f, mask] of masks) {
      if (!mask[i]) continue;
      copy[f] = null;
      copy.suppressed = true;
    }
    out.push(copy as Suppressed<R>);
  });
  return out;
}

/** The mask of every measure present in the table (true = masked), by field, in input row order. */
export function suppressionMasks<R extends object>(
  rows: readonly R[],
  spec: TableSpec<R>,
  config: DisclosureConfig,
): Map<string, boolean[]> {
  const measures = spec.measures.filter((m) => rows.some((r) => numeric(field(r, m.field)) !== null));
  const values = new Map(measures.map((m) => [m.field, rows.map((r) => numeric(field(r, m.field)))]));
  const masks = new Map(
    measures.map((m) => [m.field, primaryMask(rows, m, values.get(m.field)!, spec, config)]),
  );
  const lines = buildLines(rows, spec);
  const hidden = rows.map((r) => spec.hidden?.(r) === true);
  const members = new Map(measures.map((m) => [m.field, measureMembers(lines, values.get(m.field)!)]));
  // The audit is the costly step: re-run it for a measure only when its mask changed since.
  const dirty = new Set(measures.map((m) => m.field));
  for (let changed = true; changed; ) {
    changed = false;
    for (const m of measures) {
      const mask = masks.get(m.field)!;
      const vals = values.get(m.field)!;
      const whole =
        m.partOf && masks.has(m.partOf)
          ? { field: m.partOf, vals: values.get(m.partOf)!, mask: masks.get(m.partOf)! }
          : null;
      const st: State = {
        vals,
        mask,
        hidden,
        limit: limitOf(m.kind, config),
        whole,
        dirty,
        members: members.get(m.field)!,
      };
      const linked = applyFollows(m, mask, masks);
      if (secondary(lines, st) || linked) dirty.add(m.field);
      if (!dirty.has(m.field)) continue;
      dirty.delete(m.field);
      changed = true;
      if (auditComplement(lines, st)) dirty.add(m.field);
    }
  }
  return masks;
}

/** The smallest count of a kind that may be shown (other than 0). */
function limitOf(kind: MeasureKind, config: DisclosureConfig): number {
  return kind === "persons" ? config.smallCountThreshold : kind === "units" ? config.minUnits : 0;
}

function rowRule<R extends object>(row: R, spec: TableSpec<R>, config: DisclosureConfig): boolean {
  const units = numeric(spec.units?.(row));
  if (units !== null && units > 0 && units < config.minUnits) return true;
  const top = numeric(spec.topUnitShare?.(row));
  return top !== null && top > config.maxUnitShare;
}

function primaryMask<R extends object>(
  rows: readonly R[],
  m: MeasureRule,
  vals: Values,
  spec: TableSpec<R>,
  config: DisclosureConfig,
): boolean[] {
  const limit = limitOf(m.kind, config);
  return rows.map((row, i) => {
    const v = vals[i];
    if (v === null) return false;
    if (rowRule(row, spec, config)) return true;
    if (v > 0 && v < limit) return true;
    const den = m.shareOf ? numeric(field(row, m.shareOf)) : null;
    if (den !== null && den > 0 && (v === 0 || v === den)) return true;
    const total = m.partOf ? numeric(field(row, m.partOf)) : null;
    return total !== null && total - v > 0 && total - v < limit;
  });
}

function applyFollows(m: MeasureRule, mask: boolean[], masks: Map<string, boolean[]>): boolean {
  let changed = false;
  for (const f of m.follows ?? []) {
    const other = masks.get(f);
    if (!other) continue;
    other.forEach((hidden, i) => {
      if (hidden && !mask[i]) changed = mask[i] = true;
    });
  }
  return changed;
}
