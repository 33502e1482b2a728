import type { Context } from "../../src/context.js";
import { caisse, nafEntry, theme } from "../../src/domain/reference.js";
import {
  caissesOf,
  departementsOf,
  parseSector,
  parseTerritory,
  type TerritoryKey,
} from "../../src/domain/scope.js";
import { encodeCursor } from "../../src/graphql/pagination.js";
import type { Establishment, EstablishmentPage, CpomAction, Spsti } from "../../src/sources/spsti/types.js";
import type { MaskedAnnex4Row } from "../../src/sources/spsti/annex4-disclosure.js";
import type { AtRow, MpRow } from "../../src/sources/carsat/types.js";
import type { SumerRow } from "../../src/sources/dreets/types.js";
import { atQuery, carsatResolvers, mpQuery } from "../../resolvers/carsat.js";
import { dreetsResolvers, surveyQuery } from "../../resolvers/dreets.js";
import { establishmentPageQuery } from "../../resolvers/spsti.js";
import { all, nafRef, type Handler } from "./handler.js";

/**
 * Hand-written twins of the README dashboards 01 (construction in Pays de la
 * Loire) and 02 (the SSTRN's area). Field values come from the same helper
 * functions the type resolvers use (rates, labels), called by hand.
 */

const AT = carsatResolvers.SinistraliteRow;
const SUMER = dreetsResolvers.SumerIndicator;
const YEARS = { from: 2019, to: 2024 };

/** The SPSTIs of a territory's départements, by id (null: every SPSTI, no command). */
export async function spstiIdsIn(ctx: Context, t: TerritoryKey): Promise<string[] | null> {
  const departements = departementsOf(t);
  return departements
    ? (await ctx.loaders.spsti.spstisInDepartements.load({ departements })).map((s) => s.id)
    : null;
}

/** Every SPSTI the rows name, in one batch. */
export async function spstisOf(ctx: Context, rows: { spstiId: string }[]): Promise<Map<string, Spsti>> {
  const ids = [...new Set(rows.map((r) => r.spstiId))];
  const found = await all(ctx.loaders.spsti.spstiById, ids);
  return new Map(found.filter((s): s is Spsti => s !== null).map((s) => [s.id, s]));
}

/** An establishment connection, as toConnection shapes it. */
export function connection(page: EstablishmentPage, limit: number, node: (e: Establishment) => unknown) {
  const rows = page.rows.slice(0, limit);
  const last = rows.at(-1);
  return {
    totalCount: page.totalCount,
    nodes: rows.map(node),
    pageInfo: { hasNextPage: page.rows.length > limit, endCursor: last ? encodeCursor(last.siret) : null },
  };
}

interface ConstructionData {
  at: AtRow[];
  mp: MpRow[];
  sumer: SumerRow[];
  page: EstablishmentPage;
  actions: CpomAction[];
  annex4: MaskedAnnex4Row[];
  spstis: Map<string, Spsti>;
}

const F = parseSector({ naf: "F" }, "naf")!;
const REGION_52 = parseTerritory({ region: "52" }, "territory");

