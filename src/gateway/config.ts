import { SUBGRAPH_NAMES, type SubgraphName } from "../federation/names.js";

export interface GatewaySettings {
  /** GATEWAY_SECRET: the HMAC secret it signs subgraph calls with, the one each subgraph checks. */
  secret: string;
  /** SUBGRAPH_URL_<NAME>: where each partner's subgraph answers, e.g. `https://carsat.example/graphql`. */
  urls: Record<SubgraphName, string>;
}

/** The gateway's own settings; the rest (port, tokens, limits, perimeter) is src/config.ts's. */
export function loadGatewaySettings(env: NodeJS.ProcessEnv = process.env): GatewaySettings {
  const secret = env.GATEWAY_SECRET ?? "";
  if (secret.length < 32) throw new Error("GATEWAY_SECRET must be set, 32 characters or more");
  const urls = {} as Record<SubgraphName, string>;
  for (const name of SUBGRAPH_NAMES) {
    const key = `SUBGRAPH_URL_${name.toUpperCase()}`;
    const raw = env[key] ?? "";
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new Error(`${key} must be the URL of the ${name} subgraph's /graphql, got "${raw}"`);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:")
      throw new Error(`${key} must be an http(s) URL, got "${raw}"`);
    urls[name] = url.href;
  }
  return { secret, urls };
}
