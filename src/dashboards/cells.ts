/**
 * Figures as the dashboard shows and exports them. A figure the API nulled
 * on a row that disclosure control touched (`suppressed: true`) is MASKED:
 * statistical secrecy, shown and exported as "s", never as 0, and never
 * drawn. A null anywhere else is "no figure" (no row for that year, or a
 * rate with a zero denominator). Pure code: the browser bundle and the
 * tests both use it.
 */

/** A masked figure (secret statistique). */
export const MASKED: unique symbol = Symbol("masked");
export type Cell = number | string | boolean | null | typeof MASKED;

/** What a masked figure reads as, in the tables and the CSV files. */
export const MASKED_TEXT = "s";

/** A row of the API that says whether disclosure control nulled one of its figures. */
export interface Maskable {
  suppressed: boolean;
}

/** A figure of `row`: MASKED when the API nulled it for secrecy, null when there is no such figure. */
export function cell(value: number | string | boolean | null | undefined, row: Maskable | undefined): Cell {
  if (value !== null && value !== undefined) return value;
  return value === null && row?.suppressed === true ? MASKED : null;
}

/** The number a chart draws for a cell: masked and missing figures are gaps (null), never 0. */
export const plotted = (c: Cell): number | null => (typeof c === "number" ? c : null);

/** A cell as a table shows it, French style: "s" when masked, "—" when there is no figure. */
export function shown(c: Cell, digits = 0): string {
  if (c === MASKED) return MASKED_TEXT;
  if (c === null) return "—";
  if (typeof c === "boolean") return c ? "oui" : "non";
  if (typeof c === "number")
    return c.toLocaleString("fr-FR", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return c;
}

/**
 * A CSV file for French Excel: UTF-8 with a byte-order mark, `;` between
 * fields, CRLF between lines, decimal comma. Figures keep their full
 * precision (the tables round them); masked ones are "s", missing ones empty.
 */
export function csvText(header: string[], rows: Cell[][]): string {
  const lines = [header.map((h) => csvField(h)), ...rows.map((r) => r.map(csvField))];
  return `\uFEFF${lines.map((l) => l.join(";")).join("\r\n")}\r\n`;
}

function csvField(c: Cell): string {
  if (c === MASKED) return MASKED_TEXT;
  if (c === null) return "";
  if (typeof c === "number") return String(c).replace(".", ",");
  if (typeof c === "boolean") return c ? "true" : "false";
  // A text starting like a formula would run as one in a spreadsheet (free-text fields come from partners).
  const text = /^[=+\-@\t\r]/.test(c) ? `'${c}` : c;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The first list in a GraphQL answer's data (depth first, in field order), with its path. */
export function firstList(
  value: unknown,
  path: string[] = ["data"],
): { path: string[]; list: unknown[] } | null {
  if (Array.isArray(value)) return { path, list: value };
  if (value === null || typeof value !== "object") return null;
  for (const [key, child] of Object.entries(value)) {
    const found = firstList(child, [...path, key]);
    if (found) return found;
  }
  return null;
}

/**
 * A list of the API flattened to a table: one row per item, one column per
 * leaf, named by its dotted path (`origin.id`, `phases.0.name`), in the order
 * first met. A null leaf of an object that says `suppressed: true` is MASKED.
 */
export function flattenList(list: unknown[]): { header: string[]; rows: Cell[][] } {
  const flat = list.map((item) => {
    const out = new Map<string, Cell>();
    if (item !== null && typeof item === "object") flattenInto(item as Record<string, unknown>, "", out);
    else out.set("value", toCell(item));
    return out;
  });
  const header = [...new Set(flat.flatMap((m) => [...m.keys()]))];
  return { header, rows: flat.map((m) => header.map((h) => m.get(h) ?? null)) };
}

function flattenInto(obj: Record<string, unknown> | unknown[], prefix: string, out: Map<string, Cell>): void {
  const masking = !Array.isArray(obj) && obj.suppressed === true;
  for (const [key, value] of Object.entries(obj)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value === null) out.set(name, masking ? MASKED : null);
    else if (typeof value === "object") flattenInto(value as Record<string, unknown>, name, out);
    else out.set(name, toCell(value));
  }
}

function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  return JSON.stringify(value);
}
