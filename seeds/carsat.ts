import type { SeedContext } from "./context.js";

/** Seeds the carsat source; returns the number of documents written. */
export async function seedCarsat(_ctx: SeedContext): Promise<number> {
  return 0;
}
