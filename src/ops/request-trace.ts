import { AsyncLocalStorage } from "node:async_hooks";
import type { ApolloServerPlugin, GraphQLResponse } from "@apollo/server";
import type { CommandStartedEvent } from "mongodb";
import { CommandCounter } from "../db/mongo.js";

/**
 * What one HTTP request did, for its log line and its metrics: filled by the
 * HTTP server (id, viewer, status), by `requestTracePlugin` (operation name,
 * the response and its errors) and by the driver's command events
 * (db-observer.ts). Holds no token, no variable and no value.
 */
export interface RequestTrace {
  id: string;
  /** performance.now() at arrival. */
  start: number;
  route: string;
  operationName: string | null;
  roles: readonly string[] | null;
  org: string | null;
  /** Error codes known before Apollo answers (a refused token, a rate limit) or read from a small error body. */
  codes: Set<string>;
  /** Apollo's response object; the audit plugin may replace its body, so it is read once the request is over. */
  response: GraphQLResponse | null;
  /** Commands this request sent, when the database is observed (db-observer.ts); null otherwise. */
  commands: CommandCounter | null;
}

const storage = new AsyncLocalStorage<RequestTrace>();
let observed = 0;

/** Runs `fn` as the request `trace`: the plugin and the command listener below find it through AsyncLocalStorage. */
export function runTraced<T>(trace: RequestTrace, fn: () => T): T {
  return storage.run(trace, fn);
}

export function newTrace(id: string, route: string): RequestTrace {
  return {
    id,
    start: performance.now(),
    route,
    operationName: null,
    roles: null,
    org: null,
    codes: new Set(),
    response: null,
    commands: observed > 0 ? new CommandCounter() : null,
  };
}

/** The trace of the request whose code is running, if any. */
export function currentTrace(): RequestTrace | undefined {
  return storage.getStore();
}

/**
 * Attributes a driver command to the request that sent it. The driver emits
 * `commandStarted` in the async context of the call that sent the command, so
 * concurrent requests are told apart; a read the cache shares between
 * requests counts for the one that sent it. Counted with CommandCounter's own
 * rules (no connection housekeeping, no version-marker check).
 */
export function attributeCommand(event: CommandStartedEvent): void {
  storage.getStore()?.commands?.record(event);
}

/** Marks the database as observed (new traces count commands); returns the undo. */
export function observeCommands(): () => void {
  observed++;
  return () => void observed--;
}

/** The error codes of a trace: those recorded, plus the final GraphQL response's. */
export function errorCodes(trace: RequestTrace): string[] {
  const codes = new Set(trace.codes);
  const body = trace.response?.body;
  const errors =
    body?.kind === "single"
      ? body.singleResult.errors
      : body?.kind === "incremental"
        ? body.initialResult.errors
        : undefined;
  for (const e of errors ?? []) {
    const code = e.extensions?.code;
    if (typeof code === "string") codes.add(code);
  }
  return [...codes].sort();
}

/**
 * Tells the request's trace its operation name and final response. Does
 * nothing outside an HTTP request (executeOperation in tests).
 */
export const requestTracePlugin: ApolloServerPlugin = {
  async requestDidStart() {
    const trace = storage.getStore();
    if (!trace) return;
    return {
      async didResolveOperation({ operationName }) {
        trace.operationName = operationName ?? null;
      },
      async willSendResponse({ response, operationName, request }) {
        trace.operationName ??= operationName ?? request.operationName ?? null;
        trace.response = response;
      },
    };
  },
};
