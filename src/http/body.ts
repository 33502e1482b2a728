import type { IncomingMessage, ServerResponse } from "node:http";

/** MAX_BODY_BYTES's default: 1 MB holds any operation a dashboard sends, variables included. */
export const DEFAULT_MAX_BODY_BYTES = 1_000_000;

/** The code of a body over the limit (HTTP 413). */
export const PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";

/**
 * The body as text, or null as soon as it passes `maxBytes` (a declared
 * Content-Length over it is refused before any byte is read). Past the limit
 * the rest is still read and dropped: destroying the request resets the
 * connection, and the client then sees a TCP reset instead of the 413. The
 * caller answers with `refuseBody`, which closes the connection once the
 * answer is out, so a client cannot keep streaming.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<string | null> {
  if (Number(req.headers["content-length"] ?? 0) > maxBytes) {
    req.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      chunks.length = 0;
      req.off("data", onData);
      req.resume(); // drop the rest
      resolve(null);
    };
    req.on("data", onData);
    req.on("end", () => resolve(size > maxBytes ? null : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/**
 * Answers 413 with a JSON body (`body`, or the GraphQL error shape) and
 * `Connection: close`: Node closes the connection once the answer is sent,
 * without waiting for the rest of an oversized body.
 */
export function refuseBody(res: ServerResponse, body: object): void {
  res.writeHead(413, {
    "content-type": "application/json",
    "cache-control": "no-store",
    connection: "close",
  });
  res.end(JSON.stringify(body));
}

/** The GraphQL-shaped 413 answer of /graphql. */
export function tooLargeError(): object {
  return {
    errors: [
      {
        message: "The request body is larger than this server accepts (MAX_BODY_BYTES).",
        extensions: { code: PAYLOAD_TOO_LARGE },
      },
    ],
  };
}
