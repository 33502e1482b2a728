import type { IncomingMessage, ServerResponse } from "node:http";
import { ErrorCode } from "../errors.js";

/** The response headers an export's answer carries back to the client. */
const PASSED = ["content-type", "content-disposition", "cache-control", "retry-after"];

/**
 * `/exports/annex4.*` at the gateway: forwarded to the spsti subgraph, which
 * computes it as the single process does (src/http/exports.ts), the annex-4
 * rows being the SPSTIs' own data. The subgraph verifies the token, applies
 * the same field rules, row scopes and disclosure control, and writes the
 * EXPORTED audit event in its own trail. What comes back (the file, or a JSON
 * refusal with its code and field) is passed on as is; a subgraph that does
 * not answer gives 503 UPSTREAM_UNAVAILABLE.
 */
export async function forwardExport(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  to: { spstiGraphqlUrl: string; requestId: string; timeoutMs: number },
): Promise<void> {
  const target = new URL(url.pathname + url.search, to.spstiGraphqlUrl);
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: req.method,
      headers: {
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
        "x-request-id": to.requestId,
      },
      signal: AbortSignal.timeout(to.timeoutMs),
    });
  } catch {
    console.error("[passerelle] the spsti subgraph did not answer an export");
    res.writeHead(503, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(
      JSON.stringify({
        code: ErrorCode.UPSTREAM_UNAVAILABLE,
        field: null,
        message: "The spsti subgraph is unavailable: retry shortly.",
      }),
    );
    return;
  }
  const headers = Object.fromEntries(
    PASSED.flatMap((h) => {
      const v = upstream.headers.get(h);
      return v === null ? [] : [[h, v]];
    }),
  );
  const body = Buffer.from(await upstream.arrayBuffer());
  res.writeHead(upstream.status, headers);
  res.end(body);
}
