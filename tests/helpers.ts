import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import path from "node:path";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { inject } from "vitest";
import { loadConfig, type Config } from "../src/config.js";
import { connectDatabase, type Database } from "../src/db/mongo.js";
import { ensureIndexes } from "../src/db/indexes.js";
import { createApp, type App } from "../src/app.js";
import { createHttpServer } from "../src/http/server.js";
import { seedDatabase } from "../seeds/index.js";
import { copyTemplate } from "./seed-template.js";
import type { SeedScale } from "../seeds/context.js";
import { signDevToken } from "../src/auth/tokens.js";
import type { OrgType, Role } from "../src/auth/roles.js";

export interface GraphQLResponse<T = unknown> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface TestApp {
  database: Database;
  app: App;
  config: Config;
  url: string;
  /**
   * POSTs an operation to the real HTTP server as the app's default viewer (or with `headers`) and returns the parsed answer.
   * A typed document (`graphql(...)` from tests/generated, see codegen.ts) is sent printed, and its answer and variables
   * are typed. A plain string is sent as it is, byte for byte: for the documents a test sends on purpose invalid or hostile,
   * anonymous, built at run time, or whose exact text matters (hashes); its answer is `unknown` unless the test names its type.
   */
  gql<R, V>(
    document: TypedDocumentNode<R, V>,
    variables?: V,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<R>>;
  gql<R = unknown>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<R>>;
  close(): Promise<void>;
}

let counter = 0;

/**
 * The HS256 secret of this test run: the test apps verify with it and
 * `tokenFor` signs with it. Given explicitly, so that no test reads or writes
 * the installation's secret in the repository's `.data`.
 */
export const TEST_DEV_SECRET = randomBytes(32).toString("base64url");

/**
 * Boots the whole server (HTTP included) on a database of this test file's
 * own, seeded at the given scale unless `seed` is false.
 */
export async function startTestApp(
  file: string,
  opts: { seed?: SeedScale | false; config?: Partial<Config>; as?: ViewerSpec } = {},
): Promise<TestApp> {
  const dbName = `t_${path.basename(file).replace(/\W/g, "_")}_${process.pid}_${counter++}`.slice(0, 60);
  const database = await connectDatabase(inject("mongoUri"), dbName);
  // The read cache is off unless a test asks for it: most tests count the database commands of a request,
  // which a warm cache would hide (tests/read-cache.test.ts tests it on its own).
  const config = {
    ...loadConfig({ AUTH_DEV_SECRET: TEST_DEV_SECRET }),
    dbName,
    readCache: { maxMb: 0, checkMs: 0 },
    ...opts.config,
  };
  const scale = opts.seed === undefined ? "region" : opts.seed;
  if (scale === "region") await copyFromTemplate(database);
  else if (scale) await seedDatabase(database.db, scale);
  else await ensureIndexes(database.db);
  const app = await createApp(database.db, config);
  const server: Server = createHttpServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const defaultHeaders: Record<string, string> = opts.as
    ? { authorization: `Bearer ${await tokenFor(opts.as)}` }
    : {};
  return {
    database,
    app,
    config,
    url,
    async gql(document: TypedDocumentNode | string, variables?: unknown, headers?: Record<string, string>) {
      const query = typeof document === "string" ? document : print(document);
      return postGraphQL(url, query, variables, headers ?? defaultHeaders);
    },
    async close() {
      server.close();
      server.closeAllConnections();
      await app.stop();
      await database.db.dropDatabase().catch(() => undefined);
      await database.close();
    },
  };
}

/** POSTs an operation to a /graphql and returns its HTTP status with the parsed answer. */
export async function postGraphQL(
  url: string,
  query: string,
  variables: unknown,
  headers: Record<string, string>,
): Promise<GraphQLResponse<never>> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, ...((await res.json()) as object) };
}

/** The region seed and its grids, copied from the run's template (global-setup.ts). */
async function copyFromTemplate(database: Database): Promise<void> {
  const template = database.client.db(inject("regionTemplate"));
  await copyTemplate(template, database.db);
}

/** The single error of a response, failing loudly if there is not exactly one. */
export function onlyError(res: GraphQLResponse) {
  if (res.errors?.length !== 1) throw new Error(`expected one error, got ${JSON.stringify(res.errors)}`);
  return res.errors[0];
}

/** Who a test acts as: a role in an organisation (`SPSTI:sstrn`, `CARSAT:carsat-pays-de-la-loire`, `DREETS:dreets-52`...). */
export interface ViewerSpec {
  role: Role | Role[];
  org: `${OrgType}:${string}`;
  region?: string;
  sub?: string;
}

/** A signed development token for a viewer (HS256, TEST_DEV_SECRET: what startTestApp's server verifies with). */
export async function tokenFor(spec: ViewerSpec): Promise<string> {
  const [type, id] = spec.org.split(":") as [OrgType, string];
  const roles = Array.isArray(spec.role) ? spec.role : [spec.role];
  return signDevToken(
    {
      sub: spec.sub ?? `test-${roles.join("+").toLowerCase()}@${id}`,
      org: { type, id },
      roles,
      region: spec.region,
    },
    { secret: TEST_DEV_SECRET },
  );
}

/** Authorization headers for a viewer, for one call of `gql`. */
export async function as(spec: ViewerSpec): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await tokenFor(spec)}` };
}

/** Partner roles used by source tests: a DREETS of Pays de la Loire sees its region's establishments and every partner aggregate. */
export const DREETS_PDL: ViewerSpec = { role: "DREETS_INGENIEUR_PREVENTION", org: "DREETS:dreets-52" };
