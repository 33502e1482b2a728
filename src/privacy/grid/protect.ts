import { PathFinder } from "./cycle.js";
import type { Equation } from "./equation.js";
import { auditGrid, Unlocker } from "./audit.js";

export { determinedCells } from "./audit.js";

/**
 * Statistical disclosure control of a fixed publication grid: the mask of a
 * whole set of linked cells, computed once per dataset version, that every
 * query then reuses (a query only adds up published grid cells, and any sum
 * containing a masked cell is masked). Protecting each query's table on its
 * own (disclosure.ts) leaks across queries: a NAF class minus its visible
 * subclasses gives back a masked subclass. A grid closes that: its cells
 * are every level of each hierarchy crossed with the other dimensions (e.g.
 * sector node × territory × year), linked by the additivity equations a
 * reader knows, total = Σ parts (a parent along one hierarchy = the sum of
 * its children), and its mask is protected against all of them at once.
 *
 * This is linked-table cell suppression as τ-ARGUS and sdcTable (Java, R)
 * do it; no maintained JavaScript library does, hence this pure, generic
 * engine. The caller builds the cells, their values, their primary mask
 * (small counts etc.), a canonical rank per cell and the equations; this
 * module adds complements until three rules hold, iterated until no mask
 * changes (masks only grow, so it ends):
 *
 * 1. Single unknown: an equation whose only unknown cell (masked, or null:
 *    withheld by its publisher, unknown to everyone) is masked gives it back
 *    (total − parts, or total − the other parts) → one complement.
 * 2. Bounds: when an equation's unknown cells are all parts (its total is
 *    known), a reader knows their sum S. A masked count is ≥ 1 (a masked
 *    small count is never 0, and complements are non-zero when they can
 *    be), so with k unknown cells and 0 < S ≤ k every one of them is pinned
 *    (two masked cells summing to 2 are both 1) → one more complement, until
 *    S exceeds the number of unknowns or the total is masked. Skipped when
 *    an unknown cell is null (S unknown to us). Only exact recovery is
 *    prevented: a reader may still learn that masked cells lie in a range
 *    (S = 7 over two cells: each 1 to 6), as with any suppression; requiring
 *    S ≥ limit instead tripled the complements of the demo grids.
 * 3. Exact audit: a masked cell whose value the whole system determines
 *    (linear algebra over all equations, known cells on the right-hand side;
 *    "two unknowns per equation" misses e.g. a cell bridging two masked
 *    rectangles of a 2-D table) → complements that make it undetermined
 *    (below). The audit (audit.ts) is exact at national scale: ~50,000
 *    cells, ~100,000 equations, most of them in one connected component,
 *    far beyond dense Gauss-Jordan. It eliminates sparsely modulo two
 *    primes with a low-fill pivot order and tests each cell on a random
 *    null vector (details there).
 *
 * Rules 1 and 2 run to a fixpoint on a work list of equations (re-checked
 * when one of their cells gets masked), then one audit; its complements
 * feed the work list again, and so on until an audit finds nothing to fix.
 * Within one audit round, a determined cell one of whose equations already
 * got a complement in that round is left to the next audit (that complement
 * often protects it too): fewer complements for a few more rounds.
 *
 * How a complement is found: first a cycle (cycle.ts). A cell that must
 * stay unknown gets the cheapest path of cells (weight: its value; masked
 * cells are free) joining two of its equations, masked whole: in a network
 * (each cell in two equations) that is exactly what makes it undetermined,
 * and one path replaces a chain of single complements climbing the trees.
 * With layers (territories, GridInput.layers) the path stays within the
 * cell's layer and is mirrored in the partner layer where that costs least,
 * so that every linking equation (nation = Σ caisses) keeps two unknowns.
 * For a cell the audit finds determined and no path protects, a null vector
 * through it (audit.ts, unlockingCells): a change of cells that keeps every
 * equation true and moves the cell, the lightest its search finds, whose
 * known cells are masked whole. That is what a cycle is in a network; where
 * cells lie in three equations or more (a 3-D table: sector trees × CTN ×
 * pathology, or two sector trees × territories), a complement in the cell's
 * own equations often protects nothing (the cell stays determined through
 * cells farther away, so single complements climbed to national totals),
 * and its equations may even be fully masked already. The systems that
 * search reduces are shared by every determined cell of an audit round
 * (audit.ts, Unlocker): on a national MP grid one component of ~15,000
 * cells, reduced per cell, took minutes per figure and year. A search that finds
 * neither falls back to one complement chosen within an equation, as
 * follows.
 *
 * Complement choice within an equation, among its known cells: non-zero
 * first (a masked 0 hides little); then the lower cost class (the caller's:
 * finer levels cost less than totals); then the cell whose other equations
 * also have a single masked unknown (one complement closes both: in a
 * NAF × CTN grid, a sibling subclass in the same CTN rather than one whose
 * protection would climb both trees); then a part rather than the total;
 * then the smaller value (least information lost); then the lower rank.
 * For a cell the audit finds determined, the candidate is the best of all
 * of its equations' by the same order.
 * An equation with no known cell left is skipped: it cannot leak anything.
 *
 * Determinism: cells are renumbered by rank and equations sorted by their
 * renumbered cells before anything else, so the pattern depends on the
 * ranks, never on the input order; the audit's PRNG is seeded.
 *
 * Limits: bounds are audited one equation at a time (rule 2), not over the
 * whole system (that would take linear programming, as τ-ARGUS's optimal
 * methods do); null vectors are searched within a few rings of known cells
 * around the cell, lightest cells first, not optimally; a masked cell that
 * neither a null vector nor a complement in its equations can protect is
 * counted in `exposed` (its value is then 0, or the caller's equations are
 * inconsistent); components too large for the audit (maxAuditEntries) are
 * counted in `unaudited`.
 */

