import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { DatasetDef, ImportContext } from "../src/imports/dataset.js";
import { FileRefused } from "../src/imports/issues.js";
import { normaliseHeader, openTable } from "../src/imports/table/open-table.js";
import { SECRET, type CellValue, type TableRow } from "../src/imports/table/types.js";
import { personalHeader } from "../src/privacy/personal-data.js";
import {
  DREETS_COLLECTIONS as C,
  EVREST_INDICATORS,
  MCP_PATHOLOGIES,
  SUMER_INDICATORS,
} from "../src/sources/dreets/catalogue.js";
import { DREETS_DATASETS } from "../src/sources/dreets/import/index.js";
import { Prng } from "../seeds/prng.js";
import { sumerDocuments } from "../seeds/dreets-sumer.js";
import { evrestDocuments } from "../seeds/dreets-evrest.js";
import { mcpDocuments } from "../seeds/dreets-mcp.js";

/** Unit tests of the DREETS datasets: rows built by hand, the seed's own documents, and the documented examples. */

const dataset = (name: string) => DREETS_DATASETS.find((d) => d.name === name)!;
const NATIONAL: ImportContext = { org: { type: "NATIONAL", id: "dares" }, year: null };
const DREETS_52: ImportContext = { org: { type: "DREETS", id: "dreets-52" }, year: null };

function row(values: Record<string, CellValue>, line = 2): TableRow {
  const raw = Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, v === null ? "" : v === SECRET ? "s" : String(v)]),
  );
  return { line, values, raw, issues: [] };
}
const sumerCounts = (f: (i: number) => CellValue = (i) => 10 * i) =>
  Object.fromEntries(SUMER_INDICATORS.map((m, i) => [m.code, f(i)]));
const sumerRow = (cells: Record<string, CellValue>) =>
  row({ period: "2016-2017", n: 500, ...sumerCounts(), ...cells });
const issuesOf = (r: ReturnType<DatasetDef["toDoc"]>) => ("issues" in r ? r.issues : []);
const docOf = (r: ReturnType<DatasetDef["toDoc"]>) => ("doc" in r ? r.doc : expect.fail(JSON.stringify(r)));

