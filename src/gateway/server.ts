import type { Server } from "node:http";
import { SUBGRAPH_NAMES, type SubgraphName } from "../federation/names.js";
import { applyCors } from "../http/cors.js";
import { graphiqlPage } from "../http/graphiql.js";
import { handleGraphQL } from "../http/graphql.js";
import { READY_TIMEOUT_MS } from "../http/probes.js";
import { browserPages, createFrontServer, graphqlRoute, send, type HttpOptions } from "../http/server.js";
import type { GatewayApp } from "./app.js";
import { forwardExport } from "./exports.js";

/**
 * The gateway's HTTP front, with the single process's perimeter
 * (src/http/server.ts): /graphql through Passerelle's Apollo pipeline and
 * Hive Gateway, the offline GraphiQL for browsers, the dashboards (which
 * call /graphql), the annex-4 exports (forwarded to the spsti subgraph),
 * /health and /ready. Imports go to each partner's own subgraph, which holds
 * its database; the gateway holds none.
 */
export function createGatewayServer(
  app: GatewayApp,
  urls: Record<SubgraphName, string>,
  options: HttpOptions = {},
): Server {
  return createFrontServer(options, async (perimeter, req, res, url, trace) => {
    if (url.pathname === "/health") return send(res, 200, "application/json", '{"status":"ok"}');
    if (url.pathname === "/ready") {
      const { status, body } = await subgraphsReadiness(urls);
      return send(res, status, "application/json", JSON.stringify(body));
    }
    if (await browserPages(req, res, url)) return;
    if (url.pathname.startsWith("/imports/"))
      return send(
        res,
        404,
        "application/json",
        JSON.stringify({
          code: "NOT_FOUND",
          message:
            "Imports go to the partner's own subgraph (POST <subgraph>/imports/<dataset>): the gateway holds no data.",
        }),
      );
    if (url.pathname.startsWith("/exports/"))
      return forwardExport(req, res, url, {
        spstiGraphqlUrl: urls.spsti,
        requestId: trace.id,
        // Past the subgraph's own execution limit, so that its TIMEOUT answer is the one that comes back.
        timeoutMs: app.config.executionTimeoutMs + 5_000,
      });
    if (url.pathname !== "/graphql") return send(res, 404, "text/plain", "Not found");
    if (applyCors(req, res, perimeter.origins)) return;
    if (req.method === "GET" && (req.headers.accept ?? "").includes("text/html"))
      return send(res, 200, "text/html; charset=utf-8", graphiqlPage());
    return handleGraphQL(app, req, res, url, trace, graphqlRoute(perimeter, req));
  });
}

type SubgraphState = "ready" | "unavailable";

/**
 * `/ready`: each subgraph's own readiness. The gateway serves as long as one
 * subgraph answers (the others' fields are null with UPSTREAM_UNAVAILABLE),
 * so it is unready (503) only when none does; the body says which are up.
 */
export async function subgraphsReadiness(urls: Record<SubgraphName, string>) {
  const states = await Promise.all(
    SUBGRAPH_NAMES.map(async (name): Promise<[SubgraphName, SubgraphState]> => {
      try {
        const res = await fetch(new URL("/ready", urls[name]), {
          signal: AbortSignal.timeout(READY_TIMEOUT_MS),
        });
        return [name, res.ok ? "ready" : "unavailable"];
      } catch {
        return [name, "unavailable"];
      }
    }),
  );
  const anyReady = states.some(([, s]) => s === "ready");
  return {
    status: anyReady ? 200 : 503,
    body: {
      status: anyReady ? "ready" : "unavailable",
      ...(anyReady ? {} : { code: "UPSTREAM_UNAVAILABLE" }),
      subgraphs: Object.fromEntries(states),
    },
  };
}
