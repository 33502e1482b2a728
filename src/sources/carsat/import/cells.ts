import type { ImportContext } from "../../../imports/dataset.js";
import type { RowIssue } from "../../../imports/issues.js";
import { normaliseHeader } from "../../../imports/table/normalise.js";
import { SECRET, type TableRow } from "../../../imports/table/types.js";
import { caisse as caisseRef, ctn as ctnRef, nafEntry } from "../../../domain/reference.js";
import { NATIONAL_CAISSE } from "../types.js";

/**
 * Cell readers shared by the Carsat datasets. Each reader takes the row and
 * an issue list: it returns the value, or pushes why the cell is refused
 * (naming the column by its key; the pipeline reports it as the file writes
 * it) and returns null.
 */

type Issues = RowIssue[];

const text = (row: TableRow, key: string): string | null => {
  const v = row.values[key];
  return typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : null;
};
const issue = (row: TableRow, key: string | null, reason: string): RowIssue => ({
  line: row.line,
  column: key,
  value: key === null ? null : (row.raw[key] ?? null),
  reason,
});

/** NAF subclass, dotted or not (`4120A`, `41.20A`); a coarser level or an unknown code is refused. */
export function readNaf5(row: TableRow, key: string, issues: Issues): string | null {
  const raw = text(row, key);
  if (!raw) return push(issues, issue(row, key, "no NAF code: every row is one NAF subclass (e.g. 4120A)"));
  const code = raw.toUpperCase().replace(/[.\s]/g, "");
  const entry = nafEntry(code);
  if (entry?.level === "SUBCLASS") return code;
  if (entry)
    return push(
      issues,
      issue(
        row,
        key,
        `a NAF ${entry.level.toLowerCase()}, not a subclass: give the 5-character subclass (e.g. 4120A)`,
      ),
    );
  return push(issues, issue(row, key, "not a NAF rév. 2 subclass (expected e.g. 4120A or 41.20A)"));
}

/**
 * CTN letter, as `B`, `CTN B` or `B - BTP`. Only A to I: the API's CTN are
 * those nine committees.
 *
 * The CTN is NOT checked against the NAF's: the NAF → CTN table of
 * reference.ts is approximate by design (in the files the CTN is each
 * establishment's risk code, so one NAF5 appears under several CTN), and
 * refusing a row on it would refuse true figures.
 */
export function readCtn(row: TableRow, key: string, issues: Issues): string | null {
  const raw = text(row, key) ?? "";
  const m = /^(?:CTN\s*)?([A-Z])(?:\s*[-–:]\s*.*)?$/i.exec(raw);
  const code = m?.[1].toUpperCase() ?? "";
  if (ctnRef(code)) return code;
  return push(
    issues,
    issue(row, key, raw === "" ? "no CTN: every row is one CTN (A to I)" : "not a CTN: a letter from A to I"),
  );
}

/**
 * The row's year: its Année column, else the year given with the file
 * (--year, ?year=: the Assurance Maladie's yearly files carry it only in
 * their title). Both given and different is refused rather than guessed.
 */
export function readYear(row: TableRow, key: string, ctx: ImportContext, issues: Issues): number | null {
  const v = row.values[key];
  if (v === SECRET) return push(issues, issue(row, key, "the year cannot be secret"));
  const year = typeof v === "number" ? v : ctx.year;
  if (year === null) return push(issues, issue(row, null, "no year: add an Année column or give --year"));
  const last = new Date().getFullYear();
  if (!Number.isInteger(year) || year < 2000 || year > last)
    return push(
      issues,
      issue(row, typeof v === "number" ? key : null, `year ${year} is outside 2000..${last}`),
    );
  if (typeof v === "number" && ctx.year !== null && v !== ctx.year)
    return push(issues, issue(row, key, `the file says ${v} but the import was given year ${ctx.year}`));
  return year;
}

/** The caisse of a row and the regions it covers. */
export interface Place {
  caisse: string;
  regions: string[];
}

/** What a national file may write in a caisse column: the nation itself. */
const NATION = new Set(["fr", "france", "national", "nation", "france entiere"]);

/**
 * Where the row's figures are from: the importing organisation's. The
 * national steward's rows are the nation's (caisse FR, no region); a
 * caisse's rows are its own, and a caisse column must then name it (by slug
 * or name): a caisse imports its own figures only.
 */
export function readPlace(row: TableRow, key: string, ctx: ImportContext, issues: Issues): Place | null {
  const written = text(row, key);
  const given = written ? normaliseHeader(written) : null;
  if (ctx.org.type === "NATIONAL") {
    if (given === null || NATION.has(given)) return { caisse: NATIONAL_CAISSE, regions: [] };
    return push(
      issues,
      issue(
        row,
        key,
        "a national file holds the nation's figures only: a caisse's figures are imported by that caisse",
      ),
    );
  }
  const own = ctx.org.type === "CARSAT" ? caisseRef(ctx.org.id) : null;
  if (!own)
    return push(
      issues,
      issue(
        row,
        null,
        `the organisation ${ctx.org.type}:${ctx.org.id} is not a caisse régionale: only a caisse or the national steward imports these figures`,
      ),
    );
  if (given !== null && given !== normaliseHeader(own.slug) && given !== normaliseHeader(own.name)) {
    return push(issues, issue(row, key, `a caisse imports its own figures only (${own.slug})`));
  }
  return { caisse: own.slug, regions: own.regions };
}

/**
 * Measure cells: numbers kept when not 0 (zero measures are not stored), an
 * empty or "-" cell is 0, a secret cell goes to `secret` (its value exists
 * but was withheld: never 0). `round` fields may be written with decimals
 * (a yearly average headcount) and are stored to the unit.
 */
export function readMeasures(
  row: TableRow,
  fields: readonly string[],
  round: readonly string[] = [],
): { measures: Record<string, number>; secret: string[] } {
  const measures: Record<string, number> = {};
  const secret: string[] = [];
  for (const f of fields) {
    const v = row.values[f];
    if (v === SECRET) secret.push(f);
    else if (typeof v === "number" && v !== 0) {
      const n = round.includes(f) ? Math.round(v) : v;
      if (n !== 0) measures[f] = n;
    }
  }
  return { measures, secret };
}

function push(issues: Issues, i: RowIssue): null {
  issues.push(i);
  return null;
}
