/**
 * `npm run token -- --role CELLULE_PDP --org SPSTI:sstrn`: prints a
 * development token (HS256, signed with AUTH_DEV_SECRET or this installation's
 * secret in DATA_DIR/dev-secret, as the server finds it) so that anyone can try
 * every role locally. Only the
 * token goes to stdout, so `TOKEN=$(npm run -s token -- ...)` captures it; the
 * hint goes to stderr. A bad role, organisation or option exits with code 2.
 */
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { GraphQLError } from "graphql";
import { loadConfig, type AuthConfig } from "../src/config.js";
import { caisse, caisses, region as regionRef } from "../src/domain/reference.js";
import { ORG_TYPES, ROLE_ORGS, ROLES, type OrgType, type Role, type Viewer } from "../src/auth/roles.js";
import { devSecretOf, signDevToken, viewerFromClaims } from "../src/auth/tokens.js";

export const USAGE = `Usage: npm run token -- --role ROLE [--role ROLE2] --org TYPE:id [--region CODE] [--sub NAME] [--expires 8h]
  --role     one of ${ROLES.join(", ")}
  --org      TYPE:id with TYPE one of ${ORG_TYPES.join(", ")} (e.g. SPSTI:sstrn, CARSAT:carsat-pays-de-la-loire, DREETS:dreets-52, NATIONAL:dgt)
  --region   INSEE region code (e.g. 52), for a regional analyst outside a DREETS or a Carsat
  --sub      subject of the token (default: dev-<roles>@<org id>)
  --expires  lifetime: a number and s, m, h or d (default 8h), at most AUTH_MAX_TOKEN_HOURS (default 12h)`;

/** A mistake in the command line: printed with the usage, exit code 2. */
export class UsageError extends Error {}

/** The development secret cannot be read or created (DATA_DIR not writable...): printed, exit code 1. */
class SecretError extends Error {}

export interface TokenRequest {
  sub: string;
  org: { type: OrgType; id: string };
  roles: Role[];
  region?: string;
  /** As given with --expires; unset means the default lifetime (lifetimeWithin). */
  expiresIn?: string;
}

/** `read()`, its error (a bad option, a bad setting) thrown again as a UsageError. */
function asUsageError<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** Parses and validates the arguments with the rules the server applies to a token's claims (viewerFromClaims). */
export function parseTokenArgs(argv: string[]): TokenRequest {
  const { values } = asUsageError(() =>
    parseArgs({
      args: argv,
      options: {
        role: { type: "string", multiple: true },
        org: { type: "string" },
        region: { type: "string" },
        sub: { type: "string" },
        expires: { type: "string" },
      },
      strict: true,
      allowPositionals: false,
    }),
  );
  const roles = (values.role ?? []).map((r) => r.toUpperCase());
  if (roles.length === 0) throw new UsageError("give at least one --role");
  const unknown = roles.find((r) => !ROLES.includes(r as Role));
  if (unknown) throw new UsageError(`unknown role "${unknown}"`);
  const org = parseOrg(values.org);
  const region = values.region;
  if (region !== undefined && !regionRef(region))
    throw new UsageError(`--region "${region}" is not an INSEE region code (e.g. 52, 11, 84)`);
  const expiresIn = values.expires;
  if (expiresIn !== undefined && !/^[1-9]\d{0,4}[smhd]$/.test(expiresIn))
    throw new UsageError(
      `--expires "${expiresIn}" must be a number followed by s, m, h or d (e.g. 30m, 8h, 2d)`,
    );
  const sub = values.sub ?? `dev-${roles.join("+").toLowerCase().replace(/_/g, "-")}@${org.id}`;
  const request: TokenRequest = {
    sub,
    org,
    roles: roles as Role[],
    ...(region ? { region } : {}),
    ...(expiresIn ? { expiresIn } : {}),
  };
  checkLikeTheServer(request);
  return request;
}

