import type { DatasetDef } from "../../../imports/dataset.js";
import { ACTIVITY_DATASET } from "./activity.js";
import { ESTABLISHMENTS_DATASET } from "./establishments.js";

/**
 * The datasets of the spsti source, each imported by an SPSTI for itself:
 * its member establishments and its yearly activity. Layouts:
 * docs/datasets/spsti-*.md.
 */
export const SPSTI_DATASETS: readonly DatasetDef[] = [ESTABLISHMENTS_DATASET, ACTIVITY_DATASET];
