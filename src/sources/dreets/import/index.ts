import type { DatasetDef } from "../../../imports/dataset.js";
import { EVREST_DATASETS } from "./evrest.js";
import { MCP_DATASETS } from "./mcp.js";
import { SUMER_DATASETS } from "./sumer.js";

/**
 * The datasets of the dreets source: for each survey, its national tables
 * (a NATIONAL organisation) and its regional extensions (each DREETS, its
 * own region). Layouts: docs/datasets/dreets-*.md.
 */
export const DREETS_DATASETS: readonly DatasetDef[] = [
  ...SUMER_DATASETS,
  ...EVREST_DATASETS,
  ...MCP_DATASETS,
];
