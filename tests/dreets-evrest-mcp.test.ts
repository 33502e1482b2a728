import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onlyError, startTestApp, type TestApp, DREETS_PDL } from "./helpers.js";
import { graphql } from "./generated/index.js";

/** EVREST and MCP over GraphQL, checked against sums of the raw documents read with the driver. */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(import.meta.url, { as: DREETS_PDL });
});
afterAll(() => t.close());

// The same cell fields on both row types.
graphql(
  `fragment EvrestCell on EvrestIndicator { sex ageBand region { code } n count prevalence confidenceInterval { low high } source }`,
);
graphql(
  `fragment McpCell on McpIndicator { sex ageBand region { code } n count prevalence confidenceInterval { low high } source }`,
);
const EVREST =
  graphql(`query Evrest($territory: TerritoryInput!, $sector: SectorInput, $indicators: [String!], $period: String, $breakdown: [SurveyBreakdown!]) {
  national: evrest(sector: $sector, indicators: $indicators, period: $period, breakdown: $breakdown) { indicator label category period sector { code level } ...EvrestCell }
  regional: evrestRegional(territory: $territory, sector: $sector, indicators: $indicators, period: $period, breakdown: $breakdown) { indicator period sector { code } ...EvrestCell } }`);
const MCP =
  graphql(`query Mcp($territory: TerritoryInput!, $years: YearRange, $pathologies: [String!], $breakdown: [SurveyBreakdown!]) {
  national: mcp(years: $years, pathologies: $pathologies, breakdown: $breakdown) { pathology label theme year ...McpCell }
  regional: mcpRegional(territory: $territory, years: $years, pathologies: $pathologies, breakdown: $breakdown) { pathology year ...McpCell } }`);

/** n and the count of `field` summed over the raw documents matching `filter`. */
async function sums(collection: string, filter: Record<string, unknown>, field: string) {
  const docs = await t.database.db.collection(collection).find(filter).toArray();
  return { n: docs.reduce((s, d) => s + d.n, 0), count: docs.reduce((s, d) => s + d[field], 0) };
}

describe("evrest and evrestRegional", () => {
  it("sums the sparse cells into margins and computes the prevalence from the sums", async () => {
    const res = await t.gql(EVREST, {
      territory: { region: "52" },
      indicators: ["anxiety"],
      period: "2021-2022",
      breakdown: ["SEX"],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.national!.map((r) => r.sex)).toEqual(["F", "M"]);
    for (const row of res.data!.national!) {
      // The API reads the stored all-sector cells; the test sums the section cells.
      const raw = await sums(
        "dreets_evrest",
        { period: "2021-2022", sex: row.sex, section: { $exists: true } },
        "anxiety",
      );
      expect(row).toMatchObject({
        ...raw,
        region: null,
        category: "COMPLAINT",
        source: "EVREST 2021-2022, GIP EVREST",
      });
      expect(row.prevalence).toBeCloseTo((100 * raw.count) / raw.n, 10);
      expect(row.confidenceInterval!.low).toBeLessThan(row.prevalence!);
      expect(row.confidenceInterval!.high).toBeGreaterThan(row.prevalence!);
    }
    const women = res.data!.regional!.find((r) => r.sex === "F");
    expect(women).toMatchObject({
      region: { code: "52" },
      ...(await sums(
        "dreets_evrest_regional",
        { period: "2021-2022", sex: "F", region: "52", section: { $exists: true } },
        "anxiety",
      )),
    });
  });

  it("keeps the national base near 2,857 salariés per period", async () => {
    const res = await t.gql(EVREST, { territory: { region: "52" }, indicators: ["fatigue"] });
    expect(res.data!.national!.map((r) => r.period)).toEqual(["2019-2020", "2021-2022", "2023-2024"]);
    for (const row of res.data!.national!) expect(Math.abs(row.n! - 2857)).toBeLessThan(200);
  });

  it("answers any NAF level by its section: 41.20A → F", async () => {
    const res = await t.gql(EVREST, {
      territory: { departement: "44" },
      sector: { naf: "41.20A" },
      indicators: ["heavy_loads"],
      period: "2023-2024",
    });
    expect(res.data!.national).toEqual([
      expect.objectContaining({
        sector: { code: "F", level: "SECTION" },
        ...(await sums("dreets_evrest", { period: "2023-2024", section: "F" }, "heavy_loads")),
      }),
    ]);
    expect(res.data!.regional).toEqual([
      expect.objectContaining({ sector: { code: "F" }, region: { code: "52" } }),
    ]);
  });

  it("refuses a CTN sector and an unknown indicator", async () => {
    const ctn = await t.gql(EVREST, { territory: { region: "52" }, sector: { ctn: "B" } });
    // One error per field that was given the CTN sector, each naming the argument.
    for (const e of ctn.errors!)
      expect(e.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "sector" });
    expect(ctn.errors!.map((e) => e.path?.[0]).sort()).toEqual(["national", "regional"]);
    const q = graphql(`query EvrestIndicators($i: [String!]) { evrest(indicators: $i) { n } }`);
    expect(onlyError(await t.gql(q, { i: ["nope"] })).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argument: "indicators",
    });
  });

  it("lists its indicators with their questionnaire theme", async () => {
    const res = await t.gql(
      graphql(`query EvrestCatalogue { evrestIndicatorCatalogue { code label category } }`),
    );
    expect(res.data!.evrestIndicatorCatalogue).toHaveLength(12);
    expect(new Set(res.data!.evrestIndicatorCatalogue!.map((d) => d.category))).toEqual(
      new Set(["HOURS", "TIME_PRESSURE", "PHYSICAL", "EXPOSURE", "TRAINING", "COMPLAINT"]),
    );
  });
});

