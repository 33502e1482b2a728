import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Config } from "../src/config.js";
import { as, startTestApp, type TestApp } from "./helpers.js";
import {
  attack,
  FAMILIES,
  IMPORT_CAISSES,
  importCaisses,
  KINDS,
  recoveriesOf,
  Runner,
  summary,
  Truth,
  type AttackReport,
  type Family,
  type Setting,
} from "./secrecy-attacks.js";

/**
 * Statistical secrecy across queries: no count the API masks (null) can be
 * recovered by combining other answers (attack families in
 * tests/secrecy-attacks.ts: hierarchy, years, territory, groupBy, spelling).
 *
 * Two data sets: the default region seed (one caisse, the nation's rows equal
 * to it), and three caisses imported through POST /imports with their
 * national file (the territory attacks need several caisses). Each is
 * attacked by an analyst (100 aliases per operation, every family in full)
 * and by an anonymous caller (15 aliases per operation, on one NAF subtree).
 *
 * The negative control runs the same attacks with the publication grid
 * turned off (`disclosureGrid: false`, per-query disclosure control only):
 * they must succeed there, or the attacks prove nothing. (The analyst's
 * attack on the seed is cut to section F there: it only has to succeed.)
 * Each attack prints its summary: answers, masked cells, relations and
 * recoveries per family.
 */

const ANALYST = { role: "ANALYST_NATIONAL", org: "NATIONAL:dgt" } as const;
/** Protection off: per-query disclosure control only (the config field the publication grid adds). */
const UNPROTECTED = { disclosureGrid: false } as Partial<Config>;
/** The grid is off by default until it is sound (src/config.ts): the protected servers turn it on. */
const PROTECTED = { disclosureGrid: true } as Partial<Config>;

interface Target {
  app: TestApp;
  truth: Truth;
  /** The analyst's attack: every family on every code. */
  full: Setting;
  /** A lighter analyst's attack (the negative control needs only to succeed somewhere). */
  light: Setting;
  /** The anonymous caller's attack, on one NAF subtree. */
  sample: Setting;
}

async function seedTarget(config: Partial<Config> = PROTECTED): Promise<Target> {
  const app = await startTestApp(import.meta.url, { config });
  const truth = await Truth.load(app.database.db);
  const universe = truth.universe();
  const full: Setting = {
    universe,
    territories: [null],
    territoryFamily: [null, { region: "52" }, { caisse: "carsat-pays-de-la-loire" }, { departement: "44" }],
    territorySectors: [null, ...universe.codes.SECTION, ...universe.codes.DIVISION].map((c) =>
      c === null ? null : { naf: c },
    ),
    rangeTargets: 20,
    spellings: 10,
  };
  const light: Setting = {
    ...full,
    universe: truth.universe("F"),
    territorySectors: [null, { naf: "F" }, { naf: "43" }],
    rangeTargets: 5,
    spellings: 3,
  };
  // The examples: 4329 and its subclasses (4329B masked), 4329B over shortened ranges.
  const sample: Setting = {
    universe: truth.universe("4329"),
    territories: [null],
    territoryFamily: [null, { region: "52" }],
    territorySectors: [null, { naf: "4329" }, { naf: "4329B" }],
    rangeTargets: 2,
    spellings: 2,
  };
  return { app, truth, full, light, sample };
}

async function importTarget(config: Partial<Config> = PROTECTED): Promise<Target> {
  const app = await startTestApp(import.meta.url, { seed: false, config });
  await importCaisses(app.url);
  const truth = await Truth.load(app.database.db);
  const universe = truth.universe();
  const codes = [
    ...universe.codes.SECTION,
    ...universe.codes.DIVISION,
    ...universe.codes.GROUP,
    ...universe.codes.CLASS,
    ...universe.codes.SUBCLASS,
  ];
  const territoryFamily = [
    null,
    { region: "84" },
    { region: "52" },
    ...IMPORT_CAISSES.map((caisse) => ({ caisse })),
    { departement: "69" },
    { departement: "63" },
    { departement: "44" },
  ];
  const full: Setting = {
    universe,
    territories: [null, { region: "84" }],
    territoryFamily,
    territorySectors: [null, ...codes.map((naf) => ({ naf })), ...universe.ctns.map((ctn) => ({ ctn }))],
    rangeTargets: 100,
    spellings: 20,
  };
  const sample: Setting = {
    universe: truth.universe("43"),
    territories: [null],
    territoryFamily: [
      null,
      { region: "84" },
      { caisse: "carsat-rhone-alpes" },
      { caisse: "carsat-auvergne" },
    ],
    territorySectors: [null, { naf: "43" }, { naf: "4329" }, { naf: "4329B" }],
    rangeTargets: 3,
    spellings: 3,
  };
  return { app, truth, full, light: full, sample };
}

