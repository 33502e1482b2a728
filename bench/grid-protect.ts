/**
 * Cost of protecting one national publication grid (src/privacy/grid/protect.ts)
 * on a synthetic grid of the real shape: a 5-level NAF-like tree (21 sections
 * → 88 divisions → 272 groups → 615 classes → 732 subclasses, under one
 * root) plus a second tree of 9 CTN groups over the same subclasses, crossed
 * with 22 territories (the nation = Σ 21 caisses). Leaf counts are
 * Poisson-like with a heavy-tailed mean, so that many cells are small.
 * The territories are the grid's layers (GridInput.layers, as the real grid
 * passes them: src/sources/carsat/grid/cells.ts); the grid is protected with
 * and without them, so that the difference shows. `npm run bench` records
 * the same figures (its part `grid`, on a small shape in a smoke run).
 *
 *   npx tsx bench/grid-protect.ts [--seed 1]
 */
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { protectGrid, type Equation, type GridInput } from "../src/privacy/grid/protect.js";
import { Prng } from "../seeds/prng.js";

export interface GridBench {
  /** Whether the territories were passed as layers (the production path) or the grid protected flat. */
  layers: boolean;
  cells: number;
  equations: number;
  primary: number;
  secondary: number;
  rounds: number;
  unaudited: number;
  exposed: number;
  seconds: number;
}

/** Seeded uniform [0, 1): the seeds' generator (mulberry32). */
const prng = (seed: number) => {
  const g = new Prng(seed);
  return () => g.next();
};

function poisson(mean: number, rand: () => number): number {
  if (mean > 50) {
    const z = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
  }
  const l = Math.exp(-mean);
  let k = 0;
  for (let p = rand(); p > l; p *= rand()) k++;
  return k;
}

/** Assigns `children` items to `parents` items, each parent at least one child, in blocks (children of a parent contiguous). */
function split(parents: number, children: number, rand: () => number): number[] {
  const counts = new Array<number>(parents).fill(1);
  for (let extra = children - parents; extra > 0; extra--) counts[Math.floor(rand() * parents)]++;
  return counts.flatMap((c, p) => new Array<number>(c).fill(p));
}

export interface GridShape {
  /** Nodes per level of the NAF-like tree, coarsest first (under one root). */
  levels: readonly number[];
  /** CTN-like groups over the same leaves. */
  ctns: number;
  /** Territories, the nation (= Σ the others) included. */
  territories: number;
}

export const NATIONAL: GridShape = { levels: [21, 88, 272, 615, 732], ctns: 9, territories: 22 };
/** A small grid (780 cells) for smoke runs: milliseconds. */
export const SMALL: GridShape = { levels: [5, 15, 30, 60, 80], ctns: 4, territories: 4 };

/** The layers of a grid: territory `layer[i]` (0 = the nation), sector `position[i]`. */
type Layers = NonNullable<GridInput["layers"]>;

