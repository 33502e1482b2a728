import { createHmac, timingSafeEqual } from "node:crypto";
import {
  defaultExecutionRequestSerializer,
  defaultParamsSerializer,
} from "@graphql-mesh/hmac-upstream-signature";

/** Where Hive Gateway puts its signature in a subgraph request's body (`hmacSignature` option). */
export const SIGNATURE_EXTENSION = "hmac-signature";

/**
 * Why a subgraph request does not carry the gateway's signature, or null
 * when it does. The gateway signs its query and variables, serialised by
 * the same function it uses (@graphql-mesh/hmac-upstream-signature), with
 * HMAC-SHA256; the validator of that package runs only inside GraphQL Yoga,
 * so the comparison is made here, in constant time. The signature covers
 * neither the headers (the viewer's token: each subgraph verifies it
 * itself) nor time (a captured call can be replayed), so it only keeps the
 * subgraphs reachable from the gateway alone (docs/federation.md).
 */
export function signatureProblem(body: unknown, secret: string): string | null {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return "a JSON object body is required";
  const params = body as { query?: unknown; variables?: unknown; extensions?: Record<string, unknown> };
  const given = params.extensions?.[SIGNATURE_EXTENSION];
  if (typeof given !== "string" || given === "") return "the gateway's signature is missing";
  if (typeof params.query !== "string") return "the query is missing";
  const signed = defaultParamsSerializer({
    query: params.query,
    variables: (params.variables ?? undefined) as Record<string, unknown> | undefined,
  });
  const expected = createHmac("sha256", secret)
    .update(signed ?? "", "utf8")
    .digest();
  const signature = Buffer.from(given, "base64");
  return signature.length === expected.length && timingSafeEqual(signature, expected)
    ? null
    : "the gateway's signature does not match the request";
}

/** A subgraph call as Hive's `onSubgraphExecute` hook gets it. */
interface SubgraphCall {
  executionRequest: Parameters<typeof defaultExecutionRequestSerializer>[0];
}

/**
 * The gateway's side: signs every subgraph call as Hive's own
 * `hmacSignature` option does (@graphql-mesh/hmac-upstream-signature: the
 * same serializer, algorithm and extension), but with node:crypto's
 * synchronous HMAC. The package signs through WebCrypto, whose asynchronous
 * job per call took 3.9 % of the gateway's CPU on the dashboards (its whole
 * signing, 8.4 %); tests/federation-perimeter.test.ts checks that a subgraph
 * accepts these signatures and refuses any other.
 */
export function gatewaySigning(secret: string) {
  return {
    onSubgraphExecute({ executionRequest }: SubgraphCall) {
      const signature = createHmac("sha256", secret)
        .update(defaultExecutionRequestSerializer(executionRequest) ?? "", "utf8")
        .digest("base64");
      executionRequest.extensions = { ...executionRequest.extensions, [SIGNATURE_EXTENSION]: signature };
    },
  };
}