/** The analyst's full attack and the anonymous caller's sample, on one app. */
async function attackBoth(
  name: string,
  target: Target,
  analystSetting = target.full,
): Promise<AttackReport[]> {
  const { app, truth } = target;
  const analyst = new Runner(app.gql, await as(ANALYST), {
    aliases: app.config.limits.partner.aliases,
    tokens: app.config.limits.tokens,
  });
  const anonymous = new Runner(
    app.gql,
    {},
    {
      aliases: app.config.limits.anonymous.aliases,
      tokens: app.config.limits.tokens,
    },
  );
  const reports = [
    await attack(`${name}, analyst`, analyst, truth, analystSetting),
    await attack(`${name}, anonymous`, anonymous, truth, target.sample),
  ];
  for (const r of reports) console.log(summary(r));
  return reports;
}

const count = (reports: AttackReport[], family: Family | "combined") =>
  reports.reduce((a, r) => a + recoveriesOf(r, family).length, 0);

const examples = (reports: AttackReport[], family: Family | "combined") =>
  reports
    .flatMap((r) => recoveriesOf(r, family))
    .slice(0, 5)
    .map((r) => `${r.cell} ${r.measure} = ${r.value} (masked in ${r.maskedIn}; ${r.how.slice(0, 200)})`)
    .join("\n");

describe("negative control: per-query disclosure control only (disclosureGrid: false)", () => {
  let reports: AttackReport[] = [];
  const targets: Target[] = [];
  beforeAll(async () => {
    targets.push(await seedTarget(UNPROTECTED), await importTarget(UNPROTECTED));
    reports = [
      ...(await attackBoth("unprotected seed", targets[0], targets[0].light)),
      ...(await attackBoth("unprotected import", targets[1])),
    ];
  }, 900_000);
  afterAll(async () => {
    for (const t of targets) await t.app.close();
  });

  it("publishes what per-query control publishes (for comparison with the grid)", () => {
    for (const r of reports)
      console.log(
        `${r.who}: ${((100 * r.ledger.shown) / (r.ledger.shown + r.ledger.masked)).toFixed(1)} % of the figures answered are shown`,
      );
  });

  for (const family of ["hierarchy", "years", "territory"] as const) {
    it(`recovers masked small counts by the ${family} attacks`, () => {
      const n = count(reports, family);
      console.log(`negative control, ${family}: ${n} recoveries\n${examples(reports, family)}`);
      expect(n, `${family}: ${n} recoveries`).toBeGreaterThan(0);
    });
  }

  it("recovers the issue's examples: 4329B in 2022 (newIpFrom10 = 7) by class − subclasses and by years", () => {
    const seed = reports.filter((r) => r.who.startsWith("unprotected seed"));
    const found = (family: Family) =>
      seed.flatMap((r) => recoveriesOf(r, family)).filter((r) => r.cell.startsWith("AT|FR|4329B|*|"));
    expect(found("hierarchy").map((r) => r.cell)).toContain("AT|FR|4329B|*|2022-2022");
    expect(found("years").length).toBeGreaterThan(0);
  });
});

describe("protected: the publication grid (default configuration)", () => {
  let reports: AttackReport[] = [];
  const targets: Target[] = [];
  beforeAll(async () => {
    targets.push(await seedTarget(), await importTarget());
    reports = [
      ...(await attackBoth("protected seed", targets[0])),
      ...(await attackBoth("protected import", targets[1])),
    ];
  }, 900_000);
  afterAll(async () => {
    for (const t of targets) await t.app.close();
  });

  for (const family of [...FAMILIES, "combined"] as const) {
    it(`lets no masked small count be recovered by the ${family} attacks (analyst and anonymous caller)`, () => {
      for (const r of reports) {
        const found = recoveriesOf(r, family);
        expect(
          found.length,
          `${r.who}, ${family}: ${found.length} recoveries\n${examples([r], family)}`,
        ).toBe(0);
      }
    });
  }

  it("answers the same question identically, cell by cell, whatever the NAF code's spelling (41.20A and 4120A)", () => {
    for (const r of reports) expect(r.mismatches, r.who).toEqual([]);
  });

  it("still publishes most figures: the nation's accidents of every year, and a good share of what is asked", () => {
    for (const r of reports) {
      expect(r.ledger.conflicts, r.who).toEqual([]);
      const answered = r.ledger.questions / (r.ledger.questions + r.refused.length);
      expect(answered, `${r.who}: ${r.refused.slice(0, 3).join("; ")}`).toBeGreaterThan(0.9);
      const shown = r.ledger.shown / (r.ledger.shown + r.ledger.masked);
      console.log(`${r.who}: ${(100 * shown).toFixed(1)} % of the figures answered are shown`);
      expect(shown, r.who).toBeGreaterThan(0.3);
    }
    const wrong: string[] = [];
    for (const [i, t] of targets.entries()) {
      const cells = reports[2 * i].ledger.cells.get("accidents")!;
      for (const kind of KINDS)
        for (const year of t.full.universe.years) {
          const cell = cells.get(`${kind}|FR|*|*|${year}-${year}`);
          const truth = t.truth.value(
            { kind, terr: "FR", naf: null, ctn: null, from: year, to: year },
            "accidents",
          );
          if (cell?.visible !== truth)
            wrong.push(
              `${reports[2 * i].who}: ${kind} ${year} shown ${cell?.visible}, truth ${truth} (masked in ${cell?.maskedIn})`,
            );
        }
    }
    expect(wrong, "the nation's accidents per year").toEqual([]);
  });
});
