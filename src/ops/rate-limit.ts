import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { Viewer } from "../auth/roles.js";
import { recordLimitRefusal } from "./metrics.js";

/** The code of a request refused by a rate limit (HTTP 429, with Retry-After). */
export const RATE_LIMITED = "RATE_LIMITED";

export interface RateLimitConfig {
  /** Requests a minute per token subject, or per client address without a token (RATE_LIMIT_PER_MINUTE); 0: off. */
  perMinute: number;
  /** Requests a minute per organisation, all its subjects together (RATE_LIMIT_ORG_PER_MINUTE); 0: off. */
  orgPerMinute: number;
}

/** A refusal: which limit, and how many seconds until it lets the caller through again. */
export interface RateRefusal {
  kind: "rate_subject" | "rate_org" | "rate_ip";
  retryAfterSeconds: number;
}

export interface RateLimits {
  /** Counts one request of `viewer` (or, without a viewer, of address `ip`); the refusal when a limit is reached, else null. */
  admit(viewer: Viewer | null, ip: string): Promise<RateRefusal | null>;
}

/**
 * Fixed one-minute windows per key, in this process's memory
 * (rate-limiter-flexible's RateLimiterMemory: maintained, atomic per key,
 * expired keys dropped by itself). With several server processes each keeps
 * its own counts, so a caller gets up to N times the limit: set the limits
 * per process, or move to one of the library's shared stores (Redis, Mongo)
 * with the same calls. Null when both limits are off.
 */
export function createRateLimits(config: RateLimitConfig): RateLimits | null {
  if (config.perMinute <= 0 && config.orgPerMinute <= 0) return null;
  const subject =
    config.perMinute > 0
      ? new RateLimiterMemory({ keyPrefix: "subject", points: config.perMinute, duration: 60 })
      : null;
  const org =
    config.orgPerMinute > 0
      ? new RateLimiterMemory({ keyPrefix: "org", points: config.orgPerMinute, duration: 60 })
      : null;
  return {
    async admit(viewer, ip) {
      if (!viewer) return consume(subject, `ip:${ip}`, "rate_ip");
      // The subject is unique within its identity provider, which may serve several organisations.
      return (
        (await consume(subject, `${viewer.org.type}:${viewer.org.id}:${viewer.subject}`, "rate_subject")) ??
        consume(org, `${viewer.org.type}:${viewer.org.id}`, "rate_org")
      );
    },
  };
}

async function consume(
  limiter: RateLimiterMemory | null,
  key: string,
  kind: RateRefusal["kind"],
): Promise<RateRefusal | null> {
  if (!limiter) return null;
  try {
    await limiter.consume(key);
    return null;
  } catch (res) {
    if (!(res instanceof RateLimiterRes)) throw res;
    recordLimitRefusal(kind);
    return { kind, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
  }
}
