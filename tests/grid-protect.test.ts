import { describe, expect, it } from "vitest";
import { auditGrid, determinedCells, PRIMES } from "../src/privacy/grid/audit.js";
import { protectGrid, type Equation, type GridInput } from "../src/privacy/grid/protect.js";
import { syntheticGrid } from "../bench/grid-protect.js";
import { Prng } from "../seeds/prng.js";

/** Unit tests of the publication-grid protection engine: pure, no database. */

/** Seeded uniform [0, 1): the seeds' generator (mulberry32). */
const prng = (seed: number) => {
  const g = new Prng(seed);
  return () => g.next();
};
const int = (rand: () => number, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

/**
 * The reference audit: exact Gauss-Jordan over the rationals (integer rows,
 * BigInt, divided by their gcd), dense. A cell is determined iff its column
 * is a pivot whose reduced row has no other non-zero entry.
 */
function referenceDetermined(equations: readonly Equation[], unknown: readonly boolean[]): number[] {
  const cols = unknown.flatMap((u, i) => (u ? [i] : []));
  const index = new Map(cols.map((c, j) => [c, j]));
  const m: bigint[][] = equations.map((eq) => {
    const row = new Array<bigint>(cols.length).fill(0n);
    if (unknown[eq.total]) row[index.get(eq.total)!] += 1n;
    for (const c of eq.parts) if (unknown[c]) row[index.get(c)!] -= 1n;
    return row;
  });
  const abs = (x: bigint) => (x < 0n ? -x : x);
  const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? abs(a) : gcd(b, a % b));
  const pivots: { row: number; col: number }[] = [];
  let r = 0;
  for (let j = 0; j < cols.length && r < m.length; j++) {
    const p = m.findIndex((row, i) => i >= r && row[j] !== 0n);
    if (p === -1) continue;
    [m[r], m[p]] = [m[p], m[r]];
    for (let i = 0; i < m.length; i++) {
      if (i === r || m[i][j] === 0n) continue;
      const a = m[r][j];
      const b = m[i][j];
      m[i] = m[i].map((x, k) => a * x - b * m[r][k]);
      const g = m[i].reduce(gcd, 0n);
      if (g > 1n) m[i] = m[i].map((x) => x / g);
    }
    pivots.push({ row: r, col: j });
    r++;
  }
  return pivots
    .filter((p) => m[p.row].every((x, k) => k === p.col || x === 0n))
    .map((p) => cols[p.col])
    .sort((a, b) => a - b);
}

/** A random tree of `size` nodes (node 0 the root, at most two levels below it), as child lists. */
function randomTree(rand: () => number, size: number): number[][] {
  const children: number[][] = [[]];
  const depth = [0];
  while (children.length < size) {
    const candidates = depth.flatMap((d, i) => (d < 2 ? [i] : []));
    const parent = candidates[Math.floor(rand() * candidates.length)];
    children[parent].push(children.length);
    children.push([]);
    depth.push(depth[parent] + 1);
  }
  return children;
}

interface Dimension {
  nodes: number;
  /** Leaves under each node. */
  leavesOf: number[][];
  /** (node, children) per hierarchy over the same leaves: total = Σ children. */
  splits: { total: number; parts: number[] }[];
}

/** A hierarchical dimension: a random tree, and sometimes a second grouping of its leaves (like CTN over NAF). */
function randomDimension(rand: () => number, size: number, twoTrees: boolean): Dimension {
  const children = randomTree(rand, size);
  const leaves = children.flatMap((c, i) => (c.length === 0 ? [i] : []));
  const leavesOf: number[][] = children.map(() => []);
  const collect = (node: number, into: number[]) => {
    if (children[node].length === 0) into.push(node);
    for (const c of children[node]) collect(c, into);
  };
  children.forEach((_, i) => {
    collect(i, leavesOf[i]);
  });
  const splits = children.flatMap((c, i) => (c.length > 0 ? [{ total: i, parts: c }] : []));
  let nodes = children.length;
  if (twoTrees && leaves.length >= 3) {
    const groups = int(rand, 2, Math.min(3, leaves.length - 1));
    const members: number[][] = Array.from({ length: groups }, (_, g) => [leaves[g]]);
    for (const leaf of leaves.slice(groups)) members[Math.floor(rand() * groups)].push(leaf);
    const ids = members.map((m) => {
      leavesOf.push(m);
      splits.push({ total: nodes, parts: m });
      return nodes++;
    });
    splits.push({ total: 0, parts: ids });
  }
  return { nodes, leavesOf, splits };
}

