import {
  allDepartements,
  caisse,
  caisses,
  ctn,
  nafEntry,
  region,
  theme as themeRef,
  type ThemeRef,
} from "../domain/reference.js";
import { caissesOf, departementsOf, type SectorKey, type TerritoryKey } from "../domain/scope.js";
import { atCause, type AtCause } from "../sources/carsat/causes.js";

/**
 * The parent values of the join types. They carry the parsed dimension key,
 * so every nested field builds its sources' loader keys from it.
 */
export interface SectorParent {
  key: SectorKey;
  code: string;
  kind: "NAF" | "CTN";
  label: string;
}

export type TerritoryKind = "NATIONAL" | "REGION" | "DEPARTEMENT" | "CAISSE" | "SPSTI";

export interface TerritoryParent {
  key: TerritoryKey;
  kind: TerritoryKind;
  code: string | null;
  label: string;
}

export function sectorParent(key: SectorKey): SectorParent {
  const label =
    key.kind === "CTN" ? (ctn(key.code)?.label ?? key.code) : (nafEntry(key.code)?.label ?? key.code);
  return { key, code: key.code, kind: key.kind, label };
}

/** A territory from a parsed key; an SPSTI's area comes from `spstiTerritory`. */
export function territoryParent(key: TerritoryKey): TerritoryParent {
  switch (key.kind) {
    case "NATIONAL":
      return { key, kind: "NATIONAL", code: null, label: "France entière" };
    case "REGION":
      return { key, kind: "REGION", code: key.code, label: region(key.code)?.name ?? key.code };
    case "DEPARTEMENT":
      return { key, kind: "DEPARTEMENT", code: key.code, label: `Département ${key.code}` };
    case "CAISSE":
      return { key, kind: "CAISSE", code: key.slug, label: caisse(key.slug)?.name ?? key.slug };
    case "DEPARTEMENTS":
      return {
        key,
        kind: "DEPARTEMENT",
        code: key.codes.join(","),
        label: `Départements ${key.codes.join(", ")}`,
      };
  }
}

/** An SPSTI's area: the départements it covers. */
export function spstiTerritory(spsti: { id: string; name: string; departements: string[] }): TerritoryParent {
  return {
    key: { kind: "DEPARTEMENTS", codes: spsti.departements },
    kind: "SPSTI",
    code: spsti.id,
    label: spsti.name,
  };
}

export const territoryDepartements = (t: TerritoryParent) => departementsOf(t.key) ?? allDepartements;
export const territoryCaisses = (t: TerritoryParent) => {
  const slugs = caissesOf(t.key);
  return slugs ? slugs.map((s) => caisse(s)!).filter(Boolean) : caisses;
};

export function themeParent(code: string): ThemeRef {
  const t = themeRef(code);
  if (!t) throw new Error(`theme ${code} is missing from src/domain/reference/themes.json`);
  return t;
}

/**
 * The accident causes of a theme (`atCauses` in themes.json; Carsat's cause
 * codes); an unknown code there is a bug of the reference file, not a caller's.
 */
export function themeAtCauses(t: ThemeRef): AtCause[] {
  const codes = t.atCauses ?? [];
  for (const c of codes)
    if (!atCause(c))
      throw new Error(`theme ${t.code}: unknown accident cause ${c} in src/domain/reference/themes.json`);
  return codes as AtCause[]; // each one checked above
}
