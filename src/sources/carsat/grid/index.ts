import type { ImportedReads } from "../../../db/imported-reads.js";
import type { DisclosureConfig } from "../../../privacy/disclosure-config.js";
import type { GridDef } from "../../../privacy/grid/store.js";
import type { GridFact } from "../../../privacy/grid/linked.js";
import { sectionOf } from "../../../domain/reference.js";
import { AT_MEASURES, DEMOGRAPHY_MEASURES, MP_MEASURES } from "../queries.js";
import { determinedCells } from "../../../privacy/grid/protect.js";
import type { Equation } from "../../../privacy/grid/equation.js";
import { atCause, CAUSE_FIELDS } from "../causes.js";
import { themes } from "../../../domain/reference.js";
import { CARSAT_COLLECTIONS } from "../types.js";
import {
  ageSexPosition,
  buildAgeSexGrid,
  buildMpYearGrid,
  buildYearGrid,
  toAgeSexFact,
  toGridDoc,
  toMpGridFact,
  type GridDoc,
  type YearGrid,
} from "./cells.js";
import { AGESEX_RULES, atRules, MP_RULES, protectYear, type MaskRules, type YearMasks } from "./masks.js";

/**
 * The protected publication grid of an AT, trajet or MP collection: every
 * year's masks (masks.ts), computed from all of the collection's current
 * documents and kept per version by the GridStore (src/privacy/grid/store.ts).
 */

export type CarsatGrid = Map<number, YearMasks>;

/**
 * Bump when the grid's cells, equations or rules change: stored grids of another version are then recomputed.
 * 3: cells from the generic builder (src/privacy/grid/linked.ts; the same AT cells), atoms per dimension.
 * 4: the AT grid holds the linked age band × sex grid (protectLinked).
 */
const ALGORITHM = 4;

/**
 * The grid measure of a set of causes (a theme's): `causes:<fields>`. The
 * theme figures are counts of victims like the accidents they are part of,
 * protected in the same grid (masks.ts), so that `Theme.accidents` never
 * shows a cell `sinistralite` masks, nor the reverse.
 */
export function causeMeasure(causes: readonly string[]): string {
  return `causes:${causes
    .map((c) => atCause(c)?.field ?? c)
    .sort()
    .join("+")}`;
}

/** The cause sets the themes declare, as grid measures with their cause fields. */
const THEME_CAUSES = themes
  .map((t) => t.atCauses ?? [])
  .filter((causes) => causes.length > 0)
  .map((causes) => ({ measure: causeMeasure(causes), fields: causes.map((c) => atCause(c)!.field) }));

interface EncodedMasks {
  cells: number;
  atoms: string[][];
  territories: string[];
  secondary: Record<string, number>;
  masked: Record<string, string>;
  linked?: Record<string, number>;
  agesex?: EncodedMasks;
}
type EncodedYear = EncodedMasks & { year: number };

function encodeMasks(m: YearMasks): EncodedMasks {
  return {
    cells: m.cells,
    atoms: m.atoms,
    territories: m.territories,
    secondary: m.secondary,
    masked: Object.fromEntries([...m.masked].map(([k, set]) => [k, [...set].join("\n")])),
    ...(m.linked ? { linked: m.linked } : {}),
    ...(m.agesex ? { agesex: encodeMasks(m.agesex) } : {}),
  };
}

function decodeMasks(y: EncodedMasks): YearMasks {
  return {
    cells: y.cells,
    atoms: y.atoms,
    territories: y.territories,
    secondary: y.secondary,
    masked: new Map(Object.entries(y.masked).map(([k, v]) => [k, new Set(v ? v.split("\n") : [])])),
    ...(y.linked ? { linked: y.linked } : {}),
    ...(y.agesex ? { agesex: decodeMasks(y.agesex) } : {}),
  };
}

