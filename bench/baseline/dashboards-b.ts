import { caisseOf, region, theme } from "../../src/domain/reference.js";
import { parseSector, type TerritoryKey } from "../../src/domain/scope.js";
import type { Establishment, EstablishmentPage, CpomAction, Spsti } from "../../src/sources/spsti/types.js";
import type { MaskedAnnex4Row } from "../../src/sources/spsti/annex4-disclosure.js";
import type { AtRow, EstablishmentAccidentYear } from "../../src/sources/carsat/types.js";
import type { McpRow, SumerRow } from "../../src/sources/dreets/types.js";
import { SUMER_INDICATORS } from "../../src/sources/dreets/catalogue.js";
import { atQuery, carsatResolvers } from "../../resolvers/carsat.js";
import { dreetsResolvers, surveyQuery } from "../../resolvers/dreets.js";
import { establishmentPageQuery } from "../../resolvers/spsti.js";
import { all, nafRef, type Handler } from "./handler.js";
import { connection, spstisOf } from "./dashboards-a.js";

/** Hand-written twins of the README dashboards 03 (an SPSTI's establishments with their sector risk) and 04 (psychosocial risks). */

const AT = carsatResolvers.SinistraliteRow;

interface RiskData {
  page: EstablishmentPage;
  stats: AtRow[][];
  accidents: EstablishmentAccidentYear[][];
}

function classKey(e: Establishment) {
  const slug = caisseOf(e.departement);
  const territory: TerritoryKey = slug ? { kind: "CAISSE", slug } : { kind: "NATIONAL" };
  return atQuery(
    { years: { from: 2024, to: 2024 } },
    { kind: "NAF", code: e.naf5.slice(0, 4), level: "CLASS" },
    territory,
  );
}

export const establishmentsRisk: Handler<RiskData> = {
  async fetch(ctx) {
    const sstrn = (await ctx.loaders.spsti.spstiById.load("sstrn"))!;
    const key = establishmentPageQuery({ first: 20 }, ctx, {
      sector: parseSector({ naf: "41" }, "sector"),
      departements: sstrn.departements,
      spstiId: null,
    });
    const page = await ctx.loaders.spsti.establishmentPage.load(key);
    const nodes = page.rows.slice(0, 20);
    const [stats, accidents] = await Promise.all([
      all(ctx.loaders.carsat.atStats, nodes.map(classKey)),
      all(
        ctx.loaders.carsat.accidentsBySiret,
        nodes.map((e) => e.siret),
      ),
    ]);
    return { page, stats, accidents };
  },
  build({ page, stats, accidents }) {
    let i = 0;
    const node = (e: Establishment) => {
      const n = i++;
      return {
        siret: e.siret,
        name: e.name,
        headcount: e.headcount,
        naf: nafRef(e.naf5),
        sectorSinistralite: stats[n].map((r) => ({ frequencyIndex: AT.frequencyIndex(r) })),
        accidents: accidents[n].map((a) => ({ year: a.year, accidents: a.accidents, itDays: a.itDays })),
      };
    };
    return { territory: { establishments: connection(page, 20, node) } };
  },
};

interface PsyData {
  sumer: SumerRow[];
  actions: CpomAction[];
  annex4: MaskedAnnex4Row[];
  mcp: McpRow[];
  spstis: Map<string, Spsti>;
}

const RPS = theme("RPS")!;

export const psychosocial: Handler<PsyData> = {
  async fetch(ctx) {
    const { dreets, spsti } = ctx.loaders;
    const [sumer, actions, annex4, mcp] = await Promise.all([
      dreets.sumerStats.load(
        surveyQuery({ period: "2016-2017", breakdown: ["SEX"], indicators: RPS.sumerIndicators }, null, null),
      ),
      spsti.cpomActions.load({ theme: "RPS", spstiIds: null, activeIn: null }),
      spsti.annex4Rows.load({ theme: "RPS", year: 2024, spstiIds: null }),
      dreets.mcpStats.load({
        regions: null,
        years: { from: 2023, to: 2023 },
        pathologies: ["psychic_distress"],
        breakdown: ["SEX"],
      }),
    ]);
    return { sumer, actions, annex4, mcp, spstis: await spstisOf(ctx, [...actions, ...annex4]) };
  },
  build(d) {
    const S = dreetsResolvers.SumerIndicator;
    const M = dreetsResolvers.McpIndicator;
    const spsti = (id: string) => d.spstis.get(id)!;
    return {
      theme: {
        label: RPS.label,
        sumerIndicators: SUMER_INDICATORS.filter((i) => RPS.sumerIndicators.includes(i.code)).map((i) => ({
          code: i.code,
          label: i.label,
        })),
        sumer: d.sumer.map((r) => ({ label: S.label(r), sex: r.sex, prevalence: S.prevalence(r), n: r.n })),
        cpomActions: d.actions.map((a) => ({
          title: a.title,
          spsti: {
            shortName: spsti(a.spstiId).shortName,
            region: { name: region(spsti(a.spstiId).region)!.name },
          },
        })),
        annex4: d.annex4.map((r) => ({
          spsti: { shortName: spsti(r.spstiId).shortName },
          formes: r.formes,
          accompagnes: r.accompagnes,
          cibles: r.cibles,
        })),
      },
      mcp: d.mcp.map((r) => ({ label: M.label(r), sex: r.sex, prevalence: M.prevalence(r), n: r.n })),
    };
  },
};
