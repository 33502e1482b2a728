import type { SeedContext } from "./context.js";

/** Seeds the spsti source; returns the number of documents written. */
export async function seedSpsti(_ctx: SeedContext): Promise<number> {
  return 0;
}