function parseOrg(raw: string | undefined): { type: OrgType; id: string } {
  if (!raw) throw new UsageError("give the organisation: --org TYPE:id (e.g. SPSTI:sstrn)");
  const m = /^([A-Za-z]+):([a-z0-9][a-z0-9-]{1,63})$/.exec(raw);
  const type = m?.[1].toUpperCase() as OrgType | undefined;
  if (!m || !type || !ORG_TYPES.includes(type))
    throw new UsageError(
      `--org "${raw}" must be TYPE:id, TYPE one of ${ORG_TYPES.join(", ")}, id in lower case (e.g. SPSTI:sstrn)`,
    );
  const id = m[2];
  // Row rules are derived from these ids: an unknown caisse or DREETS would silently see nothing.
  if (type === "CARSAT" && !caisse(id))
    throw new UsageError(`unknown caisse "${id}"; one of ${caisses.map((c) => c.slug).join(", ")}`);
  if (type === "DREETS" && !regionRef(/^dreets-(\w+)$/.exec(id)?.[1] ?? ""))
    throw new UsageError(`a DREETS id is dreets-<INSEE region code>, e.g. dreets-52, not "${id}"`);
  return { type, id };
}

/** The server's own claim checks (role fits the organisation...), plus: a regional analyst needs a region. */
function checkLikeTheServer(req: TokenRequest): void {
  let viewer: Viewer;
  try {
    viewer = viewerFromClaims({ sub: req.sub, org: req.org, roles: req.roles, region: req.region });
  } catch (err) {
    if (err instanceof GraphQLError)
      throw new UsageError(
        `${err.message} (${req.roles.map((r) => `${r} fits ${ROLE_ORGS[r].join("/")}`).join("; ")})`,
      );
    throw err;
  }
  if (req.roles.includes("ANALYST_REGIONAL") && !viewer.region)
    throw new UsageError("ANALYST_REGIONAL needs a region: add --region CODE (e.g. --region 52)");
}

/** The token settings of the server this token is for; refused when the server would not accept a development token. */
function serverAuth(env: NodeJS.ProcessEnv): AuthConfig {
  const { auth } = asUsageError(() => loadConfig(env));
  if (auth.production)
    throw new UsageError(
      "NODE_ENV=production: the server refuses development tokens; get one from the identity provider",
    );
  if (auth.jwksUrl)
    throw new UsageError(
      "AUTH_JWKS_URL is set: the server verifies tokens with that JWKS only, so a development token would be refused",
    );
  return auth;
}

/** The secret the server finds with the same environment (the same function). */
function secretOf(auth: AuthConfig): string {
  try {
    return devSecretOf(auth);
  } catch (err) {
    throw new SecretError(
      `cannot read or create the development secret in ${auth.dataDir}/ (${(err as Error).message}); set AUTH_DEV_SECRET or DATA_DIR`,
    );
  }
}

const SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

/** The lifetime to sign: --expires if the server accepts it, else refused; by default 8h, or the cap when it is shorter. */
export function lifetimeWithin(expiresIn: string | undefined, maxTokenHours: number): string {
  if (expiresIn === undefined) return `${Math.min(8, maxTokenHours)}h`;
  const seconds = Number(expiresIn.slice(0, -1)) * SECONDS[expiresIn.slice(-1) as keyof typeof SECONDS];
  if (seconds > maxTokenHours * 3600) {
    throw new UsageError(
      `--expires "${expiresIn}" is longer than the ${maxTokenHours}h a token may live (AUTH_MAX_TOKEN_HOURS): the server would refuse it`,
    );
  }
  return expiresIn;
}

/** Runs the command; resolves to the exit code. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stderr.write(`${USAGE}\n`);
    return 0;
  }
  try {
    const req = parseTokenArgs(argv);
    const auth = serverAuth(env);
    const expiresIn = lifetimeWithin(req.expiresIn, auth.maxTokenHours);
    // The secret last: a refused command never creates DATA_DIR/dev-secret.
    const signing = { secret: secretOf(auth), issuer: auth.issuer, audience: auth.audience, expiresIn };
    const token = await signDevToken(
      { sub: req.sub, org: req.org, roles: req.roles, region: req.region },
      signing,
    );
    process.stdout.write(`${token}\n`);
    process.stderr.write(
      `Token for ${req.roles.join(" + ")} of ${req.org.type}:${req.org.id} (sub ${req.sub}), valid ${expiresIn}.\n` +
        `GraphiQL: paste {"Authorization": "Bearer <the token>"} in the Headers pane. curl: -H "Authorization: Bearer $TOKEN".\n`,
    );
    return 0;
  } catch (err) {
    if (err instanceof SecretError) {
      process.stderr.write(`npm run token: ${err.message}\n`);
      return 1;
    }
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`npm run token: ${err.message}\n\n${USAGE}\n`);
    return 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      process.stderr.write(`npm run token: unexpected ${err instanceof Error ? err.name : typeof err}\n`);
      process.exitCode = 1;
    },
  );
}