/** A random hierarchical table (2-D or 3-D): values summed from random leaf counts, primary = small counts. */
function randomGrid(seed: number, opts: { dims?: number; nulls?: boolean } = {}): GridInput {
  const rand = prng(seed);
  const dimCount = opts.dims ?? int(rand, 2, 3);
  const dims = Array.from({ length: dimCount }, (_, d) =>
    randomDimension(rand, dimCount === 2 ? int(rand, 3, 8) : int(rand, 3, 5), d === 0 && rand() < 0.5),
  );
  const shape = dims.map((d) => d.nodes);
  const n = shape.reduce((a, b) => a * b, 1);
  const coords = (c: number) =>
    shape.map((_, d) => Math.floor(c / shape.slice(d + 1).reduce((a, b) => a * b, 1)) % shape[d]);
  const cellOf = (xs: number[]) => xs.reduce((a, x, d) => a * shape[d] + x, 0);
  const leafValue = new Map<number, number>();
  const draw = () => {
    const u = rand();
    return u < 0.2 ? 0 : u < 0.6 ? int(rand, 1, 10) : int(rand, 11, 60);
  };
  const values = Array.from({ length: n }, (_, c) => {
    const xs = coords(c);
    // Σ over the leaf combinations under the cell.
    let combos: number[][] = [[]];
    for (let d = 0; d < dimCount; d++)
      combos = combos.flatMap((p) => dims[d].leavesOf[xs[d]].map((l) => [...p, l]));
    return combos.reduce((a, ls) => {
      const key = cellOf(ls);
      if (!leafValue.has(key)) leafValue.set(key, draw());
      return a + leafValue.get(key)!;
    }, 0);
  });
  const equations: Equation[] = [];
  for (let c = 0; c < n; c++) {
    const xs = coords(c);
    for (let d = 0; d < dimCount; d++) {
      for (const s of dims[d].splits) {
        if (s.total !== xs[d]) continue;
        const at = (x: number) => cellOf(xs.map((v, e) => (e === d ? x : v)));
        equations.push({ total: c, parts: s.parts.map(at) });
      }
    }
  }
  const withNulls: (number | null)[] = opts.nulls ? values.map((v) => (rand() < 0.05 ? null : v)) : values;
  const order = values.map((_, i) => i).sort(() => rand() - 0.5);
  const rank = new Array<number>(n);
  order.forEach((c, r) => {
    rank[c] = r * 3 + 1;
  });
  return {
    values: withNulls,
    primary: values.map((v) => v > 0 && v < 11),
    rank,
    cost: values.map(() => int(rand, 0, 2)),
    equations,
    limit: 11,
  };
}

/** Random sparse systems unlike tables: any cell may be a total and a part of several equations. */
function randomSystem(seed: number): { n: number; equations: Equation[]; unknown: boolean[] } {
  const rand = prng(seed);
  const n = int(rand, 4, 40);
  const equations = Array.from({ length: int(rand, 1, n) }, () => {
    const cells = new Set<number>();
    const size = int(rand, 2, 5);
    while (cells.size < Math.min(size, n)) cells.add(Math.floor(rand() * n));
    const [total, ...parts] = cells;
    return { total, parts };
  });
  const p = 0.2 + 0.7 * rand();
  return { n, equations, unknown: Array.from({ length: n }, () => rand() < p) };
}