export const construction: Handler<ConstructionData> = {
  async fetch(ctx) {
    const { carsat, dreets, spsti } = ctx.loaders;
    const pageKey = establishmentPageQuery({ first: 5 }, ctx, {
      sector: F,
      departements: null,
      spstiId: "sstrn",
    });
    const [at, mp, sumer, page, spstiIds] = await Promise.all([
      carsat.atStats.load(atQuery({ years: YEARS }, F, REGION_52)),
      carsat.mpStats.load(mpQuery({ years: YEARS, tableaux: ["57"], groupBy: ["YEAR"] }, F, REGION_52)),
      dreets.sumerStats.load(surveyQuery({ indicators: ["manual_handling"], period: "2016-2017" }, F, null)),
      spsti.establishmentPage.load(pageKey),
      spstiIdsIn(ctx, REGION_52),
    ]);
    const [actions, annex4] = await Promise.all([
      spsti.cpomActions.load({ theme: "TMS", spstiIds, activeIn: 2024 }),
      spsti.annex4Rows.load({ theme: "TMS", year: 2024, spstiIds }),
    ]);
    return { at, mp, sumer, page, actions, annex4, spstis: await spstisOf(ctx, [...actions, ...annex4]) };
  },
  build(d) {
    const shortName = (id: string) => ({ shortName: d.spstis.get(id)!.shortName });
    return {
      sector: {
        label: nafEntry("F")!.label,
        sinistralite: d.at.map((r) => ({
          year: r.year,
          employees: r.employees,
          accidents: r.accidents,
          frequencyIndex: AT.frequencyIndex(r),
          frequencyRate: AT.frequencyRate(r),
        })),
        maladiesProfessionnelles: d.mp.map((r) => ({ year: r.year, cases: r.cases })),
        sumer: d.sumer.map((r) => ({
          label: SUMER.label(r),
          prevalence: SUMER.prevalence(r),
          confidenceInterval: SUMER.confidenceInterval(r),
          n: r.n,
        })),
        establishments: connection(d.page, 5, (e) => ({
          siret: e.siret,
          name: e.name,
          headcount: e.headcount,
          naf: nafRef(e.naf5),
        })),
      },
      theme: {
        label: theme("TMS")!.label,
        cpomActions: d.actions.map((a) => ({
          title: a.title,
          spsti: shortName(a.spstiId),
          phases: a.phases.map((p) => ({ name: p.name, deadline: p.deadline, dueBy: p.dueBy })),
        })),
        annex4: d.annex4.map((r) => ({
          spsti: shortName(r.spstiId),
          formes: r.formes,
          formesSuivisCog: r.formesSuivisCog,
          accompagnes: r.accompagnes,
          accompagnesSuivisCog: r.accompagnesSuivisCog,
          cibles: r.cibles,
          ciblesSuivisCog: r.ciblesSuivisCog,
          commentaire: r.commentaire,
        })),
      },
    };
  },
};

interface AreaData {
  sstrn: Spsti;
  at: AtRow[];
  actions: CpomAction[];
  annex4: MaskedAnnex4Row[];
}

export const sstrnArea: Handler<AreaData> = {
  async fetch(ctx) {
    const { carsat, spsti } = ctx.loaders;
    const sstrn = (await spsti.spstiById.load("sstrn"))!;
    const area: TerritoryKey = { kind: "DEPARTEMENTS", codes: sstrn.departements };
    const [at, spstiIds] = await Promise.all([
      carsat.atStats.load(
        atQuery(
          { years: { from: 2024, to: 2024 }, groupBy: ["YEAR"] },
          parseSector({ ctn: "B" }, "sector"),
          area,
        ),
      ),
      spstiIdsIn(ctx, area),
    ]);
    const [actions, annex4] = await Promise.all([
      spsti.cpomActions.load({ theme: null, spstiIds, activeIn: 2026 }),
      spsti.annex4Rows.load({ theme: null, year: 2024, spstiIds }),
    ]);
    return { sstrn, at, actions, annex4 };
  },
  build({ sstrn, at, actions, annex4 }) {
    const { medecinsTravail, infirmiers, total } = sstrn.staff as unknown as Record<string, number>;
    return {
      territory: {
        label: sstrn.name,
        departements: sstrn.departements,
        caisses: caissesOf({ kind: "DEPARTEMENTS", codes: sstrn.departements })!.map((slug) => ({
          name: caisse(slug)!.name,
        })),
        spsti: {
          name: sstrn.name,
          salariesSuivis: sstrn.salaries,
          adherents: sstrn.adherents,
          staff: { medecinsTravail, infirmiers, total },
        },
        sinistralite: at.map((r) => ({
          year: r.year,
          accidents: r.accidents,
          frequencyIndex: AT.frequencyIndex(r),
        })),
        cpomActions: actions.map((a) => ({
          theme: a.theme,
          title: a.title,
          indicators: a.indicators.map((i) => ({ label: i.label })),
        })),
        annex4: annex4.map((r) => ({
          theme: r.theme,
          formes: r.formes,
          accompagnes: r.accompagnes,
          cibles: r.cibles,
        })),
      },
    };
  },
};
