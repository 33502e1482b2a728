import type { Equation } from "./equation.js";

/**
 * Builds a linked publication grid (the input of protect.ts) from facts
 * classified along a few hierarchical dimensions and one layer dimension:
 * every cell a query can be made of, and the additivity equations a reader
 * knows. Generic: the sources say what their dimensions' trees are.
 *
 * - A dimension classifies each fact by one atom (its finest code, e.g. a
 *   NAF subclass within a CTN) and gives, for each atom, its chain of nodes
 *   from the root down in each of its trees (one or two: NAF and CTN). The
 *   trees share their root; the last node of a chain is the atom's own cell,
 *   which the dimension may make the parent itself when it would be its
 *   only child (no identity cells: they hide from the complement choice
 *   which sibling closes a cycle, protect.ts).
 * - A cell is one node of each dimension (positions: the node tuples some
 *   fact falls under) in one layer (a territory); every layer has the same
 *   positions (a position a layer has no fact in is a 0 there).
 * - Equations, within each layer: along each tree of each dimension, with
 *   the other dimensions' nodes fixed, a node = the sum of its children (a
 *   child position that does not exist is a 0: left out). Across layers:
 *   the total layer (the nation's own figures) = the sum of the others at
 *   each position, for the measures where the figures do add up (a national
 *   file with caisses missing gives a reader no exact equation).
 *
 * Keys: the nodes joined by `~`, then `@<layer>` (`N:43@FR` with one
 * dimension, `N:43~P:057@FR` with two). Ranks follow the key order:
 * layers (the total one first), then positions in string order.
 */

/** One hierarchical dimension of a grid. */
export interface GridDimension {
  /**
   * For each atom present (all of the grid's, so that an atom's own cell
   * may depend on its siblings), its chains from the root down to its own
   * cell, one per tree; every tree starts at the same root.
   */
  chains(atoms: readonly string[]): Map<string, string[][]>;
  /** Cost class of a node (lower = preferred as a complement: finer levels). */
  cost(node: string): number;
}

/** A fact as the grid reads it. */
export interface GridFact {
  /** Its layer (territory). */
  layer: string;
  /** Its atom in each dimension, in the dimensions' order. */
  atoms: readonly string[];
  /** Its measures (a missing one counts 0). */
  values: Readonly<Record<string, number>>;
  /** Measures its publisher withheld: every cell it is summed into is null (unknown to everyone). */
  secret: readonly string[];
}

export interface LinkedGrid {
  keys: string[];
  index: Map<string, number>;
  /** Per measure, each cell's value; null where a summed fact withholds it. */
  values: Map<string, (number | null)[]>;
  /** Every equation, with the measures for which it holds (null = all). */
  equations: { eq: Equation; only: Set<string> | null }[];
  /** The atoms present, per dimension (sorted), to decompose queries. */
  atoms: string[][];
  /** The layers present (the total layer first when present). */
  territories: string[];
  /** Cost class of each cell: the sum of its nodes' (finer is cheaper to mask). */
  cost: number[];
  /** Layer and position of each cell (protect.ts's GridInput.layers). */
  layers: { layer: number[]; position: number[] };
}

export interface LinkedGridSpec {
  dimensions: readonly GridDimension[];
  measures: readonly string[];
  /** The layer that is the sum of the others where the figures add up (the nation's), if any. */
  totalLayer?: string;
}

/** The key of a cell. */
export const cellKey = (nodes: readonly string[], layer: string) => `${nodes.join("~")}@${layer}`;

