import type { ColumnSpec } from "../../../imports/table/types.js";
import { DREETS_COLLECTIONS as C, MCP_PATHOLOGIES } from "../catalogue.js";
import { AGE_COLUMN, readAgeBand, readSex, SEX_COLUMN } from "./dimensions.js";
import type { RowCheck } from "../../../imports/row-check.js";
import { surveyDatasets } from "./survey.js";

/**
 * MCP quinzaines (Santé publique France): year × sex × age band cells, `n`
 * the salariés seen and one column of cases per pathology group. The reads
 * sum these finest cells into any margin (mcp.ts), so every row has a sex
 * and an age band. The national rows are the pooled estimate Santé publique
 * France publishes; they are imported as they are, not summed from the
 * regions' files, since a region's file says nothing of the others.
 */

const COLUMNS: ColumnSpec[] = [SEX_COLUMN(true), AGE_COLUMN(true)];

function dims(check: RowCheck): Record<string, string> {
  const sex = readSex(check, false);
  const ageBand = readAgeBand(check, false);
  return { ...(sex === null ? {} : { sex }), ...(ageBand === null ? {} : { ageBand }) };
}

/** `dreets-mcp` (pooled national cells, dreets_mcp) and `dreets-mcp-regional` (a region's quinzaines, dreets_mcp_regional). */
export const MCP_DATASETS = surveyDatasets({
  name: "dreets-mcp",
  survey: "MCP",
  collections: { national: C.mcp, regional: C.mcpRegional },
  time: "year",
  nHeaders: ["salariés vus", "nombre de salariés vus", "salaries seen", "effectif"],
  counted: "cases",
  measures: MCP_PATHOLOGIES,
  columns: COLUMNS,
  dims,
  keyFields: ["sex", "ageBand"],
});
