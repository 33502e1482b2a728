import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onlyError, startTestApp, type TestApp, DREETS_PDL } from "./helpers.js";
import { graphql } from "./generated/index.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(import.meta.url, { as: DREETS_PDL });
});
afterAll(() => t.close());

describe("Sector joins the sources", () => {
  it("gives through `sector` the same Carsat and DREETS figures as the sources' own fields", async () => {
    const res = await t.gql(
      graphql(`query SectorAndSources {
      sector(naf: "41") { code kind naf { level }
        sinistralite(territory: { region: "52" }, years: { from: 2019, to: 2024 }) { year accidents frequencyIndex }
        sumer(indicators: ["manual_handling"]) { period prevalence n } }
      sinistralite(sector: { naf: "41" }, territory: { region: "52" }, years: { from: 2019, to: 2024 }) { year accidents frequencyIndex }
      sumer(sector: { naf: "41" }, indicators: ["manual_handling"]) { period prevalence n }
    }`),
    );
    expect(res.errors).toBeUndefined();
    const sector = res.data!.sector!;
    expect(sector).toMatchObject({ code: "41", kind: "NAF", naf: { level: "DIVISION" } });
    expect(sector.sinistralite).toEqual(res.data!.sinistralite);
    expect(sector.sinistralite).toHaveLength(6);
    expect(sector.sumer).toEqual(res.data!.sumer);
    expect(res.data!.sumer!.length).toBeGreaterThan(0);
  });

  it("lists only establishments of the sector, in the territory asked", async () => {
    const res = await t.gql(
      graphql(`query SectorEstablishments { sector(naf: "F") { establishments(territory: { departement: "44" }, first: 200) {
      totalCount nodes { naf { code } departement } } } }`),
    );
    expect(res.errors).toBeUndefined();
    const { nodes, totalCount } = res.data!.sector!.establishments!;
    expect(totalCount).toBeGreaterThan(0);
    for (const e of nodes) {
      expect(["41", "42", "43"]).toContain(e.naf.code.slice(0, 2));
      expect(e.departement).toBe("44");
    }
  });

  it("accepts a CTN sector for Carsat, and refuses it for SUMER, naming the argument", async () => {
    const ok = await t.gql(
      graphql(
        `query CtnSector { sector(ctn: "B") { label sinistralite(years: { from: 2019, to: 2024 }) { accidents } } }`,
      ),
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.sector!.label).toBe("BTP");
    const bad = await t.gql(graphql(`query CtnSectorSumer { sector(ctn: "B") { sumer { prevalence } } }`));
    expect(onlyError(bad).extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "sector" });
  });

  it("refuses a sector given as both NAF and CTN", async () => {
    const res = await t.gql(graphql(`query NafAndCtnSector { sector(naf: "41", ctn: "B") { label } }`));
    expect(onlyError(res).extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("Territory joins the sources", () => {
  it("resolves an SPSTI's area to its départements, its caisse and its members", async () => {
    const res = await t.gql(
      graphql(`query SpstiArea { territory(spsti: "sstrn") { kind code departements caisses { slug } spsti { id }
      establishments(first: 100) { nodes { departement spsti { id } } }
      annex4(year: 2024) { spsti { id } } } }`),
    );
    expect(res.errors).toBeUndefined();
    const area = res.data!.territory!;
    expect(area).toMatchObject({
      kind: "SPSTI",
      code: "sstrn",
      departements: ["44"],
      caisses: [{ slug: "carsat-pays-de-la-loire" }],
      spsti: { id: "sstrn" },
    });
    expect(area.establishments!.nodes.length).toBeGreaterThan(0);
    for (const e of area.establishments!.nodes) expect(e.departement).toBe("44");
    for (const row of area.annex4!) expect(row.spsti!.id).toBe("sstrn");
  });

  it("gives a département its caisse's Carsat figures and its region's SUMER rows", async () => {
    const res = await t.gql(
      graphql(`query DepartementAndCaisse {
      dep: territory(departement: "49") { kind caisses { slug } sinistralite(years: { from: 2019, to: 2024 }, groupBy: []) { accidents } sumer(indicators: ["manual_handling"]) { region { code } } }
      caisse: territory(caisse: "carsat-pays-de-la-loire") { sinistralite(years: { from: 2019, to: 2024 }, groupBy: []) { accidents } }
    }`),
    );
    expect(res.errors).toBeUndefined();
    const dep = res.data!.dep!;
    expect(dep.caisses).toEqual([{ slug: "carsat-pays-de-la-loire" }]);
    expect(dep.sinistralite).toEqual(res.data!.caisse!.sinistralite);
    expect(dep.sumer!.length).toBeGreaterThan(0);
    for (const row of dep.sumer!) expect(row.region!.code).toBe("52");
  });

  it("answers null for an unknown SPSTI and BAD_USER_INPUT for two territories at once", async () => {
    const unknown = await t.gql(graphql(`query UnknownSpsti { territory(spsti: "nope") { label } }`));
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data!.territory).toBeNull();
    const two = await t.gql(
      graphql(`query TwoTerritories { territory(spsti: "sstrn", region: "52") { label } }`),
    );
    expect(onlyError(two).extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("Theme joins the sources", () => {
  it("brings the theme's MP tableaux, SUMER indicators, CPOM actions and annex-4 rows, and nothing else", async () => {
    const res = await t.gql(
      graphql(`query ThemeSources { theme(code: TMS) { mpTableaux { code }
      maladiesProfessionnelles(territory: { region: "52" }, years: { from: 2019, to: 2024 }, groupBy: [TABLEAU]) { tableau { code } cases }
      sumer(period: "2016-2017") { indicator }
      cpomActions(territory: { region: "52" }) { theme }
      annex4(year: 2024, territory: { region: "52" }) { theme } } }`),
    );
    expect(res.errors).toBeUndefined();
    const tms = res.data!.theme!;
    const tableaux = tms.mpTableaux!.map((x) => x.code);
    expect(tableaux).toContain("057");
    expect(tms.maladiesProfessionnelles!.length).toBeGreaterThan(0);
    for (const row of tms.maladiesProfessionnelles!) expect(tableaux).toContain(row.tableau!.code);
    expect(new Set(tms.sumer!.map((x) => x.indicator))).toEqual(new Set(["manual_handling", "postures"]));
    expect(tms.cpomActions!.length).toBeGreaterThan(0);
    for (const a of tms.cpomActions!) expect(a.theme).toBe("TMS");
    expect(tms.annex4!.length).toBeGreaterThan(0);
    for (const r of tms.annex4!) expect(r.theme).toBe("TMS");
  });
});

describe("Establishment joins the sources", () => {
  it("links an establishment to its sector's sinistralité in its caisse and to its own accidents", async () => {
    const list = await t.gql(
      graphql(
        `query OneSstrnEstablishment { establishments(spsti: "sstrn", sector: { naf: "41" }, first: 1) { nodes { siret naf { code } } } }`,
      ),
    );
    const { siret, naf } = list.data!.establishments!.nodes[0];
    const res = await t.gql(
      graphql(`query EstablishmentAndSector($siret: Siret!, $naf4: NafCode!) {
      establishment(siret: $siret) { sector { code } sectorSinistralite(years: { from: 2019, to: 2024 }, level: CLASS) { year frequencyIndex } accidents { year } }
      sinistralite(sector: { naf: $naf4 }, territory: { caisse: "carsat-pays-de-la-loire" }, years: { from: 2019, to: 2024 }) { year frequencyIndex }
    }`),
      { siret, naf4: naf!.code.slice(0, 4) },
    );
    expect(res.errors).toBeUndefined();
    const establishment = res.data!.establishment!;
    expect(establishment.sector!.code).toBe(naf!.code);
    expect(establishment.sectorSinistralite).toEqual(res.data!.sinistralite);
    // Its own accidents: a list (maybe empty) for a viewer the register lets through, never null.
    expect(establishment.accidents).toEqual(expect.any(Array));
  });
});

describe("no N+1 across sources", () => {
  const LIST =
    graphql(`query EstablishmentsAcrossSources($first: Int) { establishments(first: $first) { nodes {
    siret spsti { name } sector { label }
    sectorSinistralite(years: { from: 2023, to: 2024 }, level: CLASS) { frequencyIndex }
    accidents { year accidents } } } }`);

  it("sends the same database commands for 10 and for 1,000 establishments with nested cross-source fields", async () => {
    const small = await t.database.commands.measure(() => t.gql(LIST, { first: 10 }));
    const large = await t.database.commands.measure(() => t.gql(LIST, { first: 1000 }));
    expect(small.result.errors).toBeUndefined();
    expect(large.result.errors).toBeUndefined();
    expect(large.result.data!.establishments!.nodes).toHaveLength(1000);
    expect(large.commands).toBe(small.commands);
    expect(large.names).toEqual(small.names);
    expect(large.commands).toBeLessThanOrEqual(6);
  });
});
