import type { Document } from "mongodb";
import type { Equation } from "../../../privacy/grid/protect.js";
import { NATIONAL_CAISSE } from "../types.js";

/**
 * The publication grid of one AT (or trajet) collection for one year: every
 * cell a query can be made of, and the additivity equations a reader knows.
 *
 * Cells are `<sector>@<territory>`:
 * - sectors: `*` (every sector), `N:<code>` a NAF node at any level
 *   (section letter, division, group, class, subclass, dotless), `T:<ctn>` a
 *   CTN, `X:<ctn>|<division>` a CTN within a division, and `A:<naf5>|<ctn>`
 *   the atoms: a subclass within a CTN (a subclass is usually in one CTN,
 *   but a file's rows carry their own CTN, so a subclass may span several);
 * - territories: `FR` (the nation's own rows) and each caisse present.
 * Equations: along the NAF tree (every node = the sum of its children, down
 * to the atoms), along the CTN tree (`*` = Σ CTN, CTN = Σ crosses, cross =
 * Σ atoms), and along the territories (FR = Σ caisses), the last only where
 * the figures do add up (a national file with caisses missing gives no
 * exact equation to a reader).
 *
 * Years are separate grids: a year range is the sum of single years, so it
 * adds no equation (a range is masked when one of its years is).
 */

/** What a grid needs of a fact document. */
export interface GridDoc {
  caisse: string;
  naf5: string;
  ctn: string;
  values: Record<string, number>;
  /** Measures its publisher withheld. */
  secret: readonly string[];
}

export interface YearGrid {
  keys: string[];
  index: Map<string, number>;
  /** Per measure, each cell's value; null where a summed document withholds it. */
  values: Map<string, (number | null)[]>;
  /** Every equation, with the measures for which it holds (null = all). */
  equations: { eq: Equation; only: Set<string> | null }[];
  /** The atoms (`<naf5>|<ctn>`) present, for decomposing queries. */
  atoms: string[];
  /** The territories present (FR first when present). */
  territories: string[];
  /** Cost class of each cell: finer sectors are cheaper to mask than totals. */
  cost: number[];
  /** Territory (layer) and sector (position) of each cell: every territory has the same sector cells. */
  layers: { layer: number[]; position: number[] };
}

const SECTOR_COST: Record<string, number> = { A: 0, N5: 1, X: 2, N4: 3, N3: 4, N2: 5, N1: 6, T: 6, "*": 8 };

/**
 * The sector nodes an atom belongs to, from the root down: [NAF chain, CTN
 * chain]. A subclass in one CTN is its own atom (`N:<naf5>`, the leaf of
 * both trees); only a subclass split between CTNs has `A:` atoms under it.
 * No identity cells: they would hide from the complement choice which
 * sibling closes a cycle in both trees (src/privacy/grid/protect.ts).
 */
function chains(naf5: string, section: string, ctn: string, split: boolean): [string[], string[]] {
  const naf = [
    "*",
    `N:${section}`,
    `N:${naf5.slice(0, 2)}`,
    `N:${naf5.slice(0, 3)}`,
    `N:${naf5.slice(0, 4)}`,
    `N:${naf5}`,
  ];
  const leaf = split ? `A:${naf5}|${ctn}` : `N:${naf5}`;
  return [split ? [...naf, leaf] : naf, ["*", `T:${ctn}`, `X:${ctn}|${naf5.slice(0, 2)}`, leaf]];
}

/** The cell of an atom (`<naf5>|<ctn>`): the subclass itself unless it is split between CTNs. */
export function atomCell(atom: string, atoms: readonly string[]): string {
  const naf5 = atom.slice(0, atom.indexOf("|"));
  const split = atoms.filter((a) => a.startsWith(`${naf5}|`)).length > 1;
  return split ? `A:${atom}` : `N:${naf5}`;
}

function costOf(sector: string): number {
  if (sector === "*") return SECTOR_COST["*"];
  const [kind, code] = [sector[0], sector.slice(2)];
  if (kind !== "N") return SECTOR_COST[kind];
  return SECTOR_COST[/^[A-U]$/.test(code) ? "N1" : `N${code.length}`];
}

/**
 * Builds the grid of one year from its documents. `sectionOf` gives a
 * subclass's section letter (the nomenclature's, passed in so that this stays pure).
 */
