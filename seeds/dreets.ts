import { insertChunked, type SeedContext } from "./context.js";
import { sumerDocuments } from "./dreets-sumer.js";
import { evrestDocuments } from "./dreets-evrest.js";
import { mcpDocuments } from "./dreets-mcp.js";
import { regions } from "../src/domain/reference.js";
import { DREETS_COLLECTIONS as C } from "../src/sources/dreets/catalogue.js";

/**
 * Seeds the DREETS source: SUMER, EVREST and MCP survey counts (never
 * rates). The national rows are the same at both scales; the "region" scale
 * adds the regional rows of Pays de la Loire (52), the "national" scale those
 * of every region. Each region is drawn from its own fork, so Pays de la
 * Loire's rows are identical at both scales.
 */
export async function seedDreets(ctx: SeedContext): Promise<number> {
  const scope = ctx.scale === "national" ? regions.map((r) => r.code) : ["52"];
  const sumer = sumerDocuments(ctx.rng.fork("sumer"), scope);
  const evrest = evrestDocuments(ctx.rng.fork("evrest"), scope);
  const mcp = mcpDocuments(ctx.rng.fork("mcp"), scope);
  let written = 0;
  written += await insertChunked(ctx, C.sumer, sumer.national);
  written += await insertChunked(ctx, C.sumerRegional, sumer.regional);
  written += await insertChunked(ctx, C.evrest, evrest.national);
  written += await insertChunked(ctx, C.evrestRegional, evrest.regional);
  written += await insertChunked(ctx, C.mcp, mcp.national);
  written += await insertChunked(ctx, C.mcpRegional, mcp.regional);
  return written;
}
