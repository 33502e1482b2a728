import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileRefused, type RowIssue } from "../src/imports/issues.js";
import { detectDelimiter, normaliseHeader, openTable, readCell } from "../src/imports/table/open-table.js";
import { openXlsx } from "../src/imports/table/xlsx-source.js";
import { openZip } from "../src/imports/table/zip-archive.js";
import { SECRET, type OpenedTable, type TableRow, type TableSpec } from "../src/imports/table/types.js";

// Every file is built here, at test time; names carry no extension, the format is told by content.
let dir: string;
let count = 0;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "import-table-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(content: string | Buffer): string {
  const name = path.join(dir, `file-${count++}`);
  writeFileSync(name, content);
  return name;
}

async function xlsx(build: (sheet: ExcelJS.Worksheet) => void): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  build(workbook.addWorksheet("Feuil1"));
  const name = path.join(dir, `file-${count++}`);
  await workbook.xlsx.writeFile(name);
  return name;
}

/** A title, a header and `rows` data rows, written by exceljs's streaming writer. */
async function bigXlsx(rows: number): Promise<string> {
  const name = path.join(dir, `file-${count++}`);
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: name, useSharedStrings: true });
  const sheet = writer.addWorksheet("Feuil1");
  sheet.addRow(["Statistiques 2023"]).commit();
  sheet.addRow(["Code NAF", "Nombre de salariés"]).commit();
  for (let i = 0; i < rows; i++) sheet.addRow([`${String(i % 9999).padStart(4, "0")}Z`, i]).commit();
  await writer.commit();
  return name;
}

async function rowsOf(table: OpenedTable): Promise<TableRow[]> {
  const rows: TableRow[] = [];
  for await (const row of table.rows) rows.push(row);
  return rows;
}

async function refusal(opening: Promise<unknown>): Promise<RowIssue[]> {
  const error = await opening.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FileRefused);
  return (error as FileRefused).issues;
}

const spec: TableSpec = {
  columns: [
    { key: "naf", headers: ["Code NAF"], required: true, kind: "text" },
    { key: "label", headers: ["Libellé NAF", "Libellé"], required: false, kind: "text" },
    { key: "employees", headers: ["Nombre de salariés"], required: true, kind: "integer" },
    { key: "frequency", headers: ["Indice de fréquence"], required: false, kind: "decimal" },
    { key: "siret", headers: ["SIRET"], required: false, kind: "text" },
  ],
};

describe("readCell", () => {
  it.each([
    ["1234", "integer", 1234],
    ["1 234", "integer", 1234],
    ["1\u00A0234", "integer", 1234],
    ["1\u202F234\u202F567", "integer", 1234567],
    ["1 234,0", "integer", 1234],
    ["12,00", "integer", 12],
    [1234, "integer", 1234],
    ["12,5", "decimal", 12.5],
    ["1 234,56", "decimal", 1234.56],
    ["12.5", "decimal", 12.5],
    ["0,25", "decimal", 0.25],
    ["1.234", "decimal", 1.234],
    ["-3,5", "decimal", -3.5],
    [1234.5, "decimal", 1234.5],
    ["  4120A ", "text", "4120A"],
    [12345678901234, "text", "12345678901234"],
    ["", "integer", null],
    ["  ", "decimal", null],
    ["-", "integer", null],
    ["–", "text", null],
    ["—", "decimal", null],
    [null, "text", null],
    ["s", "integer", SECRET],
    [" Secret ", "integer", SECRET],
    ["C", "decimal", SECRET],
    ["*", "integer", SECRET],
    ["n.d.", "integer", SECRET],
    ["ND", "decimal", SECRET],
    ["(s)", "integer", SECRET],
    ["ss", "integer", SECRET],
    ["C", "text", "C"],
  ] as const)("reads %j as %s", (raw, kind, value) => {
    expect(readCell(raw, kind)).toEqual({ value });
  });

  it.each([
    ["1.234", "integer", "not a whole number"],
    ["1.000", "integer", "ambiguous number: the dot may separate thousands"],
    ["12,5", "integer", "not a whole number"],
    [12.5, "integer", "not a whole number"],
    ["-3", "integer", "negative"],
    [-3, "integer", "negative"],
    ["12x", "integer", "not a whole number"],
    ["12 34", "integer", "not a whole number"],
    ["abc", "decimal", "not a number"],
    ["1,234.5", "decimal", "not a number"],
  ] as const)("refuses %j as %s", (raw, kind, reason) => {
    expect(readCell(raw, kind)).toEqual({ reason });
  });
});

