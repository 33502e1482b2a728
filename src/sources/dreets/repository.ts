import type { Filter, Document } from "mongodb";
import type { ImportedReads } from "../../db/imported-reads.js";
import { DREETS_COLLECTIONS as C, evrestIndicator, mcpPathology, sumerIndicator } from "./catalogue.js";

/**
 * The only module of the DREETS source that talks to MongoDB. Filters are
 * built from typed plan fields only; measure (count) field names are
 * intersected with the catalogue before they reach a projection.
 *
 * No $group here on purpose: FerretDB v1 computes only the FIRST accumulator
 * of a $group stage (later `$sum`s come back as 0, measured), and it decodes
 * every document of a collection whatever the filter anyway. So each batch is
 * one `find` with a projection, and sums are made in code (tabulate.ts).
 */

/**
 * A stored count document: dimension fields (absent = all values), counts
 * (null once disclosure control masked them) and `_v`, its dataset version
 * ("<importId>/<slice>"). A cell summed from several documents carries
 * `versions` instead: the import ids of all of them (tabulate.ts).
 */
export type CellDoc = Record<string, string | number | null | undefined | readonly string[]>;

/** Level of a SUMER margin document. */
export type SumerLevel = "ALL" | "SECTION" | "NAF2";

export interface SumerFetch {
  regional: boolean;
  /** Regional collection only. */
  regions: string[];
  periods: string[] | null;
  indicators: string[];
}

export interface EvrestFetch {
  regional: boolean;
  regions: string[];
  periods: string[] | null;
  indicators: string[];
}

export interface McpFetch {
  regional: boolean;
  from: number;
  to: number;
  regions: string[];
  pathologies: string[];
}

const allowed = (codes: string[], catalogue: Map<string, unknown>) =>
  [...new Set(codes)].filter((c) => catalogue.has(c));

/**
 * Find options: an explicit projection (a result is bounded by the survey
 * grid: a few thousand cells at most). `_v` names each cell's dataset
 * version: rows say which versions their figures come from.
 */
function options(dimensions: string[], measures: string[]) {
  return {
    projection: Object.fromEntries([
      ["_id", 0],
      ...[...dimensions, "n", ...measures, "_v"].map((f) => [f, 1]),
    ]) as Document,
  };
}

/**
 * SUMER margin cells (margins are stored, not summed): every level and
 * breakdown of the waves asked for, since a cell is masked within the grid
 * of its whole wave (disclosure.ts).
 */
export async function findSumerCells(reads: ImportedReads, f: SumerFetch): Promise<readonly CellDoc[]> {
  const filter: Filter<Document> = {};
  if (f.regional) filter.region = { $in: f.regions };
  if (f.periods) filter.period = { $in: f.periods };
  const dims = ["level", "period", "section", "naf2", "sex", "ageBand", ...(f.regional ? ["region"] : [])];
  const collection = f.regional ? C.sumerRegional : C.sumer;
  return reads.find<CellDoc>(collection, filter, options(dims, allowed(f.indicators, sumerIndicator)));
}

/**
 * EVREST sex × age band cells (sparse: empty cells are not stored), per
 * section and for all sectors (no `section`: the sum of the section cells),
 * both: a cell is masked within the grid of its whole period (disclosure.ts).
 */
export async function findEvrestCells(reads: ImportedReads, f: EvrestFetch): Promise<readonly CellDoc[]> {
  const filter: Filter<Document> = {};
  if (f.regional) filter.region = { $in: f.regions };
  if (f.periods) filter.period = { $in: f.periods };
  const dims = ["period", "section", "sex", "ageBand", ...(f.regional ? ["region"] : [])];
  const collection = f.regional ? C.evrestRegional : C.evrest;
  return reads.find<CellDoc>(collection, filter, options(dims, allowed(f.indicators, evrestIndicator)));
}

/** MCP year × sex × age band cells of the years [from, to]. */
export async function findMcpCells(reads: ImportedReads, f: McpFetch): Promise<readonly CellDoc[]> {
  const filter: Filter<Document> = { year: { $gte: f.from, $lte: f.to } };
  if (f.regional) filter.region = { $in: f.regions };
  const dims = ["year", "sex", "ageBand", ...(f.regional ? ["region"] : [])];
  const collection = f.regional ? C.mcpRegional : C.mcp;
  return reads.find<CellDoc>(collection, filter, options(dims, allowed(f.pathologies, mcpPathology)));
}