/** The facts of `docs` (documents with a `year`) per year. */
function byYear<D extends { year: number }, F>(docs: readonly D[], toFact: (doc: D) => F): Map<number, F[]> {
  const out = new Map<number, F[]>();
  for (const d of docs) {
    const list = out.get(d.year) ?? [];
    list.push(toFact(d));
    out.set(d.year, list);
  }
  return out;
}

/** The protected grids of each year of `docs` (fact documents with a `year`). */
function protectYears<D extends { year: number }, F>(
  docs: readonly D[],
  toFact: (doc: D) => F,
  build: (facts: F[]) => YearGrid,
  protect: (grid: YearGrid) => YearMasks,
): CarsatGrid {
  const facts = byYear(docs, toFact);
  const grid: CarsatGrid = new Map();
  for (const year of [...facts.keys()].sort()) grid.set(year, protect(build(facts.get(year)!)));
  return grid;
}

/** Storage and report of a carsat grid (every year's masks, and their linked age band × sex grid's). */
const YEARLY = {
  encode(grid: CarsatGrid) {
    return [...grid].map(([year, m]): EncodedYear => ({ year, ...encodeMasks(m) }));
  },
  decode(json: unknown): CarsatGrid {
    return new Map((json as EncodedYear[]).map((y) => [y.year, decodeMasks(y)]));
  },
  report(grid: CarsatGrid) {
    const part = (name: string, y: YearMasks) => ({
      part: name,
      cells: y.cells,
      masked: Object.fromEntries([...y.masked].map(([m, set]) => [m, set.size])),
      secondary: { ...y.secondary, ...prefixed("linked:", y.linked) },
    });
    return [...grid].flatMap(([year, y]) => [
      part(String(year), y),
      ...(y.agesex ? [part(`${year} age band × sex`, y.agesex)] : []),
    ]);
  },
};

const prefixed = (prefix: string, r: Record<string, number> | undefined) =>
  Object.fromEntries(Object.entries(r ?? {}).map(([k, v]) => [`${prefix}${k}`, v]));

/** A margin both grids publish: the main grid's sector node at a territory, and the age × sex grid's all ages × both sexes. */
interface Link {
  measure: string;
  main: number;
  agesex: number;
}

/**
 * The linked margins of a year: a section (or all sectors) at a caisse or
 * the nation, in both grids, per measure where their values are equal (a
 * reader then knows the equation main = age × sex margin); unequal totals
 * (files of different dates) give a reader no exact equation.
 */
function linksOf(main: YearGrid, agesex: YearGrid): Link[] {
  const out: Link[] = [];
  for (const t of agesex.territories) {
    for (const s of ["*", ...agesex.atoms[0]]) {
      const mi = main.index.get(`${s}@${t}`);
      const ai = agesex.index.get(`${ageSexPosition(s, null, null)}@${t}`);
      if (mi === undefined || ai === undefined) continue;
      for (const m of DEMOGRAPHY_MEASURES) {
        const v = main.values.get(m)?.[mi];
        if (typeof v === "number" && v === agesex.values.get(m)?.[ai])
          out.push({ measure: m, main: mi, agesex: ai });
      }
    }
  }
  return out;
}

/** Rounds of the linked protection before it fails closed (on the region seed: 1 or 2). */
const LINK_ROUNDS = 8;

/**
 * Protects a year's AT grid and its age band × sex grid together, so that
 * a margin both publish (linksOf) gets one mask in both, and no cell of
 * either is determined by the two systems together:
 * 1. the main grid alone (its own rules);
 * 2. the age × sex grid, with every linked margin the main grid masks as a
 *    primary cell (it must then stay undetermined there too);
 * 3. the linked margins the age × sex grid masks and the main grid does not
 *    (its complements) become primary cells of the main grid, which is
 *    protected again; back to 2 until neither adds a margin (the primary
 *    sets only grow: it ends). Past
 *    LINK_ROUNDS, or if the joint audit (the equations of both grids and
 *    the links, src/privacy/grid/audit.ts) finds a masked cell determined,
 *    the age × sex measure is masked whole for the year (fail closed: the
 *    main grid is safe on its own).
 */
