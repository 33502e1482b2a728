import type { DatasetDef } from "../../../imports/dataset.js";
import { CARSAT_AT, CARSAT_TRAJET } from "./at.js";
import { CARSAT_MP } from "./mp.js";

/** The datasets of the carsat source: the Assurance Maladie's AT, trajet and MP files (docs/datasets/carsat-*.md). */
export const CARSAT_DATASETS: readonly DatasetDef[] = [CARSAT_AT, CARSAT_TRAJET, CARSAT_MP];
