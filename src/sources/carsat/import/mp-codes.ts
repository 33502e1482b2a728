import { normaliseHeader } from "../../../imports/table/normalise.js";
import { MP_SYNDROMES, MP_TABLEAUX, mpSyndrome } from "../reference.js";

/**
 * From the tableau and syndrome of an MP file, as published, to the stored
 * codes. The Assurance Maladie writes a tableau with its paragraph: `057A`
 * is tableau 57 paragraph A (shoulder), `030B` tableau 30 paragraph B
 * (plaques pleurales), `098A` the single paragraph of tableau 98; 30 bis is
 * written `30 bis` (`030BIS`). Careful: the API writes 30 bis `030B`; in a
 * file, `030B` is paragraph B of tableau 30.
 */

/** Paragraphs of the tableaux with several stored syndromes. */
const PARAGRAPH_SYNDROME: Record<string, string> = {
  "057A": "057A_EPAULE",
  "057B": "057B_COUDE",
  "057C": "057C_CANAL_CARPIEN",
  "057D": "057D_GENOU",
  "057E": "057E_CHEVILLE",
  "030A": "030_ASBESTOSE",
  "030B": "030_PLAQUES",
  "030D": "030_MESOTHELIOME",
};

const HORS_TABLEAU = new Set(["ht", "hors tableau", "hors tableaux", "alinea 7"]);

/** A published tableau: the stored tableau code and the paragraph letter, if any. */
export interface PublishedTableau {
  tableau: string;
  paragraph: string | null;
}

type Refused = { reason: string };

/** Reads a tableau cell. */
export function readTableau(raw: string): PublishedTableau | Refused {
  if (HORS_TABLEAU.has(normaliseHeader(raw))) return { tableau: "HT", paragraph: null };
  const s = raw
    .toUpperCase()
    .replace(/^TABLEAU\s*/, "")
    .replace(/\s+/g, "");
  const m = /^(\d{1,3})(BIS)?([A-Z])?$/.exec(s);
  if (!m || Number(m[1]) < 1)
    return { reason: "not a tableau of maladies professionnelles (expected e.g. 057A, 098A, 30 bis or HT)" };
  const tableau = m[1].padStart(3, "0") + (m[2] ? "B" : "");
  if (!MP_TABLEAUX[tableau])
    return {
      reason: `tableau ${tableau} is not in Passerelle's catalogue of tableaux (${Object.keys(MP_TABLEAUX).join(", ")})`,
    };
  return { tableau, paragraph: m[3] ?? null };
}

/**
 * The stored syndrome of a row: the syndrome column when it holds a stored
 * code; else the tableau's paragraph (from the tableau column, or from the
 * head of a published syndrome code such as `057AAM96B`); else the
 * tableau's only stored syndrome.
 */
export function storedSyndrome(
  t: PublishedTableau,
  syndromeCell: string | null,
): { syndrome: string } | Refused {
  const stored = syndromeCell ? mpSyndrome(syndromeCell.toUpperCase()) : null;
  if (stored)
    return stored.tableau === t.tableau
      ? { syndrome: stored.code }
      : { reason: `syndrome ${stored.code} belongs to tableau ${stored.tableau}, not ${t.tableau}` };
  const head = syndromeCell ? /^(\d{3})([A-Z])/.exec(syndromeCell.toUpperCase()) : null;
  const paragraph = t.paragraph ?? (head && head[1] === t.tableau ? head[2] : null);
  const byParagraph = paragraph ? PARAGRAPH_SYNDROME[t.tableau + paragraph] : undefined;
  if (byParagraph) return { syndrome: byParagraph };
  const all = MP_SYNDROMES.filter((s) => s.tableau === t.tableau);
  if (all.length === 1) return { syndrome: all[0].code };
  const known = Object.keys(PARAGRAPH_SYNDROME).filter((k) => k.startsWith(t.tableau));
  const what = paragraph
    ? `paragraph ${paragraph} of tableau ${t.tableau} is`
    : `tableau ${t.tableau} without a paragraph is`;
  return { reason: `${what} not in Passerelle's catalogue of syndromes: accepted ${known.join(", ")}` };
}
