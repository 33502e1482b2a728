import { GraphQLError } from "graphql";

/**
 * The stable error codes a client may branch on. Every error that reaches a
 * client carries one of these in `extensions.code`; nothing else (no driver
 * message, no stack trace) is ever exposed.
 */
export const ErrorCode = {
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  BAD_USER_INPUT: "BAD_USER_INPUT",
  CONFLICT: "CONFLICT",
  UPSTREAM_UNAVAILABLE: "UPSTREAM_UNAVAILABLE",
  /** A query over a depth, alias, directive, token or cost limit (extensions.limit names which, never its value). */
  QUERY_LIMIT_EXCEEDED: "QUERY_LIMIT_EXCEEDED",
  /** An answer that took longer than the server allows, or grew larger than it sends. */
  TIMEOUT: "TIMEOUT",
  RESPONSE_TOO_LARGE: "RESPONSE_TOO_LARGE",
  /** Too many requests for a token, an organisation or an address (HTTP 429 with Retry-After). */
  RATE_LIMITED: "RATE_LIMITED",
  /** A request body over MAX_BODY_BYTES (HTTP 413). */
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  /** A role that may only send trusted documents sent another query (TRUSTED_DOCUMENTS=only). */
  TRUSTED_DOCUMENT_REQUIRED: "TRUSTED_DOCUMENT_REQUIRED",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A bad argument or input field; `argument` names it (dotted path for input fields). */
export function badInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, ...(argument ? { argument } : {}) },
  });
}

/** An identifier that names nothing. */
export function notFound(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.NOT_FOUND, ...(argument ? { argument } : {}) },
  });
}

/** The database (or another upstream) cannot be reached. */
export function upstreamUnavailable(): GraphQLError {
  return new GraphQLError("The database is unavailable. Please retry shortly.", {
    extensions: { code: ErrorCode.UPSTREAM_UNAVAILABLE },
  });
}

/** A request that ran past EXECUTION_TIMEOUT_MS. */
export function timedOut(): GraphQLError {
  return new GraphQLError(
    "The request took longer than this server allows: ask for less (fewer years, items or levels), or retry.",
    {
      extensions: { code: ErrorCode.TIMEOUT },
    },
  );
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });
}

export function conflict(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.CONFLICT } });
}

/**
 * What our scalars throw for a bad value. Deliberately not a GraphQLError:
 * graphql-js wraps other errors with the position of the bad literal, which
 * is how the argument gets named (see src/graphql/format-error.ts).
 */
export class InputValueError extends Error {
  readonly code = ErrorCode.BAD_USER_INPUT;
  /** Set once known: the argument or input field at fault. */
  argument?: string;
}
