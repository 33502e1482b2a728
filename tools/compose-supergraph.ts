/**
 * `npm run build` step: composes the four partner subgraphs into
 * dist/supergraph.graphql, the artefact the gateway serves
 * (src/gateway/supergraph.ts). Exits 1, listing every composition error,
 * when they do not compose.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { CompositionFailed, composeSupergraph } from "../src/gateway/supergraph.js";

const target = new URL("../dist/supergraph.graphql", import.meta.url);
try {
  const sdl = composeSupergraph();
  mkdirSync(new URL(".", target), { recursive: true });
  writeFileSync(target, sdl);
  console.log(`Supergraph composed: ${target.pathname} (${sdl.length} characters).`);
} catch (err) {
  if (!(err instanceof CompositionFailed)) throw err;
  console.error(err.message);
  process.exit(1);
}