export function buildYearGrid(
  docs: readonly GridDoc[],
  measures: readonly string[],
  sectionOf: (naf5: string) => string,
): YearGrid {
  const territories = [...new Set(docs.map((d) => d.caisse))].sort((a, b) =>
    a === NATIONAL_CAISSE ? -1 : b === NATIONAL_CAISSE ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  const atoms = [...new Set(docs.map((d) => `${d.naf5}|${d.ctn}`))].sort();
  // Parent → children, for each tree, over the sector nodes.
  const children = new Map<string, Set<string>>();
  const link = (chain: string[]) => {
    for (let i = 0; i + 1 < chain.length; i++) {
      const set = children.get(chain[i]) ?? new Set<string>();
      set.add(chain[i + 1]);
      children.set(chain[i], set);
    }
  };
  const sectors = new Set<string>();
  const chainsOf = new Map<string, string[]>();
  const ctnsOf = new Map<string, number>();
  for (const a of atoms) ctnsOf.set(a.split("|")[0], (ctnsOf.get(a.split("|")[0]) ?? 0) + 1);
  const chainsOfAtom = (a: string) => {
    const [naf5, ctn] = a.split("|");
    return chains(naf5, sectionOf(naf5), ctn, ctnsOf.get(naf5)! > 1);
  };
  for (const a of atoms) {
    const [nafChain, ctnChain] = chainsOfAtom(a);
    link(nafChain);
    // The CTN tree's root is the NAF tree's root: its equation is a second one on `*`.
    for (const s of [...nafChain, ...ctnChain]) sectors.add(s);
    chainsOf.set(a, [...new Set([...nafChain, ...ctnChain])]);
  }
  const ctnChildren = new Map<string, Set<string>>();
  for (const a of atoms) {
    const chain = chainsOfAtom(a)[1];
    for (let i = 0; i + 1 < chain.length; i++) {
      const set = ctnChildren.get(chain[i]) ?? new Set<string>();
      set.add(chain[i + 1]);
      ctnChildren.set(chain[i], set);
    }
  }
  const sectorList = [...sectors].sort();
  const keys: string[] = [];
  const index = new Map<string, number>();
  const cost: number[] = [];
  const layers = { layer: [] as number[], position: [] as number[] };
  territories.forEach((t, l) => {
    sectorList.forEach((s, p) => {
      index.set(`${s}@${t}`, keys.length);
      keys.push(`${s}@${t}`);
      cost.push(costOf(s));
      layers.layer.push(l);
      layers.position.push(p);
    });
  });
  const values = new Map(measures.map((m) => [m, new Array<number | null>(keys.length).fill(0)]));
  for (const d of docs) {
    for (const s of chainsOf.get(`${d.naf5}|${d.ctn}`)!) {
      const i = index.get(`${s}@${d.caisse}`)!;
      for (const m of measures) {
        const column = values.get(m)!;
        if (d.secret.includes(m)) column[i] = null;
        else if (column[i] !== null) column[i] = (column[i] as number) + (d.values[m] ?? 0);
      }
    }
  }
  const equations: YearGrid["equations"] = [];
  for (const t of territories) {
    for (const tree of [children, ctnChildren]) {
      for (const [parent, kids] of tree) {
        const parts = [...kids].sort().map((k) => index.get(`${k}@${t}`)!);
        equations.push({ eq: { total: index.get(`${parent}@${t}`)!, parts }, only: null });
      }
    }
  }
  const caisses = territories.filter((t) => t !== NATIONAL_CAISSE);
  if (territories[0] === NATIONAL_CAISSE && caisses.length > 0) {
    for (const s of sectorList) {
      const total = index.get(`${s}@${NATIONAL_CAISSE}`)!;
      const parts = caisses.map((c) => index.get(`${s}@${c}`)!);
      const only = new Set(
        measures.filter((m) => {
          const v = values.get(m)!;
          if (v[total] === null || parts.some((p) => v[p] === null)) return true;
          return parts.reduce((a, p) => a + (v[p] as number), 0) === v[total];
        }),
      );
      if (only.size > 0) equations.push({ eq: { total, parts }, only });
    }
  }
  return { keys, index, values, equations, atoms, territories, cost, layers };
}

/**
 * A fact document as the grid reads it (zero measures are not stored: read
 * as 0). `derived` measures are sums of other fields (a theme's causes); a
 * document with no cause at all says nothing of its accidents' causes (a
 * file of the earlier layout): its derived measures are unknown, as secret.
 */
export function toGridDoc(
  doc: Document,
  measures: readonly string[],
  derived: readonly { measure: string; fields: readonly string[] }[] = [],
): GridDoc {
  const num = (f: string) => (typeof doc[f] === "number" ? (doc[f] as number) : 0);
  const secret: string[] = Array.isArray(doc.secret) ? doc.secret.map(String) : [];
  const values = Object.fromEntries(measures.map((m) => [m, num(m)]));
  const causesKnown =
    derived.length === 0 ||
    num("accidents") === 0 ||
    derived.some((d) => d.fields.some((f) => typeof doc[f] === "number")) ||
    secret.length > 0;
  for (const d of derived) {
    values[d.measure] = d.fields.reduce((a, f) => a + num(f), 0);
    if (!causesKnown || d.fields.some((f) => secret.includes(f))) secret.push(d.measure);
  }
  return { caisse: String(doc.caisse), naf5: String(doc.naf5), ctn: String(doc.ctn), values, secret };
}
