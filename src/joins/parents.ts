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
import {
  caissesOf,
  departementsOf,
  parseSector,
  parseTerritory,
  type SectorKey,
  type TerritoryKey,
} from "../domain/scope.js";
import { badInput } from "../errors.js";
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

/**
 * The parents of the join types rebuilt from a Federation entity reference
 * (`__resolveReference`): another subgraph names a sector, territory or theme
 * by its key, and each subgraph's fields read the same parent as in the
 * single process. A reference carries only the key, plus the départements a
 * territory's Carsat and DREETS fields @require (public reference data).
 */
export function sectorFromReference(ref: { kind: "NAF" | "CTN"; code: string }): SectorParent {
  const key = parseSector(ref.kind === "CTN" ? { ctn: ref.code } : { naf: ref.code }, "sector");
  if (!key || !(ref.kind === "CTN" || nafEntry(ref.code)))
    throw badInput(`sector: "${ref.code}" is not a ${ref.kind} code`, "sector");
  return sectorParent(key);
}

export function territoryFromReference(ref: {
  kind: TerritoryKind;
  code: string | null;
  departements?: readonly string[];
}): TerritoryParent {
  const code = ref.code ?? "";
  switch (ref.kind) {
    case "NATIONAL":
      return territoryParent({ kind: "NATIONAL" });
    case "REGION":
      return territoryParent(parseTerritory({ region: code }, "territory"));
    case "CAISSE":
      return territoryParent(parseTerritory({ caisse: code }, "territory"));
    case "DEPARTEMENT":
      return territoryParent(
        code.includes(",") ? { kind: "DEPARTEMENTS", codes: code.split(",") } : { kind: "DEPARTEMENT", code },
      );
    case "SPSTI":
      if (!ref.departements) throw badInput("territory: an SPSTI area needs its départements", "territory");
      return spstiTerritory({ id: code, name: code, departements: [...ref.departements] });
  }
}
