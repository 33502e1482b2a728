import { describe, expect, it } from "vitest";
import { caissesOf, parseSector, parseTerritory, regionsOf, sectorFilter } from "../src/domain/scope.js";
import { keyString } from "../src/domain/canonical-key.js";
import { normaliseNaf, siretProblem, completeSiret } from "../src/domain/identifiers.js";

describe("join dimensions", () => {
  it("keys graphql-js input objects (no prototype) the same as plain ones, whatever the key order", () => {
    const input = Object.assign(Object.create(null), { to: 2024, from: 2019 });
    expect(keyString({ years: input, b: 1 })).toBe(keyString({ b: 1, years: { from: 2019, to: 2024 } }));
  });

  it("turns a NAF code at any level into one equality filter", () => {
    expect(sectorFilter(parseSector({ naf: "F" }, "sector"))).toEqual({ section: "F" });
    expect(sectorFilter(parseSector({ naf: "41" }, "sector"))).toEqual({ naf2: "41" });
    expect(sectorFilter(parseSector({ naf: "4120A" }, "sector"))).toEqual({ naf5: "4120A" });
    expect(sectorFilter(parseSector({ ctn: "B" }, "sector"))).toEqual({ ctn: "B" });
  });

  it("refuses a sector with both NAF and CTN, naming the argument", () => {
    expect(() => parseSector({ naf: "41", ctn: "B" }, "sector")).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ code: "BAD_USER_INPUT", argument: "sector" }),
      }),
    );
  });

  it("maps territories onto caisses and regions (Grand Est has two caisses; Sud-Est covers two regions)", () => {
    expect(caissesOf(parseTerritory({ region: "44" }, "territory"))?.sort()).toEqual([
      "carsat-alsace-moselle",
      "carsat-nord-est",
    ]);
    expect(regionsOf(parseTerritory({ caisse: "carsat-sud-est" }, "territory"))).toEqual(["93", "94"]);
    expect(caissesOf(parseTerritory({ departement: "44" }, "territory"))).toEqual([
      "carsat-pays-de-la-loire",
    ]);
    expect(caissesOf(parseTerritory(null, "territory"))).toBeNull();
  });
});

describe("identifiers", () => {
  it("normalises NAF codes written with or without the dot", () => {
    expect(normaliseNaf("41.20A")).toBe("4120A");
    expect(normaliseNaf("4120a")).toBe("4120A");
    expect(normaliseNaf("41.2")).toBe("412");
    expect(normaliseNaf("4X.2")).toBeNull();
    expect(normaliseNaf("41.2A")).toBeNull();
  });

  it("checks SIRETs by Luhn, and La Poste's by digit sum", () => {
    const siret = completeSiret("7328293200007");
    expect(siretProblem(siret)).toBeNull();
    expect(siretProblem(siret.slice(0, 13) + ((Number(siret[13]) + 1) % 10))).toMatch(/Luhn/);
    expect(siretProblem("35600000000001")).toBeNull(); // La Poste: digit sum 15, a multiple of 5
    expect(siretProblem("35600000000002")).toMatch(/La Poste/);
  });
});