/** Shuffles a copy of `xs` (Fisher-Yates, seeded). */
function shuffled<T>(rand: () => number, xs: readonly T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

type LayeredGrid = GridInput & {
  layers: NonNullable<GridInput["layers"]>;
  layerCount: number;
  positions: number;
};

/**
 * A random 2-level linked table, like a CARSAT year grid (src/sources/carsat/grid/cells.ts): a sector
 * structure (a random tree, sometimes a second tree over the same leaves, as CTN over NAF) replicated in
 * L layers, layer 0 the nation and the others its caisses; the sector equations within each layer, and
 * for each sector position nation = Σ caisses. Leaf counts per caisse, many of them small; cells
 * numbered in a random order (only `layers` says which is which); cost by level as in the real grid.
 */
function randomLayeredGrid(seed: number, opts: { layers?: number; nulls?: boolean } = {}): LayeredGrid {
  const rand = prng(seed);
  const layerCount = opts.layers ?? int(rand, 2, 5);
  const dim = randomDimension(rand, int(rand, 3, 12), rand() < 0.5);
  const positions = dim.nodes;
  const ids = shuffled(
    rand,
    Array.from({ length: layerCount * positions }, (_, i) => i),
  );
  const cellAt = (l: number, p: number) => ids[l * positions + p];
  const n = ids.length;
  const layer = new Array<number>(n);
  const position = new Array<number>(n);
  for (let l = 0; l < layerCount; l++) {
    for (let p = 0; p < positions; p++) {
      layer[cellAt(l, p)] = l;
      position[cellAt(l, p)] = p;
    }
  }
  const draw = () => {
    const u = rand();
    return u < 0.25 ? 0 : u < 0.7 ? int(rand, 1, 10) : int(rand, 11, 40);
  };
  const values = new Array<number>(n).fill(0);
  const leaves = dim.leavesOf.flatMap((ls, p) => (ls.length === 1 && ls[0] === p ? [p] : []));
  for (let l = 1; l < layerCount; l++) {
    const leafValue = new Map(leaves.map((p) => [p, draw()]));
    for (let p = 0; p < positions; p++)
      values[cellAt(l, p)] = dim.leavesOf[p].reduce((a, leaf) => a + leafValue.get(leaf)!, 0);
  }
  for (let p = 0; p < positions; p++) {
    for (let l = 1; l < layerCount; l++) values[cellAt(0, p)] += values[cellAt(l, p)];
  }
  const equations: Equation[] = [];
  for (let l = 0; l < layerCount; l++) {
    for (const s of dim.splits)
      equations.push({ total: cellAt(l, s.total), parts: s.parts.map((p) => cellAt(l, p)) });
  }
  const caisses = Array.from({ length: layerCount - 1 }, (_, k) => k + 1);
  for (let p = 0; p < positions; p++)
    equations.push({ total: cellAt(0, p), parts: caisses.map((l) => cellAt(l, p)) });
  const costOf = (p: number) => (p === 0 ? 2 : dim.leavesOf[p].length === 1 ? 0 : 1);
  const rank = new Array<number>(n);
  shuffled(rand, ids).forEach((c, r) => {
    rank[c] = r * 5 + 2;
  });
  return {
    values: opts.nulls ? values.map((v) => (rand() < 0.04 ? null : v)) : values,
    primary: values.map((v) => v > 0 && v < 11),
    rank,
    cost: position.map(costOf),
    equations: shuffled(rand, equations),
    limit: 11,
    layers: { layer, position },
    layerCount,
    positions,
  };
}

const masked = (r: { masked: boolean[] }) => r.masked.flatMap((m, i) => (m ? [i] : []));

describe("grid audit (exact, modular)", () => {
  it("uses primes below 2^26", () => {
    for (const p of PRIMES) {
      expect(p).toBeLessThan(2 ** 26);
      for (let d = 2; d * d <= p; d++) expect(p % d, `${p} divisible by ${d}`).not.toBe(0);
    }
    expect(PRIMES[0]).not.toBe(PRIMES[1]);
  });

  it("finds the bridging cell of a 2-D table that two-per-line misses", () => {
    const g = table2d(bridgeInterior());
    const unknown = g.values.map((_, i) => g.primary[i]);
    // Every row and column has 0 or ≥ 2 unknowns, yet (1,2) = rows 0-1 − columns 0-1.
    for (const eq of g.equations) {
      expect([eq.total, ...eq.parts].filter((c) => unknown[c]).length).not.toBe(1);
    }
    expect(determinedCells(g.values, g.equations, unknown)).toEqual([g.at(1, 2)]);
    expect(referenceDetermined(g.equations, unknown)).toEqual([g.at(1, 2)]);
  });

  it("counts a cell determined when either prime says so (rank lost modulo one prime is the unsafe side)", () => {
    // a − b = 0, b − c = 0, a + c = k (known): determinant 2, so full rank over the rationals (all determined)
    // but rank 2 modulo 2. Tiny primes make the loss certain; the real ones are far beyond such minors.
    const equations = [
      { total: 0, parts: [1] },
      { total: 1, parts: [2] },
      { total: 3, parts: [0, 2] },
    ];
    const unknown = [true, true, true, false];
    expect(referenceDetermined(equations, unknown)).toEqual([0, 1, 2]);
    expect(auditGrid(unknown, equations, { primes: [2] }).determined).toEqual([]);
    expect(auditGrid(unknown, equations, { primes: [2, 3] }).determined).toEqual([0, 1, 2]);
    expect(auditGrid(unknown, equations, { primes: [3, 2] }).determined).toEqual([0, 1, 2]);
    expect(auditGrid(unknown, equations).determined).toEqual([0, 1, 2]);
  });

  it("counts null values as unknown", () => {
    const equations = [{ total: 0, parts: [1, 2] }];
    expect(determinedCells([10, null, 4], equations, [false, false, false])).toEqual([1]);
    expect(determinedCells([null, null, 4], equations, [false, false, false])).toEqual([]);
  });

  it("agrees with dense rational Gauss-Jordan on random hierarchical tables", () => {
    let determined = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const g = randomGrid(seed);
      const rand = prng(seed * 7919);
      const p = 0.2 + 0.6 * rand();
      const unknown = g.values.map(() => rand() < p);
      const got = determinedCells(g.values, g.equations, unknown);
      expect(got, `seed ${seed}`).toEqual(referenceDetermined(g.equations, unknown));
      determined += got.length;
    }
    // The comparison is not vacuous.
    expect(determined).toBeGreaterThan(300);
  });

  it("agrees with dense rational Gauss-Jordan on random sparse systems", () => {
    let determined = 0;
    let undetermined = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const s = randomSystem(seed);
      const got = determinedCells(new Array(s.n).fill(0), s.equations, s.unknown);
      expect(got, `seed ${seed}`).toEqual(referenceDetermined(s.equations, s.unknown));
      determined += got.length;
      undetermined += s.unknown.filter(Boolean).length - got.length;
    }
    expect(determined).toBeGreaterThan(200);
    expect(undetermined).toBeGreaterThan(200);
  });

  it("agrees with dense rational Gauss-Jordan on grids of the national shape (two sector trees × territories)", () => {
    const shape = { levels: [3, 6, 10, 14, 18], ctns: 3, territories: 5 };
    for (let seed = 1; seed <= 4; seed++) {
      const g = syntheticGrid(seed, shape);
      const rand = prng(seed);
      const unknown = g.values.map((_, i) => g.primary[i] || rand() < 0.2 * seed);
      const got = determinedCells(g.values, g.equations, unknown);
      expect(got, `seed ${seed}`).toEqual(referenceDetermined(g.equations, unknown));
      expect(got.length).toBeGreaterThan(0);
    }
  });

  it("finds the same cells whatever the cell and equation order at national scale (38,000 cells)", () => {
    const g = syntheticGrid(1);
    const n = g.values.length;
    const rand = prng(7);
    const perm = g.values.map((_, i) => i).sort(() => rand() - 0.5);
    const where = new Array<number>(n);
    perm.forEach((old, t) => {
      where[old] = t;
    });
    const equations = g.equations
      .map((eq) => ({ total: where[eq.total], parts: eq.parts.map((c) => where[c]).reverse() }))
      .sort(() => rand() - 0.5);
    for (const p of [0.3, 0.6]) {
      const unknown = g.values.map(() => rand() < p);
      const direct = determinedCells(g.values, g.equations, unknown);
      const shuffled = determinedCells(
        perm.map((i) => g.values[i]),
        equations,
        perm.map((i) => unknown[i]),
      );
      expect(direct.length).toBeGreaterThan(1000);
      expect(shuffled.map((t) => perm[t]).sort((a, b) => a - b)).toEqual(direct);
    }
  });

  it("reports components over the entry budget as unaudited", () => {
    const g = table2d(bridgeInterior());
    const unknown = g.values.map((_, i) => g.primary[i]);
    expect(auditGrid(unknown, g.equations, { maxEntries: 3 })).toEqual({ determined: [], unaudited: 9 });
  });
});

