import { createHash, randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload } from "jose";
import { GraphQLError } from "graphql";
import { LRUCache } from "lru-cache";
import { loadConfig, type AuthConfig } from "../config.js";
import { ErrorCode } from "../errors.js";
import { caisse, region as regionRef } from "../domain/reference.js";
import { ORG_TYPES, ROLE_ORGS, ROLES, type OrgType, type Role, type Viewer } from "./roles.js";

/**
 * Token → viewer. Production keys come from an OIDC provider's JWKS (RS256 or
 * ES256: ProConnect, Pro Santé Connect); a shared HS256 secret is for local
 * development only and is refused when NODE_ENV=production.
 */

/** The file, in DATA_DIR, that holds the installation's development secret. */
export const DEV_SECRET_FILE = "dev-secret";

/**
 * The HS256 development secret: AUTH_DEV_SECRET when set, else the
 * installation's own, generated on first use (32 random bytes, base64url) in
 * `<dataDir>/dev-secret`, mode 0600. No secret ships with the repository, so
 * a token signed on one installation is refused by every other. The server
 * and `npm run token` both call this, so they agree.
 */
export function devSecretOf(auth: Pick<AuthConfig, "devSecret" | "dataDir">): string {
  if (auth.devSecret) return auth.devSecret;
  const file = path.join(auth.dataDir, DEV_SECRET_FILE);
  const existing = readSecret(file);
  if (existing !== null) return existing;
  mkdirSync(auth.dataDir, { recursive: true });
  // Written whole under a temporary name, then published with link(2), which,
  // unlike rename, never replaces a file: when two processes race, the second
  // link fails and both read the one secret that won.
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync(tmp, `${randomBytes(32).toString("base64url")}\n`, { mode: 0o600, flag: "wx" });
  try {
    linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  } finally {
    unlinkSync(tmp);
  }
  const secret = readSecret(file);
  if (secret === null) throw new Error(`${file} vanished while it was being created`);
  return secret;
}

/** The secret in `file`, or null when there is no such file. An empty file is an error, never an empty key. */
function readSecret(file: string): string | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8").trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
  if (!text)
    throw new Error(
      `${file} is empty: delete it and a new development secret is generated (tokens signed with the old one are then refused)`,
    );
  return text;
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
  });
}

export type TokenVerifier = (authorization: string | undefined) => Promise<Viewer | null>;

/**
 * How long a verified token is taken as verified without checking its
 * signature again (never past its expiry). A dashboard sends the same token
 * with every request, and each subgraph of a federation checks it again:
 * verifying it (a WebCrypto job) took 3 to 5 % of a server's CPU. A key the
 * identity provider withdraws from its JWKS stops being honoured within this.
 */
export const VERIFIED_TOKEN_TTL_MS = 60_000;

/** A token issued this far in the future is taken as clock skew, not as a way round the lifetime cap. */
const CLOCK_SKEW_SECONDS = 60;

/**
 * The server's token check: signature (JWKS, or the development secret),
 * issuer and audience, lifetime, then the claims. Throws at once in production
 * without a JWKS. Any refusal is UNAUTHENTICATED (HTTP 401) for the whole request.
 */
export function createTokenVerifier(config: AuthConfig): TokenVerifier {
  if (config.production && !config.jwksUrl)
    throw new Error(
      "NODE_ENV=production requires AUTH_JWKS_URL: the HS256 development secret is refused in production",
    );
  const jwks = config.jwksUrl ? createRemoteJWKSet(new URL(config.jwksUrl)) : null;
  // The development secret is read (or generated) at the first token, not here:
  // a server that never sees one (open data only, most tests) writes nothing.
  let devKey: Uint8Array | undefined;
  const algorithms = jwks ? ["RS256", "ES256"] : ["HS256"];
  const options = { algorithms, issuer: config.issuer, audience: config.audience };
  // By the token's SHA-256: the cache holds no token. Only tokens that passed every check get in.
  const verified = new LRUCache<string, Viewer>({ max: 10_000, ttl: VERIFIED_TOKEN_TTL_MS });

  return async (authorization) => {
    if (!authorization) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw unauthenticated("The Authorization header must be `Bearer <token>`.");
    const key = createHash("sha256").update(match[1]).digest("base64url");
    const known = verified.get(key);
    if (known) return known;
    // Outside the try: a secret file that cannot be read is the server's fault, not the token's.
    if (!jwks) devKey ??= new TextEncoder().encode(devSecretOf(config));
    const secret = jwks ? null : devKey;
    let payload: JWTPayload;
    try {
      ({ payload } = secret
        ? await jwtVerify(match[1], secret, options)
        : await jwtVerify(match[1], jwks!, options));
    } catch (err) {
      throw unauthenticated(reasonOf(err));
    }
    checkLifetime(payload, config.maxTokenHours);
    const viewer = frozen(viewerFromClaims(payload));
    const untilExpiry = payload.exp! * 1000 - Date.now();
    if (untilExpiry > 0) verified.set(key, viewer, { ttl: Math.min(VERIFIED_TOKEN_TTL_MS, untilExpiry) });
    return viewer;
  };
}