describe("dreets-sumer rows", () => {
  const sumer = dataset("dreets-sumer");
  const regional = dataset("dreets-sumer-regional");

  it("maps a division × sex cell to the stored margin document, its key, slice and years", () => {
    const doc = docOf(sumer.toDoc(sumerRow({ naf2: "41", sex: "H" }), NATIONAL));
    expect(doc).toEqual({
      period: "2016-2017",
      level: "NAF2",
      section: "F",
      naf2: "41",
      sex: "M",
      n: 500,
      ...sumerCounts(),
    });
    expect(sumer.sliceOf(doc)).toBe("2016-2017|FR");
    expect(sumer.yearsOf(doc)).toEqual({ from: 2016, to: 2017 });
    expect(sumer.rowKey(doc)).not.toBe(
      sumer.rowKey(docOf(sumer.toDoc(sumerRow({ naf2: "41", sex: "F" }), NATIONAL))),
    );
  });

  it("reads the levels from the sector cells and the age bands as the tables write them", () => {
    expect(
      docOf(sumer.toDoc(sumerRow({ sex: "Ensemble", age_band: "55 ans et plus" }), NATIONAL)),
    ).toMatchObject({ level: "ALL", ageBand: "A55_PLUS" });
    expect(docOf(sumer.toDoc(sumerRow({ section: "q", age_band: "25 à 34 ans" }), NATIONAL))).toMatchObject({
      level: "SECTION",
      section: "Q",
      ageBand: "A25_34",
    });
    expect(
      docOf(sumer.toDoc(sumerRow({ period: "2016/2017", sex: "F", age_band: "45-54" }), NATIONAL)),
    ).toMatchObject({ period: "2016-2017", sex: "F", ageBand: "A45_54" });
  });

  it("refuses a count above n, a secret or missing count, naming each column", () => {
    const r = sumer.toDoc(
      sumerRow({ n: 100, manual_handling: 101, postures: SECRET, night_work: null }),
      NATIONAL,
    );
    expect(issuesOf(r).map((i) => [i.column, i.line])).toEqual([
      ["manual_handling", 2],
      ["postures", 2],
      ["night_work", 2],
    ]);
    expect(issuesOf(r)[0].reason).toMatch(/cannot be more than n \(100\)/);
    expect(issuesOf(r)[0].value).toBe("101");
  });

  it("does not report twice a cell the reader could not read", () => {
    const r = row({ period: "2016-2017", n: null, ...sumerCounts() });
    r.raw.n = "12x";
    r.issues.push({ line: 2, column: "N", value: "12x", reason: "not a whole number" });
    expect(issuesOf(sumer.toDoc(r, NATIONAL))).toEqual(r.issues);
  });

  it("accepts only what SUMER publishes", () => {
    const refused = (cells: Record<string, CellValue>, ds = sumer, ctx = NATIONAL) =>
      issuesOf(ds.toDoc(sumerRow(cells), ctx)).map((i) => i.reason);
    expect(refused({ naf2: "84" })[0]).toMatch(/only the divisions with enough respondents/);
    expect(refused({ naf2: "41", section: "C" })[0]).toMatch(/belongs to section F/);
    expect(refused({ naf2: "41", period: "2009-2010" })[0]).toMatch(/2009-2010 wave publishes no division/);
    expect(refused({ section: "F", period: "2009-2010", sex: "F" })[0]).toMatch(/section totals only/);
    expect(refused({ section: "F", sex: "F", age_band: "A15_24" })[0]).toMatch(/not by both/);
    expect(refused({ section: "O" })[0]).toMatch(/SUMER covers the NAF sections/);
    expect(refused({ sex: "X" })[0]).toMatch(/F or M/);
    expect(refused({ age_band: "60-64" })[0]).toMatch(/age bands are/);
    expect(refused({ period: "2016" })[0]).toMatch(/two consecutive years/);
    expect(refused({ period: "2016-2018" })[0]).toMatch(/two consecutive years/);
    expect(refused({ naf2: "41", region: "52" }, regional, DREETS_52)[0]).toMatch(
      /regional extensions publish no division/,
    );
  });

  it("keeps a DREETS to its own region, and regional rows out of the national table", () => {
    const mine = docOf(regional.toDoc(sumerRow({ section: "F" }), DREETS_52));
    expect(mine).toMatchObject({ period: "2016-2017", region: "52", level: "SECTION", section: "F" });
    expect(regional.sliceOf(mine)).toBe("2016-2017|52");
    expect(docOf(regional.toDoc(sumerRow({ region: "52" }), DREETS_52)).region).toBe("52");
    const other = issuesOf(regional.toDoc(sumerRow({ region: "44" }), DREETS_52));
    expect(other).toEqual([
      {
        line: 2,
        column: "region",
        value: "44",
        reason: "a DREETS imports its own region's rows only (region 52)",
      },
    ]);
    expect(issuesOf(regional.toDoc(sumerRow({}), NATIONAL))[0].reason).toMatch(/imported by a DREETS/);
    expect(
      issuesOf(regional.toDoc(sumerRow({}), { org: { type: "DREETS", id: "dreets-99" }, year: null }))[0]
        .reason,
    ).toMatch(/imported by a DREETS/);
    expect(issuesOf(sumer.toDoc(sumerRow({ region: "52" }), NATIONAL))[0].reason).toMatch(
      /a national table has no region/,
    );
    expect(docOf(sumer.toDoc(sumerRow({ region: "FR" }), NATIONAL)).region).toBeUndefined();
    expect([sumer.orgTypes, regional.orgTypes]).toEqual([["NATIONAL"], ["DREETS"]]);
  });
});