/** A 4×4 table with its margins: cell (i, j), i, j in 0..4, 4 = the total. */
function table2d(interior: number[][], primary?: (i: number, j: number) => boolean) {
  const at = (i: number, j: number) => i * 5 + j;
  const values = new Array<number>(25).fill(0);
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      values[at(i, j)] = interior[i][j];
      values[at(i, 4)] += interior[i][j];
      values[at(4, j)] += interior[i][j];
      values[at(4, 4)] += interior[i][j];
    }
  }
  const equations: Equation[] = [];
  for (let k = 0; k < 5; k++) {
    equations.push({ total: at(k, 4), parts: [0, 1, 2, 3].map((j) => at(k, j)) });
    equations.push({ total: at(4, k), parts: [0, 1, 2, 3].map((i) => at(i, k)) });
  }
  const isPrimary = primary ?? ((i: number, j: number) => i < 4 && j < 4 && interior[i][j] < 11);
  return {
    at,
    values,
    equations,
    primary: values.map((_, c) => isPrimary(Math.floor(c / 5), c % 5)),
    rank: values.map((_, c) => c),
    limit: 11,
  };
}

/** Two masked 2×2 blocks on the diagonal and a masked cell (1,2) bridging them: the small counts (6-10). */
const bridgeInterior = () => [
  [6, 7, 40, 50],
  [8, 9, 10, 60],
  [30, 35, 6, 7],
  [45, 55, 8, 9],
];