export function buildLinkedGrid(facts: readonly GridFact[], spec: LinkedGridSpec): LinkedGrid {
  const { dimensions, measures, totalLayer } = spec;
  const territories = [...new Set(facts.map((f) => f.layer))].sort((a, b) =>
    a === totalLayer ? -1 : b === totalLayer ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  const atoms = dimensions.map((_, d) => [...new Set(facts.map((f) => f.atoms[d]))].sort());
  const chains = dimensions.map((dim, d) => dim.chains(atoms[d]));
  // Per dimension and tree, parent → children; per dimension and atom, the nodes it lies under.
  const children = dimensions.map(() => [] as Map<string, Set<string>>[]);
  const nodesOf = dimensions.map(() => new Map<string, string[]>());
  dimensions.forEach((_, d) => {
    for (const a of atoms[d]) {
      const trees = chains[d].get(a);
      if (!trees) throw new Error(`grid: no chain for atom ${a}`);
      trees.forEach((chain, t) => {
        children[d][t] ??= new Map();
        for (let i = 0; i + 1 < chain.length; i++) {
          const set = children[d][t].get(chain[i]) ?? new Set<string>();
          set.add(chain[i + 1]);
          children[d][t].set(chain[i], set);
        }
      });
      nodesOf[d].set(a, [...new Set(trees.flat())]);
    }
  });

  // Positions: the node tuples some fact falls under.
  const tuples = new Map<string, string[]>();
  const positionsOfTuple = new Map<string, string[]>();
  for (const f of facts) {
    const tupleKey = f.atoms.join("\u0000");
    if (positionsOfTuple.has(tupleKey)) continue;
    const product = cartesian(f.atoms.map((a, d) => nodesOf[d].get(a)!));
    const names = product.map((nodes) => nodes.join("~"));
    for (let i = 0; i < product.length; i++) tuples.set(names[i], product[i]);
    positionsOfTuple.set(tupleKey, names);
  }
  const positions = [...tuples.keys()].sort();
  const positionIndex = new Map(positions.map((p, i) => [p, i]));
  const P = positions.length;

  const keys: string[] = [];
  const index = new Map<string, number>();
  const cost: number[] = [];
  const layers = { layer: [] as number[], position: [] as number[] };
  territories.forEach((t, l) => {
    positions.forEach((p, i) => {
      const key = `${p}@${t}`;
      index.set(key, keys.length);
      keys.push(key);
      cost.push(tuples.get(p)!.reduce((a, node, d) => a + dimensions[d].cost(node), 0));
      layers.layer.push(l);
      layers.position.push(i);
    });
  });

  const values = new Map(measures.map((m) => [m, new Array<number | null>(keys.length).fill(0)]));
  const layerIndex = new Map(territories.map((t, l) => [t, l]));
  for (const f of facts) {
    const base = layerIndex.get(f.layer)! * P;
    for (const p of positionsOfTuple.get(f.atoms.join("\u0000"))!) {
      const i = base + positionIndex.get(p)!;
      for (const m of measures) {
        const column = values.get(m)!;
        if (f.secret.includes(m)) column[i] = null;
        else if (column[i] !== null) column[i] = (column[i] as number) + (f.values[m] ?? 0);
      }
    }
  }

  const equations: LinkedGrid["equations"] = [];
  territories.forEach((_, l) => {
    positions.forEach((p, i) => {
      const nodes = tuples.get(p)!;
      nodes.forEach((node, d) => {
        for (const tree of children[d]) {
          const kids = tree.get(node);
          if (!kids) continue;
          const parts: number[] = [];
          for (const k of [...kids].sort()) {
            const at = positionIndex.get(nodes.map((n, e) => (e === d ? k : n)).join("~"));
            if (at !== undefined) parts.push(l * P + at);
          }
          if (parts.length > 0) equations.push({ eq: { total: l * P + i, parts }, only: null });
        }
      });
    });
  });
  const others = territories.filter((t) => t !== totalLayer);
  if (territories[0] === totalLayer && others.length > 0) {
    for (let i = 0; i < P; i++) {
      const total = i;
      const parts = others.map((_, k) => (k + 1) * P + i);
      const only = new Set(
        measures.filter((m) => {
          const v = values.get(m)!;
          if (v[total] === null || parts.some((c) => v[c] === null)) return true;
          return parts.reduce((a, c) => a + (v[c] as number), 0) === v[total];
        }),
      );
      if (only.size > 0) equations.push({ eq: { total, parts }, only });
    }
  }
  return { keys, index, values, equations, atoms, territories, cost, layers };
}

function cartesian(lists: readonly (readonly string[])[]): string[][] {
  let out: string[][] = [[]];
  for (const list of lists) out = out.flatMap((prefix) => list.map((x) => [...prefix, x]));
  return out;
}
