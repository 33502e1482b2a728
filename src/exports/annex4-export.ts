import ExcelJS from "exceljs";
import { GraphQLError } from "graphql";
import type { App } from "../app.js";
import { region as regionOf } from "../domain/reference.js";
import { frenchDate, gridBlock, type Cell, type GridRow } from "./annex4-grid.js";

/**
 * The annex-4 export in the DGT survey's grid, as CSV or XLSX: for one SPSTI,
 * a region (consolidated, then each CPOM) or the nation (consolidated, then
 * each region). It runs as the reader, through the GraphQL API itself, so
 * the same field rules, row scopes and disclosure control apply as to any
 * query, and it is audited like a read (kind EXPORTED).
 *
 * What each reader gets: the published rows (validated reports, masked); the
 * signatories of an SPSTI's CPOM, exporting that SPSTI, get its report as it
 * stands in the campaign (exact, any state), to fill in the DGT's form.
 */

export type ExportFormat = "csv" | "xlsx";
export interface Annex4ExportRequest {
  year: number;
  format: ExportFormat;
  /** One SPSTI; or one region; or neither: the nation. */
  spsti: string | null;
  region: string | null;
}
export interface ExportFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

/** A refused export: HTTP status, stable code, the parameter at fault. */
export class ExportRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** The operation the export sends; a trusted document (tools/trusted-documents.ts). */
export const ANNEX4_EXPORT_QUERY = `query Annex4Export($year: Year!, $territory: TerritoryInput, $campaign: Boolean!) {
  annex4(year: $year, territory: $territory) {
    theme volet suppressed formes formesSuivisCog accompagnes accompagnesSuivisCog cibles ciblesSuivisCog commentaire
    cpomSignedOn cpomEndsOn cpom { id } spsti { id name region { code name } }
  }
  annex4Campaign(year: $year) @include(if: $campaign) {
    state cpom { id signedOn endsOn } spsti { id name region { code name } }
    report { rows { theme volet formes formesSuivisCog accompagnes accompagnesSuivisCog cibles ciblesSuivisCog commentaire } }
  }
}`;

interface SpstiRef {
  id: string;
  name: string;
  region: { code: string; name: string };
}
type Counts = Omit<GridRow, "cpomId">;
interface PublishedRow extends Counts {
  suppressed: boolean;
  cpomSignedOn: string;
  cpomEndsOn: string;
  cpom: { id: string } | null;
  spsti: SpstiRef | null;
}
interface CampaignEntry {
  state: string;
  cpom: { id: string; signedOn: string; endsOn: string } | null;
  spsti: SpstiRef | null;
  report: { rows: Counts[] } | null;
}
interface ExportData {
  annex4: PublishedRow[] | null;
  annex4Campaign?: CampaignEntry[] | null;
}

/** One CPOM's block: its rows, its dates, its SPSTI, its campaign state when known. */
interface CpomGrid {
  cpomId: string;
  spsti: SpstiRef;
  signedOn: string;
  endsOn: string;
  state: string | null;
  rows: GridRow[];
}

export async function exportAnnex4(
  app: App,
  authorization: string | undefined,
  request: Annex4ExportRequest,
): Promise<ExportFile> {
  if (request.region !== null && !regionOf(request.region))
    throw new ExportRefused(400, "BAD_USER_INPUT", `region: no INSEE region ${request.region}`, "region");
  let context: Awaited<ReturnType<App["context"]>>;
  try {
    context = await app.context(authorization);
  } catch (err) {
    throw new ExportRefused(
      401,
      "UNAUTHENTICATED",
      err instanceof GraphQLError ? err.message : "Invalid token.",
    );
  }
  if (!context.access.viewer)
    throw new ExportRefused(401, "UNAUTHENTICATED", "An export needs a token (Authorization: Bearer …).");
  const scope = request.spsti
    ? `spsti:${request.spsti}`
    : request.region
      ? `region:${request.region}`
      : "nation";
  context.audit.record({
    kind: "EXPORTED",
    ficheId: null,
    pseudonym: null,
    path: `exportAnnex4(${request.format} ${request.year} ${scope})`,
  });
  const data = await run(app, context, request);
  const cpoms = cpomGrids(data, request);
  if (request.spsti && cpoms.length === 0)
    throw new ExportRefused(
      404,
      "NOT_FOUND",
      `No annex 4 of SPSTI ${request.spsti} for ${request.year} that you may read.`,
      "spsti",
    );
  const blocks = blocksOf(cpoms, request);
  const name = `annexe4-${request.year}-${scope.replace(":", "-")}.${request.format}`;
  return { filename: name, contentType: CONTENT_TYPES[request.format], body: await write(blocks, request) };
}

