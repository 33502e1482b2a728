import { disclosureConfig } from "../src/privacy/disclosure-config.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { naf } from "../src/domain/reference.js";
import { completeSiret } from "../src/domain/identifiers.js";
import type { SectorKey } from "../src/domain/scope.js";
import { createCarsatLoaders } from "../src/sources/carsat/loaders.js";
import type { AtQuery } from "../src/sources/carsat/types.js";
import { as, DREETS_PDL, onlyError, startTestApp, type TestApp } from "./helpers.js";
import { graphql } from "./generated/index.js";
import { directReads } from "../src/db/imported-reads.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(import.meta.url);
});
afterAll(() => t.close());

const years = { from: 2019, to: 2024 };
const subclasses = naf.filter((n) => n.level === "SUBCLASS").map((n) => n.code);
const atKey = (sector: SectorKey | null, groupBy: AtQuery["groupBy"] = ["YEAR"]): AtQuery => ({
  kind: "AT",
  sector,
  territory: { kind: "REGION", code: "52" },
  years,
  groupBy,
});
const naf5 = (code: string): SectorKey => ({ kind: "NAF", code, level: "SUBCLASS" });

/** Loads every key in the same tick with fresh loaders and counts the commands sent. */
async function measureAt(keys: AtQuery[]) {
  const loaders = createCarsatLoaders(directReads(t.database.db), disclosureConfig(11));
  return t.database.commands.measure(() => Promise.all(keys.map((k) => loaders.atStats.load(k))));
}

describe("atStats batching", () => {
  it("sends as many commands for 50 NAF5 keys as for 5", async () => {
    const five = await measureAt(subclasses.slice(0, 5).map((c) => atKey(naf5(c))));
    const fifty = await measureAt(subclasses.slice(0, 50).map((c) => atKey(naf5(c))));
    expect(five.commands).toBe(1);
    expect(fifty.commands).toBe(five.commands);
  });

  it("answers each key of a merged batch as if it were alone", async () => {
    const codes = ["4120A", "4120B", "4321A", "4399C", "7820Z"];
    const together = await measureAt([
      ...codes.map((c) => atKey(naf5(c))),
      atKey({ kind: "CTN", code: "B" }),
      atKey(null, ["AGE_BAND"]),
    ]);
    // AT facts and the age/sex facts: one command per collection, whatever the keys.
    expect(together.commands).toBe(2);
    for (const [i, code] of codes.entries()) {
      const alone = await createCarsatLoaders(directReads(t.database.db), disclosureConfig(11)).atStats.load(
        atKey(naf5(code)),
      );
      expect(together.result[i]).toEqual(alone);
      expect(alone.length).toBe(6);
    }
  });

  it("returns a key's error without failing the others", async () => {
    const loaders = createCarsatLoaders(directReads(t.database.db), disclosureConfig(11));
    const [bad, good] = await Promise.allSettled([
      loaders.atStats.load(atKey(naf5("4120A"), ["SEX"])),
      loaders.atStats.load(atKey(naf5("4120A"))),
    ]);
    expect(bad.status).toBe("rejected");
    expect(good.status).toBe("fulfilled");
  });

  it("keeps the command count flat for a GraphQL query with many aliases", async () => {
    const query = (codes: string[]) =>
      `{ ${codes.map((c, i) => `s${i}: sinistralite(sector: { naf: "${c}" }, years: { from: 2019, to: 2024 }) { year frequencyIndex }`).join(" ")} }`;
    // As a partner: 30 aliases are over the anonymous callers' limit (src/graphql/limits.ts).
    const partner = await as(DREETS_PDL);
    // The first read of a dataset version loads its protected grid, once per process: not per alias.
    await t.gql(query(subclasses.slice(0, 1)), undefined, partner);
    const few = await t.database.commands.measure(() =>
      t.gql(query(subclasses.slice(0, 3)), undefined, partner),
    );
    const many = await t.database.commands.measure(() =>
      t.gql(query(subclasses.slice(0, 30)), undefined, partner),
    );
    expect(many.result.errors).toBeUndefined();
    expect(many.commands).toBe(few.commands);
  });

  it("reads MP for many divisions in one command, with a projection", async () => {
    const loaders = createCarsatLoaders(directReads(t.database.db), disclosureConfig(11));
    const divisions = ["10", "41", "43", "47", "86", "87", "88"];
    const run = await t.database.commands.measure(() =>
      Promise.all(
        divisions.map((code) =>
          loaders.mpStats.load({
            sector: { kind: "NAF", code, level: "DIVISION" },
            territory: { kind: "NATIONAL" },
            years,
            tableaux: ["057"],
            groupBy: ["YEAR"],
          }),
        ),
      ),
    );
    expect(run.commands).toBe(1);
    const last = t.database.commands.recent.at(-1)!;
    expect(last.collection).toBe("carsat_mp_facts");
    expect(Object.keys(last.projection as object).sort()).toEqual(
      [
        "_id",
        "caisse",
        "cases",
        "deaths",
        "ipRateSum",
        "itDays",
        "naf2",
        "newIpBelow10",
        "newIpFrom10",
        "secret",
        "tableau",
        "year",
        "_v",
      ].sort(),
    );
  });
});

