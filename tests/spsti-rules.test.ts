import { describe, expect, it } from "vitest";
import {
  annex4DueBy,
  annex4Problem,
  cpomDatesProblem,
  deadlineDueBy,
  headcountBand,
  inForceDuring,
  voletsOf,
} from "../src/sources/spsti/rules.js";
import type { CpomAction } from "../src/sources/spsti/types.js";

describe("CPOM dates (D.4622-47: at most five years)", () => {
  it("accepts the SSTRN CPOM: four years from its signature", () => {
    expect(cpomDatesProblem("2025-09-30", "2029-09-29")).toBeNull();
  });
  it("accepts exactly five years, last day inclusive", () => {
    expect(cpomDatesProblem("2020-09-30", "2025-09-29")).toBeNull();
  });
  it("refuses five years and a day", () => {
    expect(cpomDatesProblem("2020-09-30", "2025-09-30")).toMatch(/at most 5 years/);
  });
  it("refuses an end before the start, and impossible dates", () => {
    expect(cpomDatesProblem("2025-09-30", "2025-09-01")).toMatch(/end after/);
    expect(cpomDatesProblem("2025-02-30", "2026-01-01")).toMatch(/YYYY-MM-DD/);
  });
});

describe("annexe 4 counts", () => {
  const ok = {
    formes: 10,
    formesSuivisCog: 2,
    accompagnes: 5,
    accompagnesSuivisCog: 5,
    cibles: 0,
    ciblesSuivisCog: 0,
  };
  it("accepts 'dont suivis COG' up to the total", () => {
    expect(annex4Problem(ok)).toBeNull();
  });
  it("refuses a 'dont' above its total, naming the row", () => {
    expect(annex4Problem({ ...ok, accompagnesSuivisCog: 6 })).toMatch(/^accompagnes:/);
  });
  it("refuses negative or fractional counts", () => {
    expect(annex4Problem({ ...ok, cibles: -1 })).toMatch(/non-negative/);
    expect(annex4Problem({ ...ok, formes: 1.5 })).toMatch(/integers/);
  });
  it("is due on 30 June of the next year", () => {
    expect(annex4DueBy(2024)).toBe("2025-06-30");
  });
});

describe("CPOM deadlines in words", () => {
  it.each([
    ["Dernier trimestre 2025", "2025-12-31"],
    ["1er trimestre 2026", "2026-03-31"],
    ["T1 2027", "2027-03-31"],
    ["1er semestre 2027", "2027-06-30"],
    ["2nd semestre 2026", "2026-12-31"],
    ["2026", "2026-12-31"],
    ["2027-2028", "2028-12-31"],
    ["Fin 2026 ; 2nd semestre 2027", "2027-12-31"],
  ])("%s → %s", (text, due) => {
    expect(deadlineDueBy(text)).toBe(due);
  });
  it("gives null when no year is written", () => {
    expect(deadlineDueBy("à définir")).toBeNull();
  });
});

describe("small rules", () => {
  it("bands headcounts at 10, 50 and 250", () => {
    expect([1, 9, 10, 49, 50, 249, 250].map(headcountBand)).toEqual([
      "H0_9",
      "H0_9",
      "H10_49",
      "H10_49",
      "H50_249",
      "H50_249",
      "H250_PLUS",
    ]);
  });
  it("knows whether a CPOM is in force during a year", () => {
    expect(inForceDuring("2025-09-30", "2029-09-29", 2025)).toBe(true);
    expect(inForceDuring("2025-09-30", "2029-09-29", 2024)).toBe(false);
    expect(inForceDuring("2025-09-30", "2029-09-29", 2030)).toBe(false);
  });
  it("always lists volets 1 and 2, and volet 3 only when it has actions", () => {
    const action = (volet: number) => ({ volet }) as CpomAction;
    expect(voletsOf([action(1), action(2)]).map((v) => v.number)).toEqual([1, 2]);
    expect(voletsOf([action(3)]).map((v) => [v.number, v.actions.length])).toEqual([
      [1, 0],
      [2, 0],
      [3, 1],
    ]);
  });
});
