import { SECRET, type CellValue, type ColumnSpec } from "./types.js";
import { cellText, type RawCell } from "./raw-row.js";

/** A cell read as its column's kind: its value, or why it cannot be read. */
export type CellReading = { value: CellValue; reason?: undefined } | { value?: undefined; reason: string };

/** Dashes publishers put for "nothing" (hyphen, en dash, em dash, minus sign). */
const EMPTY_MARKERS = new Set(["-", "–", "—", "−"]);

/** Markers of the statistical secret, as the Assurance Maladie, the DREETS and INSEE write them. */
const SECRET_MARKERS = new Set(["s", "secret", "c", "*", "nd", "n.d.", "(s)", "ss"]);

/**
 * A number as written in French or plain files: an optional sign, digits
 * grouped by three with a space (normal, no-break U+00A0, narrow no-break
 * U+202F or thin U+2009: Excel and LibreOffice in French write these), an
 * optional decimal part after "," or ".". No library parses French numbers
 * (Intl formats but does not parse), hence this pattern.
 */
const NUMBER = /^([+\-−])?(\d{1,3}(?:[ \u00A0\u202F\u2009]\d{3})+|\d+)(?:([.,])(\d+))?$/;

/**
 * Reads a cell as its column's kind.
 *
 * - Empty, whitespace and dashes are null, whatever the kind.
 * - In number columns, secret markers ("s", "secret", "c", "*", "nd", "n.d.",
 *   "(s)", "ss", any case) are SECRET. Text columns keep them as text: "C" and
 *   "S" are NAF sections and "C" a CTN code.
 * - integer: "1234", "1 234", "1 234,0", "12,00", an integral number cell;
 *   "1.234" and "1.000" are refused (the dot may be a thousands separator);
 *   negatives are refused.
 * - decimal: "12,5", "1 234,56", "12.5", a number cell as is.
 * - text: the trimmed string; a number cell becomes its digits.
 */
export function readCell(raw: RawCell, kind: ColumnSpec["kind"]): CellReading {
  const text = cellText(raw).trim();
  if (text === "" || EMPTY_MARKERS.has(text)) return { value: null };
  if (kind === "text") return { value: text };
  if (SECRET_MARKERS.has(text.toLowerCase())) return { value: SECRET };
  if (typeof raw === "number") return kind === "integer" ? wholeNumber(raw) : finite(raw);

  const m = NUMBER.exec(text);
  if (!m) return { reason: kind === "integer" ? "not a whole number" : "not a number" };
  const [, sign, digits, separator, fraction] = m;
  const negative = sign === "-" || sign === "−";
  if (kind === "decimal") {
    const n = Number(`${digits.replace(/\D/g, "")}.${fraction ?? "0"}`);
    return finite(negative ? -n : n);
  }
  // "1.000" could be 1 or 1 000: a dot before exactly three digits is refused
  // rather than guessed.
  if (separator === "." && fraction.length === 3 && !/\s/.test(digits)) {
    return {
      reason: /^0+$/.test(fraction)
        ? "ambiguous number: the dot may separate thousands"
        : "not a whole number",
    };
  }
  if (fraction !== undefined && !/^0+$/.test(fraction)) return { reason: "not a whole number" };
  return wholeNumber(Number(digits.replace(/\D/g, "")) * (negative ? -1 : 1));
}

function wholeNumber(n: number): CellReading {
  if (!Number.isFinite(n)) return { reason: "not a whole number" };
  if (!Number.isInteger(n)) return { reason: "not a whole number" };
  if (n < 0) return { reason: "negative" };
  return { value: n === 0 ? 0 : n };
}

function finite(n: number): CellReading {
  return Number.isFinite(n) ? { value: n } : { reason: "not a number" };
}
