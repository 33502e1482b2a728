import type { VariablesOf } from "@graphql-typed-document-node/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onlyError, startTestApp, type TestApp, DREETS_PDL } from "./helpers.js";
import { graphql } from "./generated/index.js";

/** Lists of member establishments: filters, keyset pagination, and the commands they cost. */
let t: TestApp;
const col = (name: string) => t.database.db.collection(name);
beforeAll(async () => {
  t = await startTestApp(import.meta.url, { as: DREETS_PDL });
});
afterAll(() => t.close());

const LIST =
  graphql(`query Establishments($sector: SectorInput, $territory: TerritoryInput, $spsti: ID, $first: Int, $after: String) {
  establishments(sector: $sector, territory: $territory, spsti: $spsti, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { siret naf { code } departement spsti { id } }
  }
}`);
async function list(vars: VariablesOf<typeof LIST>) {
  const res = await t.gql(LIST, vars);
  expect(res.errors).toBeUndefined();
  return res.data!.establishments!;
}

describe("keyset pagination", () => {
  it("pages do not overlap, follow SIRET order and round-trip their cursor", async () => {
    const p1 = await list({ first: 50 });
    const p2 = await list({ first: 50, after: p1.pageInfo.endCursor });
    const both = await list({ first: 100 });
    const s1 = p1.nodes.map((n) => n.siret);
    const s2 = p2.nodes.map((n) => n.siret);
    expect(s1).toHaveLength(50);
    expect(s2).toHaveLength(50);
    expect(s1.filter((s) => s2.includes(s))).toEqual([]);
    expect(s2[0] > s1[49]).toBe(true);
    expect([...s1, ...s2]).toEqual(both.nodes.map((n) => n.siret));
    expect(p1.pageInfo.hasNextPage).toBe(true);
    expect(p1.totalCount).toBe(await col("spsti_establishments").countDocuments());
    expect(p2.totalCount).toBe(p1.totalCount);
  });

  it("reaches the end with hasNextPage false", async () => {
    const all = await list({ spsti: "stvo", first: 1000 });
    expect(all.nodes).toHaveLength(all.totalCount);
    expect(all.pageInfo.hasNextPage).toBe(false);
    const last = await list({ spsti: "stvo", first: 1000, after: all.pageInfo.endCursor });
    expect(last.nodes).toEqual([]);
  });

  it("refuses a cursor it did not issue and a page above the maximum", async () => {
    const bad = onlyError(await t.gql(LIST, { after: "not-a-cursor" }));
    expect(bad.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "after" });
    const forged = onlyError(await t.gql(LIST, { after: Buffer.from("k:DROP").toString("base64url") }));
    expect(forged.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "after" });
    const tooMany = onlyError(await t.gql(LIST, { first: 1001 }));
    expect(tooMany.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "first" });
  });
});

describe("filters", () => {
  it.each([
    ["section F", "F", (naf5: string) => naf5 >= "41" && naf5 < "44"],
    ["division 41", "41", (naf5: string) => naf5.startsWith("41")],
    ["subclass 4120A (dotted)", "41.20A", (naf5: string) => naf5 === "4120A"],
  ])("sector %s: totalCount and nodes agree with the stored NAF codes", async (_label, naf, keep) => {
    const page = await list({ sector: { naf }, first: 1000 });
    const stored = await col("spsti_establishments")
      .find({}, { projection: { naf5: 1 } })
      .toArray();
    const expected = stored.filter((d) => keep(d.naf5)).length;
    expect(expected).toBeGreaterThan(0);
    expect(page.totalCount).toBe(expected);
    expect(page.nodes.every((n) => keep(n.naf!.code))).toBe(true);
  });

  it("sector by CTN letter", async () => {
    const page = await list({ sector: { ctn: "B" }, first: 5 });
    expect(page.totalCount).toBe(await col("spsti_establishments").countDocuments({ ctn: "B" }));
  });

  it("territory: département 44, region 52, a region without SPSTI here", async () => {
    const d44 = await list({ territory: { departement: "44" }, first: 10 });
    expect(d44.totalCount).toBe(await col("spsti_establishments").countDocuments({ departement: "44" }));
    expect(d44.nodes.every((n) => n.departement === "44")).toBe(true);
    const r52 = await list({ territory: { region: "52" }, first: 10 });
    expect(r52.totalCount).toBe(
      await col("spsti_establishments").countDocuments({
        departement: { $in: ["44", "49", "53", "72", "85"] },
      }),
    );
    const r11 = await list({ territory: { region: "11" }, first: 10 });
    expect(r11).toMatchObject({
      totalCount: 0,
      nodes: [],
      pageInfo: { hasNextPage: false, endCursor: null },
    });
  });

  it("combines sector, territory and SPSTI", async () => {
    const page = await list({
      sector: { naf: "F" },
      territory: { departement: "49" },
      spsti: "stam",
      first: 1000,
    });
    const expected = await col("spsti_establishments").countDocuments({
      spstiId: "stam",
      departement: "49",
      naf5: { $gte: "41", $lt: "44" },
    });
    expect(page.totalCount).toBe(expected);
    expect(page.nodes.every((n) => n.spsti!.id === "stam" && n.departement === "49")).toBe(true);
  });

  it("refuses a bad sector or territory, naming it", async () => {
    expect(onlyError(await t.gql(LIST, { sector: { naf: "F", ctn: "B" } })).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argument: "sector",
    });
    expect(onlyError(await t.gql(LIST, { territory: { region: "99" } })).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argument: "territory",
    });
    expect(onlyError(await t.gql(LIST, { sector: { naf: "99.99Z" } })).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argument: "sector",
    });
  });
});

