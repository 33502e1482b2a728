import { badInput } from "../../../errors.js";
export { expectedVersion, freeText, idempotencyKey } from "../../../graphql/write-inputs.js";
import { normaliseNaf } from "../../../domain/identifiers.js";
import { allDepartements, caisse, nafEntry, nafLevelOf } from "../../../domain/reference.js";
import { findNir } from "../../../privacy/personal-data.js";
import type { ArretLengthBand, OrgRef, OrganisationType } from "../types.js";

/**
 * Input checks of the exchange, run before anything is written. Each error
 * names the input field at fault (`input.job.poste`) and never quotes the
 * value: a refused NIR must not travel back, nor reach a log.
 */

/**
 * The free-text fields of the exchange's inputs (schema/pdp-exchange.graphql),
 * at any depth: the job title, each restriction, a message. People write
 * them, so a NIR may slip in. Every other input is an id, a key, a code, a
 * date or an enum, checked by its own shape and not screened: a 13-digit
 * timestamp as an idempotency key is fine. tests/exchange-validation.test.ts
 * checks that every String field of a mutation input is listed here or in
 * NOT_FREE_TEXT_FIELDS.
 */
export const FREE_TEXT_FIELDS: ReadonlySet<string> = new Set(["poste", "restrictions", "text"]);
/** String inputs of the exchange that are keys, not free text. */
export const NOT_FREE_TEXT_FIELDS: ReadonlySet<string> = new Set(["idempotencyKey"]);

/**
 * Refuses a NIR in the free text of a mutation input (FREE_TEXT_FIELDS, in
 * lists and nested inputs), naming the field and never quoting the value.
 * The NIR's use is regulated (décret 2019-341) and Passerelle is not an
 * authorised user: it stays in the SPSTI's DMST. Screened with findNir after
 * NFKC normalisation (spaces, dots, slashes, underscores, dashes, glued
 * letters, full-width digits, 2A/2B, key checked), and with `bareThirteen`: in
 * a text people write, 13 characters with a NIR's structure are a NIR without
 * its key (docs/pdp-exchange.md, "Input checks").
 */
export function refuseNir(input: unknown, path: string): void {
  screen(input, path, false);
}

function screen(value: unknown, path: string, free: boolean): void {
  if (typeof value === "string") {
    if (free && findNir(value, { bareThirteen: true })) {
      throw badInput(
        `${path} contains a NIR (numéro de sécurité sociale) or a number written like one. Remove it: the NIR never enters Passerelle, the worker is known by a pseudonym only.`,
        path,
      );
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => {
      screen(v, `${path}.${i}`, free);
    });
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) screen(v, `${path}.${k}`, free || FREE_TEXT_FIELDS.has(k));
  }
}

/**
 * A NAF rév. 2 subclass (`41.20A` or `4120A`), dotless. The NafCode scalar
 * also takes a class, group, division or section (`41.20`, `41`, `F`), as
 * filters need; a fiche names its establishment's own code, the subclass
 * (APE) of the SIRENE register, and `FicheJob.naf5` promises a subclass.
 */
export function nafSubclass(code: string, path: string): string {
  const naf = normaliseNaf(code);
  if (!naf || !nafEntry(naf)) throw badInput(`${path} is not in the NAF rév. 2 nomenclature`, path);
  const level = nafLevelOf(naf);
  if (level !== "SUBCLASS")
    throw badInput(
      `${path} must be a NAF subclass such as 41.20A or 4120A, not a ${level.toLowerCase()}`,
      path,
    );
  return naf;
}

/** Worker pseudonyms are random tokens (`PS-` and 10 Crockford base32 characters): never a name or a number from another register. */
export function pseudonym(value: string, path: string): string {
  if (!/^PS-[0-9A-HJKMNP-TV-Z]{10}$/.test(value))
    throw badInput(
      `${path} must be a pseudonym such as PS-7K2M9QX4TB (PS- and 10 characters of 0-9 A-Z without I, L, O, U)`,
      path,
    );
  return value;
}