/** The synthetic grid: sector nodes × territories, its equations, values, primary mask (limit 11) and layers. */
export function syntheticGrid(seed = 1, shape: GridShape = NATIONAL): GridInput & { layers: Layers } {
  const rand = prng(seed);
  const levels = shape.levels;
  // Sector nodes: 0 = root, then each level in order, then the CTN groups.
  const parentOf: number[] = [-1];
  const depth: number[] = [0];
  let previous = [0];
  for (let l = 0; l < levels.length; l++) {
    const owner = l === 0 ? new Array<number>(levels[0]).fill(0) : split(previous.length, levels[l], rand);
    const current: number[] = [];
    for (let k = 0; k < levels[l]; k++) {
      current.push(parentOf.length);
      parentOf.push(previous[owner[k]]);
      depth.push(l + 1);
    }
    previous = current;
  }
  const leaves = previous;
  const ctns: number[] = [];
  for (let k = 0; k < shape.ctns; k++) {
    ctns.push(parentOf.length);
    parentOf.push(-1);
    depth.push(1);
  }
  const ctnOf = leaves.map(() => ctns[Math.floor(rand() * ctns.length)]);
  const sectors = parentOf.length;
  const children: number[][] = Array.from({ length: sectors }, () => []);
  parentOf.forEach((p, s) => {
    if (p >= 0) children[p].push(s);
  });
  leaves.forEach((leaf, k) => {
    children[ctnOf[k]].push(leaf);
  });
  const sectorEquations: { total: number; parts: number[] }[] = [];
  for (let s = 0; s < sectors; s++)
    if (children[s].length > 0) sectorEquations.push({ total: s, parts: children[s] });
  if (ctns.length > 0) sectorEquations.push({ total: 0, parts: ctns });

  const territories = shape.territories; // 0 = nation, then the caisses
  const cell = (s: number, t: number) => s * territories + t;
  const n = sectors * territories;
  const values = new Array<number>(n).fill(0);
  const caisseWeight = Array.from({ length: territories }, () => 0.3 + 2.7 * rand());
  for (const leaf of leaves) {
    const size = Math.exp(0.4 + 1.6 * Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand()));
    for (let t = 1; t < territories; t++) values[cell(leaf, t)] = poisson(size * caisseWeight[t], rand);
  }
  // Aggregates: every non-leaf sector from its children (NAF tree bottom-up, then CTN), nation = Σ caisses.
  const order = [...sectorEquations].sort((a, b) => depth[b.total] - depth[a.total]);
  for (const eq of order) {
    if (eq.total === 0 && eq.parts === ctns) continue;
    for (let t = 1; t < territories; t++) {
      values[cell(eq.total, t)] = eq.parts.reduce((a, s) => a + values[cell(s, t)], 0);
    }
  }
  for (let s = 0; s < sectors; s++) {
    let sum = 0;
    for (let t = 1; t < territories; t++) sum += values[cell(s, t)];
    values[cell(s, 0)] = sum;
  }

  const equations: Equation[] = [];
  for (let t = 0; t < territories; t++) {
    for (const eq of sectorEquations)
      equations.push({ total: cell(eq.total, t), parts: eq.parts.map((s) => cell(s, t)) });
  }
  const caisses = Array.from({ length: territories - 1 }, (_, k) => k + 1);
  for (let s = 0; s < sectors; s++)
    equations.push({ total: cell(s, 0), parts: caisses.map((t) => cell(s, t)) });

  const cost = Array.from({ length: n }, (_, c) => {
    const s = Math.floor(c / territories);
    return levels.length + 1 - depth[s] + (c % territories === 0 ? levels.length + 1 : 0);
  });
  return {
    values,
    primary: values.map((v) => v > 0 && v < 11),
    rank: values.map((_, i) => i),
    cost,
    equations,
    limit: 11,
    layers: {
      layer: values.map((_, c) => c % territories),
      position: values.map((_, c) => Math.floor(c / territories)),
    },
  };
}

/** Protects the synthetic grid of `seed` once, with its territories as layers (default) or flat. */
export function benchGridProtect(seed = 1, options: { layers?: boolean; shape?: GridShape } = {}): GridBench {
  const { layers, ...flat } = syntheticGrid(seed, options.shape);
  const withLayers = options.layers ?? true;
  const grid: GridInput = withLayers ? { ...flat, layers } : flat;
  const started = performance.now();
  const result = protectGrid(grid);
  const seconds = (performance.now() - started) / 1000;
  return {
    layers: withLayers,
    cells: grid.values.length,
    equations: grid.equations.length,
    primary: grid.primary.filter(Boolean).length,
    secondary: result.secondary,
    rounds: result.rounds,
    unaudited: result.unaudited,
    exposed: result.exposed,
    seconds: Math.round(seconds * 100) / 100,
  };
}

/** Both variants of one seed, with layers first (the production path), after a warm-up on a small grid. */
export function benchGridVariants(seed = 1, shape: GridShape = NATIONAL): GridBench[] {
  benchGridProtect(seed, { shape: SMALL }); // compiles the hot paths, so that neither variant pays for it
  return [true, false].map((layers) => benchGridProtect(seed, { layers, shape }));
}

/** The results file's record of the `grid` part of `npm run bench` (bench/run.ts). */
export interface GridResults {
  grid?: { seed: number; shape: GridShape; variants: GridBench[] };
}

/** Human-readable lines: one per variant. */
export function gridReport(r: NonNullable<GridResults["grid"]>): string {
  const [first] = r.variants;
  const head =
    `Publication grid protection (synthetic, ${r.shape.territories} territories, seed ${r.seed}): ` +
    `${first.cells} cells, ${first.equations} equations, ${first.primary} primary`;
  const lines = r.variants.map((v) => {
    const label = v.layers ? "with layers:   " : "without layers:";
    const share = ((100 * v.secondary) / v.cells).toFixed(1);
    return (
      `  ${label} ${v.secondary} complements (${share} % of cells), ${v.rounds} audit${v.rounds > 1 ? "s" : ""}, ` +
      `${v.seconds.toFixed(2)} s${v.unaudited || v.exposed ? `, ${v.unaudited} UNAUDITED, ${v.exposed} EXPOSED` : ""}`
    );
  });
  return [head, ...lines].join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values: args } = parseArgs({ options: { seed: { type: "string", default: "1" } } });
  const seed = Number(args.seed);
  console.log(gridReport({ seed, shape: NATIONAL, variants: benchGridVariants(seed) }));
}