export type { Equation } from "./equation.js";

export interface GridInput {
  /** Each cell's true value; null = unknown to everyone (withheld by its publisher): treated as masked from the start (it stays null when published). */
  values: readonly (number | null)[];
  /** Cells masked by their own rules (small counts etc.), computed by the caller. */
  primary: readonly boolean[];
  /** Canonical rank of each cell (unique ints): the last tie-break, so the pattern is deterministic whatever the input order. */
  rank: readonly number[];
  /** Optional cost class per cell (lower = prefer to mask as a complement), e.g. finer hierarchy levels cost less than totals. Default 0. */
  cost?: readonly number[];
  equations: readonly Equation[];
  /** Counts below this (and above 0) are small: 11. */
  limit: number;
  /** Safety valve of the exact audit: a component whose elimination holds more non-zero entries is not audited (counted in `unaudited`). */
  maxAuditEntries?: number;
  /**
   * Layers of a linked table (territories): cell i is the cell at
   * `position[i]` of layer `layer[i]`, every layer having the same
   * positions and the same equations among them, and the equations that
   * span layers (a nation = the sum of its caisses) linking twins. A cycle
   * protecting a cell is then searched within its layer and mirrored in
   * the partner layer where that costs least (see the module comment).
   */
  layers?: { layer: readonly number[]; position: readonly number[] };
}

export interface GridResult {
  masked: boolean[];
  /** complements added, for the information-loss report */
  secondary: number;
  /** Exact audits run (the last one found nothing left to fix). */
  rounds: number;
  /** cells the exact audit could not check (component too large), must be 0 for our grids or the caller refuses */
  unaudited: number;
  /** Masked cells the last audit still found determined, that no complement could protect (0 for consistent grids unless the value is 0). */
  exposed: number;
}

/** A 0 as a complement costs this much on a path: only where nothing else joins the equations. */
const ZERO_WEIGHT = 1e12;

