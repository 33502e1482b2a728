import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { HeaderMap } from "@apollo/server";
import type { App } from "../app.js";
import { graphiqlAsset, graphiqlPage } from "./graphiql.js";
import { handleImport } from "./imports.js";

const MAX_BODY_BYTES = 1_000_000;

/**
 * The HTTP front: POST/GET /graphql go to Apollo; a browser asking for
 * /graphql gets the offline GraphiQL; POST /imports/<dataset> brings a
 * partner's file in (imports.ts); /health answers for probes. Plain
 * node:http keeps the path from socket to executor short (see bench/).
 */
export function createHttpServer(app: App): Server {
  return createServer((req, res) => {
    handle(app, req, res).catch(() => {
      if (!res.headersSent) send(res, 500, "application/json", JSON.stringify({ errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] }));
      else res.destroy();
    });
  });
}

async function handle(app: App, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (url.pathname === "/health") return send(res, 200, "application/json", '{"status":"ok"}');
  if (url.pathname.startsWith("/graphiql/")) {
    const asset = graphiqlAsset(url.pathname.slice("/graphiql/".length));
    return asset ? send(res, 200, asset.type, asset.body, "public, max-age=3600") : send(res, 404, "text/plain", "Not found");
  }
  if (url.pathname === "/" ) {
    res.writeHead(302, { location: "/graphql" });
    return void res.end();
  }
  if (url.pathname.startsWith("/imports/")) return handleImport(app, req, res, url);
  if (url.pathname !== "/graphql") return send(res, 404, "text/plain", "Not found");
  if (req.method === "GET" && (req.headers.accept ?? "").includes("text/html")) {
    return send(res, 200, "text/html; charset=utf-8", graphiqlPage());
  }

  const body = await readBody(req);
  if (body === null) return send(res, 413, "application/json", JSON.stringify({ errors: [{ message: "Request body too large", extensions: { code: "BAD_REQUEST" } }] }));
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
  }
  const result = await app.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? "GET", headers, search: url.search, body: parseBody(body, headers) },
    context: () => app.context(headers.get("authorization")),
  });
  const out: Record<string, string> = {};
  for (const [key, value] of result.headers) out[key] = value;
  res.writeHead(result.status ?? 200, out);
  if (result.body.kind === "complete") return void res.end(result.body.string);
  for await (const chunk of result.body.asyncIterator) res.write(chunk);
  res.end();
}

function parseBody(raw: string, headers: HeaderMap): unknown {
  if (!raw) return undefined;
  if ((headers.get("content-type") ?? "").startsWith("application/json")) {
    try {
      return JSON.parse(raw);
    } catch {
      return raw; // Apollo answers 400 with a clear message for a non-JSON body
    }
  }
  return raw;
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, cache = "no-store"): void {
  res.writeHead(status, { "content-type": type, "cache-control": cache });
  res.end(body);
}