const DAY = 86_400_000;
/** Today's calendar date, UTC (a French working day starts at the latest at 00:00 UTC+2, i.e. before noon UTC). */
export const todayUtc = (now: Date): string => now.toISOString().slice(0, 10);
const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(to) - Date.parse(from)) / DAY);

/** A calendar date within [earliest, today + aheadDays]. */
export function dateWithin(
  date: string,
  path: string,
  now: Date,
  opts: { earliest?: string; aheadDays: number; why: string },
): string {
  const earliest = opts.earliest ?? "2000-01-01";
  if (date < earliest) throw badInput(`${path} (${date}) is before ${earliest}`, path);
  if (daysBetween(todayUtc(now), date) > opts.aheadDays)
    throw badInput(`${path} (${date}) is in the future: ${opts.why}`, path);
  return date;
}

/** An instant no later than now (a small allowance for clock skew between client and server). */
export function pastInstant(iso: string, path: string, now: Date): Date {
  const at = new Date(iso);
  if (at.getTime() > now.getTime() + 5 * 60_000) throw badInput(`${path} (${iso}) is in the future`, path);
  if (at.getUTCFullYear() < 2000) throw badInput(`${path} (${iso}) is before 2000`, path);
  return at;
}

/** Smallest number of days of stoppage each length band implies. */
const BAND_MIN_DAYS: Record<ArretLengthBand, number> = { LT_30J: 0, D30_90J: 30, D90J_6M: 90, GT_6M: 181 };

/** The arrêt cannot start in the future, and its length band cannot exceed the days elapsed since it started. */
export function arretDates(startDate: string, band: ArretLengthBand, path: string, now: Date): void {
  dateWithin(startDate, `${path}.startDate`, now, {
    earliest: "1990-01-01",
    aheadDays: 0,
    why: "an arrêt de travail cannot start after today",
  });
  const elapsed = daysBetween(startDate, todayUtc(now));
  if (elapsed < BAND_MIN_DAYS[band])
    throw badInput(
      `${path}.lengthBand ${band} needs at least ${BAND_MIN_DAYS[band]} days of stoppage, but the arrêt started ${elapsed} days ago`,
      `${path}.lengthBand`,
    );
}

const slug = (id: string, re: RegExp) => re.test(id);
const depOf = (id: string, prefix: string): string | null =>
  id.startsWith(prefix) ? id.slice(prefix.length).toUpperCase() : null;
const isDep = (d: string | null) => d !== null && allDepartements.includes(d);

/** Whether an organisation id fits its type: a caisse slug, `cpam-44`, `cap-emploi-44`, an SPSTI slug... */
function knownOrg(ref: OrgRef): boolean {
  switch (ref.type) {
    case "CARSAT":
      return !!caisse(ref.id);
    case "CPAM":
      return isDep(depOf(ref.id, "cpam-"));
    case "CAP_EMPLOI":
      return isDep(depOf(ref.id, "cap-emploi-"));
    case "MDPH":
      return isDep(depOf(ref.id, "mdph-"));
    case "COMETE":
      return isDep(depOf(ref.id, "comete-"));
    case "SPSTI":
      return slug(ref.id, /^[a-z0-9][a-z0-9-]{1,63}$/);
    default:
      return false;
  }
}

/** An organisation reference of one of the `allowed` types, with an id of its type's shape. */
export function organisation(ref: OrgRef, path: string, allowed: readonly OrganisationType[]): OrgRef {
  if (!allowed.includes(ref.type))
    throw badInput(`${path}.type must be one of ${allowed.join(", ")} here, not ${ref.type}`, `${path}.type`);
  if (!knownOrg(ref))
    throw badInput(
      `${path}.id "${ref.id}" is not a ${ref.type} id (e.g. carsat-pays-de-la-loire, cpam-44, cap-emploi-44, sstrn)`,
      `${path}.id`,
    );
  return { type: ref.type, id: ref.id };
}
