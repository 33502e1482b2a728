import { badInput } from "../errors.js";

/**
 * Keyset pagination shared by every list. A cursor is the opaque base64url of
 * the last item's sort key, so pages stay stable while data is added and the
 * database never skips over rows (no `skip`, which scans on every backend).
 */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Page {
  limit: number;
  after: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;

export function parsePage(args: PageArgs, maxPageSize: number): Page {
  const limit = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > maxPageSize) {
    throw badInput(`first must be between 1 and ${maxPageSize}`, "first");
  }
  if (args.after == null) return { limit, after: null };
  const decoded = Buffer.from(args.after, "base64url").toString("utf8");
  if (!decoded.startsWith("k:") || encodeCursor(decoded.slice(2)) !== args.after) {
    throw badInput("after is not a cursor returned by this API", "after");
  }
  return { limit, after: decoded.slice(2) };
}

export function encodeCursor(key: string): string {
  return Buffer.from(`k:${key}`, "utf8").toString("base64url");
}

/** Shape of every connection: fetch `limit + 1` rows and pass them here. */
export interface Connection<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export function toConnection<T>(rows: T[], limit: number, keyOf: (row: T) => string): Connection<T> {
  const nodes = rows.slice(0, limit);
  const last = nodes.at(-1);
  return {
    nodes,
    pageInfo: { hasNextPage: rows.length > limit, endCursor: last ? encodeCursor(keyOf(last)) : null },
  };
}
