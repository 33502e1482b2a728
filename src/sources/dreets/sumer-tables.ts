import { divisionsOf, sectionOf } from "../../domain/reference.js";
import type { CellDoc, SumerLevel, SumerLevelCodes } from "./repository.js";
import { SUMER_NAF2_PUBLISHED, SURVEY_SECTIONS } from "./catalogue.js";
import { breakdownDims, type CellTable } from "./disclosure.js";

/**
 * The canonical SUMER tables disclosure control works on (see disclosure.ts):
 * a section is masked within the table of every section (they add up to the
 * all-sector margin); a published division within its section's table, next
 * to the remainder of its unpublished divisions (section − published ones),
 * a cell SUMER never publishes and so always counts as masked.
 */

/** Pseudo NAF2 code of a section's unpublished divisions taken together. */
export const REMAINDER = "~rest";

const published = new Set<string>(SUMER_NAF2_PUBLISHED);
const publishedDivisions = (section: string) => divisionsOf(section).filter((d) => published.has(d));
const hasUnpublished = (section: string) => divisionsOf(section).some((d) => !published.has(d));

export interface TablePlan {
  level: SumerLevel;
  code: string | null;
  regional: boolean;
  indicators: string[];
  sex: boolean;
  age: boolean;
}

/** The margins a bucket of plans at one level reads to build their canonical tables. */
export function levelsToRead(level: SumerLevel, codes: string[]): SumerLevelCodes[] {
  if (level === "ALL") return [{ level, codes: [] }];
  if (level === "SECTION") return [{ level, codes: [...SURVEY_SECTIONS] }];
  const sections = [...new Set(codes.map((c) => sectionOf(c)!))].sort();
  return [
    { level: "NAF2", codes: sections.flatMap(publishedDivisions) },
    { level: "SECTION", codes: sections },
  ];
}

const keyOf = (d: CellDoc, fields: string[]) => JSON.stringify(fields.map((f) => d[f] ?? null));

/** Section total − published divisions, per cell of the breakdown. */
function remainders(
  totals: readonly CellDoc[],
  divisions: readonly CellDoc[],
  fields: string[],
  measures: string[],
): CellDoc[] {
  const sums = new Map<string, CellDoc>();
  for (const t of totals) sums.set(keyOf(t, fields), { ...t, level: "NAF2", naf2: REMAINDER });
  for (const d of divisions) {
    const rest = sums.get(keyOf(d, fields));
    if (!rest) continue;
    for (const m of ["n", ...measures]) rest[m] = Number(rest[m] ?? 0) - Number(d[m] ?? 0);
  }
  return [...sums.values()];
}

/** The cells of a plan's canonical table (already limited to its periods and regions) and how to read them. */
export function canonicalTable(
  plan: TablePlan,
  cells: readonly CellDoc[],
): { cells: CellDoc[]; table: CellTable } {
  const breakdown = breakdownDims(plan);
  const strata = ["period", ...(plan.regional ? ["region"] : [])];
  const base = { strata, measures: plan.indicators };
  if (plan.level === "ALL")
    return { cells: cells.filter((d) => d.level === "ALL"), table: { ...base, dims: breakdown } };
  if (plan.level === "SECTION")
    return {
      cells: cells.filter((d) => d.level === "SECTION"),
      table: { ...base, dims: ["section", ...breakdown] },
    };
  const section = sectionOf(plan.code!)!;
  const divisions = cells.filter((d) => d.level === "NAF2" && d.section === section);
  const totals = cells.filter((d) => d.level === "SECTION" && d.section === section);
  const rest = hasUnpublished(section)
    ? remainders(totals, divisions, [...strata, ...breakdown], plan.indicators)
    : [];
  return {
    cells: [...divisions, ...rest],
    table: { ...base, dims: ["naf2", ...breakdown], hidden: (d) => d.naf2 === REMAINDER },
  };
}

/** Whether a masked cell of the canonical table is one the plan asked for. */
export function isPlanCell(plan: TablePlan, d: CellDoc): boolean {
  if (plan.level === "ALL") return true;
  return plan.level === "SECTION" ? d.section === plan.code : d.naf2 === plan.code;
}
