import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, onlyError, startTestApp, type TestApp, DREETS_PDL } from "./helpers.js";
import { themes } from "../src/domain/reference.js";
import { graphql } from "./generated/index.js";
import type { DreetsSumerRowFragment, SumerRegionalQueryVariables } from "./generated/graphql.js";

/** GraphQL-level tests of the DREETS source, on the real seeded database ("region" scale). */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(import.meta.url, { as: DREETS_PDL });
});
afterAll(() => t.close());

graphql(`fragment DreetsSumerRow on SumerIndicator {
  indicator period sex ageBand sector { code level } region { code } n count prevalence confidenceInterval { low high } source
}`);
const SUMER =
  graphql(`query Sumer($sector: SectorInput, $indicators: [String!], $period: String, $breakdown: [SurveyBreakdown!]) {
  sumer(sector: $sector, indicators: $indicators, period: $period, breakdown: $breakdown) { ...DreetsSumerRow label theme } }`);
const SUMER_REGIONAL =
  graphql(`query SumerRegional($territory: TerritoryInput!, $sector: SectorInput, $indicators: [String!], $period: String, $breakdown: [SurveyBreakdown!]) {
  sumerRegional(territory: $territory, sector: $sector, indicators: $indicators, period: $period, breakdown: $breakdown) { ...DreetsSumerRow } }`);
const CATALOGUE = graphql(`query SumerCatalogue { sumerIndicatorCatalogue { code label theme } }`);

/** A stored SUMER margin document, read with the driver (independent of the API). */
async function sumerDoc(filter: Record<string, unknown>, collection = "dreets_sumer") {
  const doc = await t.database.db
    .collection(collection)
    .findOne({ period: "2016-2017", sex: null, ageBand: null, ...filter });
  if (!doc) throw new Error(`no SUMER document for ${JSON.stringify(filter)}`);
  return doc;
}

describe("sumer (national, public)", () => {
  it("computes the prevalence from the stored counts", async () => {
    const res = await t.gql(SUMER, { indicators: ["manual_handling"], period: "2016-2017" });
    expect(res.errors).toBeUndefined();
    const doc = await sumerDoc({ level: "ALL" });
    expect(res.data!.sumer).toHaveLength(1);
    const [row] = res.data!.sumer!;
    expect(row).toMatchObject({
      indicator: "manual_handling",
      sector: null,
      region: null,
      n: doc.n,
      count: doc.manual_handling,
      theme: "TMS",
    });
    expect(row.prevalence).toBeCloseTo((100 * doc.manual_handling) / doc.n, 10);
    expect(row.prevalence).toBeGreaterThan(30); // domain.md: 35 %
    expect(row.prevalence).toBeLessThan(40);
    expect(row.source).toBe("SUMER 2016-2017, DARES/DGT");
  });

  it("gives a 95 % interval around the prevalence, narrower for the national sample than for a region", async () => {
    const vars = { indicators: ["job_strain"], period: "2016-2017" };
    const [national] = (await t.gql(SUMER, vars)).data!.sumer!;
    const [regional] = (await t.gql(SUMER_REGIONAL, { ...vars, territory: { region: "52" } })).data!
      .sumerRegional!;
    for (const row of [national, regional]) {
      expect(row.confidenceInterval!.low).toBeLessThan(row.prevalence!);
      expect(row.confidenceInterval!.high).toBeGreaterThan(row.prevalence!);
    }
    expect(national.n).toBeGreaterThan(regional.n!);
    const width = (r: DreetsSumerRowFragment) => r.confidenceInterval!.high - r.confidenceInterval!.low;
    expect(width(national)).toBeLessThan(width(regional));
  });

  it("answers a NAF subclass with its published division: 41.20A → 41", async () => {
    const res = await t.gql(SUMER, {
      sector: { naf: "41.20A" },
      indicators: ["carcinogen_any"],
      period: "2016-2017",
    });
    expect(res.errors).toBeUndefined();
    const doc = await sumerDoc({ level: "NAF2", naf2: "41" });
    expect(res.data!.sumer).toEqual([
      expect.objectContaining({
        sector: { code: "41", level: "DIVISION" },
        n: doc.n,
        count: doc.carcinogen_any,
      }),
    ]);
  });

  it("answers an unpublished division with its section (01.11Z → A)", async () => {
    const res = await t.gql(SUMER, {
      sector: { naf: "01.11Z" },
      indicators: ["postures"],
      period: "2016-2017",
    });
    expect(res.data!.sumer!.map((r) => r.sector)).toEqual([{ code: "A", level: "SECTION" }]);
  });

  it("shows construction (BTP) above the national average for manual handling and carcinogens", async () => {
    const vars = { indicators: ["manual_handling", "carcinogen_any"], period: "2016-2017" };
    const all = (await t.gql(SUMER, vars)).data!.sumer!;
    const btp = (await t.gql(SUMER, { ...vars, sector: { naf: "F" } })).data!.sumer!;
    for (const i of [0, 1]) expect(btp[i].prevalence).toBeGreaterThan(all[i].prevalence! * 1.4);
    expect(btp[1].prevalence).toBeGreaterThan(25); // domain.md: construction 31 %
  });

  it("splits by sex × age band for all sectors, with cells that add up to the total", async () => {
    const res = await t.gql(SUMER, {
      indicators: ["noise_85db"],
      period: "2016-2017",
      breakdown: ["SEX", "AGE_BAND"],
    });
    const rows = res.data!.sumer!;
    expect(rows).toHaveLength(10);
    const total = await sumerDoc({ level: "ALL" });
    expect(rows.reduce((s, r) => s + r.n!, 0)).toBe(total.n);
    expect(rows.reduce((s, r) => s + r.count!, 0)).toBe(total.noise_85db);
  });

  it("returns both waves when no period is given (trend)", async () => {
    const rows = (await t.gql(SUMER, { indicators: ["hostile_behaviour"] })).data!.sumer!;
    expect(rows.map((r) => r.period)).toEqual(["2009-2010", "2016-2017"]);
  });

  it("refuses a CTN sector: SUMER has no CTN breakdown", async () => {
    const err = onlyError(await t.gql(SUMER, { sector: { ctn: "B" } }));
    expect(err.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "sector" });
  });

  it("refuses an unknown indicator code rather than answering an empty list", async () => {
    const err = onlyError(await t.gql(SUMER, { indicators: ["manual_handling", "nope"] }));
    expect(err.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "indicators" });
    expect(err.message).toContain('"nope"');
  });

  it("refuses an unknown wave and a sex × age crossing within a sector", async () => {
    expect(onlyError(await t.gql(SUMER, { period: "2020" })).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argument: "period",
    });
    const crossing = await t.gql(SUMER, { sector: { naf: "F" }, breakdown: ["SEX", "AGE_BAND"] });
    expect(onlyError(crossing).extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "breakdown" });
  });
});

