import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, DREETS_PDL } from "./helpers.js";
import { graphql } from "./generated/index.js";

/**
 * Provenance of the survey rows (SUMER, EVREST, MCP) and of the SPSTI yearly
 * activity: each row lists the dataset versions its figures come from, on the
 * seeded database (every seeded document belongs to the demo seed's version
 * of its dataset), through one batched loader.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(import.meta.url, { as: DREETS_PDL });
});
afterAll(() => t.close());

/** The one demo version a row must list, for this dataset. */
const demoVersion = (dataset: string) => [{ id: expect.any(String), dataset, organisation: { id: "demo" } }];

describe("dataVersions of survey and activity rows", () => {
  it("lists the demo seed's version of the right dataset on a SUMER, an EVREST, an MCP and an SPSTI activity row", async () => {
    const res = await t.gql(
      graphql(`query RowVersions {
      sumer(indicators: ["manual_handling"], period: "2016-2017") { n dataVersions { id dataset organisation { id } } }
      evrest(indicators: ["heavy_loads"], period: "2023-2024") { n dataVersions { id dataset organisation { id } } }
      mcp(years: { from: 2023, to: 2023 }, pathologies: ["tms"]) { n dataVersions { id dataset organisation { id } } }
      spsti(id: "sstrn") { activity(years: { from: 2024, to: 2024 }) { year dataVersions { id dataset organisation { id } } } }
    }`),
    );
    expect(res.errors).toBeUndefined();
    const data = res.data!;
    expect(data.sumer).toHaveLength(1);
    expect(data.sumer![0].dataVersions).toEqual(demoVersion("dreets-sumer"));
    expect(data.evrest![0].dataVersions).toEqual(demoVersion("dreets-evrest"));
    expect(data.mcp).toHaveLength(1);
    expect(data.mcp![0].dataVersions).toEqual(demoVersion("dreets-mcp"));
    expect(data.spsti!.activity).toHaveLength(1);
    expect(data.spsti!.activity![0].dataVersions).toEqual(demoVersion("spsti-activity"));
  });

  it("lists its versions on a suppressed row too, and on regional rows", async () => {
    const res = await t.gql(
      graphql(`query RegionalRowVersions {
      sumerRegional(territory: { region: "52" }, sector: { naf: "F" }, breakdown: [AGE_BAND]) { suppressed dataVersions { id dataset organisation { id } } }
      mcpRegional(territory: { region: "52" }, breakdown: [SEX, AGE_BAND]) { suppressed dataVersions { id dataset organisation { id } } }
    }`),
    );
    expect(res.errors).toBeUndefined();
    const { sumerRegional, mcpRegional } = res.data!;
    const rows = [...sumerRegional!, ...mcpRegional!];
    expect(rows.some((r) => r.suppressed)).toBe(true);
    for (const r of sumerRegional!) expect(r.dataVersions).toEqual(demoVersion("dreets-sumer-regional"));
    for (const r of mcpRegional!) expect(r.dataVersions).toEqual(demoVersion("dreets-mcp-regional"));
  });

  it("sends the same database commands for 5 and for 50 rows with their versions", async () => {
    const SMALL = graphql(`query FewRowVersions {
      sumer(indicators: ["manual_handling"], period: "2016-2017", breakdown: [AGE_BAND]) { dataVersions { id dataset organisation { id } } }
      mcp(years: { from: 2019, to: 2023 }, pathologies: ["tms"]) { dataVersions { id dataset organisation { id } } }
      spstis { activity(years: { from: 2024, to: 2024 }) { dataVersions { id dataset organisation { id } } } }
    }`);
    const LARGE = graphql(`query ManyRowVersions {
      sumer(indicators: ["manual_handling", "postures", "chemical_any", "noise_85db", "night_work"], breakdown: [AGE_BAND]) { dataVersions { id dataset organisation { id } } }
      mcp(years: { from: 2019, to: 2023 }, pathologies: ["tms", "psychic_distress"] breakdown: [AGE_BAND]) { dataVersions { id dataset organisation { id } } }
      spstis { activity { dataVersions { id dataset organisation { id } } } }
    }`);
    const small = await t.database.commands.measure(() => t.gql(SMALL));
    const large = await t.database.commands.measure(() => t.gql(LARGE));
    expect(small.result.errors).toBeUndefined();
    expect(large.result.errors).toBeUndefined();
    expect([small.result.data!.sumer!.length, small.result.data!.mcp!.length]).toEqual([5, 5]);
    expect([large.result.data!.sumer!.length, large.result.data!.mcp!.length]).toEqual([50, 50]);
    const activity = (r: typeof small | typeof large) => r.result.data!.spstis!.flatMap((s) => s.activity!);
    expect([activity(small).length, activity(large).length]).toEqual([3, 18]);
    expect(large.commands).toBe(small.commands);
    expect(large.names).toEqual(small.names);
  });
});
