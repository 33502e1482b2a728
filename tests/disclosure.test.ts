import { describe, expect, it } from "vitest";
import { suppressTable, suppressionMasks, type TableSpec } from "../src/privacy/disclosure.js";
import { determinedCells } from "../src/privacy/disclosure-audit.js";
import { buildLines } from "../src/privacy/disclosure-lines.js";
import { disclosureConfig } from "../src/privacy/disclosure-config.js";

/** Unit tests of the pure disclosure module: no database. */

const CONFIG = disclosureConfig(11);
/** A table row of these tests: dimension values, counts, flags. */
type Row = Record<string, number | string | boolean | null | undefined>;
const PERSONS: TableSpec<Row> = { dims: ["year"], measures: [{ field: "n", kind: "persons" }] };
const hiddenOf = (rows: Row[], f = "n") => rows.filter((r) => r[f] === null).map((r) => r.key ?? r.year);

/** Every line of the returned table hides 0 or at least 2 of its cells (unless its total is itself a small count, masked where shown). */
function linesAreSafe(rows: Row[], spec: TableSpec<Row>, f: string, mask: boolean[]) {
  const lines = buildLines(rows, spec);
  for (const line of lines.members) {
    const members = line.filter((i) => typeof rows[i][f] === "number");
    const total = members.reduce((a, i) => a + (rows[i][f] as number), 0);
    if (members.length < 2 || (total > 0 && total < 11)) continue;
    expect(members.filter((i) => mask[i]).length, `line ${line.join(",")}`).not.toBe(1);
  }
}