/** The mask of the grid: primary cells, null cells and the complements the three rules need. */
export function protectGrid(input: GridInput): GridResult {
  const n = input.values.length;
  if (input.primary.length !== n || input.rank.length !== n || (input.cost && input.cost.length !== n)) {
    throw new Error("protectGrid: values, primary, rank and cost must have one entry per cell");
  }
  // Canonical numbering: cell of rank order t is `t` below; `orig[t]` is its input index.
  const orig = Array.from({ length: n }, (_, i) => i).sort((a, b) => input.rank[a] - input.rank[b]);
  const pos = new Int32Array(n);
  orig.forEach((i, t) => {
    pos[i] = t;
    if (t > 0 && input.rank[i] === input.rank[orig[t - 1]])
      throw new Error("protectGrid: ranks must be unique");
  });
  const values = orig.map((i) => input.values[i]);
  const cost = orig.map((i) => input.cost?.[i] ?? 0);
  const masked = orig.map((i) => input.primary[i] || input.values[i] === null);
  const initial = masked.filter(Boolean).length;
  const eqs = canonicalEquations(input.equations, pos);
  const eqsOf: number[][] = Array.from({ length: n }, () => []);
  eqs.forEach((eq, e) => {
    for (const c of eq) if (eqsOf[c].at(-1) !== e) eqsOf[c].push(e);
  });

  /** Unknown cells of equation e. */
  const unknownsOf = (e: number): number => {
    let k = 0;
    for (const c of eqs[e]) if (masked[c]) k++;
    return k;
  };
  /** Other equations of c (not e) whose one unknown is masked: masking c protects them too. */
  const partners = (c: number, e: number): number => {
    let k = 0;
    for (const o of eqsOf[c]) if (o !== e && unknownsOf(o) === 1) k++;
    return k;
  };
  interface Candidate {
    c: number;
    total: boolean;
    partners: number;
  }
  /** The known cell of equation e to mask as a complement (order in the module comment), or null. */
  const candidate = (e: number): Candidate | null => {
    let best: Candidate | null = null;
    for (let t = 0; t < eqs[e].length; t++) {
      const c = eqs[e][t];
      if (masked[c] || c === best?.c) continue;
      const next: Candidate = { c, total: t === 0, partners: partners(c, e) };
      if (best === null || better(next, best)) best = next;
    }
    return best;
  };
  const pick = (e: number): number => candidate(e)?.c ?? -1;
  const better = (a: Candidate, b: Candidate): boolean => {
    const va = values[a.c]!;
    const vb = values[b.c]!;
    if ((va === 0) !== (vb === 0)) return vb === 0;
    if (cost[a.c] !== cost[b.c]) return cost[a.c] < cost[b.c];
    if (a.partners !== b.partners) return a.partners > b.partners;
    if (a.total !== b.total) return b.total;
    if (va !== vb) return va < vb;
    return a.c < b.c;
  };

  // Rules 1 and 2 on a FIFO work list of equations.
  const queue: number[] = [];
  let head = 0;
  const queued = new Uint8Array(eqs.length);
  const enqueue = (e: number) => {
    if (queued[e]) return;
    queued[e] = 1;
    queue.push(e);
  };
  const mask = (c: number) => {
    masked[c] = true;
    for (const e of eqsOf[c]) enqueue(e);
  };
  const leaks = (e: number): boolean => {
    const eq = eqs[e];
    let unknowns = 0;
    let sum = 0;
    let bounded = input.limit > 0 && !masked[eq[0]];
    for (let t = 0; t < eq.length; t++) {
      const c = eq[t];
      if (!masked[c]) continue;
      unknowns++;
      if (values[c] === null) bounded = false;
      else sum += values[c]!;
    }
    if (unknowns === 1) return true;
    return unknowns > 1 && bounded && sum > 0 && sum <= unknowns;
  };
  /** Path weights: a masked cell is free, a 0 protects little (a reader may know it), otherwise its value. */
  const weight = (c: number) => (masked[c] ? 0 : values[c] === 0 ? ZERO_WEIGHT : values[c]! + 1);
  const layered = layersOf(input.layers, orig, eqs, n);
  /** The equations a cycle may use: all of them, or with layers those within one layer. */
  const pathEqsOf = layered ? eqsOf.map((list) => list.filter((e) => layered.intra[e])) : eqsOf;
  const paths = new PathFinder(eqs, pathEqsOf);
  /**
   * Masks the cheapest path joining equation(s) `from` to another equation
   * of `cell`, and with layers its mirror in the cheapest partner layer
   * (both cycles together leave every linking equation two unknowns);
   * false when nothing new could be masked.
   */
  const closeCycle = (cell: number, from: readonly number[]): boolean => {
    const to = pathEqsOf[cell].filter((e) => !from.includes(e));
    if (to.length === 0) return false;
    const path = paths.find(cell, from, to, weight);
    if (!path) return false;
    const cycle = [cell, ...path];
    let fresh = cycle.filter((c) => !masked[c]);
    if (layered) {
      const partner = layered.cheapestPartner(cycle, weight);
      if (partner) fresh = [...fresh, ...partner.filter((c) => !masked[c])];
    }
    // A cycle of masked cells only protects nothing more (the cell lies in a third equation): the caller falls back.
    for (const c of fresh) if (!masked[c]) mask(c);
    return fresh.length > 0;
  };
  /** The one masked unknown of equation e, or -1. */
  const loneUnknown = (e: number): number => {
    let found = -1;
    for (const c of eqs[e]) {
      if (!masked[c]) continue;
      if (found !== -1) return -1;
      found = c;
    }
    return found;
  };
  const runRules = () => {
    while (head < queue.length) {
      const e = queue[head++];
      queued[e] = 0;
      if (!leaks(e)) continue;
      const lone = loneUnknown(e);
      if (lone !== -1 && layered && !layered.intra[e]) {
        // A linking equation: the twin whose own cycle costs least (its layer's rules then protect it).
        const partner = layered.cheapestPartner([lone], weight);
        if (partner?.some((c) => !masked[c])) {
          for (const c of partner) if (!masked[c]) mask(c);
          continue;
        }
      }
      if (lone !== -1 && closeCycle(lone, pathEqsOf[lone].includes(e) ? [e] : pathEqsOf[lone].slice(0, 1)))
        continue;
      const c = pick(e);
      if (c !== -1) mask(c);
    }
    queue.length = 0;
    head = 0;
  };
  eqs.forEach((_, e) => {
    enqueue(e);
  });
  runRules();

  // Rule 3: audit, complements, rules 1-2 again, until an audit finds nothing to fix.
  let rounds = 0;
  let unaudited = 0;
  let exposed = 0;
  const touched = new Uint8Array(eqs.length);
  const audited = eqs.map((eq) => ({ total: eq[0], parts: eq.slice(1) }));
  for (;;) {
    rounds++;
    const audit = auditGrid(masked, audited, { maxEntries: input.maxAuditEntries });
    unaudited = audit.unaudited;
    touched.fill(0);
    let added = 0;
    exposed = 0;
    // The null vectors' systems of this round's masking, reduced once for all of its determined cells.
    let unlocker: Unlocker | null = null;
    for (const d of audit.determined) {
      if (eqsOf[d].some((e) => touched[e])) continue;
      if (pathEqsOf[d].length > 1 && closeCycle(d, [pathEqsOf[d][0]])) {
        for (const e of eqsOf[d]) touched[e] = 1;
        added++;
        continue;
      }
      // A whole null vector through it, the cheapest found (audit.ts): in a grid where cells lie in three
      // equations or more (a 3-D table), a complement in its own equations may protect nothing, and
      // every one of them may already be masked while other cells still determine it.
      unlocker ??= new Unlocker(masked.slice(), audited, weight, { maxEntries: input.maxAuditEntries });
      const unlock = unlocker.unlock(d, masked, weight);
      if (unlock && unlock.length > 0) {
        for (const c of unlock) mask(c);
        for (const e of eqsOf[d]) touched[e] = 1;
        added++;
        continue;
      }
      // Else the best candidate over all of its equations (a sibling rather than a parent, one that closes two).
      let best: { e: number; cand: Candidate } | null = null;
      for (const e of eqsOf[d]) {
        const cand = candidate(e);
        if (cand && (best === null || better(cand, best.cand))) best = { e, cand };
      }
      if (!best) {
        exposed++;
        continue;
      }
      mask(best.cand.c);
      touched[best.e] = 1;
      added++;
    }
    if (added === 0) break;
    runRules();
  }

  const out = new Array<boolean>(n);
  for (let t = 0; t < n; t++) out[orig[t]] = masked[t];
  return { masked: out, secondary: masked.filter(Boolean).length - initial, rounds, unaudited, exposed };
}