async function run(
  app: App,
  context: Awaited<ReturnType<App["context"]>>,
  request: Annex4ExportRequest,
): Promise<ExportData> {
  const variables = {
    year: request.year,
    territory: request.region ? { region: request.region } : null,
    campaign: request.spsti !== null,
  };
  const response = await app.apollo.executeOperation<ExportData>(
    { query: ANNEX4_EXPORT_QUERY, variables, operationName: "Annex4Export" },
    { contextValue: context },
  );
  if (response.body.kind !== "single") throw new Error("unexpected incremental answer");
  const { data, errors } = response.body.singleResult;
  // A reader who is no CPOM signatory gets FORBIDDEN on the campaign: it then exports the published rows only.
  const fatal = (errors ?? []).filter((e) => e.path?.[0] !== "annex4Campaign");
  if (fatal.length > 0 || !data?.annex4) {
    const code = String(fatal[0]?.extensions?.code ?? "INTERNAL_SERVER_ERROR");
    const status =
      code === "FORBIDDEN"
        ? 403
        : code === "UNAUTHENTICATED"
          ? 401
          : code === "UPSTREAM_UNAVAILABLE"
            ? 503
            : code === "BAD_USER_INPUT"
              ? 400
              : 500;
    throw new ExportRefused(status, code, fatal[0]?.message ?? "The export could not be computed.");
  }
  return data as ExportData;
}

/** The CPOMs of the scope, each with its rows: from the campaign (exact) when the reader signed them, else as published. */
function cpomGrids(data: ExportData, request: Annex4ExportRequest): CpomGrid[] {
  const grids = new Map<string, CpomGrid>();
  for (const e of data.annex4Campaign ?? []) {
    if (!e.cpom || !e.spsti || e.spsti.id !== request.spsti) continue;
    const rows = (e.report?.rows ?? []).map((r) => ({ ...r, cpomId: e.cpom!.id }));
    grids.set(e.cpom.id, {
      cpomId: e.cpom.id,
      spsti: e.spsti,
      signedOn: e.cpom.signedOn,
      endsOn: e.cpom.endsOn,
      state: e.state,
      rows,
    });
  }
  for (const r of data.annex4 ?? []) {
    if (!r.cpom || !r.spsti) continue;
    if (request.spsti && r.spsti.id !== request.spsti) continue;
    if (request.region && r.spsti.region.code !== request.region) continue;
    let grid = grids.get(r.cpom.id);
    if (grid?.state) continue; // the campaign's exact rows already
    if (!grid) {
      grid = {
        cpomId: r.cpom.id,
        spsti: r.spsti,
        signedOn: r.cpomSignedOn,
        endsOn: r.cpomEndsOn,
        state: null,
        rows: [],
      };
      grids.set(r.cpom.id, grid);
    }
    grid.rows.push({ ...r, cpomId: r.cpom.id });
  }
  return [...grids.values()].sort(
    (a, b) => a.spsti.region.code.localeCompare(b.spsti.region.code) || a.cpomId.localeCompare(b.cpomId),
  );
}

function cpomBlock(g: CpomGrid, year: number): Cell[][] {
  const lines: [string, string][] = [
    ["SPSTI", `${g.spsti.name} (${g.spsti.id})`],
    ["Date de signature du CPOM", frenchDate(g.signedOn)],
    ["Date de fin du CPOM", frenchDate(g.endsOn)],
  ];
  if (g.state) lines.push(["État dans la campagne Passerelle", g.state]);
  return gridBlock({ title: `CPOM ${g.cpomId}`, year, lines }, g.rows);
}

function consolidated(title: string, grids: readonly CpomGrid[], year: number): Cell[][] {
  return gridBlock(
    { title, year, lines: [["CPOM consolidés", String(grids.length)]] },
    grids.flatMap((g) => g.rows),
  );
}

function blocksOf(grids: readonly CpomGrid[], request: Annex4ExportRequest): Cell[][][] {
  const { year } = request;
  if (request.spsti) return grids.map((g) => cpomBlock(g, year));
  if (request.region) {
    const name = regionOf(request.region)!.name;
    return [
      consolidated(`Région ${request.region} ${name}`, grids, year),
      ...grids.map((g) => cpomBlock(g, year)),
    ];
  }
  const regions = [...new Set(grids.map((g) => g.spsti.region.code))];
  return [
    consolidated("France entière", grids, year),
    ...regions.map((code) => {
      const inRegion = grids.filter((g) => g.spsti.region.code === code);
      return consolidated(`Région ${code} ${inRegion[0].spsti.region.name}`, inRegion, year);
    }),
  ];
}

/** The blocks one under the other, a blank line between, in one sheet. */
async function write(blocks: readonly Cell[][][], request: Annex4ExportRequest): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(`Annexe 4 ${request.year}`);
  sheet.getColumn(1).width = 62;
  for (let c = 2; c <= 8; c++) sheet.getColumn(c).width = 18;
  for (const [i, block] of blocks.entries()) {
    if (i > 0) sheet.addRow([]);
    const first = sheet.rowCount + 1;
    for (const cells of block) sheet.addRow(cells.map((c) => c ?? null));
    sheet.getRow(first).font = { bold: true };
  }
  const bytes =
    request.format === "xlsx"
      ? await workbook.xlsx.writeBuffer()
      : await workbook.csv.writeBuffer({ formatterOptions: { delimiter: ";", writeBOM: true } });
  return Buffer.from(bytes as ArrayBuffer);
}
