/**
 * Pure validators for French business identifiers and nomenclature codes.
 * No I/O here: these are used by the GraphQL scalars and by the seed generator.
 */

/** Luhn checksum over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** SIREN of La Poste: its establishments' SIRETs do not follow Luhn. */
export const LA_POSTE_SIREN = "356000000";

/**
 * A SIRET is 14 digits and passes Luhn, except La Poste's, whose digit sum is a
 * multiple of 5 (INSEE rule for an employer with more establishments than Luhn allows).
 */
export function siretProblem(raw: string): string | null {
  const s = raw.replace(/\s/g, "");
  if (!/^\d{14}$/.test(s)) return "a SIRET is 14 digits";
  if (s.startsWith(LA_POSTE_SIREN)) {
    const sum = [...s].reduce((acc, c) => acc + Number(c), 0);
    return sum % 5 === 0 ? null : "this La Poste SIRET fails its check rule (digit sum divisible by 5)";
  }
  return luhnValid(s) ? null : "this SIRET fails its Luhn check digit";
}

/** Completes a 13-digit prefix into a Luhn-valid 14-digit SIRET. */
export function completeSiret(prefix13: string): string {
  for (let d = 0; d <= 9; d++) {
    const candidate = prefix13 + d;
    if (luhnValid(candidate)) return candidate;
  }
  throw new Error("unreachable: one check digit always fits Luhn");
}

/** Completes an 8-digit prefix into a Luhn-valid SIREN. */
export function completeSiren(prefix8: string): string {
  for (let d = 0; d <= 9; d++) {
    if (luhnValid(prefix8 + d)) return prefix8 + d;
  }
  throw new Error("unreachable: one check digit always fits Luhn");
}

/**
 * Normalises a NAF rév. 2 code written with or without its dot
 * (`41.20A`, `4120A`, `41.2`, `41`) to the dotless form (`4120A`, `412`, `41`).
 * Section letters (`F`) are accepted too. Returns null when the shape is wrong.
 */
export function normaliseNaf(raw: string): string | null {
  const s = raw.trim().toUpperCase();
  if (/^[A-U]$/.test(s)) return s;
  const m = /^(\d{2})(?:\.?(\d{1,2}))?([A-Z])?$/.exec(s);
  if (!m) return null;
  const [, div, rest = "", letter = ""] = m;
  if (letter && rest.length !== 2) return null;
  return div + rest + letter;
}
