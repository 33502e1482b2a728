import type { SeedContext } from "./context.js";

/** Seeds the pdp source; returns the number of documents written. */
export async function seedPdp(_ctx: SeedContext): Promise<number> {
  return 0;
}