describe("protectGrid rules", () => {
  it("rule 1: a class = A + B + C with B masked gets one complement, the smallest non-zero part", () => {
    // cells: 0 class, 1 A, 2 B, 3 C, 4 D (0)
    const r = protectGrid({
      values: [62, 40, 7, 15, 0],
      primary: [false, false, true, false, false],
      rank: [0, 1, 2, 3, 4],
      equations: [{ total: 0, parts: [1, 2, 3, 4] }],
      limit: 11,
    });
    expect(masked(r)).toEqual([2, 3]);
    expect(r).toMatchObject({ secondary: 1, unaudited: 0, exposed: 0 });
  });

  it("rule 1: lower cost first, then a part rather than the total, then rank", () => {
    const base = {
      values: [62, 40, 7, 15],
      primary: [false, false, true, false],
      rank: [0, 1, 2, 3],
      equations: [{ total: 0, parts: [1, 2, 3] }],
      limit: 11,
    };
    expect(masked(protectGrid({ ...base, cost: [0, 0, 0, 1] }))).toEqual([1, 2]);
    expect(masked(protectGrid({ ...base, cost: [0, 1, 0, 1] }))).toEqual([0, 2]);
    // Same cost and value: the part, not the total; two equal parts: the lower rank.
    const tie = { ...base, values: [37, 15, 7, 15], cost: [0, 0, 0, 0] };
    expect(masked(protectGrid(tie))).toEqual([1, 2]);
    expect(masked(protectGrid({ ...tie, rank: [0, 3, 2, 1] }))).toEqual([2, 3]);
    expect(
      masked(protectGrid({ ...tie, values: [15, 0, 7, 8], primary: [false, false, true, false] })),
    ).toEqual([2, 3]);
  });

  it("rule 1 across equations: the complement's own equations get theirs (a 2-D table)", () => {
    const interior = [
      [5, 30, 40, 50],
      [20, 25, 35, 60],
      [30, 35, 45, 70],
      [45, 55, 65, 80],
    ];
    const g = table2d(interior);
    const r = protectGrid(g);
    // The classic rectangle: (0,0) and its smallest partners in row 0, column 0, and their crossing.
    expect(masked(r)).toEqual([g.at(0, 0), g.at(0, 1), g.at(1, 0), g.at(1, 1)]);
    expect(r.secondary).toBe(3);
  });

  it("rule 2: two masked counts summing to 2 (both 1) get another complement", () => {
    // total 0 = 1 + 2 + 3 + 4 + 5; cells 1, 2 are 1 (primary), 3 is 0, 4 = 30, 5 = 42.
    const input = {
      values: [74, 1, 1, 0, 30, 42],
      primary: [false, true, true, false, false, false],
      rank: [0, 1, 2, 3, 4, 5],
      equations: [{ total: 0, parts: [1, 2, 3, 4, 5] }],
      limit: 11,
    };
    expect(masked(protectGrid(input))).toEqual([1, 2, 4]);
    // A complement of 1 leaves every unknown pinned (1 + 1 + 1 = 3 over three cells): one more.
    expect(masked(protectGrid({ ...input, values: [34, 1, 1, 0, 1, 31] }))).toEqual([1, 2, 4, 5]);
    // A complement of 3 does not (1 + 1 + 3 = 5 over three cells: each could be 1 to 3).
    expect(masked(protectGrid({ ...input, values: [36, 1, 1, 0, 3, 31] }))).toEqual([1, 2, 4]);
    // Not when the sum exceeds the unknowns, nor when the total is unknown, nor with a null value.
    expect(masked(protectGrid({ ...input, values: [74, 1, 2, 0, 30, 41] }))).toEqual([1, 2]);
    expect(masked(protectGrid({ ...input, values: [74, 5, 6, 0, 30, 33] }))).toEqual([1, 2]);
    expect(masked(protectGrid({ ...input, primary: [true, true, true, false, false, false] }))).toEqual([
      0, 1, 2,
    ]);
    expect(masked(protectGrid({ ...input, values: [74, 1, null, 0, 30, 42] }))).toEqual([1, 2]);
  });

  it("rule 3: the bridging cell of a 2-D table gets one complement closing a cycle through it", () => {
    const g = table2d(bridgeInterior());
    // Without complements, the bridging cell is recovered (rules 1 and 2 see nothing: only the audit finds it).
    expect(determinedCells(g.values, g.equations, g.primary)).toEqual([g.at(1, 2)]);
    const r = protectGrid(g);
    expect(determinedCells(g.values, g.equations, r.masked)).toEqual([]);
    expect(r).toMatchObject({ rounds: 2, unaudited: 0, exposed: 0 });
    // One complement is enough: a known interior cell that puts (1,2) on a cycle of masked cells, e.g.
    // (1,2) →col 2→ (2,2) →row 2→ (2,0) →col 0→ (1,0) →row 1→ (1,2), the complement being (2,0).
    expect(r.secondary).toBe(1);
    const [extra] = masked(r).filter((c) => !g.primary[c]);
    // The known cells that would protect it on their own: each, masked alone, leaves nothing determined.
    const alone = g.values.flatMap((_, c) =>
      !g.primary[c] &&
      determinedCells(
        g.values,
        g.equations,
        g.primary.map((p, i) => p || i === c),
      ).length === 0
        ? [c]
        : [],
    );
    // Every known interior cell closes such a cycle (its row and its column each meet a masked block or the
    // bridge's own lines); no margin does (e.g. masking total (1,4): column 2 still gives (1,2) back).
    expect(alone).toEqual([
      g.at(0, 2),
      g.at(0, 3),
      g.at(1, 3),
      g.at(2, 0),
      g.at(2, 1),
      g.at(3, 0),
      g.at(3, 1),
    ]);
    // The path search takes the cheapest of them: (2,0) = 30 (then (2,1) = 35, (0,2) = 40, (3,0) = 45...).
    expect(g.values[extra]).toBe(Math.min(...alone.map((c) => g.values[c])));
    expect(extra).toBe(g.at(2, 0));
  });

  it("treats null values as masked from the start and protects them", () => {
    const r = protectGrid({
      values: [62, 40, null, 15],
      primary: [false, false, false, false],
      rank: [0, 1, 2, 3],
      equations: [{ total: 0, parts: [1, 2, 3] }],
      limit: 11,
    });
    expect(masked(r)).toEqual([2, 3]);
    expect(r.secondary).toBe(1);
  });

  it("counts a determined masked cell with no known cell left as exposed", () => {
    // 0 = 1 + 2 and 0 = 1: all masked, so 2 (= 0) is determined, and nothing can be masked for it.
    const r = protectGrid({
      values: [5, 5, 0],
      primary: [true, true, true],
      rank: [0, 1, 2],
      equations: [
        { total: 0, parts: [1, 2] },
        { total: 0, parts: [1] },
      ],
      limit: 11,
    });
    expect(r).toMatchObject({ secondary: 0, exposed: 1 });
  });
});