describe("sumerRegional (partner)", () => {
  it("gives the Pays de la Loire rows for region 52, département 44 and its caisse alike", async () => {
    const vars: Omit<SumerRegionalQueryVariables, "territory"> = {
      indicators: ["manual_handling"],
      breakdown: ["SEX"],
    };
    const byRegion = (await t.gql(SUMER_REGIONAL, { ...vars, territory: { region: "52" } })).data!
      .sumerRegional!;
    expect(byRegion).toHaveLength(4); // 2 waves × 2 sexes
    expect(byRegion.every((r) => r.region!.code === "52")).toBe(true);
    const doc = await sumerDoc({ level: "ALL", region: "52", sex: "F" }, "dreets_sumer_regional");
    expect(byRegion.find((r) => r.period === "2016-2017" && r.sex === "F")).toMatchObject({
      n: doc.n,
      count: doc.manual_handling,
    });
    for (const territory of [{ departement: "44" }, { caisse: "carsat-pays-de-la-loire" }]) {
      expect((await t.gql(SUMER_REGIONAL, { ...vars, territory })).data!.sumerRegional).toEqual(byRegion);
    }
  });

  it("answers a subclass by its section regionally (no published divisions there)", async () => {
    const rows = (
      await t.gql(SUMER_REGIONAL, {
        territory: { region: "52" },
        sector: { naf: "41.20A" },
        indicators: ["postures"],
        period: "2016-2017",
      })
    ).data!.sumerRegional!;
    expect(rows.map((r) => r.sector)).toEqual([{ code: "F", level: "SECTION" }]);
  });

  it("gives no rows for a region not loaded at this scale, and refuses the whole country", async () => {
    expect((await t.gql(SUMER_REGIONAL, { territory: { region: "11" } })).data!.sumerRegional).toEqual([]);
    expect(onlyError(await t.gql(SUMER_REGIONAL, { territory: {} })).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argument: "territory",
    });
  });
});

describe("batching over HTTP", () => {
  /** One operation with `count` aliased sumer fields, each on another NAF subclass of a published division. */
  function aliased(count: number): string {
    const codes = [
      "41.20A",
      "43.21A",
      "47.11F",
      "86.10Z",
      "10.71C",
      "49.41A",
      "56.10A",
      "62.01Z",
      "78.20Z",
      "81.21Z",
    ];
    const fields = Array.from(
      { length: count },
      (_, i) =>
        `s${i}: sumer(sector: { naf: "${codes[i % codes.length]}" }, indicators: ["${i % 2 ? "postures" : "night_work"}"], period: "2016-2017") { n prevalence }`,
    );
    return `{ ${fields.join("\n")} }`;
  }

  it("sends the same commands for 5 or 50 sector queries in one operation", async () => {
    // As a partner: 50 aliases are over the anonymous callers' limit (src/graphql/limits.ts).
    const partner = await as(DREETS_PDL);
    const five = await t.database.commands.measure(() => t.gql(aliased(5), undefined, partner));
    const fifty = await t.database.commands.measure(() =>
      t.gql<Record<string, unknown>>(aliased(50), undefined, partner),
    );
    expect(fifty.result.errors).toBeUndefined();
    expect(Object.keys(fifty.result.data!)).toHaveLength(50);
    expect(five.names).toEqual({ find: 1 });
    expect(fifty.commands).toBe(five.commands);
  });
});

describe("sumerIndicatorCatalogue", () => {
  it("lists every SUMER indicator the prevention themes refer to, with its theme", async () => {
    const res = await t.gql(CATALOGUE);
    const byCode = new Map(res.data!.sumerIndicatorCatalogue!.map((d) => [d.code, d]));
    for (const theme of themes)
      for (const code of theme.sumerIndicators) expect(byCode.get(code)).toMatchObject({ theme: theme.code });
    expect(byCode.get("night_work")).toMatchObject({ theme: null });
  });
});