describe("mcp and mcpRegional", () => {
  it("computes prevalences by sex from the pooled counts, near the published ones", async () => {
    const res = await t.gql(MCP, {
      territory: { region: "52" },
      years: { from: 2019, to: 2019 },
      pathologies: ["tms", "psychic_distress"],
      breakdown: ["SEX"],
    });
    expect(res.errors).toBeUndefined();
    const rows = res.data!.national!;
    expect(rows.map((r) => `${r.pathology}/${r.sex}`)).toEqual([
      "tms/F",
      "tms/M",
      "psychic_distress/F",
      "psychic_distress/M",
    ]);
    for (const row of rows) {
      const raw = await sums("dreets_mcp", { year: 2019, sex: row.sex }, row.pathology);
      expect(row).toMatchObject({ ...raw, year: 2019, source: "MCP 2019, Santé publique France" });
      expect(row.prevalence).toBeCloseTo((100 * raw.count) / raw.n, 10);
    }
    const [tmsF, tmsM, psyF, psyM] = rows.map((r) => r.prevalence!);
    expect(tmsF).toBeGreaterThan(tmsM); // domain.md: 4.4 % / 3.2 %
    expect(psyF).toBeGreaterThan(1.6 * psyM); // domain.md: 5.9 % / 2.6 %
    expect(tmsF).toBeGreaterThan(3.5);
    expect(tmsF).toBeLessThan(5.5);
  });

  it("gives one row per year, 2019-2024 by default, and the Pays de la Loire rows for region 52", async () => {
    const res = await t.gql(MCP, {
      territory: { caisse: "carsat-pays-de-la-loire" },
      pathologies: ["hearing"],
    });
    expect(res.data!.national!.map((r) => r.year)).toEqual([2019, 2020, 2021, 2022, 2023, 2024]);
    expect(res.data!.regional!.map((r) => r.region!.code)).toEqual(Array(6).fill("52"));
    for (const row of res.data!.regional!) {
      expect(row).toMatchObject(
        await sums("dreets_mcp_regional", { year: row.year, region: "52" }, "hearing"),
      );
      const national = res.data!.national!.find((r) => r.year === row.year);
      expect(national!.n).toBeGreaterThanOrEqual(row.n!); // pooled over participating regions
    }
  });

  it("refuses an unknown pathology and a reversed year range", async () => {
    const q = graphql(
      `query McpPathologies($p: [String!], $y: YearRange) { mcp(pathologies: $p, years: $y) { n } }`,
    );
    expect(onlyError(await t.gql(q, { p: ["flu"] })).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argument: "pathologies",
    });
    expect(onlyError(await t.gql(q, { y: { from: 2024, to: 2019 } })).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argument: "years",
    });
  });

  it("lists its pathology groups with their prevention theme", async () => {
    const res = await t.gql(graphql(`query McpCatalogue { mcpPathologyCatalogue { code theme } }`));
    expect(res.data!.mcpPathologyCatalogue).toContainEqual({ code: "tms", theme: "TMS" });
    expect(res.data!.mcpPathologyCatalogue).toContainEqual({ code: "psychic_distress", theme: "RPS" });
  });
});