/** The guarantees: no equation gives a masked cell back or pins its masked counts by their sum, and no masked cell is determined. */
function assertProtected(g: GridInput, r: ReturnType<typeof protectGrid>, label: string) {
  const unknown = g.values.map((v, i) => r.masked[i] || v === null);
  g.values.forEach((v, i) => {
    if (g.primary[i] || v === null) expect(r.masked[i], label).toBe(true);
  });
  for (const eq of g.equations) {
    const cells = [eq.total, ...eq.parts];
    const hidden = cells.filter((c) => unknown[c]);
    expect(hidden.length, `${label}: equation ${cells.join(",")}`).not.toBe(1);
    if (unknown[eq.total] || hidden.some((c) => g.values[c] === null)) continue;
    const sum = hidden.reduce((a, c) => a + g.values[c]!, 0);
    expect(sum > 0 && sum <= hidden.length, `${label}: pinned sum in ${cells.join(",")}`).toBe(false);
  }
  const determined = referenceDetermined(g.equations, unknown);
  expect(determined.length, label).toBe(r.exposed);
  // Exposed cells are those no complement can help: every equation of theirs is fully unknown.
  for (const d of determined) {
    for (const eq of g.equations) {
      const cells = [eq.total, ...eq.parts];
      if (cells.includes(d))
        expect(
          cells.every((c) => unknown[c]),
          `${label}: exposed ${d}`,
        ).toBe(true);
    }
  }
  expect(r.unaudited).toBe(0);
}