/** A small deterministic PRNG for the property tests. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("primary suppression", () => {
  it("masks persons counts 1-10 and keeps 0 and ≥ 11; the threshold is configurable", () => {
    const rows = [
      { year: 1, n: 5 },
      { year: 2, n: 0 },
      { year: 3, n: 11 },
      { year: 4, n: 400 },
    ];
    const out = suppressTable(rows, { ...PERSONS, dims: [] }, CONFIG);
    expect(out.map((r) => r.n)).toEqual([null, 0, 11, 400]);
    expect(out.map((r) => r.suppressed)).toEqual([true, false, false, false]);
    expect(suppressTable(rows, { ...PERSONS, dims: [] }, disclosureConfig(5)).map((r) => r.n)).toEqual([
      5, 0, 11, 400,
    ]);
  });

  it("masks 0 % and 100 % prevalences, not the denominator", () => {
    const spec: TableSpec<Row> = {
      dims: [],
      measures: [
        { field: "n", kind: "persons" },
        { field: "c", kind: "persons", shareOf: "n", follows: ["n"] },
      ],
    };
    const out = suppressTable(
      [
        { n: 40, c: 0 },
        { n: 40, c: 40 },
        { n: 40, c: 20 },
        { n: 4, c: 2 },
      ],
      spec,
      CONFIG,
    );
    expect(out.map((r) => [r.n, r.c])).toEqual([
      [40, null],
      [40, null],
      [40, 20],
      [null, null],
    ]);
  });

  it("applies the INSEE rules to business statistics: < 3 units masks the whole cell, so does a unit above 85 %", () => {
    const spec: TableSpec<Row> = {
      dims: [],
      measures: [
        { field: "employees", kind: "value" },
        { field: "accidents", kind: "persons" },
      ],
      units: (r) => r.units as number | undefined,
      topUnitShare: (r) => r.top as number | undefined,
    };
    const out = suppressTable(
      [
        { units: 2, employees: 900, accidents: 40 },
        { units: 3, employees: 900, accidents: 40, top: 0.9 },
        { units: 3, employees: 900, accidents: 40, top: 0.5 },
      ],
      spec,
      CONFIG,
    );
    expect(out.map((r) => [r.employees, r.accidents])).toEqual([
      [null, null],
      [null, null],
      [900, 40],
    ]);
  });

  it("masks a 'dont' count whose rest is a small count of units, and counts of 1-2 establishments", () => {
    const spec: TableSpec<Row> = {
      dims: [],
      measures: [
        { field: "formes", kind: "units" },
        { field: "cog", kind: "units", partOf: "formes" },
      ],
    };
    const out = suppressTable(
      [
        { formes: 40, cog: 38 },
        { formes: 40, cog: 20 },
        { formes: 2, cog: 0 },
      ],
      spec,
      CONFIG,
    );
    expect(out.map((r) => [r.formes, r.cog])).toEqual([
      [40, null],
      [40, 20],
      [null, null],
    ]);
  });

  it("masks a measure that follows another wherever that one is masked", () => {
    const spec: TableSpec<Row> = {
      dims: [],
      measures: [
        { field: "accidents", kind: "persons" },
        { field: "itDays", kind: "value", follows: ["accidents"] },
      ],
    };
    expect(suppressTable([{ accidents: 3, itDays: 250 }], spec, CONFIG)[0]).toMatchObject({
      accidents: null,
      itDays: null,
      suppressed: true,
    });
  });
});

describe("secondary suppression", () => {
  it("hides the smallest other non-zero cell of a line, never a zero", () => {
    const rows = [
      { year: 2019, n: 5 },
      { year: 2020, n: 0 },
      { year: 2021, n: 300 },
      { year: 2022, n: 40 },
    ];
    expect(hiddenOf(suppressTable(rows, PERSONS, CONFIG))).toEqual([2019, 2022]);
  });

  it("leaves a table of one cell to its primary rule: the total is the cell itself", () => {
    expect(hiddenOf(suppressTable([{ year: 2019, n: 5 }], PERSONS, CONFIG))).toEqual([2019]);
    expect(hiddenOf(suppressTable([{ year: 2019, n: 50 }], PERSONS, CONFIG))).toEqual([]);
  });

  it("iterates over both dimensions of a 2-D table until every line is safe", () => {
    const grid = [
      [5, 40, 60],
      [30, 50, 70],
      [80, 90, 3],
    ];
    const rows = grid.flatMap((line, a) => line.map((n, b) => ({ a, b, n, key: `${a}${b}` })));
    const spec: TableSpec<Row> = { dims: ["a", "b"], measures: [{ field: "n", kind: "persons" }] };
    const mask = suppressionMasks(rows, spec, CONFIG).get("n")!;
    linesAreSafe(rows, spec, "n", mask);
    expect(mask[0] && mask[8]).toBe(true);
    // Two primaries on a diagonal: the cheapest safe pattern is 4 cells (rows a=0, a=2 × columns b=0, b=2).
    expect(hiddenOf(suppressTable(rows, spec, CONFIG))).toEqual(["00", "02", "20", "22"]);
  });

  it("splits the lines of a nested dimension by their parent (syndromes add up to their tableau)", () => {
    const rows = [
      { syndrome: "57A", tableau: "57", n: 4 },
      { syndrome: "57B", tableau: "57", n: 500 },
      { syndrome: "57C", tableau: "57", n: 30 },
      { syndrome: "98A", tableau: "98", n: 20 },
    ];
    const spec: TableSpec<Row> = {
      dims: ["syndrome"],
      parents: { syndrome: (r) => r.tableau as string },
      measures: [{ field: "n", kind: "persons" }],
    };
    expect(
      suppressTable(rows, spec, CONFIG)
        .filter((r) => r.n === null)
        .map((r) => r.syndrome),
    ).toEqual(["57A", "57C"]);
  });

  it("lets a cell never returned (an unpublished remainder) protect its line, and protects it only when a rule masks it", () => {
    const spec: TableSpec<Row> = {
      dims: ["d"],
      measures: [{ field: "n", kind: "persons" }],
      hidden: (r) => r.rest === true,
    };
    const table = (a: number, rest: number) => [
      { d: "41", n: a },
      { d: "43", n: 900 },
      { d: "~rest", n: rest, rest: true },
    ];
    expect(suppressTable(table(5, 300), spec, CONFIG).map((r) => r.n)).toEqual([null, 900]);
    expect(suppressTable(table(500, 300), spec, CONFIG).map((r) => r.n)).toEqual([500, 900]);
    expect(suppressTable(table(500, 4), spec, CONFIG).map((r) => r.n)).toEqual([null, 900]);
  });

  it("does not take a 'dont' 0 under a visible total of 0 as a complement alone: that total is masked too", () => {
    const spec: TableSpec<Row> = {
      dims: ["theme"],
      measures: [
        { field: "formes", kind: "units" },
        { field: "cog", kind: "units", partOf: "formes" },
      ],
    };
    // A's cog is masked (40 − 38 = 2 establishments not followed); B's cog is 0, and so is its total.
    const out = suppressTable(
      [
        { theme: "A", formes: 40, cog: 38 },
        { theme: "B", formes: 0, cog: 0 },
      ],
      spec,
      CONFIG,
    );
    expect(out.map((r) => [r.formes, r.cog])).toEqual([
      [null, null],
      [null, null],
    ]);
  });

  it("needs no complement when the line's total is itself a small count (its query masks it)", () => {
    expect(
      hiddenOf(
        suppressTable(
          [
            { year: 2019, n: 4 },
            { year: 2020, n: 3 },
            { year: 2021, n: 0 },
          ],
          PERSONS,
          CONFIG,
        ),
      ),
    ).toEqual([2019, 2020]);
    expect(
      hiddenOf(
        suppressTable(
          [
            { year: 2019, n: 4 },
            { year: 2020, n: 0 },
          ],
          PERSONS,
          CONFIG,
        ),
      ),
    ).toEqual([2019]);
  });

  it("finds and fixes a hidden cell that bridges two hidden rectangles (two per line is not enough)", () => {
    // 4 × 4 table; rectangles {r0,r1}×{c0,c1} and {r2,r3}×{c2,c3}, bridge (r0,c2).
    const rows = Array.from({ length: 16 }, (_, k) => ({ r: Math.floor(k / 4), c: k % 4, n: 100 + k }));
    const spec: TableSpec<Row> = { dims: ["r", "c"], measures: [{ field: "n", kind: "persons" }] };
    const lines = buildLines(rows, spec);
    const at = (r: number, c: number) => r * 4 + c;
    const mask = rows.map(() => false);
    for (const [r, c] of [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
      [2, 2],
      [2, 3],
      [3, 2],
      [3, 3],
      [0, 2],
    ])
      mask[at(r, c)] = true;
    expect(
      determinedCells(
        lines,
        rows.map((r) => r.n),
        mask,
      ),
    ).toEqual([at(0, 2)]);
  });

  it("never leaves a recoverable cell on random 2-D and 3-D tables, and masks every primary", () => {
    const rnd = lcg(42);
    for (let t = 0; t < 60; t++) {
      const sizes =
        t % 2
          ? [2 + Math.floor(rnd() * 5), 2 + Math.floor(rnd() * 5)]
          : [2 + Math.floor(rnd() * 3), 2 + Math.floor(rnd() * 3), 2 + Math.floor(rnd() * 3)];
      const dims = sizes.map((_, k) => `d${k}`);
      const rows: Row[] = [];
      const walk = (k: number, acc: Row) => {
        if (k === sizes.length) {
          const x = rnd();
          rows.push({
            ...acc,
            n: x < 0.15 ? 0 : x < 0.4 ? 1 + Math.floor(rnd() * 10) : 11 + Math.floor(rnd() * 200),
          });
          return;
        }
        for (let v = 0; v < sizes[k]; v++) walk(k + 1, { ...acc, [dims[k]]: v });
      };
      walk(0, {});
      const spec: TableSpec<Row> = { dims, measures: [{ field: "n", kind: "persons" }] };
      const mask = suppressionMasks(rows, spec, CONFIG).get("n")!;
      rows.forEach((r, i) => {
        const n = r.n as number;
        if (n > 0 && n < 11) expect(mask[i]).toBe(true);
      });
      linesAreSafe(rows, spec, "n", mask);
      const unknown = determinedCells(
        buildLines(rows, spec),
        rows.map((r) => r.n as number),
        mask,
        11,
      );
      expect(unknown.filter((i) => mask[i])).toEqual([]);
    }
  });
});

describe("determinism", () => {
  it("gives the same pattern whatever the order of the rows", () => {
    const rnd = lcg(7);
    const rows = Array.from({ length: 30 }, (_, k) => ({
      a: k % 6,
      b: Math.floor(k / 6),
      n: rnd() < 0.3 ? 1 + Math.floor(rnd() * 9) : 20 + Math.floor(rnd() * 100),
    }));
    const spec: TableSpec<Row> = { dims: ["a", "b"], measures: [{ field: "n", kind: "persons" }] };
    const pattern = (rs: Row[]) =>
      new Set(
        suppressTable(rs, spec, CONFIG)
          .filter((r) => r.n === null)
          .map((r) => `${r.a}/${r.b}`),
      );
    const reference = pattern(rows);
    for (let k = 0; k < 5; k++) {
      const shuffled = [...rows].sort(() => rnd() - 0.5);
      expect(pattern(shuffled)).toEqual(reference);
    }
    expect(reference.size).toBeGreaterThan(0);
  });
});