describe("normaliseHeader", () => {
  it("ignores case, accents, spacing and punctuation, keeps comparison signs", () => {
    expect(normaliseHeader("NOMBRE DE\nSALARIÉS")).toBe("nombre de salaries");
    expect(normaliseHeader(" nombre_de_salariés ")).toBe("nombre de salaries");
    expect(normaliseHeader("Main-d’œuvre (%)")).toBe("main d oeuvre");
    expect(normaliseHeader("taux < 10 %")).toBe("taux lt 10");
    expect(normaliseHeader("taux >= 10 %")).toBe("taux gt eq 10");
    expect(normaliseHeader("Taux ≥ 10%")).toBe("taux gt eq 10");
  });
});

describe("openTable on XLSX", () => {
  it("finds the header under a title block, in any order and spelling, and reads French cells", async () => {
    const name = await xlsx((sheet) => {
      sheet.addRow(["Risque accidents du travail 2023"]);
      sheet.mergeCells("A1:E1");
      sheet.addRow(["Source : Assurance Maladie - Risques professionnels"]);
      sheet.addRow([]);
      sheet.addRow(["NOMBRE DE\nSALARIES", "code_naf", "Indice de\nfréquence", "Commentaire", "Siret"]);
      sheet.addRow(["1\u00A0234", "4120A", "12,5", "ok", 12345678901234]);
      sheet.addRow([]);
      sheet.addRow([{ richText: [{ text: "5" }, { text: "67" }] }, "4321Z", 0.25, null, null]);
      sheet.addRow(["-", "0111Z", "s", null, null]);
      sheet.addRow([null, "0112Z", "", null, null]);
      sheet.addRow([{ formula: "A7*2", result: 1134 }, 4120, new Date(Date.UTC(2023, 11, 31)), null, null]);
    });
    const table = await openTable(name, spec);
    expect(table.format).toBe("xlsx");
    expect(table.headerLine).toBe(4);
    expect(table.headers).toEqual({
      naf: "code_naf",
      employees: "NOMBRE DE SALARIES",
      frequency: "Indice de fréquence",
      siret: "Siret",
    });
    expect(table.unknownHeaders).toEqual(["Commentaire"]);
    const rows = await rowsOf(table);
    expect(rows.map((r) => [r.line, r.values])).toEqual([
      [5, { naf: "4120A", employees: 1234, frequency: 12.5, siret: "12345678901234" }],
      [7, { naf: "4321Z", employees: 567, frequency: 0.25, siret: null }],
      [8, { naf: "0111Z", employees: null, frequency: SECRET, siret: null }],
      [9, { naf: "0112Z", employees: null, frequency: null, siret: null }],
      [10, { naf: "4120", employees: 1134, frequency: null, siret: null }],
    ]);
    // A date in a number column: read as a person reads it, and refused.
    expect(rows[4].issues).toEqual([
      { line: 10, column: "Indice de fréquence", value: "31/12/2023", reason: "not a number" },
    ]);
    expect(rows[0].raw).toEqual({
      naf: "4120A",
      employees: "1\u00A0234",
      frequency: "12,5",
      siret: "12345678901234",
    });
  });

  it("reads a two-row header whose group labels are merged cells", async () => {
    const name = await xlsx((sheet) => {
      sheet.addRow(["Maladies professionnelles 2023"]);
      sheet.addRow([]);
      sheet.addRow(["Code NAF", "Nouvelles IP", null, "Nouveaux AT", null, null]);
      sheet.addRow([null, "taux < 10 %", "taux ≥ 10 %", "taux < 10 %", "taux >= 10 %", "Décès"]);
      sheet.mergeCells("A3:A4");
      sheet.mergeCells("B3:C3");
      sheet.mergeCells("D3:E3");
      sheet.addRow(["4120A", 3, 1, 10, 2, 0]);
    });
    const ipSpec: TableSpec = {
      columns: [
        { key: "naf", headers: ["Code NAF"], required: true, kind: "text" },
        { key: "ipLow", headers: ["Nouvelles IP taux < 10 %"], required: true, kind: "integer" },
        { key: "ipHigh", headers: ["Nouvelles IP taux >= 10 %"], required: true, kind: "integer" },
        { key: "atHigh", headers: ["nouveaux at - taux ≥ 10%"], required: false, kind: "integer" },
        { key: "deaths", headers: ["Décès"], required: false, kind: "integer" },
        // Not unique under the groups: names no column on its own.
        { key: "low", headers: ["taux < 10 %"], required: false, kind: "integer" },
      ],
    };
    const table = await openTable(name, ipSpec);
    expect(table.headerLine).toBe(4);
    expect(table.headers).toEqual({
      naf: "Code NAF",
      ipLow: "Nouvelles IP taux < 10 %",
      ipHigh: "Nouvelles IP taux ≥ 10 %",
      atHigh: "Nouveaux AT taux >= 10 %",
      deaths: "Décès",
    });
    expect(table.unknownHeaders).toEqual(["Nouveaux AT taux < 10 %"]);
    expect((await rowsOf(table)).map((r) => r.values)).toEqual([
      { naf: "4120A", ipLow: 3, ipHigh: 1, atHigh: 2, deaths: 0 },
    ]);
  });

  it("reports a cell that is not a whole number with its line, column and value", async () => {
    const name = await xlsx((sheet) => {
      sheet.addRow(["Code NAF", "Nombre de salariés"]);
      sheet.addRow(["4120A", "12x"]);
      sheet.addRow(["4121A", -4]);
    });
    const rows = await rowsOf(await openTable(name, spec));
    expect(rows.map((r) => r.issues)).toEqual([
      [{ line: 2, column: "Nombre de salariés", value: "12x", reason: "not a whole number" }],
      [{ line: 3, column: "Nombre de salariés", value: "-4", reason: "negative" }],
    ]);
    expect(rows[0].values).toEqual({ naf: "4120A", employees: null });
  });

  it("refuses a file without a required column, naming it", async () => {
    const name = await xlsx((sheet) => {
      sheet.addRow(["Titre"]);
      sheet.addRow(["Code NAF", "Effectif"]);
      sheet.addRow(["4120A", 3]);
    });
    const issues = await refusal(openTable(name, spec));
    expect(issues).toEqual([
      {
        line: 0,
        column: "Nombre de salariés",
        value: null,
        reason: expect.stringMatching(/^required column not found/),
      },
    ]);
  });

  it("refuses a truncated workbook and a zip that is no workbook", async () => {
    // Cut inside its worksheet: exceljs alone would wait forever on this file.
    const whole = readFileSync(await bigXlsx(20_000));
    const truncated = await refusal(openTable(file(whole.subarray(0, whole.length >> 1)), spec));
    expect(truncated).toEqual([
      { line: 0, column: null, value: null, reason: expect.stringContaining("truncated") },
    ]);
    // A zip whose end record is there but whose content is not a workbook.
    const junk = Buffer.concat([
      Buffer.from("PK\x03\x04garbage", "latin1"),
      Buffer.from("PK\x05\x06", "latin1"),
      Buffer.alloc(18),
    ]);
    expect(await refusal(openTable(file(junk), spec))).toHaveLength(1);
  }, 10_000);

  it("reads the first sheet in tab order, and refuses a workbook whose sheet is empty", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Notes").addRow(["Notes de lecture"]); // stored as sheet1.xml
    const data = workbook.addWorksheet("Données");
    data.addRow(["Code NAF", "Nombre de salariés"]).commit();
    data.addRow(["4120A", 7]);
    (data as unknown as { orderNo: number }).orderNo = -1; // moved to the first tab (orderNo is untyped)
    const name = path.join(dir, `file-${count++}`);
    await workbook.xlsx.writeFile(name);
    expect((await rowsOf(await openTable(name, spec))).map((r) => r.values)).toEqual([
      { naf: "4120A", employees: 7 },
    ]);
    const empty = await xlsx(() => {});
    expect(await refusal(openTable(empty, spec))).toEqual([
      { line: 0, column: null, value: null, reason: "the file is empty" },
    ]);
  });

  it("reads a workbook whose sheet list comes last in the zip, as exceljs writes it, styles and all", async () => {
    // exceljs's own streaming reader loses the zip's last entry (exceljs issue #3064):
    // with xl/workbook.xml last, it failed on most such files from five sheets on.
    const workbook = new ExcelJS.Workbook();
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8])
      workbook.addWorksheet(`Feuil${n}`).addRow([`Code ${n}`, new Date(Date.UTC(2024, 0, n))]);
    const name = path.join(dir, `file-${count++}`);
    await workbook.xlsx.writeFile(name);
    const entries = await openZip(name);
    entries.close();
    expect(entries.names.at(-1)).toBe("xl/workbook.xml");
    for (let i = 0; i < 20; i++) {
      const source = await openXlsx(name, 0);
      const rows: unknown[] = [];
      for await (const row of source.rows) rows.push(row.cells);
      expect(rows).toEqual([["Code 1", "01/01/2024"]]);
    }
  });

  it("streams a 20,000-row sheet", async () => {
    let rows = 0;
    let sum = 0;
    for await (const row of (await openTable(await bigXlsx(20_000), spec)).rows) {
      rows++;
      sum += row.values.employees as number;
    }
    expect(rows).toBe(20_000);
    expect(sum).toBe((19_999 * 20_000) / 2);
  }, 10_000);
});