describe("protectGrid on random hierarchical grids", () => {
  it("leaves no masked cell recoverable, exactly or by pinning bounds (300 grids)", () => {
    let secondary = 0;
    let audited = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const g = randomGrid(seed, { nulls: seed % 3 === 0 });
      const r = protectGrid(g);
      assertProtected(g, r, `seed ${seed}`);
      secondary += r.secondary;
      if (r.rounds > 1) audited++;
    }
    expect(secondary).toBeGreaterThan(0);
    // The exact audit had work to do on some grids (rules 1 and 2 alone are not enough).
    expect(audited).toBeGreaterThan(0);
  });

  it("is deterministic: shuffling cells and equations (ranks carried along) gives the same mask", () => {
    for (let seed = 1; seed <= 60; seed++) {
      const g = randomGrid(seed, { nulls: seed % 2 === 0 });
      const rand = prng(seed + 1000);
      const perm = g.values.map((_, i) => i).sort(() => rand() - 0.5); // new position t holds old cell perm[t]
      const where = new Array<number>(perm.length);
      perm.forEach((old, t) => {
        where[old] = t;
      });
      const shuffled: GridInput = {
        values: perm.map((i) => g.values[i]),
        primary: perm.map((i) => g.primary[i]),
        rank: perm.map((i) => g.rank[i]),
        cost: perm.map((i) => g.cost![i]),
        equations: g.equations
          .map((eq) => ({ total: where[eq.total], parts: [...eq.parts].reverse().map((c) => where[c]) }))
          .sort(() => rand() - 0.5),
        limit: g.limit,
      };
      const a = protectGrid(g);
      const b = protectGrid(shuffled);
      expect(
        perm.map((i) => a.masked[i]),
        `seed ${seed}`,
      ).toEqual(b.masked);
      expect(b.secondary).toBe(a.secondary);
    }
  });

  it("rejects duplicate ranks and mismatched lengths", () => {
    const base = { values: [1, 2], primary: [false, false], rank: [0, 1], equations: [], limit: 11 };
    expect(() => protectGrid({ ...base, rank: [3, 3] })).toThrow(/ranks/);
    expect(() => protectGrid({ ...base, primary: [false] })).toThrow(/one entry per cell/);
  });
});

