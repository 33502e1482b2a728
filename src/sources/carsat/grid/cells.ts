import type { Document } from "mongodb";
import {
  buildLinkedGrid,
  type GridDimension,
  type GridFact,
  type LinkedGrid,
} from "../../../privacy/grid/linked.js";
import { CAUSE_FIELDS } from "../causes.js";
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

/** The grid of one year (src/privacy/grid/linked.ts): its sector atoms are `atoms[0]` (MP: pathology atoms `atoms[1]`). */
export type YearGrid = LinkedGrid;

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

/** The AT sector dimension: atoms `<naf5>|<ctn>`, the NAF tree and the CTN tree. */
function atSectors(sectionOf: (naf5: string) => string): GridDimension {
  return {
    chains(atoms) {
      const ctns = new Map<string, number>();
      for (const a of atoms) ctns.set(a.split("|")[0], (ctns.get(a.split("|")[0]) ?? 0) + 1);
      return new Map(
        atoms.map((a) => {
          const [naf5, ctn] = a.split("|");
          return [a, chains(naf5, sectionOf(naf5), ctn, ctns.get(naf5)! > 1)];
        }),
      );
    },
    cost: costOf,
  };
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
  const facts = docs.map((d) => ({
    layer: d.caisse,
    atoms: [`${d.naf5}|${d.ctn}`],
    values: d.values,
    secret: d.secret,
  }));
  return buildLinkedGrid(facts, {
    dimensions: [atSectors(sectionOf)],
    measures,
    totalLayer: NATIONAL_CAISSE,
  });
}

/**
 * The MP grid (carsat_mp_facts) of one year has two dimensions:
 * - sectors, kept per CTN × NAF division (the API refuses finer sectors):
 *   `*`, `N:<section>`, `N:<division>`, `T:<ctn>`, and the atoms
 *   `<division>|<ctn>`, whose cell is the division itself (`N:<division>`)
 *   when it lies in one CTN, else `X:<ctn>|<division>`; the NAF tree is
 *   `*` → section → division (→ its CTN parts), the CTN tree `*` → CTN →
 *   atom. Imports keep NAF5 rows: they are summed into their division.
 * - pathologies: `*`, `P:<tableau>`, and `S:<syndrome>` under a tableau
 *   with several syndromes present (a tableau with one is its own atom);
 *   atoms `<tableau>|<syndrome>`.
 * A cell is `<sector>~<pathology>@<territory>`.
 */
const MP_SECTOR_COST: Record<string, number> = { X: 0, N2: 1, N1: 2, T: 2, "*": 4 };
const PATHOLOGY_COST: Record<string, number> = { S: 0, P: 1, "*": 2 };

/** The cell of an MP sector atom (`<division>|<ctn>`): the division unless it is split between CTNs. */
export function mpSectorAtomCell(atom: string, atoms: readonly string[]): string {
  const [naf2, ctn] = atom.split("|");
  const split = atoms.filter((a) => a.startsWith(`${naf2}|`)).length > 1;
  return split ? `X:${ctn}|${naf2}` : `N:${naf2}`;
}

/** The cell of a pathology atom (`<tableau>|<syndrome>`): the tableau unless it has several syndromes. */
export function pathologyAtomCell(atom: string, atoms: readonly string[]): string {
  const [tableau, syndrome] = atom.split("|");
  const split = atoms.filter((a) => a.startsWith(`${tableau}|`)).length > 1;
  return split ? `S:${syndrome}` : `P:${tableau}`;
}

/** The MP sector dimension. `sectionOf` gives a division's section letter. */
export function mpSectors(sectionOf: (naf2: string) => string): GridDimension {
  return {
    chains(atoms) {
      return new Map(
        atoms.map((a) => {
          const [naf2, ctn] = a.split("|");
          const leaf = mpSectorAtomCell(a, atoms);
          const naf = ["*", `N:${sectionOf(naf2)}`, `N:${naf2}`];
          return [a, [leaf === naf[2] ? naf : [...naf, leaf], ["*", `T:${ctn}`, leaf]]];
        }),
      );
    },
    cost(node) {
      if (node === "*") return MP_SECTOR_COST["*"];
      if (node[0] !== "N") return MP_SECTOR_COST[node[0]];
      return MP_SECTOR_COST[/^[A-U]$/.test(node.slice(2)) ? "N1" : "N2"];
    },
  };
}

/** The MP pathology dimension: tableau → syndrome. */
export const PATHOLOGIES: GridDimension = {
  chains(atoms) {
    return new Map(
      atoms.map((a) => {
        const leaf = pathologyAtomCell(a, atoms);
        const tableau = `P:${a.slice(0, a.indexOf("|"))}`;
        return [a, [leaf === tableau ? ["*", tableau] : ["*", tableau, leaf]]];
      }),
    );
  },
  cost: (node) => PATHOLOGY_COST[node === "*" ? "*" : node[0]],
};

