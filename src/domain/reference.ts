import { readFileSync } from "node:fs";

/**
 * Public nomenclatures shipped as data in src/domain/reference: NAF rév. 2 (INSEE),
 * CTN (Assurance Maladie - Risques professionnels), INSEE regions and their
 * départements, the 21 caisses régionales, and the prevention themes of the
 * 2024 DGT/CNAM instruction. Loaded once per process: they are read-only.
 */

export type NafLevel = "SECTION" | "DIVISION" | "GROUP" | "CLASS" | "SUBCLASS";
export interface NafEntry {
  code: string;
  level: NafLevel;
  label: string;
  parent: string | null;
  divisions?: [number, number];
}
export interface Region {
  code: string;
  name: string;
  departements: string[];
}
export interface Caisse {
  slug: string;
  name: string;
  kind: string;
  regions: string[];
  departements: string[];
}
export interface Ctn {
  code: string;
  label: string;
}
export interface ThemeRef {
  code: string;
  label: string;
  volet: number;
  mpTableaux: string[];
  sumerIndicators: string[];
  /** Carsat's accident-cause codes of the theme (src/sources/carsat/causes.ts), when it has some. */
  atCauses?: string[];
}

function load<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./reference/${name}.json`, import.meta.url), "utf8")) as T;
}

export const naf: NafEntry[] = load("naf");
export const regions: Region[] = load("regions");
export const caisses: Caisse[] = load("caisses");
export const ctns: Ctn[] = load("ctn");
export const themes: ThemeRef[] = load("themes");

const nafByCode = new Map(naf.map((n) => [n.code, n]));
const regionByCode = new Map(regions.map((r) => [r.code, r]));
const caisseBySlug = new Map(caisses.map((c) => [c.slug, c]));
const regionOfDepartement = new Map(regions.flatMap((r) => r.departements.map((d) => [d, r.code] as const)));
const caisseOfDepartement = new Map(caisses.flatMap((c) => c.departements.map((d) => [d, c.slug] as const)));

export const nafEntry = (code: string) => nafByCode.get(code) ?? null;
export const region = (code: string) => regionByCode.get(code) ?? null;
export const caisse = (slug: string) => caisseBySlug.get(slug) ?? null;
export const ctn = (code: string) => ctns.find((c) => c.code === code) ?? null;
export const theme = (code: string) => themes.find((t) => t.code === code) ?? null;
export const regionOf = (departement: string) => regionOfDepartement.get(departement) ?? null;
export const caisseOf = (departement: string) => caisseOfDepartement.get(departement) ?? null;
export const allDepartements = regions.flatMap((r) => r.departements);

/** Level of a dotless NAF code by its shape. */
export function nafLevelOf(code: string): NafLevel {
  if (/^[A-U]$/.test(code)) return "SECTION";
  return (["DIVISION", "GROUP", "CLASS", "SUBCLASS"] as const)[Math.min(code.length, 5) - 2];
}

/** The two-digit divisions a section or any deeper code belongs to / covers. */
export function divisionsOf(code: string): string[] {
  const entry = nafByCode.get(code);
  if (entry?.level === "SECTION" && entry.divisions) {
    const [lo, hi] = entry.divisions;
    return naf
      .filter((n) => n.level === "DIVISION" && Number(n.code) >= lo && Number(n.code) <= hi)
      .map((n) => n.code);
  }
  return [code.slice(0, 2)];
}

/** All subclasses (NAF5) under a code of any level. */
export function subclassesOf(code: string): string[] {
  if (nafLevelOf(code) === "SECTION") {
    const divs = new Set(divisionsOf(code));
    return naf.filter((n) => n.level === "SUBCLASS" && divs.has(n.code.slice(0, 2))).map((n) => n.code);
  }
  return naf.filter((n) => n.level === "SUBCLASS" && n.code.startsWith(code)).map((n) => n.code);
}

/** Section letter of any dotless NAF code. */
export function sectionOf(code: string): string | null {
  if (nafLevelOf(code) === "SECTION") return code;
  return nafByCode.get(code.slice(0, 2))?.parent ?? null;
}
