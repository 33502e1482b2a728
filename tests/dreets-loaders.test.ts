import { disclosureConfig } from "../src/privacy/disclosure-config.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./helpers.js";
import { directReads } from "../src/db/imported-reads.js";
import { naf } from "../src/domain/reference.js";
import type { SectorKey } from "../src/domain/scope.js";
import { createDreetsLoaders } from "../src/sources/dreets/loaders.js";
import { SUMER_NAF2_PUBLISHED } from "../src/sources/dreets/catalogue.js";
import { wilsonInterval } from "../src/sources/dreets/stats.js";
import type { EvrestQuery, McpQuery, SumerQuery } from "../src/sources/dreets/types.js";

/**
 * The loaders the joins module calls: batching (database commands must not
 * grow with the number of keys), per-key errors, and the interval maths.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(import.meta.url);
});
afterAll(() => t.close());

const published = new Set<string>(SUMER_NAF2_PUBLISHED);
/** NAF subclasses whose division SUMER publishes, so every key lands at the NAF2 level. */
const subclasses = naf
  .filter((e) => e.level === "SUBCLASS" && published.has(e.code.slice(0, 2)))
  .map((e) => e.code);
const sector = (code: string): SectorKey => ({ kind: "NAF", code, level: "SUBCLASS" });
const indicatorSets = [["manual_handling"], ["noise_85db", "night_work"], null];

function sumerKeys(count: number): SumerQuery[] {
  return Array.from({ length: count }, (_, i) => ({
    sector: sector(subclasses[(i * 7) % subclasses.length]),
    regions: null,
    indicators: indicatorSets[i % 3],
    period: i % 2 ? "2016-2017" : null,
    breakdown: [],
  }));
}

async function commandsFor<K, V>(
  keys: K[],
  load: (loaders: ReturnType<typeof createDreetsLoaders>, k: K) => Promise<V>,
) {
  const loaders = createDreetsLoaders(directReads(t.database.db), null, disclosureConfig(11));
  return t.database.commands.measure(() => Promise.all(keys.map((k) => load(loaders, k))));
}

describe("sumerStats", () => {
  it("answers 5 or 50 sector keys at one level with the same single command", async () => {
    const five = await commandsFor(sumerKeys(5), (l, k) => l.sumerStats.load(k));
    const fifty = await commandsFor(sumerKeys(50), (l, k) => l.sumerStats.load(k));
    expect(five.commands).toBe(1);
    expect(fifty.commands).toBe(five.commands);
    expect(
      fifty.result.every((rows) => rows.length > 0 && rows.every((r) => r.sectorLevel === "DIVISION")),
    ).toBe(true);
  });

  it("gives each key of a batch what it would get alone", async () => {
    const keys = sumerKeys(12);
    const batched = await Promise.all(
      keys.map((k) =>
        createDreetsLoaders(directReads(t.database.db), null, disclosureConfig(11)).sumerStats.load(k),
      ),
    );
    const loaders = createDreetsLoaders(directReads(t.database.db), null, disclosureConfig(11));
    expect(await Promise.all(keys.map((k) => loaders.sumerStats.load(k)))).toEqual(batched);
    expect(batched[0][0]).toMatchObject({
      sectorCode: keys[0].sector!.code.slice(0, 2),
      sectorLevel: "DIVISION",
      region: null,
    });
  });

  it("bounds commands by key shapes: mixed levels and scopes cost the same for 6 or 60 keys", async () => {
    const shapes = (i: number): SumerQuery => ({
      sector: i % 3 === 0 ? null : { kind: "NAF", code: i % 3 === 1 ? "F" : "C", level: "SECTION" },
      regions: i % 2 ? ["52"] : null,
      indicators: null,
      period: null,
      breakdown: ["SEX"],
    });
    const six = await commandsFor(
      Array.from({ length: 6 }, (_, i) => shapes(i)),
      (l, k) => l.sumerStats.load(k),
    );
    const sixty = await commandsFor(
      Array.from({ length: 60 }, (_, i) => ({ ...shapes(i), indicators: indicatorSets[i % 3] })),
      (l, k) => l.sumerStats.load(k),
    );
    expect(sixty.commands).toBe(six.commands);
    expect(six.commands).toBeLessThanOrEqual(4); // {national, regional} × {ALL, SECTION}
  });

  it("rejects only the invalid key of a batch (CTN sector)", async () => {
    const loaders = createDreetsLoaders(directReads(t.database.db), null, disclosureConfig(11));
    const [ok, ctn] = await Promise.allSettled([
      loaders.sumerStats.load(sumerKeys(1)[0]),
      loaders.sumerStats.load({ ...sumerKeys(1)[0], sector: { kind: "CTN", code: "B" } }),
    ]);
    expect(ok.status).toBe("fulfilled");
    expect(ctn).toMatchObject({
      status: "rejected",
      reason: { extensions: { code: "BAD_USER_INPUT", argument: "sector" } },
    });
  });
});

describe("evrestStats and mcpStats", () => {
  it("answer 5 or 50 keys (sectors, regions, periods, years) with the same commands", async () => {
    const evrest = (i: number): EvrestQuery => ({
      sector: i % 4 < 2 ? null : sector(subclasses[i % subclasses.length]),
      regions: i % 2 ? ["52"] : null,
      indicators: i % 3 ? ["fatigue"] : null,
      period: i % 5 ? "2021-2022" : null,
      breakdown: i % 2 ? ["SEX"] : [],
    });
    const mcp = (i: number): McpQuery => ({
      regions: i % 2 ? ["52"] : null,
      years: { from: 2019 + (i % 6), to: 2024 },
      pathologies: null,
      breakdown: i % 3 ? ["AGE_BAND"] : [],
    });
    const run = (n: number) =>
      commandsFor(
        Array.from({ length: n }, (_, i) => i),
        (l, i) => Promise.all([l.evrestStats.load(evrest(i)), l.mcpStats.load(mcp(i))]),
      );
    const five = await run(5);
    const fifty = await run(50);
    // EVREST: {national, regional} (each reads whole periods: a cell is masked in the grid of its period);
    // MCP: the national and the regional cells, read together (the nation and its regions are one grid).
    expect(five.names).toEqual({ find: 4 });
    expect(fifty.commands).toBe(five.commands);
  });
});

describe("wilsonInterval", () => {
  it("contains the prevalence, narrows as n grows, and stays within [0, 100] at the edges", () => {
    const small = wilsonInterval(30, 100)!;
    const large = wilsonInterval(300, 1000)!;
    for (const ci of [small, large]) expect(ci.low < 30 && ci.high > 30).toBe(true);
    expect(large.high - large.low).toBeLessThan(small.high - small.low);
    expect(wilsonInterval(0, 20)!.low).toBe(0);
    expect(wilsonInterval(0, 20)!.high).toBeGreaterThan(0);
    expect(wilsonInterval(20, 20)!.high).toBe(100);
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});
