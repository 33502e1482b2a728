import type { SeedContext } from "./context.js";

/** Seeds the dreets source; returns the number of documents written. */
export async function seedDreets(_ctx: SeedContext): Promise<number> {
  return 0;
}
