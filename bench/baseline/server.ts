import { disclosureSummary, gridsFor } from "../../src/privacy/disclosure-config.js";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { DataVersions } from "../../src/db/data-versions.js";
import type { Db } from "mongodb";
import type { Config } from "../../src/config.js";
import { createContext, type ContextDeps } from "../../src/context.js";
import { createTokenVerifier } from "../../src/auth/tokens.js";
import { API_VERSION } from "../../src/app.js";
import { readSeedInfo } from "../../src/db/meta.js";
import { insertAuditEvents } from "../../src/sources/audit/repository.js";
import { handlers } from "./handlers.js";
import type { ImportedReads } from "../../src/db/imported-reads.js";

/**
 * The hand-written baseline: a tiny node:http server, one route per benchmark
 * operation (`POST /<workload>/<operation>`). Per request it does what
 * Passerelle must do besides GraphQL: read the body, verify the token, build
 * the viewer's loaders, read (or write) the same data, write the audit
 * events of personal data, and answer `{"data": ...}`.
 */
export async function createBaselineServer(
  db: Db,
  imported: { reads: ImportedReads; versions: DataVersions },
  config: Config,
  listLength = 1000,
): Promise<Server> {
  const seed = await readSeedInfo(db);
  const deps: ContextDeps = {
    db,
    reads: imported.reads,
    versions: imported.versions,
    config,
    about: { version: API_VERSION, seedScale: seed?.scale ?? null, disclosure: disclosureSummary(config) },
    verifyToken: createTokenVerifier(config.auth),
    // The same disclosure control as the server it is compared with.
    grids: gridsFor(config, db),
  };
  const routes = handlers(listLength);
  return createServer(async (req, res) => {
    try {
      const [, workload, operation] = (req.url ?? "").split("/");
      const handler = routes[workload]?.[operation];
      const body = (await readBody(req)) as { variables?: Record<string, unknown> | null } | null;
      if (!handler) {
        res.writeHead(404, { "content-type": "application/json" }).end('{"error":"no such route"}');
        return;
      }
      const ctx = await createContext(deps, req.headers.authorization);
      const data = await handler.fetch(ctx, body?.variables ?? null);
      const built = handler.build(data);
      const answer = JSON.stringify({ data: built });
      // Personal data leaves only once its access is traced, as with Passerelle's audit plugin.
      if (handler.audit) await insertAuditEvents(db, handler.audit(ctx, data, built));
      res
        .writeHead(200, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" })
        .end(answer);
    } catch (err) {
      // The benchmark checks every status: a failing baseline shows, it is never counted as fast.
      res
        .writeHead(500, { "content-type": "application/json" })
        .end(JSON.stringify({ error: err instanceof Error ? err.name : "error" }));
    }
  });
}

/** Reads (and parses, as a real endpoint would) the JSON body the benchmark sends to both servers. */
function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      resolve(raw ? JSON.parse(raw) : null);
    });
    req.on("error", reject);
  });
}