/** The viewer is shared by every request that carries its token: nobody may change it. */
function frozen(viewer: Viewer): Viewer {
  Object.freeze(viewer.org);
  Object.freeze(viewer.roles);
  return Object.freeze(viewer);
}

/**
 * A token must expire, and within AUTH_MAX_TOKEN_HOURS of its issue (of now,
 * when it has no iat): a leaked token is then good for hours, not forever.
 */
function checkLifetime(payload: JWTPayload, maxHours: number): void {
  const now = Math.floor(Date.now() / 1000);
  if (payload.exp === undefined)
    throw unauthenticated(`The token has no expiry (exp): tokens must expire within ${maxHours} hours.`);
  if (payload.iat !== undefined && payload.iat > now + CLOCK_SKEW_SECONDS)
    throw unauthenticated("The token's issue time (iat) is in the future.");
  if (payload.exp - (payload.iat ?? now) > maxHours * 3600) {
    throw unauthenticated(
      `The token's lifetime exceeds the ${maxHours} hours this server accepts (AUTH_MAX_TOKEN_HOURS).`,
    );
  }
}

/** A message that says what is wrong with the token, never the token itself. */
function reasonOf(err: unknown): string {
  const code = (err as { code?: string }).code;
  if (code === "ERR_JWT_EXPIRED") return "The token has expired.";
  if (code === "ERR_JWS_SIGNATURE_VERIFICATION_FAILED") return "The token's signature is not valid.";
  if (code === "ERR_JWT_CLAIM_VALIDATION_FAILED")
    return "The token's claims (issuer, audience or dates) are not accepted.";
  if (code === "ERR_JOSE_ALG_NOT_ALLOWED")
    return "The token is signed with an algorithm that is not accepted.";
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
  return {
    subject: claims.sub,
    org: { type, id: org.id },
    roles: roles as Role[],
    region: regionOf(type, org.id, claims.region),
  };
}

/** A regional viewer's region: explicit claim, else the DREETS id (`dreets-52`) or the caisse's region. */
function regionOf(type: OrgType, id: string, claim: unknown): string | null {
  if (typeof claim === "string" && regionRef(claim)) return claim;
  if (type === "DREETS") return /^dreets-(\w+)$/.exec(id)?.[1] ?? null;
  if (type === "CARSAT") return caisse(id)?.regions[0] ?? null;
  return null;
}

/**
 * Signs a development token (HS256). Used by `npm run token` and the tests.
 * Without `secret`, it signs with the secret the server started with this
 * process's environment uses (devSecretOf). It does not apply the lifetime
 * cap, so that tests can sign tokens the server must refuse.
 */
export async function signDevToken(
  claims: { sub: string; org: { type: OrgType; id: string }; roles: Role[]; region?: string },
  options: { secret?: string; expiresIn?: string; issuer?: string; audience?: string } = {},
): Promise<string> {
  let jwt = new SignJWT({
    org: claims.org,
    roles: claims.roles,
    ...(claims.region ? { region: claims.region } : {}),
  })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? "8h");
  if (options.issuer) jwt = jwt.setIssuer(options.issuer);
  if (options.audience) jwt = jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(options.secret ?? devSecretOf(loadConfig().auth)));
}
