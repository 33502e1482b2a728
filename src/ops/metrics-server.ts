import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import { collectProcessMetrics, registry } from "./metrics.js";

/**
 * `GET /metrics` on a port of its own (METRICS_PORT), for Prometheus, with
 * `Authorization: Bearer <METRICS_TOKEN>`. A port apart keeps the metrics off
 * the partners' address (a reverse proxy publishes only the API port); the
 * token keeps them from whoever reaches the port anyway. Anything else: 401
 * without the token, 404 for another path.
 */
export function createMetricsServer(token: string): Server {
  if (!token) throw new Error("METRICS_TOKEN is required when METRICS_PORT is set");
  collectProcessMetrics();
  const expected = digest(`Bearer ${token}`);
  return createServer((req, res) => {
    const authorized = timingSafeEqual(digest(req.headers.authorization ?? ""), expected);
    if (!authorized) {
      res.writeHead(401, {
        "content-type": "text/plain",
        "www-authenticate": 'Bearer realm="metrics"',
        "cache-control": "no-store",
      });
      return void res.end("Unauthorized\n");
    }
    if (
      new URL(req.url ?? "/", "http://localhost").pathname !== "/metrics" ||
      (req.method !== "GET" && req.method !== "HEAD")
    ) {
      res.writeHead(404, { "content-type": "text/plain" });
      return void res.end("Not found\n");
    }
    registry.metrics().then(
      (text) => {
        res.writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" });
        res.end(text);
      },
      () => {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end("Metrics unavailable\n");
      },
    );
  });
}

/** Compared as digests: equal lengths for timingSafeEqual, and no timing clue about the token's length. */
function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}
