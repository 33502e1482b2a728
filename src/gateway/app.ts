import { randomUUID } from "node:crypto";
import { ApolloServer } from "@apollo/server";
import { apolloOptions } from "../app.js";
import { createAccess, type Access } from "../auth/access.js";
import { createTokenVerifier } from "../auth/tokens.js";
import type { Config } from "../config.js";
import type { GraphQLApp } from "../http/graphql.js";
import { buildSchema } from "../schema.js";
import { hiveGateway } from "./executor.js";
import type { Hive } from "./hive.js";

/** The gateway's per-request context: the viewer (for limits and trusted documents) and the token it forwards. */
export interface GatewayContext {
  requestId: string;
  access: Access;
  authorization?: string;
}

export interface GatewayApp extends GraphQLApp<GatewayContext> {
  stop(): Promise<void>;
}

/**
 * The gateway's front: the single process's Apollo pipeline over the same
 * API schema (built from the same SDL, never executed here), whose executor
 * is Hive Gateway (src/gateway/executor.ts). The token is verified here too,
 * so a bad one is UNAUTHENTICATED for the whole request before any subgraph
 * is called; each subgraph verifies it again (docs/federation.md).
 */
export async function createGatewayApp(config: Config, hive: Hive): Promise<GatewayApp> {
  const schema = buildSchema();
  const verifyToken = createTokenVerifier(config.auth);
  const apollo = new ApolloServer<GatewayContext>({
    ...apolloOptions(schema, config, { audit: false }),
    gateway: hiveGateway(schema, hive),
  });
  await apollo.start();
  return {
    apollo,
    config,
    async context(authorization) {
      const access = createAccess(await verifyToken(authorization));
      return { requestId: randomUUID(), access, ...(authorization ? { authorization } : {}) };
    },
    async stop() {
      await apollo.stop();
      await hive.dispose();
    },
  };
}
