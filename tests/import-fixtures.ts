import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { naf } from "../src/domain/reference.js";
import { ctnOfNaf5 } from "../src/sources/carsat/reference.js";

/**
 * Files as partners publish them, built at test time: the Assurance
 * Maladie's yearly AT table by CTN × NAF5, with its title block, French
 * numbers and secret cells. Nothing here is real data.
 */
export interface AtLine {
  ctn: string;
  naf5: string;
  employees: number;
  hours: number;
  sirets: number;
  accidents: number | "s";
  with4Days?: number;
  deaths?: number;
  itDays?: number;
}

const dir = mkdtempSync(path.join(tmpdir(), "passerelle-import-files-"));
let n = 0;

/** A path for a new fixture file. */
export function fixturePath(name: string): string {
  return path.join(dir, `${n++}-${name}`);
}

const HEADER = [
  "Code CTN",
  "Code NAF",
  "Libellé NAF",
  "Nombre de salariés",
  "Nombre d'heures travaillées",
  "Nombre de SIRET",
  "Nombre d'AT en 1er règlement",
  "dont AT avec 4 jours d'arrêt ou plus",
  "Nouvelles IP taux < 10 %",
  "Nouvelles IP taux >= 10 %",
  "Décès",
  "Journées d'IT",
  "Somme des taux d'IP",
];

/** French number formatting with a non-breaking space, as a spreadsheet exports it. */
export const fr = (x: number) => x.toLocaleString("fr-FR").replace(/\u202f/g, "\u00a0");

function cells(l: AtLine): (string | number)[] {
  return [
    l.ctn,
    l.naf5,
    "libellé",
    l.employees,
    l.hours,
    l.sirets,
    l.accidents,
    l.with4Days ?? 0,
    0,
    0,
    l.deaths ?? 0,
    l.itDays ?? 0,
    0,
  ];
}

/** The AT table as a `;` CSV with a title block, French numbers; `extra` lines are appended raw. */
export function atCsv(lines: AtLine[], opts: { extra?: string[]; header?: string[] } = {}): string {
  const file = fixturePath("at.csv");
  const body = [
    "Risque accidents du travail - année 2023;;;",
    "Source : fictitious test data;;;",
    "",
    (opts.header ?? HEADER).join(";"),
    ...lines.map((l) =>
      cells(l)
        .map((c) => (typeof c === "number" ? fr(c) : c))
        .join(";"),
    ),
    ...(opts.extra ?? []),
  ];
  writeFileSync(file, body.join("\r\n"), "latin1");
  return file;
}

/** The same table as the published xlsx: title rows, then the header, numbers as numbers. */
export async function atXlsx(lines: AtLine[]): Promise<string> {
  const file = fixturePath("at.xlsx");
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("AT 2023");
  ws.addRow(["Risque accidents du travail par CTN et NAF - 2023"]);
  ws.addRow(["Champ : régime général, données fictives"]);
  ws.addRow([]);
  ws.addRow(HEADER);
  for (const l of lines) ws.addRow(cells(l));
  await wb.xlsx.writeFile(file);
  return file;
}

/** Every NAF subclass (no dot), for distinct lines. */
export const SUBCLASSES = naf.filter((e) => e.level === "SUBCLASS").map((e) => e.code.replace(".", ""));

/** `count` distinct valid lines (count ≤ the number of subclasses), each with its subclass's CTN. */
export function manyAtLines(count: number): AtLine[] {
  if (count > SUBCLASSES.length) throw new Error(`at most ${SUBCLASSES.length} distinct lines`);
  return SUBCLASSES.slice(0, count).map((naf5, i) => ({
    ctn: ctnOfNaf5(naf5),
    naf5,
    employees: 1000 + i,
    hours: 1_500_000 + i,
    sirets: 50 + (i % 40),
    accidents: 20 + (i % 30),
    itDays: 1000 + i,
  }));
}