describe("Establishment.accidents", () => {
  // A real member of the SSTRN (the register gates the lookup), given fixture rows written with the driver.
  let siret = "";
  const other = completeSiret("9999999900002");
  beforeAll(async () => {
    siret = String(
      (await t.database.db
        .collection("spsti_establishments")
        .findOne({ spstiId: "sstrn" }, { projection: { _id: 1 } }))!._id,
    );
    await t.database.db.collection("carsat_establishment_at").deleteMany({ siret });
    await t.database.db.collection("carsat_establishment_at").insertMany([
      { siret, year: 2023, at: 2, itDays: 140, newIp: 1 },
      { siret, year: 2020, at: 1, itDays: 12 },
      { siret: other, year: 2021, at: 3, itDays: 200 },
    ]);
  });

  it("lists the years with accidents, in year order, zeros restored, for a CPOM party", async () => {
    const res = await t.gql(
      graphql(
        `query EstablishmentAccidents($s: Siret!) { establishment(siret: $s) { accidents { siret year accidents itDays newIp } } }`,
      ),
      { s: siret },
      await as(DREETS_PDL),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.establishment!.accidents).toEqual([
      { siret, year: 2020, accidents: 1, itDays: 12, newIp: 0 },
      { siret, year: 2023, accidents: 2, itDays: 140, newIp: 1 },
    ]);
  });

  it("gives null outside the viewer's row scope and for a SIRET no SPSTI has, FORBIDDEN without a token, and refuses a bad SIRET", async () => {
    const q = graphql(
      `query EstablishmentAccidentYears($s: Siret!) { establishment(siret: $s) { accidents { year } } }`,
    );
    const elsewhere = await t.gql(
      q,
      { s: siret },
      await as({ role: "CARSAT_INGENIEUR_CONSEIL", org: "CARSAT:carsat-bretagne" }),
    );
    expect(elsewhere.errors).toBeUndefined();
    expect(elsewhere.data!.establishment).toBeNull();
    const unknown = await t.gql(q, { s: other }, await as(DREETS_PDL));
    expect(unknown.data!.establishment).toBeNull();
    expect(onlyError(await t.gql(q, { s: siret })).extensions).toMatchObject({ code: "FORBIDDEN" });
    const error = onlyError(await t.gql(q, { s: "12345678901234" }, await as(DREETS_PDL)));
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "s" });
  });

  it("reads many SIRETs in one command", async () => {
    const loaders = createCarsatLoaders(directReads(t.database.db), disclosureConfig(11));
    const sirets = [
      siret,
      other,
      ...Array.from({ length: 20 }, (_, i) => completeSiret(`99999999100${String(i).padStart(2, "0")}`)),
    ];
    const run = await t.database.commands.measure(() =>
      Promise.all(sirets.map((s) => loaders.accidentsBySiret.load(s))),
    );
    expect(run.commands).toBe(1);
    expect(run.result[1]).toEqual([{ siret: other, year: 2021, accidents: 3, itDays: 200, newIp: 0 }]);
  });
});
