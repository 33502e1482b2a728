import { badInput } from "../../../errors.js";
import { expectedVersion, idempotencyKey, sha256 } from "../../../graphql/write-inputs.js";
import { followUpText as checkedText } from "../follow-up/text.js";
import type { IndicatorKind } from "../types-cpom.js";

/**
 * The follow-up mutations' inputs (schema/spsti-indicators.graphql) and their
 * checks, run before anything is read or written. Each error names the input
 * field at fault (`input.value`) and never quotes a value.
 */

export interface RecordIndicatorValueInput {
  indicatorId: string;
  year: number;
  value?: number | null;
  comment: string;
  expectedVersion?: number | null;
  idempotencyKey: string;
}

export interface BilanFields {
  summary: string;
  difficulties?: string | null;
  adjustments?: string | null;
  expectedVersion?: number | null;
  idempotencyKey: string;
}
export interface RecordActionBilanInput extends BilanFields {
  actionId: string;
  year: number;
}
export interface RecordCpomFinalBilanInput extends BilanFields {
  cpomId: string;
}

export interface CommentCpomFollowUpInput {
  valueId?: string | null;
  bilanId?: string | null;
  expectedVersion: number;
  text: string;
  idempotencyKey: string;
}

/** Longest free text: a comment, a bilan's part. */
export const MAX_TEXT = 4000;

/** What every change carries once checked: the version read (null: a creation), the key and the payload's digest. */
export interface Checked {
  expected: number | null;
  key: string;
  hash: string;
}

function checked(
  input: { expectedVersion?: number | null; idempotencyKey: string },
  payload: unknown,
): Checked {
  return {
    expected:
      input.expectedVersion == null ? null : expectedVersion(input.expectedVersion, "input.expectedVersion"),
    key: idempotencyKey(input.idempotencyKey, "input.idempotencyKey"),
    hash: sha256(JSON.stringify(payload)),
  };
}

/** A follow-up text of at most MAX_TEXT characters, without a NIR (follow-up/text.ts). */
export const followUpText = (value: string, path: string): string => checkedText(value, path, MAX_TEXT);

const optionalText = (value: string | null | undefined, path: string) =>
  value == null || value.trim() === "" ? null : followUpText(value, path);

/**
 * A declared value fits its indicator's kind: a count is a whole number ≥ 0;
 * an existence is 1 (yes) or 0 (no); a qualitative indicator has no number,
 * its comment says it.
 */
export function declaredValue(kind: IndicatorKind, value: number | null | undefined): number | null {
  const path = "input.value";
  if (kind === "QUALITATIVE") {
    if (value != null)
      throw badInput(`${path}: a qualitative indicator takes no number; write it in input.comment`, path);
    return null;
  }
  if (value == null)
    throw badInput(`${path} is required for a ${kind === "COUNT" ? "count" : "yes/no"} indicator`, path);
  if (kind === "COUNT" && !(Number.isInteger(value) && value >= 0 && value <= 10_000_000))
    throw badInput(`${path} must be a whole number between 0 and 10,000,000 for a count`, path);
  if (kind === "EXISTENCE" && value !== 0 && value !== 1)
    throw badInput(`${path} must be 1 (yes) or 0 (no) for an existence indicator`, path);
  return value;
}

export function valueInput(input: RecordIndicatorValueInput, kind: IndicatorKind) {
  const value = declaredValue(kind, input.value);
  const comment = followUpText(input.comment, "input.comment");
  const payload = { op: "value", id: input.indicatorId, year: input.year, value, comment };
  return { value, comment, ...checked(input, payload) };
}

function bilanFields(input: BilanFields) {
  return {
    summary: followUpText(input.summary, "input.summary"),
    difficulties: optionalText(input.difficulties, "input.difficulties"),
    adjustments: optionalText(input.adjustments, "input.adjustments"),
  };
}

export function actionBilanInput(input: RecordActionBilanInput) {
  const fields = bilanFields(input);
  return { fields, ...checked(input, { op: "bilan", id: input.actionId, year: input.year, ...fields }) };
}

export function finalBilanInput(input: RecordCpomFinalBilanInput) {
  const fields = bilanFields(input);
  return { fields, ...checked(input, { op: "final", id: input.cpomId, ...fields }) };
}

/** The commented item: exactly one of a declared value and a bilan. */
export function commentInput(input: CommentCpomFollowUpInput) {
  const valueId = input.valueId ?? null;
  const bilanId = input.bilanId ?? null;
  if ((valueId === null) === (bilanId === null))
    throw badInput(
      "input: give exactly one of valueId and bilanId",
      valueId === null ? "input.valueId" : "input.bilanId",
    );
  const text = followUpText(input.text, "input.text");
  const target =
    valueId !== null ? { kind: "value" as const, id: valueId } : { kind: "bilan" as const, id: bilanId! };
  const c = checked(input, { op: "comment", ...target, text });
  return {
    target,
    text,
    key: c.key,
    hash: c.hash,
    expected: expectedVersion(input.expectedVersion, "input.expectedVersion"),
  };
}