describe("openTable on CSV", () => {
  it("reads a ';' file in Windows-1252 under a title block", async () => {
    const text =
      "Risque accidents du travail 2023;;\r\nSource : Ameli;;\r\n;;\r\nLibellé;Code NAF;Nombre de salariés\r\n" +
      "Travaux de maçonnerie générale;4399C;1 234\r\nMain-d’œuvre;7830Z;s\r\n";
    const table = await openTable(file(encode1252(text)), spec);
    expect(table.format).toBe("csv");
    expect(table.headerLine).toBe(4);
    expect((await rowsOf(table)).map((r) => [r.line, r.values])).toEqual([
      [5, { label: "Travaux de maçonnerie générale", naf: "4399C", employees: 1234 }],
      [6, { label: "Main-d’œuvre", naf: "7830Z", employees: SECRET }],
    ]);
  });

  it("reads a ',' file with a BOM and keeps line numbers across a quoted line break", async () => {
    const text =
      '\uFEFFCode NAF,Libellé,Nombre de salariés,Indice de fréquence\n4120A,"Construction\nde bâtiments",12,"12,5"\n\n4321Z,Installation,3,0.5\n';
    const table = await openTable(file(text), spec);
    expect(table.headers.naf).toBe("Code NAF");
    expect((await rowsOf(table)).map((r) => [r.line, r.values])).toEqual([
      [2, { naf: "4120A", label: "Construction\nde bâtiments", employees: 12, frequency: 12.5 }],
      [5, { naf: "4321Z", label: "Installation", employees: 3, frequency: 0.5 }],
    ]);
  });

  it("detects the delimiter among ';', ',' and tab", () => {
    expect(detectDelimiter("Titre\na;b;c\n1,5;2;3\n2,5;3;4\n")).toBe(";");
    expect(detectDelimiter('a,b,c\n"1,5",2,3\n')).toBe(",");
    expect(detectDelimiter("a\tb\tc\n1,5\t2\t3\n")).toBe("\t");
  });

  it("refuses empty files", async () => {
    for (const content of ["", "\n\n\r\n", ";;;\n;;\n"]) {
      expect(await refusal(openTable(file(content), spec))).toEqual([
        { line: 0, column: null, value: null, reason: "the file is empty" },
      ]);
    }
  });

  it("refuses a quoted field that never closes, in the header zone or after it", async () => {
    const head = "Code NAF;Nombre de salariés\n4120A;1\n";
    expect(await refusal(openTable(file(`${head}4121A;"2\n`), spec))).toEqual([
      { line: 3, column: null, value: null, reason: expect.stringContaining("never closed") },
    ]);
    const long = `${head}${"4120A;1\n".repeat(100)}4121A;"2\n`;
    const table = await openTable(file(long), spec);
    const issues = await refusal(rowsOf(table));
    expect(issues[0].line).toBe(103);
  });
});

/** Windows-1252 bytes of a text (Node encodes Latin-1 only; "’" and "œ" differ). */
function encode1252(text: string): Buffer {
  const extra: Record<string, number> = { "’": 0x92, œ: 0x9c, "€": 0x80 };
  return Buffer.from([...text].map((ch) => extra[ch] ?? ch.charCodeAt(0)));
}
