import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { GraphQLError } from "graphql";
import { ErrorCode } from "../errors.js";
import { caisse, region as regionRef } from "../domain/reference.js";
import { ORG_TYPES, ROLE_ORGS, ROLES, type OrgType, type Role, type Viewer } from "./roles.js";

/**
 * Token → viewer. Production keys come from an OIDC provider's JWKS (RS256 or
 * ES256: ProConnect, Pro Santé Connect); a shared HS256 secret is for local
 * development only and is refused when NODE_ENV=production.
 */
export interface AuthConfig {
  devSecret: string | undefined;
  jwksUrl: string | undefined;
  issuer: string | undefined;
  audience: string | undefined;
  production: boolean;
}

/** The development secret used when none is configured (never in production). */
export const DEFAULT_DEV_SECRET = "passerelle-local-development-secret-not-for-production";

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
}

export type TokenVerifier = (authorization: string | undefined) => Promise<Viewer | null>;

export function createTokenVerifier(config: AuthConfig): TokenVerifier {
  if (config.production && !config.jwksUrl) throw new Error("NODE_ENV=production requires AUTH_JWKS_URL: the HS256 development secret is refused in production");
  const key: Uint8Array | JWTVerifyGetKey = config.jwksUrl
    ? createRemoteJWKSet(new URL(config.jwksUrl))
    : new TextEncoder().encode(config.devSecret ?? DEFAULT_DEV_SECRET);
  const algorithms = config.jwksUrl ? ["RS256", "ES256"] : ["HS256"];

  return async (authorization) => {
    if (!authorization) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw unauthenticated("The Authorization header must be `Bearer <token>`.");
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(match[1], key as Uint8Array, { algorithms, issuer: config.issuer, audience: config.audience }));
    } catch (err) {
      throw unauthenticated(reasonOf(err));
    }
    return viewerFromClaims(payload);
  };
}

/** A message that says what is wrong with the token, never the token itself. */
function reasonOf(err: unknown): string {
  const code = (err as { code?: string }).code;
  if (code === "ERR_JWT_EXPIRED") return "The token has expired.";
  if (code === "ERR_JWS_SIGNATURE_VERIFICATION_FAILED") return "The token's signature is not valid.";
  if (code === "ERR_JWT_CLAIM_VALIDATION_FAILED") return "The token's claims (issuer, audience or dates) are not accepted.";
  if (code === "ERR_JOSE_ALG_NOT_ALLOWED") return "The token is signed with an algorithm that is not accepted.";
  return "The token is malformed or cannot be verified.";
}

/** Validates the claims: subject, organisation {type, id}, roles that fit the organisation. */
export function viewerFromClaims(claims: JWTPayload): Viewer {
  const org = claims.org as { type?: unknown; id?: unknown } | undefined;
  if (typeof claims.sub !== "string" || !claims.sub) throw unauthenticated("The token has no subject.");
  if (!org || !ORG_TYPES.includes(org.type as OrgType) || typeof org.id !== "string" || !org.id) {
    throw unauthenticated(`The token's org claim must be {type: ${ORG_TYPES.join(" | ")}, id}.`);
  }
  const roles = claims.roles;
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every((r) => ROLES.includes(r as Role))) {
    throw unauthenticated(`The token's roles claim must list roles among ${ROLES.join(", ")}.`);
  }
  const type = org.type as OrgType;
  const misfit = (roles as Role[]).find((r) => !ROLE_ORGS[r].includes(type));
  if (misfit) throw unauthenticated(`The role ${misfit} cannot belong to an organisation of type ${type}.`);
  return { subject: claims.sub, org: { type, id: org.id }, roles: roles as Role[], region: regionOf(type, org.id, claims.region) };
}

/** A regional viewer's region: explicit claim, else the DREETS id (`dreets-52`) or the caisse's region. */
function regionOf(type: OrgType, id: string, claim: unknown): string | null {
  if (typeof claim === "string" && regionRef(claim)) return claim;
  if (type === "DREETS") return /^dreets-(\w+)$/.exec(id)?.[1] ?? null;
  if (type === "CARSAT") return caisse(id)?.regions[0] ?? null;
  return null;
}

/** Signs a development token (HS256). Used by `npm run token` and the tests. */
export async function signDevToken(
  claims: { sub: string; org: { type: OrgType; id: string }; roles: Role[]; region?: string },
  options: { secret?: string; expiresIn?: string; issuer?: string; audience?: string } = {},
): Promise<string> {
  let jwt = new SignJWT({ org: claims.org, roles: claims.roles, ...(claims.region ? { region: claims.region } : {}) })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? "8h");
  if (options.issuer) jwt = jwt.setIssuer(options.issuer);
  if (options.audience) jwt = jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(options.secret ?? DEFAULT_DEV_SECRET));
}
