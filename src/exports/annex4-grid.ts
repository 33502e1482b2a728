import { VOLET2_THEMES } from "../sources/spsti/rules.js";

/**
 * The DGT survey's annex-4 grid (instruction DGT/CNAM 2024/132, annexe 4) as
 * rows of cells: the header (the CPOM's signature and end dates), the six
 * volet-2 themes and the "Volet 3 (éventuel)" column, the six count rows and
 * the COMMENTAIRES row. A block is one CPOM × year, or a consolidation of
 * several (a region, the nation) where each cell is the sum of the CPOMs'.
 * Pure: formats (CSV, XLSX) are written by annex4-export.ts.
 */

/** A count as published: null when masked by disclosure control, undefined when the CPOM has no such column. */
export type GridCount = number | null;
export interface GridRow {
  cpomId: string;
  theme: string;
  /** The annex-4 column: 2 for the six priority risks, 3 for any other. */
  volet: number;
  formes: GridCount;
  formesSuivisCog: GridCount;
  accompagnes: GridCount;
  accompagnesSuivisCog: GridCount;
  cibles: GridCount;
  ciblesSuivisCog: GridCount;
  commentaire: string | null;
}

export type Cell = string | number | null;

/** The survey's wording of each count row, in its order. */
export const COUNT_ROWS = [
  ["formes", "Nombre d'établissements formés"],
  ["formesSuivisCog", "Dont étbs suivis par la Caisse régionale dans le cadre de la COG"],
  ["accompagnes", "Nombre d'établissements accompagnés"],
  ["accompagnesSuivisCog", "Dont étbs suivis par la Caisse régionale dans le cadre de la COG"],
  ["cibles", "Nombre d'établissements ciblés par une action de communication"],
  ["ciblesSuivisCog", "Dont étbs suivis par la Caisse régionale dans le cadre de la COG"],
] as const;

/** The survey's column headings of the six volet-2 themes. */
export const THEME_HEADINGS: Record<string, string> = {
  RPS: "RPS",
  TMS: "TMS",
  CHIMIQUE: "Risques chimiques",
  CHUTES: "Chutes",
  ROUTIER: "Risques routiers",
  CANICULE: "Canicule",
};

/** How a masked count reads in the grid: "s" for secret, as INSEE and the DGT's syntheses write it. */
export const MASKED = "s";
const VOLET3 = "Volet 3 (éventuel)";

export interface BlockHeader {
  /** What the block covers, e.g. `SPSTI sstrn — CPOM cpom-sstrn-2025` or `Région 52 Pays de la Loire — 3 CPOM`. */
  title: string;
  year: number;
  /** Header lines after the title: label and value (dates as JJ/MM/AAAA). */
  lines: [string, string][];
}

/**
 * One grid block. Each cell sums the rows of its column: a count masked in
 * any of them masks the sum (a sum with a masked part would give it away by
 * subtraction), and a column no row has stays empty.
 */
export function gridBlock(header: BlockHeader, rows: readonly GridRow[]): Cell[][] {
  const volet3 = [...new Set(rows.filter((r) => r.volet === 3).map((r) => r.theme))].sort();
  const columns: { heading: string; rows: GridRow[] }[] = [
    ...VOLET2_THEMES.map((t) => ({ heading: THEME_HEADINGS[t], rows: rows.filter((r) => r.theme === t) })),
    { heading: volet3.length ? volet3.join(", ") : "", rows: rows.filter((r) => r.volet === 3) },
  ];
  const out: Cell[][] = [
    ["Annexe 4 — Tableau de suivi annuel", header.title],
    ["Année", header.year],
    ...header.lines,
    [],
    [
      null,
      "Volet 2 (compléter les colonnes correspondant à votre CPOM)",
      null,
      null,
      null,
      null,
      null,
      VOLET3,
    ],
    ["Thématique(s) retenue(s)", ...columns.map((c) => c.heading)],
  ];
  for (const [field, label] of COUNT_ROWS) out.push([label, ...columns.map((c) => sum(c.rows, field))]);
  out.push(["COMMENTAIRES", ...columns.map((c) => comments(c.rows))]);
  return out;
}

function sum(rows: readonly GridRow[], field: (typeof COUNT_ROWS)[number][0]): Cell {
  if (rows.length === 0) return null;
  let total = 0;
  for (const r of rows) {
    const v = r[field];
    if (v === null) return MASKED;
    total += v;
  }
  return total;
}

/** The comments of a column; a consolidated column prefixes each with its CPOM. */
function comments(rows: readonly GridRow[]): Cell {
  const texts = rows
    .filter((r) => r.commentaire)
    .map((r) => (rows.length > 1 ? `${r.cpomId} : ${r.commentaire}` : r.commentaire!));
  return texts.length ? texts.join("\n") : null;
}

/** ISO date → JJ/MM/AAAA, as the survey asks. */
export function frenchDate(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}
