import type { IncomingMessage, ServerResponse } from "node:http";
import { HeaderMap } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { ApolloServer } from "@apollo/server";
import type { Access } from "../auth/access.js";
import type { Config } from "../config.js";
import { RATE_LIMITED, type RateLimits, type RateRefusal } from "../ops/rate-limit.js";
import type { RequestTrace } from "../ops/request-trace.js";
import { recordLimitRefusal } from "../ops/metrics.js";
import { readBody, refuseBody, tooLargeError } from "./body.js";
import { ErrorCode, timedOut } from "../errors.js";

/** What /graphql needs of a server: the single process, a subgraph, or the gateway's front. */
export interface GraphQLApp<C extends ViewerContext = ViewerContext> {
  apollo: ApolloServer<C>;
  /** Verifies the token and builds the request's context. */
  context(authorization: string | undefined): Promise<C>;
  config: Pick<Config, "executionTimeoutMs" | "maxResponseBytes">;
}

/** The part of a request's context the HTTP layer reads: the viewer's rights and the request id. */
export interface ViewerContext {
  requestId: string;
  access: Access;
}

export interface GraphQLRouteOptions {
  maxBodyBytes: number;
  limits: RateLimits | null;
  /** The client's address, for the rate limit of requests without a token. */
  ip: string;
  /** A subgraph's check that the request comes from the gateway (src/federation/signature.ts): why not, or null. */
  signatureProblem?: (body: unknown) => string | null;
}

/**
 * POST/GET /graphql through Apollo. The context is the app's (the token
 * verified once, there), with the request id of the trace, and the rate
 * limits are checked on the viewer it verified: a refusal is a GraphQLError
 * with HTTP 429 and Retry-After, which Apollo answers before parsing anything.
 */
export async function handleGraphQL<C extends ViewerContext>(
  app: GraphQLApp<C>,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  trace: RequestTrace,
  options: GraphQLRouteOptions,
): Promise<void> {
  const body = await readBody(req, options.maxBodyBytes);
  if (body === null) {
    recordLimitRefusal("body");
    trace.codes.add("PAYLOAD_TOO_LARGE");
    return refuseBody(res, tooLargeError());
  }
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
  }
  const parsed = parseBody(body, headers);
  const unsigned = options.signatureProblem?.(req.method === "POST" ? parsed : null);
  if (unsigned)
    return refuseAnswer(
      res,
      trace,
      401,
      ErrorCode.UNAUTHENTICATED,
      `This subgraph answers its gateway only: ${unsigned}.`,
    );
  const execution = app.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: req.method ?? "GET",
      headers,
      search: url.search,
      body: parsed,
    },
    context: () => contextFor(app, headers.get("authorization"), trace, options),
  });
  // A backstop to the cooperative deadline of the reads (src/db/imported-reads.ts): whatever a request
  // is stuck on, its client gets an answer, and the server goes on serving others meanwhile.
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>(
    (resolve) => (timer = setTimeout(() => resolve(null), app.config.executionTimeoutMs + 1_000)),
  );
  const result = await Promise.race([execution, timeout]).finally(() => clearTimeout(timer));
  if (result === null) return refuseAnswer(res, trace, 503, ErrorCode.TIMEOUT, timedOut().message);
  if (result.body.kind === "complete" && result.body.string.length > app.config.maxResponseBytes) {
    recordLimitRefusal("response");
    return refuseAnswer(
      res,
      trace,
      400,
      ErrorCode.RESPONSE_TOO_LARGE,
      "The answer is larger than this server sends: ask for fewer items (first:) or fields.",
    );
  }
  const out: Record<string, string> = {};
  for (const [key, value] of result.headers) out[key] = value;
  const status = result.status ?? 200;
  res.writeHead(status, out);
  if (result.body.kind === "complete") {
    if (status >= 400 && !trace.response) noteCodes(trace, result.body.string);
    return void res.end(result.body.string);
  }
  for await (const chunk of result.body.asyncIterator) res.write(chunk);
  res.end();
}

/** An answer replaced by one error (its data is not sent). */
function refuseAnswer(
  res: ServerResponse,
  trace: RequestTrace,
  status: number,
  code: string,
  message: string,
): void {
  trace.codes.add(code);
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

async function contextFor<C extends ViewerContext>(
  app: GraphQLApp<C>,
  authorization: string | undefined,
  trace: RequestTrace,
  options: GraphQLRouteOptions,
): Promise<C> {
  let context: C;
  try {
    context = await app.context(authorization);
  } catch (err) {
    // A refused token counts against the address: guessing tokens is rate limited too.
    const refusal = await options.limits?.admit(null, options.ip);
    const error = refusal ? rateLimited(refusal) : err;
    if (error instanceof GraphQLError && typeof error.extensions.code === "string")
      trace.codes.add(error.extensions.code);
    throw error;
  }
  const viewer = context.access.viewer;
  trace.roles = viewer?.roles ?? null;
  trace.org = viewer ? `${viewer.org.type}:${viewer.org.id}` : null;
  const refusal = await options.limits?.admit(viewer, options.ip);
  if (refusal) {
    trace.codes.add(RATE_LIMITED);
    throw rateLimited(refusal);
  }
  // The request id of the logs, the response header and the audit trail are one.
  return { ...context, requestId: trace.id };
}

/** The 429 answer: Retry-After in seconds, a stable code, and which limit (never its value). */
export function rateLimited(refusal: RateRefusal): GraphQLError {
  const scope =
    refusal.kind === "rate_org"
      ? "your organisation"
      : refusal.kind === "rate_subject"
        ? "your token"
        : "your address";
  // Apollo reads `http.headers` as its HeaderMap (a Map). GraphQL Yoga, which the gateway's types bring
  // in, declares the same extension as a plain record, and the declarations merge: hence the cast.
  const headers = new HeaderMap([["retry-after", String(refusal.retryAfterSeconds)]]) as unknown as Record<
    string,
    string
  >;
  return new GraphQLError(`Too many requests for ${scope}. Retry in ${refusal.retryAfterSeconds} s.`, {
    extensions: { code: RATE_LIMITED, http: { status: 429, headers } },
  });
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

/** The codes of an error answered before any operation ran (a CSRF refusal, a malformed request): a small body. */
function noteCodes(trace: RequestTrace, body: string): void {
  if (body.length > 10_000) return;
  try {
    const parsed = JSON.parse(body) as { errors?: { extensions?: { code?: unknown } }[] };
    for (const e of parsed.errors ?? [])
      if (typeof e.extensions?.code === "string") trace.codes.add(e.extensions.code);
  } catch {
    // not JSON: no code to note
  }
}