describe("dreets-evrest and dreets-mcp rows", () => {
  const evrestCounts = Object.fromEntries(EVREST_INDICATORS.map((m) => [m.code, 3]));
  const mcpCounts = Object.fromEntries(MCP_PATHOLOGIES.map((m) => [m.code, 1]));

  it("maps an EVREST section cell and refuses a total row or an unknown section", () => {
    const evrest = dataset("dreets-evrest");
    const doc = docOf(
      evrest.toDoc(
        row({ period: "2023-2024", section: "F", sex: "F", age_band: "15-24", n: 5, ...evrestCounts }),
        NATIONAL,
      ),
    );
    expect(doc).toEqual({
      period: "2023-2024",
      section: "F",
      sex: "F",
      ageBand: "A15_24",
      n: 5,
      ...evrestCounts,
    });
    expect(evrest.rowKey(doc)).toBe(JSON.stringify(["2023-2024", null, "F", "F", "A15_24"]));
    const total = issuesOf(
      evrest.toDoc(row({ period: "2023-2024", sex: "F", n: 5, ...evrestCounts }), NATIONAL),
    );
    expect(total.map((i) => i.column)).toEqual(["age_band"]);
    expect(
      issuesOf(
        evrest.toDoc(
          row({ period: "2023-2024", section: "Z", sex: "F", age_band: "A15_24", n: 5, ...evrestCounts }),
          NATIONAL,
        ),
      )[0].column,
    ).toBe("section");
  });

  it("dates MCP cells by the year column or the year given with the file, and checks cases against n", () => {
    const mcp = dataset("dreets-mcp-regional");
    const withYear = { ...DREETS_52, year: 2023 };
    const doc = docOf(mcp.toDoc(row({ sex: "F", age_band: "A35_44", n: 40, ...mcpCounts }), withYear));
    expect(doc).toEqual({ year: 2023, region: "52", sex: "F", ageBand: "A35_44", n: 40, ...mcpCounts });
    expect([mcp.sliceOf(doc), mcp.yearsOf(doc)]).toEqual(["2023|52", { from: 2023, to: 2023 }]);
    expect(
      issuesOf(mcp.toDoc(row({ year: 2022, sex: "F", age_band: "A35_44", n: 40, ...mcpCounts }), withYear))[0]
        .reason,
    ).toMatch(/given for 2023/);
    expect(
      issuesOf(mcp.toDoc(row({ sex: "F", age_band: "A35_44", n: 40, ...mcpCounts }), DREETS_52))[0].reason,
    ).toMatch(/year is required/);
    expect(
      issuesOf(mcp.toDoc(row({ year: 2023, sex: "F", age_band: "A35_44", n: 0, ...mcpCounts }), DREETS_52))
        .length,
    ).toBe(MCP_PATHOLOGIES.length);
  });
});

