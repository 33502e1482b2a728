import type { DatasetDef, ImportOrg } from "./dataset.js";
import type { DisclosureConfig } from "../privacy/disclosure-config.js";
import type { RowIssue } from "./issues.js";

/** What an import is asked to do, by the command or the HTTP endpoint. */
export interface ImportRequest {
  dataset: DatasetDef;
  /** The file on disk (the endpoint spools the request body first). */
  path: string;
  /** The file's name as the partner gave it (provenance only). */
  fileName: string;
  org: ImportOrg;
  /** Who imports: the token's subject, or the operator. */
  subject: string;
  /** The year the file is about, when it has no year column. */
  year: number | null;
  /** Validate only: nothing is written. */
  dryRun: boolean;
  /** Disclosure settings, for a dataset with a protected grid (DatasetDef.grid); its grid is not computed without. */
  disclosure?: DisclosureConfig;
  /** Called every PROGRESS_EVERY rows read. */
  onProgress?: (rowsRead: number) => void;
}

export interface RowCounts {
  read: number;
  accepted: number;
  refused: number;
}

/** What reading a whole file gave. */
export interface ReadResult {
  rows: RowCounts;
  issues: RowIssue[];
  slices: Set<string>;
  period: { from: number; to: number } | null;
  /** Documents per slice, kept only for datasets with derived collections. */
  bySlice: Map<string, Record<string, unknown>[]> | null;
}