export function protectLinked(
  main: YearGrid,
  agesex: YearGrid,
  config: DisclosureConfig,
  rules: MaskRules,
): YearMasks {
  const links = linksOf(main, agesex);
  const extraMain = new Map<string, Set<number>>();
  const extraAge = new Map<string, Set<number>>();
  const add = (extra: Map<string, Set<number>>, m: string, i: number) => {
    const set = extra.get(m) ?? new Set<number>();
    extra.set(m, set);
    if (set.has(i)) return false;
    set.add(i);
    return true;
  };
  const maskedIn = (y: YearMasks, grid: YearGrid, m: string, i: number) =>
    y.masked.get(m)?.has(grid.keys[i]) === true;
  const alone = protectYear(main, config, rules);
  let mainMasks = alone;
  let ageMasks: YearMasks | null = null;
  let consistent = false;
  for (let round = 0; round < LINK_ROUNDS; round++) {
    let grew = ageMasks === null;
    for (const l of links)
      if (maskedIn(mainMasks, main, l.measure, l.main)) grew = add(extraAge, l.measure, l.agesex) || grew;
    if (grew) ageMasks = protectYear(agesex, config, AGESEX_RULES, extraAge);
    grew = false;
    // A margin the main grid already masks needs no more: only those it publishes become its primary cells.
    for (const l of links) {
      if (maskedIn(ageMasks!, agesex, l.measure, l.agesex) && !maskedIn(mainMasks, main, l.measure, l.main))
        grew = add(extraMain, l.measure, l.main) || grew;
    }
    if (!grew) {
      consistent = true;
      break;
    }
    mainMasks = protectYear(main, config, rules, extraMain);
  }
  const age = ageMasks!;
  for (const m of DEMOGRAPHY_MEASURES) {
    if (!agesex.values.has(m)) continue;
    if (!consistent || jointlyDetermined(main, mainMasks, agesex, age, links, m)) {
      age.masked.set(m, new Set(agesex.keys));
    }
  }
  const size = (y: YearMasks, m: string) => y.masked.get(m)?.size ?? 0;
  const linked = Object.fromEntries(
    [...mainMasks.masked.keys()]
      .map((m) => [m, size(mainMasks, m) - size(alone, m)])
      .filter(([, n]) => n !== 0),
  );
  age.linked = Object.fromEntries([...extraAge].map(([m, set]) => [m, set.size]));
  return { ...mainMasks, linked, agesex: age };
}

/** Whether the two grids' equations and their links together determine a masked cell of measure `m` (audit.ts). */
function jointlyDetermined(
  main: YearGrid,
  mainMasks: YearMasks,
  agesex: YearGrid,
  ageMasks: YearMasks,
  links: readonly Link[],
  m: string,
): boolean {
  const n = main.keys.length;
  const values = [...main.values.get(m)!, ...agesex.values.get(m)!];
  const of = (grid: YearGrid, shift: number): Equation[] =>
    grid.equations
      .filter((e) => !e.only || e.only.has(m))
      .map(({ eq }) => ({ total: eq.total + shift, parts: eq.parts.map((p) => p + shift) }));
  const equations = [
    ...of(main, 0),
    ...of(agesex, n),
    ...links.filter((l) => l.measure === m).map((l) => ({ total: l.main, parts: [n + l.agesex] })),
  ];
  const mainSet = mainMasks.masked.get(m) ?? new Set<string>();
  const ageSet = ageMasks.masked.get(m) ?? new Set<string>();
  const unknown = [...main.keys.map((k) => mainSet.has(k)), ...agesex.keys.map((k) => ageSet.has(k))];
  return determinedCells(values, equations, unknown).some((i) => values[i] !== null && unknown[i]);
}

