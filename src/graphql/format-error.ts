import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { ErrorCode } from "../errors.js";

/** Driver errors that mean "the database cannot be reached right now". */
const UNREACHABLE = /^Mongo(ServerSelection|Network|NetworkTimeout|TopologyClosed|NotConnected|PoolCleared|ServerClosed)Error$/;

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

  if (original instanceof Error && UNREACHABLE.test(original.name)) {
    return { ...base, message: "The database is unavailable. Please retry shortly.", extensions: { code: ErrorCode.UPSTREAM_UNAVAILABLE } };
  }
  if (!(original instanceof GraphQLError)) {
    console.error(`[passerelle] unexpected ${original instanceof Error ? original.name : typeof original} at ${formatted.path?.join(".") ?? "request"}`);
    return { ...base, message: "Internal server error", extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  }
  return { ...base, extensions: { ...withArgument(original, formatted) } };
}

/**
 * Bad input must name the argument at fault. A value our scalars reject
 * inside a literal reaches us as a validation error whose cause is our
 * BAD_USER_INPUT; its argument is read from the document at the error's
 * position. A bad variable is named by graphql-js in its message.
 */
function withArgument(error: GraphQLError, formatted: GraphQLFormattedError): Record<string, unknown> {
  const extensions = { ...formatted.extensions };
  const cause = error.originalError instanceof GraphQLError ? error.originalError : null;
  if (cause?.extensions.code === ErrorCode.BAD_USER_INPUT) extensions.code = ErrorCode.BAD_USER_INPUT;
  if (extensions.code !== ErrorCode.BAD_USER_INPUT || extensions.argument) return extensions;
  const variable = /^Variable "\$(\w+)"/.exec(error.message)?.[1];
  const argument = variable ?? argumentBefore(error);
  return argument ? { ...extensions, argument } : extensions;
}

/** The `name:` just before the error's position in the operation text. */
function argumentBefore(error: GraphQLError): string | undefined {
  const position = error.positions?.[0];
  if (position === undefined || !error.source) return undefined;
  return /(\w+)\s*:\s*$/.exec(error.source.body.slice(0, position))?.[1];
}