/** An MP fact document as the grid reads it (zero measures are not stored: read as 0). */
export function toMpGridFact(doc: Document, measures: readonly string[]): GridFact {
  const num = (f: string) => (typeof doc[f] === "number" ? (doc[f] as number) : 0);
  const tableau = String(doc.tableau);
  return {
    layer: String(doc.caisse),
    atoms: [`${String(doc.naf2)}|${String(doc.ctn)}`, `${tableau}|${String(doc.syndrome ?? tableau)}`],
    values: Object.fromEntries(measures.map((m) => [m, num(m)])),
    secret: Array.isArray(doc.secret) ? doc.secret.map(String) : [],
  };
}

/** Builds the MP grid of one year from its documents (toMpGridFact). */
export function buildMpYearGrid(
  facts: readonly GridFact[],
  measures: readonly string[],
  sectionOf: (naf2: string) => string,
): YearGrid {
  return buildLinkedGrid(facts, {
    dimensions: [mpSectors(sectionOf), PATHOLOGIES],
    measures,
    totalLayer: NATIONAL_CAISSE,
  });
}

/**
 * A fact document as the grid reads it (zero measures are not stored: read
 * as 0). `derived` measures are sums of other fields (a theme's causes); a
 * document with no cause at all says nothing of its accidents' causes (a
 * file of the earlier layout): its derived measures are unknown, as secret.
 * "No cause" means none of every cause field, not only the themes' own: a
 * document whose accidents all have causes outside the themes knows that
 * each theme's share is 0 (zeros are not stored).
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
    CAUSE_FIELDS.some((f) => typeof doc[f] === "number") ||
    secret.length > 0;
  for (const d of derived) {
    values[d.measure] = d.fields.reduce((a, f) => a + num(f), 0);
    if (!causesKnown || d.fields.some((f) => secret.includes(f))) secret.push(d.measure);
  }
  return { caisse: String(doc.caisse), naf5: String(doc.naf5), ctn: String(doc.ctn), values, secret };
}

/**
 * The AT age band × sex grid (carsat_at_demography) of one year: three
 * dimensions, each a one-level tree, sector (`*` → `N:<section>`: the
 * collection is kept per NAF section), age band (`*` → the band) and sex
 * (`*` → F, M); a cell is `<sector>~<band>~<sex>@<territory>`, e.g.
 * `N:F~*~*@FR` (a section's margin, which the main grid publishes as
 * `N:F@FR`). Layers: the caisses, and the nation (`FR`) as the sum of the
 * caisses: this collection has no national rows, a national answer is the
 * sum of the caisses' (queries.ts), so the nation's cells are summed here.
 * A cell's values are the sums of its facts; the whole margins cost most
 * as complements (masking them masks the main grid's too: index.ts).
 */
const AGESEX_COST = { sector: { "*": 2, N: 1 }, margin: 3 };

const oneLevel = (cost: (node: string) => number): GridDimension => ({
  chains: (atoms) => new Map(atoms.map((a) => [a, [["*", a]]])),
  cost,
});

/** The cell (without territory) of a sector node (`*` or `N:<section>`), an age band and a sex (null: all). */
export const ageSexPosition = (sector: string, ageBand: string | null, sex: string | null) =>
  `${sector}~${ageBand ?? "*"}~${sex ?? "*"}`;

/** An age band × sex document as the grid reads it (zero measures are not stored: read as 0). */
export function toAgeSexFact(doc: Document, measures: readonly string[]): GridFact {
  const num = (f: string) => (typeof doc[f] === "number" ? (doc[f] as number) : 0);
  return {
    layer: String(doc.caisse),
    atoms: [`N:${String(doc.section)}`, String(doc.ageBand), String(doc.sex)],
    values: Object.fromEntries(measures.map((m) => [m, num(m)])),
    secret: Array.isArray(doc.secret) ? doc.secret.map(String) : [],
  };
}

/** Builds the age band × sex grid of one year from its caisses' facts (toAgeSexFact). */
export function buildAgeSexGrid(facts: readonly GridFact[], measures: readonly string[]): YearGrid {
  const caisses = facts.filter((f) => f.layer !== NATIONAL_CAISSE);
  const nation = caisses.map((f) => ({ ...f, layer: NATIONAL_CAISSE }));
  return buildLinkedGrid([...nation, ...caisses], {
    dimensions: [
      oneLevel((node) => (node === "*" ? AGESEX_COST.sector["*"] : AGESEX_COST.sector.N)),
      oneLevel((node) => (node === "*" ? AGESEX_COST.margin : 0)),
      oneLevel((node) => (node === "*" ? AGESEX_COST.margin : 0)),
    ],
    measures,
    totalLayer: NATIONAL_CAISSE,
  });
}
