import { divisionsOf } from "../../domain/reference.js";
import type { CellDoc, SumerLevel } from "./repository.js";
import { SUMER_NAF2_PUBLISHED, SURVEY_SECTIONS } from "./catalogue.js";
import type { Stratum, StratumLink } from "./disclosure.js";

/**
 * The SUMER grids disclosure control works on (disclosure.ts): one per wave
 * (and region, for the regional extensions), holding every stored margin of
 * it: all sectors (total, by sex, by age band, by both), each section and
 * each published division (total, by sex, by age band). The sections add up
 * to all sectors; a section's published divisions, plus the remainder of its
 * unpublished ones (a cell SUMER never publishes), add up to the section.
 */

const published = new Set<string>(SUMER_NAF2_PUBLISHED);
const hasUnpublished = (section: string) => divisionsOf(section).some((d) => !published.has(d));

export interface TablePlan {
  level: SumerLevel;
  code: string | null;
  sex: boolean;
  age: boolean;
}

/** The node of a margin cell: `*` (all sectors), its section, or its division. */
function nodeOf(d: CellDoc): string {
  if (d.level === "NAF2") return d.naf2 as string;
  return d.level === "SECTION" ? (d.section as string) : "*";
}

const LINKS: StratumLink[] = [
  // A remainder in case a file's sections do not cover all its respondents: 0 (an exact equation) when they do.
  { parent: "*", children: [...SURVEY_SECTIONS], remainder: true },
  ...SURVEY_SECTIONS.map((section) => ({
    parent: section,
    children: divisionsOf(section).filter((d) => published.has(d)),
    remainder: hasUnpublished(section),
  })),
];

/** Finer nodes cost less as complements: divisions, then sections, then all sectors. */
const cost = (node: string) => (node === "*" ? 2 : /^[A-Z]$/.test(node) ? 1 : 0);

/** The grids of the cells read (already limited to the plan's waves and regions), one per wave and region. */
export function sumerStrata(cells: readonly CellDoc[], regional: boolean): Stratum[] {
  const groups = new Map<string, CellDoc[]>();
  for (const d of cells) {
    const k = `${d.period}|${regional ? d.region : ""}`;
    const list = groups.get(k) ?? [];
    list.push(d);
    groups.set(k, list);
  }
  return [...groups.keys()]
    .sort()
    .map((k) => ({ survey: "sumer", cells: groups.get(k)!, node: nodeOf, links: LINKS, cost }));
}

/** Whether a cell of the grid is one the plan asked for: its level, sector and breakdown. */
export function isPlanCell(plan: TablePlan, d: CellDoc): boolean {
  if (d.level !== plan.level) return false;
  if (Boolean(d.sex) !== plan.sex || Boolean(d.ageBand) !== plan.age) return false;
  if (plan.level === "ALL") return true;
  return plan.level === "SECTION" ? d.section === plan.code : d.naf2 === plan.code;
}
