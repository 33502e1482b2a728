import { readFileSync } from "node:fs";
import type { ApolloServerPlugin } from "@apollo/server";
import type { KeyValueCache } from "@apollo/utils.keyvaluecache";
import { GraphQLError } from "graphql";
import type { TrustedDocumentsConfig } from "../config.js";
import type { ViewerContext } from "../http/graphql.js";
import { ErrorCode } from "../errors.js";

/**
 * Trusted documents: the fixed operations first-party clients send (the
 * README's dashboards, the PDP exchange), listed by SHA-256 in
 * trusted-documents.json (written by `npm run trusted-documents`, checked by
 * the tests).
 * - A client calls one by its hash with Apollo's persisted-query extension
 *   (`extensions.persistedQuery.sha256Hash`), without sending its text.
 *   Apollo's document store then parses and validates each one once per
 *   process, like any repeated document.
 * - The manifest is read-only: a client cannot register a new document.
 * - With TRUSTED_DOCUMENTS=only (for production), roles that do not need
 *   ad-hoc queries may send nothing else; analysts keep GraphiQL, under the
 *   query limits (limits.ts).
 */

const manifest = JSON.parse(
  readFileSync(new URL("./trusted-documents.json", import.meta.url), "utf8"),
) as Record<string, { source: string; document: string }>;

export const isTrusted = (queryHash: string | undefined) => queryHash !== undefined && queryHash in manifest;

/** Apollo's persisted-query cache over the manifest (keys arrive prefixed with "apq:"); writes are ignored. */
export function trustedDocumentsCache(): KeyValueCache<string> {
  return {
    async get(key: string) {
      return manifest[key.replace(/^apq:/, "")]?.document;
    },
    async set() {},
    async delete() {},
  };
}

export function trustedDocumentsPlugin(config: TrustedDocumentsConfig): ApolloServerPlugin<ViewerContext> {
  return {
    async requestDidStart() {
      if (config.mode === "off") return {};
      return {
        async didResolveOperation({ queryHash, contextValue }) {
          const viewer = contextValue.access.viewer;
          if (isTrusted(queryHash) || viewer?.roles.some((r) => config.adHocRoles.includes(r))) return;
          throw new GraphQLError(
            "This server accepts only trusted documents from your role: send a listed operation by its hash (docs/operations.md).",
            {
              extensions: { code: ErrorCode.TRUSTED_DOCUMENT_REQUIRED, http: { status: 403 } },
            },
          );
        },
      };
    },
  };
}
