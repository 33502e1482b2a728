/**
 * Finding a NIR (numéro d'inscription au répertoire, the "numéro de sécurité
 * sociale") in free text. Its use is regulated (décret 2019-341, the décret-
 * cadre listing who may process it and for what) and Passerelle is not an
 * authorised user: the NIR stays in the SPSTI's medical file, so a text that
 * carries one is refused before it is stored (secret of L.1110-4 CSP).
 *
 * Approach: NFKC normalisation, then digit groups chained by short runs of
 * separators; candidate windows are concatenations of whole groups of exactly
 * 15 characters (checked by structure and key, or by structure alone after a
 * word naming a NIR) or 13 characters (structure only, after a word naming a
 * NIR or with `bareThirteen`). A window never starts or ends in
 * the middle of a group, so a SIRET (14 digits) or any longer run is not cut
 * into NIR-sized pieces.
 */

/** A match: UTF-16 offsets in the text as given (not the normalised one), `end` exclusive. */
export interface NirMatch {
  start: number;
  end: number;
}

/**
 * What may sit between the digit groups of a written NIR: any Unicode space
 * but line breaks (a NIR is not split across lines, while numbers on
 * successive lines of a list would chain), `.`, `/`, `_`, any dash, and the
 * invisible format characters NFKC keeps (zero-width space, soft hyphen).
 */
const SEPARATOR = /^[\p{Zs}\t._/\p{Pd}\p{Cf}]$/u;
/** Longest separator run inside one number: "1 / 85", double spaces; longer means two numbers. */
const MAX_SEPARATOR_RUN = 3;

/**
 * The 13 characters before the key: sex (1, 2; 3, 4, 7, 8 for temporary
 * numbers), year, month (01-12; 20-42 and 50-99 are legal special values for
 * an unknown month), département (2 digits, or 2A/2B for Corsica), commune (3)
 * and order number (3).
 */
const BODY = /^[1-478]\d{2}(?:0[1-9]|1[0-2]|[23]\d|4[0-2]|[5-9]\d)(?:\d{2}|2[AB])\d{6}$/;

/**
 * A word naming a NIR, ending at most a few characters before the number:
 * "NIR :", "n° SS", "numéro de sécurité sociale du salarié :", glued
 * "nir1850578006084". Matched on folded text (lower case, no accents).
 * Whole words only, so "fournir", "avenir" or "sécurité" alone do not count.
 */
const NIR_WORD =
  /(?<![a-z])(?:nir|nni|ins|insee|secu|securite\s+sociale|immatriculation|carte\s+vitale|(?:n|no|num|numero)\s*[°.]?\s*(?:de\s+)?ss)(?![a-z])[^0-9]{0,24}$/;

const fold = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();

/** The key of a 13-character body: 97 − (N mod 97), Corsica's 2A and 2B counting as 19 and 18. */
function nirKey(body: string): number {
  const n = Number(body.replace("2A", "19").replace("2B", "18")); // < 10^13, exact as a double
  return 97 - (n % 97);
}

interface Group {
  /** Digits, and the A/B of 2A/2B, upper case. */
  text: string;
  /** Index of the first and after the last character, in the normalised characters. */
  first: number;
  last: number;
}

/** Options of `findNir`. */
export interface FindNirOptions {
  /**
   * Flag 13 characters with the NIR structure even without a word naming a
   * NIR before them. For free text written by people (fiches de liaison,
   * messages), where such a number is a NIR without its key far more often
   * than anything else; not for statistical files, whose columns hold other
   * long numbers and where one hit refuses the partner's whole file.
   */
  bareThirteen?: boolean;
}

/**
 * Finds the first NIR in `text`, or null.
 *
 * Flagged: 15 characters whose first 13 have the NIR structure and whose last
 * two are its key; after a word naming a NIR ("nir185057800608436"), 15
 * characters with the structure whatever the two last (a mistyped key: the 13
 * first characters alone identify the person); 13 characters with the NIR
 * structure only when a word naming a NIR precedes them, or with
 * `bareThirteen` (without it, a bare 13-digit number, say a millisecond
 * timestamp, passes). An unlabelled 15-character number with a wrong key is
 * not a NIR.
 *
 * Limits: a NIR glued to other digits ("ref12185057800608436"), split across
 * lines or by more than three separator characters, or written with other
 * separators (commas, letters) is not found; an unlabelled NIR with a wrong
 * key is found (with `bareThirteen`) only when its 13 first characters form
 * their own groups ("1 85 05 78 006 084 99", not "185057800608499"); a NIR
 * whose key ends in 2 followed by a lone A or B ("…72A.") is missed, the letter
 * being read as Corsica's. A number that is not a NIR but happens to have its
 * structure and key (about 1 chance in 200 for a random 15-digit string) is
 * flagged.
 */
export function findNir(text: string, options: FindNirOptions = {}): NirMatch | null {
  // NFKC code point by code point, to map each normalised character back to the original offsets.
  const chars: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  let offset = 0;
  for (const cp of text) {
    for (const c of cp.normalize("NFKC")) {
      chars.push(c);
      from.push(offset);
      to.push(offset + cp.length);
    }
    offset += cp.length;
  }

  let chain: Group[] = [];
  let open = false; // the last character was part of the last group
  let separators = 0;
  const endChain = (): NirMatch | null => {
    const found = scanChain(chain, text, from, to, options);
    chain = [];
    open = false;
    separators = 0;
    return found;
  };
  for (let k = 0; k < chars.length; k++) {
    const c = chars[k];
    const group = chain[chain.length - 1];
    // A or B after a 2 is Corsica's département (2A, 2B), unless a word goes on: "…72bis", "…72ans".
    const corsica =
      /^[abAB]$/.test(c) && open && group.text.endsWith("2") && !/^\p{L}$/u.test(chars[k + 1] ?? "");
    if (/^[0-9]$/.test(c) || corsica) {
      if (!open) {
        if (separators > MAX_SEPARATOR_RUN) {
          const found = endChain();
          if (found) return found;
        }
        chain.push({ text: "", first: k, last: k });
        open = true;
        separators = 0;
      }
      const g = chain[chain.length - 1];
      g.text += c.toUpperCase();
      g.last = k + 1;
    } else if (chain.length > 0 && SEPARATOR.test(c)) {
      open = false;
      separators++;
    } else if (chain.length > 0) {
      const found = endChain();
      if (found) return found;
    }
  }
  return endChain();
}

/** The first window of whole groups in `chain` that is a NIR. */
function scanChain(
  chain: Group[],
  text: string,
  from: number[],
  to: number[],
  options: FindNirOptions,
): NirMatch | null {
  for (let i = 0; i < chain.length; i++) {
    const start = from[chain[i].first];
    let labelled: boolean | undefined; // a word naming a NIR just before the window, looked up once
    const isLabelled = () => (labelled ??= NIR_WORD.test(fold(text.slice(Math.max(0, start - 48), start))));
    let w = "";
    let thirteen: NirMatch | null = null; // 13 characters flagged; the key, if right or labelled, extends it
    for (let j = i; j < chain.length && w.length < 15; j++) {
      w += chain[j].text;
      const match = { start, end: to[chain[j].last - 1] };
      if (
        w.length === 15 &&
        BODY.test(w.slice(0, 13)) &&
        /^\d\d$/.test(w.slice(13)) &&
        (Number(w.slice(13)) === nirKey(w.slice(0, 13)) || isLabelled())
      ) {
        return match;
      }
      if (w.length === 13 && BODY.test(w) && (options.bareThirteen || isLabelled())) thirteen = match;
    }
    if (thirteen) return thirteen;
  }
  return null;
}