const projection = (fields: readonly string[]) => ({
  _id: 0,
  ...Object.fromEntries(fields.map((f) => [f, 1])),
});

/** The grid definition of one collection (carsat_at_facts or carsat_trajet_facts). */
export function atGridDef(collection: string, config: DisclosureConfig): GridDef<CarsatGrid> {
  return {
    variant: `carsat-at:${ALGORITHM}:${config.smallCountThreshold}:${config.minUnits}`,
    async compute(reads: ImportedReads) {
      // Only the AT facts have causes (trajet files have none).
      const derived = collection === CARSAT_COLLECTIONS.at ? THEME_CAUSES : [];
      const measures = [...AT_MEASURES, ...derived.map((d) => d.measure)];
      const fields = [
        "caisse",
        "naf5",
        "ctn",
        "year",
        "secret",
        ...AT_MEASURES,
        ...(derived.length ? CAUSE_FIELDS : []),
      ];
      const docs = await reads.find(collection, {}, { projection: projection(fields) });
      const build = (facts: GridDoc[]) => buildYearGrid(facts, measures, (naf5) => sectionOf(naf5) ?? "?");
      if (collection !== CARSAT_COLLECTIONS.at) {
        return protectYears(
          docs as { year: number }[],
          (d) => toGridDoc(d, AT_MEASURES),
          build,
          (grid) => protectYear(grid, config, atRules(measures)),
        );
      }
      // The age band × sex facts of AT: their grid is linked to this one, year by year (protectLinked).
      const demography = await reads.find(
        CARSAT_COLLECTIONS.atDemography,
        {},
        {
          projection: projection([
            "caisse",
            "section",
            "ageBand",
            "sex",
            "year",
            "secret",
            ...DEMOGRAPHY_MEASURES,
          ]),
        },
      );
      const ageByYear = byYear(demography as { year: number }[], (d) => toAgeSexFact(d, DEMOGRAPHY_MEASURES));
      const mainByYear = byYear(docs as { year: number }[], (d) => toGridDoc(d, AT_MEASURES, derived));
      const grid: CarsatGrid = new Map();
      for (const year of [...new Set([...mainByYear.keys(), ...ageByYear.keys()])].sort()) {
        const main = build(mainByYear.get(year) ?? []);
        const age = ageByYear.get(year);
        grid.set(
          year,
          age
            ? protectLinked(main, buildAgeSexGrid(age, DEMOGRAPHY_MEASURES), config, atRules(measures))
            : protectYear(main, config, atRules(measures)),
        );
      }
      return grid;
    },
    // The age band × sex facts are part of the grid: their version is part of its id.
    ...(collection === CARSAT_COLLECTIONS.at ? { also: [CARSAT_COLLECTIONS.atDemography] } : {}),
    ...YEARLY,
  };
}

/**
 * The grid definition of carsat_mp_facts: sector × pathology cells
 * (cells.ts), persons counted as cases, new IPs and deaths (masks.ts).
 * Imported documents are per NAF5: the grid sums them into their division.
 */
export function mpGridDef(config: DisclosureConfig): GridDef<CarsatGrid> {
  return {
    variant: `carsat-mp:${ALGORITHM}:${config.smallCountThreshold}`,
    async compute(reads: ImportedReads) {
      const fields = ["caisse", "naf2", "ctn", "tableau", "syndrome", "year", "secret", ...MP_MEASURES];
      const docs = await reads.find(CARSAT_COLLECTIONS.mp, {}, { projection: projection(fields) });
      return protectYears(
        docs as { year: number }[],
        (d): GridFact => toMpGridFact(d, MP_MEASURES),
        (facts) => buildMpYearGrid(facts, MP_MEASURES, (naf2) => sectionOf(naf2) ?? "?"),
        (grid) => protectYear(grid, config, MP_RULES),
      );
    },
    ...YEARLY,
  };
}
