import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { isEnumType } from "graphql";
import { describe, expect, it } from "vitest";
import { GROUPS_BY_ROLE, groupsOf } from "../src/auth/policy.js";
import { ROLE_ORGS, ROLES, type DataGroup, type Role } from "../src/auth/roles.js";
import { buildSchema } from "../src/schema.js";

/**
 * docs/privacy.md is the promise made to DPOs and partners; src/auth/policy.ts
 * is what the server does. This test parses the access matrix of the page and
 * compares it with the code, so that neither can change without the other.
 */

const docFile = fileURLToPath(new URL("../docs/privacy.md", import.meta.url));
const doc = readFileSync(docFile, "utf8");
const ANONYMOUS = "*anonymous (no token)*";

/** The first Markdown table after a heading, as rows of trimmed cells (header first, separator dropped). */
function tableAfter(heading: string): string[][] {
  const start = doc.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`docs/privacy.md has no "## ${heading}" section`);
  const lines = doc.slice(start).split("\n");
  const first = lines.findIndex((l) => l.startsWith("|"));
  const rows: string[][] = [];
  for (const line of lines.slice(first)) {
    if (!line.startsWith("|")) break;
    const cells = line
      .slice(1, line.trimEnd().endsWith("|") ? line.trimEnd().length - 1 : undefined)
      .split("|")
      .map((c) => c.trim());
    if (!cells.every((c) => /^:?-+:?$/.test(c))) rows.push(cells);
  }
  return rows;
}

const code = (cell: string) => /^`([A-Z_]+)`$/.exec(cell)?.[1] ?? null;

function parseMatrix() {
  const [header, ...rows] = tableAfter("Access matrix");
  const groupColumns = header.map((h, i) => [code(h), i] as const).filter(([g]) => g !== null) as [
    DataGroup,
    number,
  ][];
  const reasonColumn = header.indexOf("Legal reason");
  const orgColumn = header.indexOf("Organisations");
  return { header, rows, groupColumns, reasonColumn, orgColumn };
}

/** The groups a matrix row marks ✓; any other mark than ✓ or — fails. */
function groupsOfRow(row: string[], groupColumns: [DataGroup, number][]): DataGroup[] {
  for (const [g, i] of groupColumns) expect(["✓", "—"], `${row[0]} × ${g}: "${row[i]}"`).toContain(row[i]);
  return groupColumns.filter(([, i]) => row[i] === "✓").map(([g]) => g);
}

describe("docs/privacy.md's access matrix", () => {
  const { rows, groupColumns, reasonColumn, orgColumn } = parseMatrix();

  it("has one column per data group of the schema, and a legal-reason column", () => {
    const dataGroup = buildSchema().getType("DataGroup");
    if (!isEnumType(dataGroup)) throw new Error("DataGroup is not an enum");
    expect(groupColumns.map(([g]) => g)).toEqual(dataGroup.getValues().map((v) => v.name));
    expect(reasonColumn).toBeGreaterThan(0);
    expect(orgColumn).toBeGreaterThan(0);
  });

  it("has exactly one row per role, plus anonymous callers", () => {
    const names = rows.map((r) => code(r[0]) ?? r[0]);
    expect([...names].sort()).toEqual([...ROLES, ANONYMOUS].sort());
  });

  it("gives each role exactly the groups of GROUPS_BY_ROLE", () => {
    for (const row of rows) {
      const role = code(row[0]) as Role | null;
      if (!role) continue;
      expect(groupsOfRow(row, groupColumns).sort(), role).toEqual([...GROUPS_BY_ROLE[role]].sort());
    }
  });

  it("gives anonymous callers exactly what the policy gives a request without a token", () => {
    const row = rows.find((r) => r[0] === ANONYMOUS)!;
    expect(groupsOfRow(row, groupColumns).sort()).toEqual([...groupsOf(null)].sort());
  });

  it("names for each role the organisation types its token may carry (ROLE_ORGS)", () => {
    for (const row of rows) {
      const role = code(row[0]) as Role | null;
      if (!role) continue;
      expect(row[orgColumn].split(/,\s*/).sort(), role).toEqual([...ROLE_ORGS[role]].sort());
    }
  });

  it("gives a one-line legal reason for every row, citing a text", () => {
    const CITATION = /RGPD|code du travail|code pénal|CSP|CASF|CPOM|CNIL|ATIH|published/;
    for (const row of rows) {
      expect(row[reasonColumn].length, row[0]).toBeGreaterThan(20);
      expect(row[reasonColumn], row[0]).toMatch(CITATION);
    }
  });

  it("keeps the medical group for the médecin du travail alone, as domain.md requires", () => {
    const medical = groupColumns.find(([g]) => g === "FICHE_MEDICAL")![1];
    expect(rows.filter((r) => r[medical] === "✓").map((r) => code(r[0]))).toEqual(["MEDECIN_TRAVAIL"]);
  });
});

describe("docs/privacy.md's other sections", () => {
  it("describes every data group in the data-groups table", () => {
    const [, ...rows] = tableAfter("Data groups");
    expect(rows.map((r) => code(r[0]))).toEqual(parseMatrix().groupColumns.map(([g]) => g));
  });

  it("has the sections the issue asks for", () => {
    for (const heading of [
      "Anonymous callers",
      "Row-level rules",
      "Consent rules, per fiche",
      "Minimisation",
      "Disclosure control of statistics",
      "Audit trail",
      "Logs and errors",
      "Retention",
    ]) {
      expect(doc, heading).toContain(`\n## ${heading}\n`);
    }
    for (const rule of ["11", "0 %", "100 %", "3 units", "85 %", "Secondary suppression"])
      expect(doc).toContain(rule);
  });

  it("links only to files that exist", () => {
    const links = [...doc.matchAll(/\]\((\.\.\/[^)#]+)\)/g)].map((m) => m[1]);
    expect(links).toEqual(
      expect.arrayContaining([
        "../src/auth/policy.ts",
        "../src/auth/scopes.ts",
        "../src/auth/access.ts",
        "../src/privacy/disclosure.ts",
      ]),
    );
    for (const link of links) expect(existsSync(path.resolve(path.dirname(docFile), link)), link).toBe(true);
  });
});
