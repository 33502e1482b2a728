import { badInput } from "../../../errors.js";
import { freeText } from "../../../graphql/write-inputs.js";
import { findNir } from "../../../privacy/personal-data.js";

/**
 * A trimmed free text of the CPOM follow-up (a comment, a bilan, an annex-4
 * COMMENTAIRES), without a NIR. The follow-up holds no personal data: the
 * NIR's use is regulated (décret 2019-341) and Passerelle is not an
 * authorised user, so a text carrying one is refused, never stored.
 */
export function followUpText(value: string, path: string, max: number): string {
  const text = freeText(value, path, max);
  if (findNir(text, { bareThirteen: true }))
    throw badInput(
      `${path} contains a NIR (numéro de sécurité sociale) or a number written like one. Remove it: the CPOM follow-up holds no personal data.`,
      path,
    );
  return text;
}