/** Equations as cell lists [total, ...parts] in canonical numbering, parts ascending, sorted by their cells. */
function canonicalEquations(equations: readonly Equation[], pos: Int32Array): number[][] {
  const eqs = equations.map((eq) => [pos[eq.total], ...eq.parts.map((c) => pos[c]).sort((a, b) => a - b)]);
  return eqs.sort((a, b) => {
    for (let t = 0; t < Math.min(a.length, b.length); t++) if (a[t] !== b[t]) return a[t] - b[t];
    return a.length - b.length;
  });
}

/** Layer structure in canonical numbering: which equations stay within a layer, and twins. */
function layersOf(
  layers: GridInput["layers"],
  orig: readonly number[],
  eqs: readonly (readonly number[])[],
  n: number,
) {
  if (!layers) return null;
  const layer = orig.map((i) => layers.layer[i]);
  const position = orig.map((i) => layers.position[i]);
  const at = new Map<string, number>();
  for (let c = 0; c < n; c++) at.set(`${layer[c]}:${position[c]}`, c);
  const count = Math.max(...layer) + 1;
  const intra = eqs.map((eq) => eq.every((c) => layer[c] === layer[eq[0]]));
  return {
    intra,
    /** The twins of `cells` in the other layer where masking them costs least; null with one layer. */
    cheapestPartner(cells: readonly number[], weight: (c: number) => number): number[] | null {
      let best: { cost: number; twins: number[] } | null = null;
      const own = layer[cells[0]];
      for (let l = 0; l < count; l++) {
        if (l === own) continue;
        const found = cells.map((c) => at.get(`${l}:${position[c]}`));
        if (found.some((t) => t === undefined)) continue;
        const twins = found as number[];
        const cost = twins.reduce((a, t) => a + weight(t), 0);
        if (best === null || cost < best.cost) best = { cost, twins };
      }
      return best?.twins ?? null;
    },
  };
}