describe("protectGrid with layers (territories)", () => {
  it("leaves no masked cell recoverable in random nation × caisses grids (300 grids, 2 to 5 layers)", () => {
    let secondary = 0;
    let audited = 0;
    const layerCounts = new Set<number>();
    for (let seed = 1; seed <= 300; seed++) {
      const g = randomLayeredGrid(seed, { nulls: seed % 4 === 0 });
      const r = protectGrid(g);
      assertProtected(g, r, `seed ${seed} (${g.layerCount} layers × ${g.positions} positions)`);
      expect(r.exposed, `seed ${seed}`).toBe(0);
      secondary += r.secondary;
      if (r.rounds > 1) audited++;
      layerCounts.add(g.layerCount);
    }
    expect([...layerCounts].sort()).toEqual([2, 3, 4, 5]);
    expect(secondary).toBeGreaterThan(0);
    expect(audited).toBeGreaterThan(0);
  });

  it("masks the same positions in both layers when the nation is its one caisse", () => {
    let cells = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const g = randomLayeredGrid(seed, { layers: 2 });
      const r = protectGrid(g);
      assertProtected(g, r, `seed ${seed}`);
      const maskOf = (l: number) => {
        const out = new Array<boolean>(g.positions);
        r.masked.forEach((m, c) => {
          if (g.layers.layer[c] === l) out[g.layers.position[c]] = m;
        });
        return out;
      };
      expect(maskOf(0), `seed ${seed}`).toEqual(maskOf(1));
      cells += r.masked.filter(Boolean).length;
    }
    expect(cells).toBeGreaterThan(0);
  });

  it("is deterministic with layers: shuffling cells and equations (ranks and layers carried along) gives the same mask", () => {
    for (let seed = 1; seed <= 60; seed++) {
      const g = randomLayeredGrid(seed, { nulls: seed % 3 === 0 });
      const rand = prng(seed + 2000);
      const perm = shuffled(
        rand,
        g.values.map((_, i) => i),
      );
      const where = new Array<number>(perm.length);
      perm.forEach((old, t) => {
        where[old] = t;
      });
      const moved: GridInput = {
        values: perm.map((i) => g.values[i]),
        primary: perm.map((i) => g.primary[i]),
        rank: perm.map((i) => g.rank[i]),
        cost: perm.map((i) => g.cost![i]),
        equations: shuffled(
          rand,
          g.equations.map((eq) => ({
            total: where[eq.total],
            parts: [...eq.parts].reverse().map((c) => where[c]),
          })),
        ),
        limit: g.limit,
        layers: {
          layer: perm.map((i) => g.layers.layer[i]),
          position: perm.map((i) => g.layers.position[i]),
        },
      };
      const a = protectGrid(g);
      const b = protectGrid(moved);
      expect(
        perm.map((i) => a.masked[i]),
        `seed ${seed}`,
      ).toEqual(b.masked);
      expect(b.secondary).toBe(a.secondary);
    }
  });
});
