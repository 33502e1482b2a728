import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import type { ApolloServerPlugin } from "@apollo/server";
import { ErrorCode, InputValueError } from "../errors.js";
import { isTokenLimitError, limitExceeded } from "./limits.js";

/** Driver errors that mean "the database cannot be reached right now". */
const UNREACHABLE =
  /^Mongo(ServerSelection|Network|NetworkTimeout|TopologyClosed|NotConnected|PoolCleared|ServerClosed)Error$/;

/**
 * The single place where errors leave the server. A client sees a stable code
 * and a message written for it. Errors we raise (GraphQLError with a code)
 * and those graphql-js/Apollo raise about the request itself pass through;
 * anything else (driver messages can quote document values) is masked and
 * logged by name only, never with its message or stack.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

  if (isTokenLimitError(formatted.message)) {
    const refusal = limitExceeded("tokens");
    return {
      message: refusal.message,
      extensions: { code: ErrorCode.QUERY_LIMIT_EXCEEDED, limit: "tokens" },
    };
  }
  if (original instanceof Error && UNREACHABLE.test(original.name)) {
    return {
      ...base,
      message: "The database is unavailable. Please retry shortly.",
      extensions: { code: ErrorCode.UPSTREAM_UNAVAILABLE },
    };
  }
  if (!(original instanceof GraphQLError)) {
    console.error(
      `[passerelle] unexpected ${original instanceof Error ? original.name : typeof original} at ${formatted.path?.join(".") ?? "request"}`,
    );
    return {
      ...base,
      message: "Internal server error",
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  }
  return { ...base, extensions: { ...withArgument(original, formatted) } };
}

/**
 * Bad input must name the argument at fault: from our own error
 * (`badInput(..., argument)`, or an InputValueError named by
 * `nameBadArguments`), or, for a bad variable, from graphql-js's message.
 */
function withArgument(error: GraphQLError, formatted: GraphQLFormattedError): Record<string, unknown> {
  const extensions = { ...formatted.extensions };
  const chain: Error[] = [];
  for (let e: unknown = error; e instanceof Error && chain.length < 5; e = (e as GraphQLError).originalError)
    chain.push(e);
  if (chain.some((e) => codeOf(e) === ErrorCode.BAD_USER_INPUT)) extensions.code = ErrorCode.BAD_USER_INPUT;
  if (extensions.code !== ErrorCode.BAD_USER_INPUT || extensions.argument) return extensions;
  const named = chain.map(argumentOf).find((a) => typeof a === "string");
  const argument = named ?? /^Variable "\$(\w+)"/.exec(error.message)?.[1];
  return argument ? { ...extensions, argument } : extensions;
}

const codeOf = (e: Error) => (e instanceof InputValueError ? e.code : (e as GraphQLError).extensions?.code);
const argumentOf = (e: Error) =>
  e instanceof InputValueError ? e.argument : (e as GraphQLError).extensions?.argument;

/**
 * Apollo's ValidationError drops the position of a bad literal, so the name
 * is taken while graphql-js's own error still has it: the `name:` written
 * just before the value in the operation text.
 */
export const nameBadArguments: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async validationDidStart() {
        return async (errors?: ReadonlyArray<Error>) => {
          for (const e of errors ?? []) {
            if (!(e instanceof GraphQLError) || !(e.originalError instanceof InputValueError)) continue;
            const position = e.positions?.[0];
            if (position === undefined || !e.source) continue;
            e.originalError.argument ??= /(\w+)\s*:\s*$/.exec(e.source.body.slice(0, position))?.[1];
          }
        };
      },
    };
  },
};
