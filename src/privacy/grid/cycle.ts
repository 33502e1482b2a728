/**
 * The cheapest protection of one cell: a path of cells from one of its
 * equations to another, through equations, whose unmasked cells are then
 * masked. In a table whose cells each lie in two equations (a NAF tree and
 * a CTN tree over the same subclasses, one territory) the equations and
 * cells form a network, and a masked cell is undetermined exactly when it
 * lies on a cycle of masked cells (Castro's shortest-path heuristic for
 * cell suppression, INFORMS J. Computing 2007). Where a cell lies in more
 * equations (a territory total too), the path is a heuristic and the exact
 * audit (audit.ts) checks the result.
 *
 * Without it, complements were chosen one equation at a time: a masked
 * subclass whose sibling lay in another CTN needed a cycle through both
 * trees, and the chain of single complements climbed to the grand total
 * (52 % of a demo year's accident cells masked, against 14 % with paths).
 */

/**
 * Dijkstra over equations, reusing its arrays between calls (a national
 * grid needs tens of thousands of searches). A search that settles more
 * than `maxSettled` equations gives up (null): the caller then falls back
 * to a local complement, and the exact audit still checks the result.
 */
export class PathFinder {
  private readonly dist: Float64Array;
  private readonly stamp: Uint32Array;
  private readonly viaEq: Int32Array;
  private readonly viaCell: Int32Array;
  private readonly target: Uint32Array;
  private generation = 0;

  constructor(
    private readonly eqs: readonly (readonly number[])[],
    private readonly eqsOf: readonly (readonly number[])[],
    private readonly maxSettled = 300,
  ) {
    const m = eqs.length;
    this.dist = new Float64Array(m);
    this.stamp = new Uint32Array(m);
    this.viaEq = new Int32Array(m);
    this.viaCell = new Int32Array(m);
    this.target = new Uint32Array(m);
  }

  /** The cells of the cheapest path from an equation of `from` to one of `to`, not through `cell`; null when none (or too far). */
  find(
    cell: number,
    from: readonly number[],
    to: readonly number[],
    weight: (c: number) => number,
  ): number[] | null {
    const g = ++this.generation;
    const known = (e: number) => this.stamp[e] === g;
    for (const e of to) this.target[e] = g;
    const heap = new MinHeap();
    for (const e of from) {
      this.stamp[e] = g;
      this.dist[e] = 0;
      this.viaEq[e] = -1;
      heap.push(0, e);
    }
    let reached = -1;
    let settled = 0;
    while (heap.size > 0) {
      const [d, e] = heap.pop();
      if (d > this.dist[e]) continue;
      if (this.target[e] === g) {
        reached = e;
        break;
      }
      if (++settled > this.maxSettled) return null;
      for (const c of this.eqs[e]) {
        if (c === cell) continue;
        const nd = d + weight(c);
        for (const next of this.eqsOf[c]) {
          if (next === e || (known(next) && nd >= this.dist[next])) continue;
          this.stamp[next] = g;
          this.dist[next] = nd;
          this.viaEq[next] = e;
          this.viaCell[next] = c;
          heap.push(nd, next);
        }
      }
    }
    if (reached === -1) return null;
    const cells: number[] = [];
    for (let e = reached; this.viaEq[e] !== -1; e = this.viaEq[e]) cells.push(this.viaCell[e]);
    return cells;
  }
}

/** A binary min-heap of (priority, value) pairs. */
class MinHeap {
  private readonly keys: number[] = [];
  private readonly values: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  push(key: number, value: number): void {
    this.keys.push(key);
    this.values.push(value);
    let i = this.keys.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.keys[p] <= key) break;
      this.swap(i, p);
      i = p;
    }
  }

  pop(): [number, number] {
    const top: [number, number] = [this.keys[0], this.values[0]];
    const lastKey = this.keys.pop()!;
    const lastValue = this.values.pop()!;
    if (this.keys.length > 0) {
      this.keys[0] = lastKey;
      this.values[0] = lastValue;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.keys.length && this.keys[l] < this.keys[m]) m = l;
        if (r < this.keys.length && this.keys[r] < this.keys[m]) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }

  private swap(a: number, b: number): void {
    [this.keys[a], this.keys[b]] = [this.keys[b], this.keys[a]];
    [this.values[a], this.values[b]] = [this.values[b], this.values[a]];
  }
}
