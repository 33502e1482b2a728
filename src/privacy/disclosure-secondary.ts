import { determinedCells } from "./disclosure-audit.js";
import type { Lines } from "./disclosure-lines.js";

/**
 * Secondary suppression and its exact audit, for one measure of a table
 * (steps 3 and 4 of disclosure.ts, where the rules are explained).
 */

type Values = (number | null)[];

/** One measure's state: values, masks (must stay unknown), cells never returned (unknown anyway), and its small-count limit. */
export interface State {
  vals: Values;
  mask: boolean[];
  hidden: boolean[];
  limit: number;
  /** For a "dont" measure, its total: a dont of 0 under a visible total of 0 is known to be 0. */
  whole: { field: string; vals: Values; mask: boolean[] } | null;
  /** Measures whose audit must run again. */
  dirty: Set<string>;
  /** Per line, its cells that carry the measure (measureMembers). */
  members: number[][];
}

const unknown = (st: State, i: number) => st.mask[i] || st.hidden[i];
const pinned = (st: State, i: number) =>
  st.whole !== null && st.vals[i] === 0 && st.whole.vals[i] === 0 && !st.whole.mask[i];

/**
 * Masks a complement. Masking a 0 that its visible total of 0 pins down
 * protects nothing, so when no other cell was left the total is masked too.
 */
function maskComplement(st: State, i: number): void {
  if (pinned(st, i)) {
    st.whole!.mask[i] = true;
    st.dirty.add(st.whole!.field);
  }
  st.mask[i] = true;
}

/** Members of a line that carry the measure. */
const membersOf = (st: State, li: number) => st.members[li];

/** The members of every line that carry the measure, for State.members (values never change). */
export const measureMembers = (lines: Lines, vals: Values) =>
  lines.members.map((line) => line.filter((i) => vals[i] !== null));

/**
 * Whether the line's only unknown cell is a masked one, so that its total −
 * visible cells gives it back. Not when that total is itself a small count:
 * the query returning it masks it by the same primary rule.
 */
function exposes(st: State, members: number[]): boolean {
  const unknowns = members.filter((i) => unknown(st, i));
  if (unknowns.length !== 1 || !st.mask[unknowns[0]]) return false;
  const total = members.reduce((a, i) => a + st.vals[i]!, 0);
  return !(total > 0 && total < st.limit);
}

/** Step 3: until no line gives a masked cell back. */
export function secondary(lines: Lines, st: State): boolean {
  let changed = false;
  for (let again = true; again; ) {
    again = false;
    for (let li = 0; li < lines.members.length; li++) {
      const members = membersOf(st, li);
      if (members.length < 2 || !exposes(st, members)) continue;
      const pick = pickComplement(lines, li, members, st);
      if (pick === null) continue;
      maskComplement(st, pick);
      again = changed = true;
    }
  }
  return changed;
}

/** Step 4: for each exactly recoverable masked cell, masks one more cell on one of its lines. */
export function auditComplement(lines: Lines, st: State): boolean {
  let changed = false;
  const unknowns = st.vals.map((_, i) => unknown(st, i));
  for (const cell of determinedCells(lines, st.vals, unknowns, st.limit)) {
    if (!st.mask[cell]) continue;
    for (const li of lines.linesOf[cell]) {
      const pick = pickComplement(lines, li, membersOf(st, li), st);
      if (pick === null) continue;
      maskComplement(st, pick);
      changed = true;
      break;
    }
  }
  return changed;
}

/** The known cell of line `li` to mask as a complement (order in the module comment); null when none is left. */
function pickComplement(lines: Lines, li: number, members: number[], st: State): number | null {
  const candidates = members.filter((i) => !unknown(st, i));
  if (candidates.length === 0) return null;
  const score = (i: number) => {
    let alone = 0;
    let partners = 0;
    for (const other of lines.linesOf[i]) {
      if (other === li) continue;
      const members = membersOf(st, other);
      if (members.every((j) => j === i || st.vals[j] === 0)) alone = 1;
      if (exposes(st, members)) partners++;
    }
    return [pinned(st, i) ? 1 : 0, st.vals[i] === 0 ? 1 : 0, alone, -partners, st.vals[i]!, lines.rank[i]];
  };
  const scored = candidates.map((i) => ({ i, s: score(i) }));
  scored.sort((a, b) => {
    for (let k = 0; k < a.s.length; k++) if (a.s[k] !== b.s[k]) return a.s[k] - b.s[k];
    return 0;
  });
  return scored[0].i;
}
