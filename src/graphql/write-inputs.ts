import { createHash } from "node:crypto";
import { GraphQLError } from "graphql";
import { ErrorCode, badInput } from "../errors.js";

/**
 * Input checks shared by every mutation that changes a stored item (the PDP
 * exchange, the CPOM follow-up): versions read, idempotency keys and free
 * text. Each error names the input field at fault and never quotes its value.
 */

/** Version numbers start at 1 and only grow. */
export function expectedVersion(v: number, path: string): number {
  if (!Number.isInteger(v) || v < 1) throw badInput(`${path} must be the version you read (1 or more)`, path);
  return v;
}

export function idempotencyKey(value: string, path: string): string {
  if (!/^[A-Za-z0-9_.:-]{8,128}$/.test(value))
    throw badInput(
      `${path} must be 8 to 128 characters among letters, digits and _ . : - (a UUID is a good key)`,
      path,
    );
  return value;
}

export function freeText(value: string, path: string, max: number): string {
  const text = value.trim();
  if (text.length === 0) throw badInput(`${path} must not be empty`, path);
  if (text.length > max)
    throw badInput(`${path} is ${text.length} characters long; the maximum is ${max}`, path);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: free text must not hold control characters (tab, LF and CR allowed): matching them is this check's purpose.
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text))
    throw badInput(`${path} contains control characters`, path);
  return text;
}

/** CONFLICT for an idempotency key already used with another payload. */
export function keyReused(argument: string, what: string): GraphQLError {
  return new GraphQLError(
    `This idempotency key was already used for ${what}. Use a new key for a new request; reuse a key only to retry the very same request.`,
    {
      extensions: { code: ErrorCode.CONFLICT, argument },
    },
  );
}

/** SHA-256 of a text, in hex: the digest of a payload, compared on an idempotent retry. */
export const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
