import { badInput } from "../errors.js";
import {
  caisse,
  caisses,
  caisseOf,
  ctn,
  nafLevelOf,
  region,
  regionOf,
  sectionOf,
  type NafLevel,
} from "./reference.js";

/**
 * The join dimensions, parsed once from GraphQL inputs into typed keys.
 * Sources build their Mongo filters from these keys only (never from client
 * objects), through the field allow-list below.
 */
export type SectorKey = { kind: "NAF"; code: string; level: NafLevel } | { kind: "CTN"; code: string };

export type TerritoryKey =
  | { kind: "NATIONAL" }
  | { kind: "REGION"; code: string }
  | { kind: "DEPARTEMENT"; code: string }
  | { kind: "CAISSE"; slug: string }
  /** An SPSTI's area, resolved by the joins module to its départements. */
  | { kind: "DEPARTEMENTS"; codes: string[] };

export interface YearSpan {
  from: number;
  to: number;
}

/**
 * Every fact document of every source stores its NAF code at each level under
 * these field names, so that a sector at any level is one equality filter.
 */
export const NAF_FIELD: Record<NafLevel, string> = {
  SECTION: "section",
  DIVISION: "naf2",
  GROUP: "naf3",
  CLASS: "naf4",
  SUBCLASS: "naf5",
};

/** The NAF fields of a subclass, to spread into a fact document. */
export function nafFields(naf5: string): {
  section: string;
  naf2: string;
  naf3: string;
  naf4: string;
  naf5: string;
} {
  return {
    section: sectionLetter(naf5),
    naf2: naf5.slice(0, 2),
    naf3: naf5.slice(0, 3),
    naf4: naf5.slice(0, 4),
    naf5,
  };
}

function sectionLetter(naf5: string): string {
  const s = sectionOf(naf5);
  if (!s) throw new Error(`no section for NAF ${naf5}`);
  return s;
}

export function parseSector(
  input: { naf?: string | null; ctn?: string | null } | null | undefined,
  argument: string,
): SectorKey | null {
  if (!input) return null;
  if (input.naf && input.ctn) throw badInput(`${argument}: give either naf or ctn, not both`, argument);
  if (input.naf) return { kind: "NAF", code: input.naf, level: nafLevelOf(input.naf) };
  if (input.ctn) {
    if (!ctn(input.ctn))
      throw badInput(`${argument}.ctn: "${input.ctn}" is not a CTN letter (A to I)`, argument);
    return { kind: "CTN", code: input.ctn };
  }
  throw badInput(`${argument}: give naf or ctn`, argument);
}

export function parseTerritory(
  input: { region?: string | null; departement?: string | null; caisse?: string | null } | null | undefined,
  argument: string,
): TerritoryKey {
  if (!input) return { kind: "NATIONAL" };
  const given = Object.entries(input).filter(([, v]) => v != null);
  if (given.length > 1)
    throw badInput(`${argument}: give at most one of region, departement, caisse`, argument);
  if (input.region != null) {
    if (!region(input.region))
      throw badInput(`${argument}.region: "${input.region}" is not an INSEE region code`, argument);
    return { kind: "REGION", code: input.region };
  }
  if (input.departement != null) return { kind: "DEPARTEMENT", code: input.departement };
  if (input.caisse != null) {
    if (!caisse(input.caisse))
      throw badInput(`${argument}.caisse: "${input.caisse}" is not a caisse slug`, argument);
    return { kind: "CAISSE", slug: input.caisse };
  }
  return { kind: "NATIONAL" };
}

export function parseYears(
  input: YearSpan | null | undefined,
  argument: string,
  fallback?: YearSpan,
): YearSpan {
  const span = input ?? fallback;
  if (!span) throw badInput(`${argument} is required`, argument);
  if (span.from > span.to)
    throw badInput(`${argument}: from (${span.from}) is after to (${span.to})`, argument);
  if (span.to - span.from > 30) throw badInput(`${argument}: at most 30 years at once`, argument);
  return span;
}

/** Mongo equality filter for a sector on a fact collection that stores NAF_FIELD fields and `ctn`. */
export function sectorFilter(sector: SectorKey | null): Record<string, string> {
  if (!sector) return {};
  return sector.kind === "CTN" ? { ctn: sector.code } : { [NAF_FIELD[sector.level]]: sector.code };
}

/** The départements a territory covers (null = everywhere). */
export function departementsOf(t: TerritoryKey): string[] | null {
  switch (t.kind) {
    case "NATIONAL":
      return null;
    case "REGION":
      return region(t.code)?.departements ?? [];
    case "DEPARTEMENT":
      return [t.code];
    case "CAISSE":
      return caisse(t.slug)?.departements ?? [];
    case "DEPARTEMENTS":
      return t.codes;
  }
}

/** The caisses whose statistics describe a territory (null = all). */
export function caissesOf(t: TerritoryKey): string[] | null {
  if (t.kind === "CAISSE") return [t.slug];
  const deps = departementsOf(t);
  if (!deps) return null;
  return [...new Set(deps.map((d) => caisseOf(d)).filter((c): c is string => c !== null))];
}

/** The INSEE regions a territory lies in (null = all). */
export function regionsOf(t: TerritoryKey): string[] | null {
  if (t.kind === "REGION") return [t.code];
  if (t.kind === "CAISSE") return caisse(t.slug)?.regions ?? [];
  const deps = departementsOf(t);
  if (!deps) return null;
  return [...new Set(deps.map((d) => regionOf(d)).filter((r): r is string => r !== null))];
}

export const allCaisseSlugs = caisses.map((c) => c.slug);
