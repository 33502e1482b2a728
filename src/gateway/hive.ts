import events from "node:events";
import { Agent } from "node:http";
import { createGatewayRuntime } from "@graphql-hive/gateway-runtime";
import http from "@graphql-mesh/transport-http";
import type { SubgraphName } from "../federation/names.js";
import { datasetsResolvers } from "./datasets.js";
import { gatewaySigning } from "../federation/signature.js";

export interface HiveOptions {
  /** The composed supergraph SDL (src/gateway/supergraph.ts). */
  supergraph: string;
  /** Where each subgraph answers (its /graphql). */
  urls: Record<SubgraphName, string>;
  /** The HMAC secret the subgraphs check (GATEWAY_SECRET). */
  secret: string;
  /** How long a subgraph call may take, in ms. */
  timeoutMs: number;
}

export type Hive = ReturnType<typeof createGatewayRuntime>;

/**
 * Hive Gateway's runtime (MIT): the query planner over the supergraph, the
 * subgraph calls (batched `_entities`, keep-alive connections), each signed
 * by Passerelle's plugin (`gatewaySigning`), and the dataset lists merged
 * from three subgraphs (datasets.ts). It sits behind Passerelle's own front
 * (src/gateway/app.ts), which gives the federation the single process's
 * limits, trusted documents, GraphiQL, error codes and masking; so its own
 * landing page, GraphiQL (CDN-loaded) and probes are off. It forwards the
 * viewer's Authorization header to every subgraph, which verifies the token
 * itself (docs/federation.md, trust model).
 */
export function createHive(options: HiveOptions): Hive {
  // Hive's HTTP executor hangs an abort listener on the gateway's long-lived signal for every subgraph call
  // (@graphql-hive/signal's abortSignalAny), and removes it only once the call's own signals are garbage
  // collected (FinalizationRegistry). Between two collections, hundreds pile up, and Node warns of a
  // "possible memory leak" at 10, then at any threshold under load. It is not one: over 1,600 sequential
  // requests the heap after collection stayed at 103-107 MB. The warning threshold of this process is set
  // far above what piles up between collections.
  events.defaultMaxListeners = Math.max(events.defaultMaxListeners, 5_000);
  // One pool of kept-alive sockets per gateway (Node's global agent would share it with anything else).
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  return createGatewayRuntime({
    supergraph: options.supergraph,
    transports: { http },
    transportEntries: Object.fromEntries(
      Object.entries(options.urls).map(([name, location]) => [name, { location }]),
    ),
    customAgent: () => agent,
    // Every subgraph call signed (HMAC-SHA256 of its query and variables), as `hmacSignature` would.
    plugins: () => [gatewaySigning(options.secret)],
    // Every importing partner's dataset versions, merged (each subgraph lists its own).
    additionalResolvers: datasetsResolvers(),
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({
        authorization: request.headers.get("authorization") ?? undefined,
        "x-request-id": request.headers.get("x-request-id") ?? undefined,
      }),
    },
    upstreamTimeout: options.timeoutMs,
    landingPage: false,
    graphiql: false,
    // Errors are re-coded by the front (src/gateway/executor.ts): Hive's own masking would hide which
    // subgraph did not answer.
    maskedErrors: false,
    // Hive's error logs can quote a subgraph call's body, variables included (a fiche's fields in a PDP
    // mutation): none are written. The front logs each error it recodes, by code only (executor.ts).
    logging: false,
  });
}
