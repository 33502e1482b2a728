import { normaliseNaf, siretProblem } from "../../../domain/identifiers.js";
import { allDepartements, ctn as ctnRef, nafEntry } from "../../../domain/reference.js";
import type { ImportOrg } from "../../../imports/dataset.js";
import type { RowCheck } from "../../../imports/row-check.js";

/**
 * How the cells of the SPSTI files are read: identifiers and nomenclature
 * codes checked against src/domain, written the way partners' software
 * exports them.
 */

const departements = new Set(allDepartements);

/** The importing SPSTI; an SPSTI column, when the file has one, must name it (a file of another SPSTI's members is refused). */
export function readSpsti(check: RowCheck, org: ImportOrg): string | null {
  if (org.type !== "SPSTI")
    return check.refuse(null, `an SPSTI imports its own data: ${org.type} ${org.id} is not an SPSTI`);
  const raw = check.text("spsti");
  if (raw !== null && raw.toLowerCase() !== org.id.toLowerCase())
    return check.refuse("spsti", `an SPSTI imports its own rows only (${org.id})`);
  return org.id;
}

/** A SIRET: 14 digits (spaces allowed), Luhn, or La Poste's rule. Stored without spaces. */
export function readSiret(check: RowCheck): string | null {
  const raw = check.text("siret");
  if (raw === null) return check.refuse("siret", "the SIRET is required");
  const problem = siretProblem(raw);
  return problem ? check.refuse("siret", problem) : raw.replace(/\s/g, "");
}

/** A NAF rév. 2 subclass, `4120A` or `41.20A`, stored without the dot. */
export function readNaf5(check: RowCheck): string | null {
  const raw = check.text("naf");
  if (raw === null) return check.refuse("naf", "the NAF code is required");
  const code = normaliseNaf(raw);
  if (code === null || code.length !== 5)
    return check.refuse("naf", "a NAF code is a subclass such as 4120A or 41.20A");
  return nafEntry(code)?.level === "SUBCLASS" ? code : check.refuse("naf", "no such NAF rév. 2 subclass");
}

/** A département code, a lost leading zero put back ("1" → "01"), Corsica in capitals ("2a" → "2A"). */
function departementCode(raw: string): string {
  const s = raw.toUpperCase();
  return /^\d$/.test(s) ? `0${s}` : s;
}

/**
 * The département: its column, or the first digits of the commune's INSEE
 * code (3 for the overseas départements, 97x). Either column may be used;
 * when both are, they must agree.
 */
export function readDepartement(check: RowCheck): string | null {
  const dep = check.text("departement");
  const commune = check.text("commune");
  if (dep === null && commune === null)
    return check.refuse("departement", "the département (or the commune's INSEE code) is required");
  let fromCommune: string | null = null;
  if (commune !== null) {
    const c = commune.toUpperCase().padStart(5, "0");
    if (!/^(?:\d{5}|2[AB]\d{3})$/.test(c))
      return check.refuse(
        "commune",
        "a commune is given by its INSEE code, 5 characters such as 44109 or 2A004",
      );
    fromCommune = c.startsWith("97") ? c.slice(0, 3) : c.slice(0, 2);
  }
  const code = dep === null ? fromCommune! : departementCode(dep);
  if (!departements.has(code))
    return check.refuse(dep === null ? "commune" : "departement", "no such département");
  if (fromCommune !== null && fromCommune !== code)
    return check.refuse("commune", `this commune is not in département ${code}`);
  return code;
}

/** The CTN letter of the establishment's risk code (A to I); null when the file does not give it. */
export function readCtn(check: RowCheck): string | null {
  const raw = check.text("ctn")?.toUpperCase() ?? null;
  if (raw === null || ctnRef(raw)) return raw;
  return check.refuse("ctn", "a CTN is a letter from A to I");
}

/** A date, `2019-03-01` or `01/03/2019`, stored as `2019-03-01`; not in the future. */
export function readDate(check: RowCheck, key: string, what: string): string | null {
  const raw = check.text(key);
  if (raw === null) return check.refuse(key, `${what} is required`);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(raw);
  const [y, m, d] = iso
    ? [iso[1], iso[2], iso[3]]
    : fr
      ? [fr[3], fr[2].padStart(2, "0"), fr[1].padStart(2, "0")]
      : [];
  if (y === undefined) return check.refuse(key, `${what} is a date written 2019-03-01 or 01/03/2019`);
  const date = new Date(`${y}-${m}-${d}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== `${y}-${m}-${d}`)
    return check.refuse(key, "no such date");
  if (Number(y) < 1900 || date.getTime() > Date.now())
    return check.refuse(key, `${what} lies between 1900 and today`);
  return `${y}-${m}-${d}`;
}
