import { readFileSync } from "node:fs";
import { composeServices, compositionHasErrors } from "@theguild/federation-composition";
import { subgraphTypeDefs } from "../federation/subgraph-schema.js";
import { SUBGRAPH_NAMES, type SubgraphName } from "../federation/names.js";

/**
 * The address a subgraph has in the composed supergraph. The gateway reaches
 * each subgraph at the URL its configuration gives (SUBGRAPH_URL_<NAME>,
 * src/gateway/config.ts), so the artefact is the same for every deployment.
 */
export const placeholderUrl = (name: SubgraphName) => `http://${name}.subgraph.invalid/graphql`;

/** Raised when the subgraphs do not compose: every composition error, with its code. */
export class CompositionFailed extends Error {
  constructor(readonly problems: string[]) {
    super(`The subgraphs do not compose:\n${problems.map((p) => `- ${p}`).join("\n")}`);
    this.name = "CompositionFailed";
  }
}

/**
 * Composes the four partner subgraphs (src/federation/subgraphs.ts) into the
 * supergraph SDL with @theguild/federation-composition, from the same SDL
 * files the subgraphs serve. `npm run build` writes it to
 * dist/supergraph.graphql (tools/compose-supergraph.ts), and fails when it
 * does not compose.
 */
export function composeSupergraph(): string {
  const result = composeServices(
    SUBGRAPH_NAMES.map((name) => ({ name, typeDefs: subgraphTypeDefs(name), url: placeholderUrl(name) })),
  );
  if (compositionHasErrors(result))
    throw new CompositionFailed(result.errors.map((e) => `${e.message} (${String(e.extensions?.code)})`));
  return result.supergraphSdl;
}

/** The build's supergraph, next to the compiled code (dist/supergraph.graphql). */
export const SUPERGRAPH_FILE = new URL("../../supergraph.graphql", import.meta.url);

/** The supergraph the build wrote, or a clear error naming the command that writes it. */
export function readSupergraph(): string {
  try {
    return readFileSync(SUPERGRAPH_FILE, "utf8");
  } catch {
    throw new Error(
      `No supergraph at ${SUPERGRAPH_FILE.pathname}: run \`npm run build\` first (it composes it).`,
    );
  }
}
