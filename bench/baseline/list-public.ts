import type { Context } from "../../src/context.js";
import { caisse, caisseOf, nafEntry } from "../../src/domain/reference.js";
import { parseSector, parseTerritory, type TerritoryKey } from "../../src/domain/scope.js";
import { frequencyIndex, frequencyRate, severityRate } from "../../src/sources/carsat/rates.js";
import type { AtRow } from "../../src/sources/carsat/types.js";
import type { Establishment } from "../../src/sources/spsti/types.js";
import { atQuery } from "../../resolvers/carsat.js";
import { establishmentPageQuery } from "../../resolvers/spsti.js";
import { all, nafRef, type Handler } from "./handler.js";

/** Hand-written twins of the analyst list (bench/workloads.ts listQuery) and of the public sector aggregate. */

const YEARS = { from: 2023, to: 2024 };

/** The sinistralité key of an establishment's NAF class in its caisse (as Establishment.sectorSinistralite builds it). */
function classKey(e: Establishment) {
  const slug = caisseOf(e.departement);
  const territory: TerritoryKey = slug ? { kind: "CAISSE", slug } : { kind: "NATIONAL" };
  return atQuery({ years: YEARS }, { kind: "NAF", code: e.naf5.slice(0, 4), level: "CLASS" }, territory);
}

interface ListData {
  nodes: Establishment[];
  stats: AtRow[][];
}

export function listHandler(first: number): Handler<ListData> {
  return {
    async fetch(ctx: Context) {
      const q = establishmentPageQuery({ first }, ctx, { sector: null, departements: null, spstiId: null });
      const page = await ctx.loaders.spsti.establishmentPage.load(q);
      const nodes = page.rows.slice(0, q.limit);
      return { nodes, stats: await all(ctx.loaders.carsat.atStats, nodes.map(classKey)) };
    },
    build({ nodes, stats }) {
      const out = new Array(nodes.length);
      for (let i = 0; i < nodes.length; i++) {
        const e = nodes[i];
        out[i] = {
          siret: e.siret,
          name: e.name,
          naf: nafRef(e.naf5),
          sector: { label: nafEntry(e.naf5)!.label },
          sectorSinistralite: stats[i].map((r) => ({ frequencyIndex: frequencyIndex(r) })),
        };
      }
      return { establishments: { nodes: out } };
    },
  };
}

interface PublicData {
  rows: AtRow[];
}

const SECTOR = parseSector({ naf: "41" }, "naf")!;

export const publicHandler: Handler<PublicData> = {
  async fetch(ctx) {
    const key = atQuery(
      { years: { from: 2019, to: 2024 }, groupBy: ["YEAR", "CAISSE"] },
      SECTOR,
      parseTerritory(null, "territory"),
    );
    return { rows: await ctx.loaders.carsat.atStats.load(key) };
  },
  build({ rows }) {
    return {
      sector: {
        code: SECTOR.code,
        label: nafEntry(SECTOR.code)!.label,
        sinistralite: rows.map((r) => ({
          year: r.year,
          caisse: r.caisse ? { name: caisse(r.caisse)!.name } : null,
          employees: r.employees,
          accidents: r.accidents,
          frequencyIndex: frequencyIndex(r),
          frequencyRate: frequencyRate(r),
          severityRate: severityRate(r),
        })),
      },
    };
  },
};