describe("the seed's own documents", () => {
  const seeds = {
    sumer: sumerDocuments(new Prng(1).fork("sumer"), ["52", "44"]),
    evrest: evrestDocuments(new Prng(1).fork("evrest"), ["52", "44"]),
    mcp: mcpDocuments(new Prng(1).fork("mcp"), ["52", "44"]),
  };
  const toRow = (doc: Record<string, string | number>, line: number) => {
    const { ageBand, ...rest } = doc;
    return row({ ...rest, ...(ageBand ? { age_band: ageBand } : {}) }, line);
  };
  const cases = Object.entries(seeds).flatMap(([survey, { national, regional }]) => [
    { name: `dreets-${survey}`, docs: national, ctx: NATIONAL },
    { name: `dreets-${survey}-regional`, docs: regional.filter((d) => d.region === "52"), ctx: DREETS_52 },
  ]);

  it.each(cases)(
    "$name: every seed document read back from its row is the same document, with a distinct key",
    ({ name, docs, ctx }) => {
      const ds = dataset(name);
      expect(docs.length).toBeGreaterThan(0);
      const mapped = docs.map((d, i) => ds.toDoc(toRow(d, i + 2), ctx));
      expect(mapped.flatMap(issuesOf)).toEqual([]);
      expect(mapped.map(docOf)).toEqual(docs);
      expect(new Set(docs.map(ds.rowKey)).size).toBe(docs.length);
    },
  );

  it("slices the seed's documents by period or year and region, in each collection", () => {
    const slices = (name: string, docs: Record<string, unknown>[]) =>
      [...new Set(docs.map(dataset(name).sliceOf))].sort();
    expect(slices("dreets-sumer", seeds.sumer.national)).toEqual(["2009-2010|FR", "2016-2017|FR"]);
    expect(slices("dreets-sumer-regional", seeds.sumer.regional)).toEqual([
      "2009-2010|44",
      "2009-2010|52",
      "2016-2017|44",
      "2016-2017|52",
    ]);
    expect(slices("dreets-evrest", seeds.evrest.national)).toEqual([
      "2019-2020|FR",
      "2021-2022|FR",
      "2023-2024|FR",
    ]);
    expect(slices("dreets-mcp-regional", seeds.mcp.regional)).toContain("2024|52");
    expect(DREETS_DATASETS.map((d) => d.collection).sort()).toEqual(Object.values(C).sort());
  });
});

describe("layouts", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "dreets-import-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const csv = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it.each(DREETS_DATASETS.map((d) => d.name))(
    "%s: the documented example imports, and its doc names every column",
    async (name) => {
      const ds = dataset(name);
      const md = readFileSync(new URL(`../docs/datasets/${name}.md`, import.meta.url), "utf8");
      const measures = new Set(
        [...SUMER_INDICATORS, ...EVREST_INDICATORS, ...MCP_PATHOLOGIES].map((m) => m.code),
      );
      for (const { key } of ds.table.columns) if (!measures.has(key)) expect(md).toContain(`| \`${key}\` |`);
      const example = /```csv\n([\s\S]*?)```/.exec(md)![1];
      const table = await openTable(csv(`${name}.csv`, example), ds.table);
      expect(table.unknownHeaders).toEqual([]);
      const ctx = ds.orgTypes.includes("DREETS") ? DREETS_52 : NATIONAL;
      const results = [];
      for await (const r of table.rows) results.push(ds.toDoc(r, ctx));
      expect(results.flatMap(issuesOf)).toEqual([]);
      expect(results.length).toBeGreaterThan(2);
    },
  );

  it("declares no header that names personal data, and no header for two columns", () => {
    for (const ds of DREETS_DATASETS) {
      const headers = ds.table.columns.flatMap((c) => c.headers);
      expect(headers.filter((h) => personalHeader(h) !== null)).toEqual([]);
      const normalised = headers.map(normaliseHeader);
      expect(new Set(normalised).size).toBe(normalised.length);
    }
  });

  it("leaves an unknown indicator column out (the pipeline reports it as ignored) and refuses a file without a catalogue one", async () => {
    const ds = dataset("dreets-mcp");
    const header = ["year", "sex", "age_band", "n", ...MCP_PATHOLOGIES.map((m) => m.code)];
    const extra = await openTable(
      csv("extra.csv", `${header.join(";")};asbestos\n2023;F;A15_24;10;1;1;0;0;0;0;2\n`),
      ds.table,
    );
    expect(extra.unknownHeaders).toEqual(["asbestos"]);
    const typo = header.map((h) => (h === "hearing" ? "hearin" : h)).join(";");
    const refused = await openTable(
      csv("typo.csv", `${typo}\n2023;F;A15_24;10;1;1;0;0;0;0\n`),
      ds.table,
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(FileRefused);
    expect((refused as FileRefused).issues.map((i) => i.column)).toEqual(["hearing"]);
  });
});