describe("Spsti.establishments (one find for all SPSTIs)", () => {
  it("keeps each SPSTI to its own members, with its own total", async () => {
    const res = await t.gql(
      graphql(
        `query SpstisEstablishments { spstis { id establishments(first: 5) { totalCount nodes { spsti { id } } pageInfo { hasNextPage } } } }`,
      ),
    );
    expect(res.errors).toBeUndefined();
    for (const s of res.data!.spstis!) {
      const establishments = s.establishments!;
      expect(establishments.totalCount).toBe(
        await col("spsti_establishments").countDocuments({ spstiId: s.id }),
      );
      expect(establishments.nodes).toHaveLength(5);
      expect(establishments.nodes.every((n) => n.spsti!.id === s.id)).toBe(true);
      expect(establishments.pageInfo.hasNextPage).toBe(true);
    }
  });

  it("filters by sector and pages on from a cursor", async () => {
    const q =
      graphql(`query SstrnConstruction($after: String) { spsti(id: "sstrn") { establishments(sector: { naf: "F" }, first: 20, after: $after) {
      totalCount pageInfo { endCursor } nodes { siret naf { code } } } } }`);
    const p1 = (await t.gql(q)).data!.spsti!.establishments!;
    const p2 = (await t.gql(q, { after: p1.pageInfo.endCursor })).data!.spsti!.establishments!;
    expect(p1.totalCount).toBe(
      await col("spsti_establishments").countDocuments({ spstiId: "sstrn", naf5: { $gte: "41", $lt: "44" } }),
    );
    expect(p2.totalCount).toBe(p1.totalCount);
    expect(p2.nodes[0].siret > p1.nodes.at(-1)!.siret).toBe(true);
  });
});

describe("database commands do not grow with list length", () => {
  const nested = graphql(
    `query EstablishmentsWithSpsti($first: Int) { establishments(first: $first) { totalCount nodes { siret headcountBand spsti { name } } } }`,
  );

  it("10 or 1,000 establishments with their SPSTI cost the same commands", async () => {
    const small = await t.database.commands.measure(() => t.gql(nested, { first: 10 }));
    const large = await t.database.commands.measure(() => t.gql(nested, { first: 1000 }));
    expect(small.result.errors).toBeUndefined();
    expect(large.result.data!.establishments!.nodes).toHaveLength(1000);
    expect(large.commands).toBe(small.commands);
    expect(small.commands).toBeLessThanOrEqual(3); // page + count + one batch of SPSTIs
  });

  it("every SPSTI with members, activity and CPOMs: one command per nested list", async () => {
    const m = await t.database.commands.measure(() =>
      t.gql(
        "{ spstis { id establishments(first: 3) { nodes { siret } } activity { year } cpoms { id volets { actions { id } } } } }",
      ),
    );
    expect(m.result.errors).toBeUndefined();
    expect(m.commands).toBe(5); // spstis, establishments, activity, cpoms, actions
  });
});
