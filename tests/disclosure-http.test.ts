import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANNEX4_COUNTS } from "../src/sources/spsti/types-cpom.js";
import type { ResultOf, VariablesOf } from "@graphql-typed-document-node/core";
import { as, DREETS_PDL, startTestApp, type TestApp } from "./helpers.js";
import type { FicheDoc } from "../src/sources/pdp/documents.js";
import { graphql } from "./generated/index.js";
import type { DisclosureSinistraliteQuery } from "./generated/graphql.js";

/**
 * Disclosure control over HTTP, on the real seeded database: small counts
 * come back null, and a reader who subtracts the visible cells from the
 * totals the API also returns (the differencing attack) does not get them
 * back. True values are read from the raw documents with the driver.
 * Carsat and national survey fields are public (no token); partner fields
 * are asked as the DREETS of Pays de la Loire.
 */

let t: TestApp;
let partner: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp(import.meta.url);
  partner = await as(DREETS_PDL);
});
afterAll(() => t.close());

const PDL = "carsat-pays-de-la-loire";
const YEARS = { from: 2019, to: 2024 };
/** The counts of a sinistralité row (its rates follow them). */
const AT_COUNTS = [
  "employees",
  "hoursWorked",
  "establishments",
  "accidents",
  "accidentsWith4Days",
  "newIpBelow10",
  "newIpFrom10",
  "deaths",
  "itDays",
  "ipRateSum",
] as const;
type AtCount = (typeof AT_COUNTS)[number];
const SINISTRALITE =
  graphql(`query DisclosureSinistralite($sector: SectorInput, $groupBy: [AtGroupBy!], $years: YearRange!) {
  sinistralite(sector: $sector, territory: { region: "52" }, years: $years, groupBy: $groupBy) {
    suppressed year ctn { code }
    employees hoursWorked establishments accidents accidentsWith4Days newIpBelow10 newIpFrom10 deaths itDays ipRateSum
    frequencyIndex frequencyRate severityRate severityIndex } }`);
type AtRow = NonNullable<DisclosureSinistraliteQuery["sinistralite"]>[number];

async function sinistralite(vars: Omit<VariablesOf<typeof SINISTRALITE>, "years">): Promise<AtRow[]> {
  const res = await t.gql(SINISTRALITE, { years: YEARS, ...vars });
  expect(res.errors).toBeUndefined();
  return res.data!.sinistralite!;
}

/** Raw AT sums per cell, from the stored facts (the truth a reader must not recover). */
async function rawAt(filter: object, dims: string[]): Promise<Map<string, Record<AtCount, number>>> {
  const docs = await t.database.db
    .collection("carsat_at_facts")
    .find({ caisse: PDL, ...filter })
    .toArray();
  const cells = new Map<string, Record<AtCount, number>>();
  for (const d of docs) {
    const key = dims.map((k) => d[k]).join("|");
    const cell =
      cells.get(key) ?? (Object.fromEntries(AT_COUNTS.map((m) => [m, 0])) as Record<AtCount, number>);
    for (const m of AT_COUNTS) cell[m] += d[m] ?? 0;
    cells.set(key, cell);
  }
  return cells;
}

/** NAF5 subclasses of Pays de la Loire with their yearly raw accidents. */
async function yearlyAccidents(): Promise<Map<string, number[]>> {
  const docs = await t.database.db.collection("carsat_at_facts").find({ caisse: PDL }).toArray();
  const by = new Map<string, number[]>();
  for (const d of docs) {
    const years = by.get(d.naf5) ?? [0, 0, 0, 0, 0, 0];
    years[d.year - 2019] += d.accidents ?? 0;
    by.set(d.naf5, years);
  }
  return by;
}

interface Line {
  cells: string[];
  total: number;
}

/**
 * The attack on one group of cells whose total is known (when it may be
 * shown: a total of 1 or 2 establishments, or of 1 to 10 persons, is itself
 * secret): total − visible cells. The group must hide none or at least two
 * cells, and the residual must not be the true value of a masked cell while
 * another masked cell of the group is non-zero. (When the only other masked
 * cells are zeros, as in the tiny region-scale tables, the residual is the
 * value, but the reader cannot tell which masked cell holds it.) Returns how
 * many masked cells the group has.
 */
function attackGroup(
  cells: string[],
  values: Map<string, number | null>,
  truth: (cell: string) => number,
  limit: number,
): number {
  const total = cells.reduce((a, c) => a + truth(c), 0);
  const hidden = cells.filter((c) => values.get(c) === null);
  if (cells.length < 2 || (total > 0 && total < limit)) return hidden.length;
  const residual = total - cells.reduce((a, c) => a + (values.get(c) ?? 0), 0);
  expect(residual).toBe(hidden.reduce((a, c) => a + truth(c), 0));
  expect(hidden.length, `group ${cells.join(", ")}`).not.toBe(1);
  for (const c of hidden) {
    if (hidden.some((o) => o !== c && truth(o) > 0)) expect(residual, `masked ${c}`).not.toBe(truth(c));
  }
  return hidden.length;
}

/**
 * The analyst's differencing attack: while some line (cells + a published
 * total) has exactly one unknown cell, solve it and go on. Returns every
 * cell value the attack knows at the end.
 */
function differencing(lines: Line[], visible: Map<string, number>): Map<string, number> {
  const known = new Map(visible);
  for (let progress = true; progress; ) {
    progress = false;
    for (const line of lines) {
      const unknown = line.cells.filter((c) => !known.has(c));
      if (unknown.length !== 1) continue;
      known.set(
        unknown[0],
        line.total - line.cells.filter((c) => c !== unknown[0]).reduce((a, c) => a + known.get(c)!, 0),
      );
      progress = true;
    }
  }
  return known;
}

describe("Carsat: small counts of victims", () => {
  it("masks a small subclass's yearly accidents, their IT days and every rate built on them, and every range containing them", async () => {
    const [naf5, years] = [...(await yearlyAccidents())].find(
      ([, y]) => y.every((a) => a > 0 && a < 11) && y.reduce((a, b) => a + b) >= 11,
    )!;
    const rows = await sinistralite({ sector: { naf: naf5 }, groupBy: ["YEAR"] });
    const raw = await rawAt({ naf5 }, ["year"]);
    expect(rows).toHaveLength(6);
    for (const r of rows) {
      expect(r).toMatchObject({
        suppressed: true,
        accidents: null,
        itDays: null,
        ipRateSum: null,
        frequencyIndex: null,
        frequencyRate: null,
        severityRate: null,
        severityIndex: null,
      });
      expect(r.employees).toBe(raw.get(String(r.year))!.employees);
    }
    // The protected grid publishes single years only as cells: a range adds them up, so it is masked with them
    // (per-query control used to publish this total, and then total − other years gave a masked year back).
    const [total] = await sinistralite({ sector: { naf: naf5 }, groupBy: [] });
    expect(years.reduce((a, b) => a + b)).toBeGreaterThanOrEqual(11);
    expect(total).toMatchObject({ suppressed: true, accidents: null, frequencyIndex: null });
    expect(total.employees).toBe([...raw.values()].reduce((a, r) => a + r.employees, 0));
  });

  it("masks every figure of a cell of fewer than 3 establishments, pooled years included (business secrecy)", async () => {
    const docs = await t.database.db
      .collection("carsat_at_facts")
      .find({ caisse: PDL, establishments: { $lte: 2 } })
      .toArray();
    const naf5 = docs[0].naf5;
    const tiny = new Set(docs.filter((d) => d.naf5 === naf5).map((d) => d.year));
    const rows = await sinistralite({ sector: { naf: naf5 }, groupBy: ["YEAR"] });
    for (const r of rows.filter((r) => tiny.has(r.year))) {
      expect(r).toMatchObject({
        suppressed: true,
        employees: null,
        hoursWorked: null,
        establishments: null,
        accidents: null,
        frequencyIndex: null,
      });
    }
    // One establishment over six years is six establishment-years, still one establishment.
    if (tiny.size === rows.length)
      expect((await sinistralite({ sector: { naf: naf5 }, groupBy: [] }))[0]).toMatchObject({
        employees: null,
        accidents: null,
      });
  });
});

describe("Carsat: the differencing attack", () => {
  it("total − visible years does not give a masked year back (one breakdown, its groupBy: [] total)", async () => {
    const [naf5] = [...(await yearlyAccidents())].find(
      ([, y]) => y.filter((a) => a > 0 && a < 11).length === 1 && y.every((a) => a > 0),
    )!;
    const rows = await sinistralite({ sector: { naf: naf5 }, groupBy: ["YEAR"] });
    const [total] = await sinistralite({ sector: { naf: naf5 }, groupBy: [] });
    const raw = await rawAt({ naf5 }, ["year"]);
    const masked = rows.filter((r) => r.accidents === null);
    expect(masked.length).toBeGreaterThanOrEqual(1);
    // The total is a sum of yearly grid cells, one of them masked: masked too, so there is nothing to subtract from.
    expect(total.accidents).toBeNull();
    for (const r of rows.filter((r) => r.accidents !== null))
      expect(r.accidents).toBe(raw.get(String(r.year))!.accidents);
  });

  it("no masked cell of a CTN × year table falls to repeated differencing with the CTN and year totals, for any count", async () => {
    const cells = await sinistralite({ groupBy: ["CTN", "YEAR"] });
    const byCtn = await sinistralite({ groupBy: ["CTN"] });
    const byYear = await sinistralite({ groupBy: ["YEAR"] });
    const raw = await rawAt({}, ["ctn", "year"]);
    const key = (r: AtRow) => `${r.ctn!.code}|${r.year}`;
    let masked = 0;
    for (const m of AT_COUNTS) {
      const visible = new Map(cells.filter((r) => r[m] !== null).map((r) => [key(r), r[m]!]));
      const lines: Line[] = [
        ...byCtn
          .filter((c) => c[m] !== null)
          .map((c) => ({ cells: cells.filter((r) => r.ctn!.code === c.ctn!.code).map(key), total: c[m]! })),
        ...byYear
          .filter((y) => y[m] !== null)
          .map((y) => ({ cells: cells.filter((r) => r.year === y.year).map(key), total: y[m]! })),
      ];
      const known = differencing(lines, visible);
      for (const r of cells.filter((r) => r[m] === null)) {
        masked++;
        expect(known.has(key(r)), `${m} of ${key(r)} (true value ${raw.get(key(r))![m]})`).toBe(false);
      }
      for (const r of cells.filter((r) => r[m] !== null)) expect(r[m]).toBe(raw.get(key(r))![m]);
    }
    expect(masked).toBeGreaterThan(0); // deaths and IPs per CTN and year are small in one region
  });

  it("masks the same cells through the source field, the Sector join and a batch of aliases", async () => {
    graphql(
      `fragment DisclosureAtFields on SinistraliteRow { suppressed year accidents deaths frequencyIndex }`,
    );
    const res = await t.gql(
      graphql(`query DisclosureThreeWays {
      a: sinistralite(sector: { naf: "F" }, territory: { region: "52" }, years: { from: 2019, to: 2024 }) { ...DisclosureAtFields }
      b: sinistralite(sector: { naf: "C" }, territory: { region: "52" }, years: { from: 2019, to: 2024 }) { ...DisclosureAtFields }
      sector(naf: "F") { sinistralite(territory: { region: "52" }, years: { from: 2019, to: 2024 }) { ...DisclosureAtFields } } }`),
    );
    expect(res.errors).toBeUndefined();
    const alone = await t.gql(
      graphql(
        `query DisclosureAlone { sinistralite(sector: { naf: "F" }, territory: { region: "52" }, years: { from: 2019, to: 2024 }) { ...DisclosureAtFields } }`,
      ),
    );
    expect(res.data!.sector!.sinistralite).toEqual(res.data!.a);
    expect(alone.data!.sinistralite).toEqual(res.data!.a);
    expect(res.data!.a!.some((r) => r.deaths === null)).toBe(true);
  });
});

describe("annexe 4: business statistics of the CPOM", () => {
  const ANNEX4 =
    graphql(`query DisclosureAnnex4($year: Year!) { annex4(year: $year, territory: { region: "52" }) {
    cpom { id } theme suppressed commentaire formes formesSuivisCog accompagnes accompagnesSuivisCog cibles ciblesSuivisCog } }`);
  const COUNTS = ANNEX4_COUNTS;

  it("masks 1 or 2 establishments; total − visible cells of any SPSTI or theme never gives a masked count", async () => {
    const res = await t.gql(ANNEX4, { year: 2024 }, partner);
    expect(res.errors).toBeUndefined();
    const rows = res.data!.annex4!;
    // The published table: the columns of the reports both reviewers validated.
    const stored = (
      await t.database.db
        .collection("spsti_annex4_reports")
        .find({ year: 2024, state: "VALIDATED" })
        .toArray()
    ).flatMap((r) => r.rows.map((row: Record<string, number>) => ({ ...row, cpomId: r.cpomId })));
    const key = (cpom: string, theme: string) => `${cpom}|${theme}`;
    const truth = new Map(stored.map((d) => [key(d.cpomId, d.theme), d]));
    let masked = 0;
    for (const m of COUNTS) {
      const values = new Map(rows.map((r) => [key(r.cpom!.id, r.theme), r[m]]));
      for (const r of rows) {
        const d = truth.get(key(r.cpom!.id, r.theme))!;
        if (d[m] > 0 && d[m] < 3) expect(r).toMatchObject({ [m]: null, suppressed: true });
        if (r[m] !== null) expect(r[m]).toBe(d[m]);
      }
      // Each SPSTI's total over its themes and each theme's total over the SPSTIs (DGT survey syntheses).
      for (const field of ["cpomId", "theme"]) {
        for (const value of new Set(stored.map((d) => d[field]))) {
          const group = stored.filter((d) => d[field] === value).map((d) => key(d.cpomId, d.theme));
          masked += attackGroup(group, values, (c) => truth.get(c)![m], 3);
        }
      }
    }
    expect(masked).toBeGreaterThan(0);
    for (const r of rows) if (r.suppressed) expect(r.commentaire).toBeNull();
  });

  it("gives a row the same masks through the region, its theme and its CPOM", async () => {
    graphql(`fragment DisclosureAnnex4Row on Annex4Row {
      cpom { id } theme suppressed formes formesSuivisCog accompagnes accompagnesSuivisCog cibles ciblesSuivisCog
    }`);
    const region = (
      await t.gql(
        graphql(
          `query DisclosureAnnex4Region { annex4(year: 2024, territory: { region: "52" }) { ...DisclosureAnnex4Row } }`,
        ),
        {},
        partner,
      )
    ).data!.annex4!;
    const sstrn = (
      await t.gql(
        graphql(
          `query DisclosureAnnex4Cpom { cpom(id: "cpom-sstrn-2020") { annex4(year: 2024) { ...DisclosureAnnex4Row } } }`,
        ),
        {},
        partner,
      )
    ).data!.cpom!.annex4!;
    const tms = (
      await t.gql(
        graphql(
          `query DisclosureAnnex4Theme { theme(code: TMS) { annex4(year: 2024) { ...DisclosureAnnex4Row } } }`,
        ),
        {},
        partner,
      )
    ).data!.theme!.annex4!;
    for (const r of [...sstrn, ...tms.filter((r) => region.some((x) => x.cpom!.id === r.cpom!.id))])
      expect(region).toContainEqual(r);
    expect(sstrn.length + tms.length).toBeGreaterThan(0);
  });
});

describe("PDP signalements: counts of workers", () => {
  const SIGNALEMENTS =
    graphql(`query DisclosureSignalements($org: ID) { pdpSignalements(years: { from: 2019, to: 2025 }, org: $org) {
    year direction origin { id } recipient { id } count suppressed } }`);
  const key = (r: {
    year: number;
    direction: string;
    origin: { id: string };
    recipient: { id: string } | null;
  }) => `${r.year}|${r.direction}|${r.origin.id}|${r.recipient!.id}`;

  it("masks 1 to 10 fiches, and differencing with the totals per year, direction and party (fichesLiaison totalCount...) recovers none", async () => {
    const res = await t.gql(SIGNALEMENTS, {}, partner);
    expect(res.errors).toBeUndefined();
    const rows = res.data!.pdpSignalements!;
    const fiches = await t.database.db
      .collection<FicheDoc>("pdp_fiches")
      .find({ sentYear: { $gte: 2019, $lte: 2025 } }, { projection: { sentYear: 1, header: 1 } })
      .toArray();
    const truth = new Map<string, number>();
    for (const f of fiches) {
      const k = `${f.sentYear}|${f.header.direction}|${f.header.origin.id}|${f.header.recipient.id}`;
      truth.set(k, (truth.get(k) ?? 0) + 1);
    }
    expect(new Set(rows.map(key))).toEqual(new Set(truth.keys()));
    const values = new Map(rows.map((r) => [key(r), r.count]));
    for (const r of rows) {
      const value = truth.get(key(r))!;
      if (value < 11) expect(r).toMatchObject({ count: null, suppressed: true });
      if (r.count !== null) expect(r.count).toBe(value);
    }
    // Totals per year, direction and recipient; per year, direction and origin; per direction, origin and recipient.
    let masked = 0;
    for (const part of [
      ([y, d, , r]: string[]) => `${y}|${d}|${r}`,
      ([y, d, o]: string[]) => `${y}|${d}|${o}`,
      ([, d, o, r]: string[]) => `${d}|${o}|${r}`,
    ]) {
      const groups = new Map<string, string[]>();
      for (const k of truth.keys())
        groups.set(part(k.split("|")), [...(groups.get(part(k.split("|"))) ?? []), k]);
      for (const group of groups.values()) masked += attackGroup(group, values, (c) => truth.get(c)!, 11);
    }
    expect(masked).toBeGreaterThan(0);
  });

  it("gives a cell the same mask whichever organisation the query names", async () => {
    const all = (await t.gql(SIGNALEMENTS, {}, partner)).data!.pdpSignalements!;
    const sstrn = (await t.gql(SIGNALEMENTS, { org: "sstrn" }, partner)).data!.pdpSignalements!;
    expect(sstrn.length).toBeGreaterThan(0);
    for (const r of sstrn) expect(all).toContainEqual(r);
  });
});

describe("PDP measures: counts of workers' actions", () => {
  it("masks 1 to 10 actions, and gives a year the same masks whatever the year range asked", async () => {
    const q = graphql(
      `query DisclosureMeasures($years: YearRange!) { pdpMeasures(years: $years, org: "sstrn") { year type count suppressed } }`,
    );
    const all = (await t.gql(q, { years: { from: 2019, to: 2025 } }, partner)).data!.pdpMeasures!;
    const one = (await t.gql(q, { years: { from: 2023, to: 2023 } }, partner)).data!.pdpMeasures!;
    expect(one.length).toBeGreaterThan(0);
    expect(one).toEqual(all.filter((r) => r.year === 2023));
    const fiches = await t.database.db
      .collection<FicheDoc>("pdp_fiches")
      .find({ orgIds: "sstrn", "header.status": { $ne: "DRAFT" } }, { projection: { actions: 1 } })
      .toArray();
    const truth = (year: number, type: string) =>
      fiches
        .flatMap((f) => f.actions ?? [])
        .filter((a) => a.type === type && Number(a.date.slice(0, 4)) === year).length;
    for (const r of all) {
      if (truth(r.year, r.type) < 11) expect(r).toMatchObject({ count: null, suppressed: true });
      else if (r.count !== null) expect(r.count).toBe(truth(r.year, r.type));
    }
  });
});

describe("DREETS surveys: prevalences", () => {
  const MCP =
    graphql(`query DisclosureMcp($years: YearRange) { mcp(years: $years, pathologies: ["hearing"], breakdown: [SEX, AGE_BAND]) {
    year sex ageBand n count prevalence confidenceInterval { low high } suppressed } }`);

  it("masks 0 % cells (and 1-10 cases) with their prevalence and interval, but keeps n", async () => {
    const res = await t.gql(MCP, { years: YEARS });
    expect(res.errors).toBeUndefined();
    const docs = await t.database.db.collection("dreets_mcp").find({}).toArray();
    const rows = res.data!.mcp!;
    const stored = (r: (typeof rows)[number]) =>
      docs.find((d) => d.year === r.year && d.sex === r.sex && d.ageBand === r.ageBand)!;
    const zeros = rows.filter((r) => stored(r).hearing === 0);
    expect(zeros.length).toBeGreaterThan(0);
    for (const r of rows) {
      const d = stored(r);
      if (d.hearing < 11)
        expect(r).toMatchObject({
          count: null,
          prevalence: null,
          confidenceInterval: null,
          suppressed: true,
        });
      if (r.n !== null) expect(r.n).toBe(d.n);
      if (r.count !== null) expect(r.prevalence).toBeCloseTo((100 * d.hearing) / d.n, 9);
    }
  });

  it("masks a regional cell within every region's table (a partner field, asked with a token)", async () => {
    const q = graphql(
      `query DisclosureMcpRegional { mcpRegional(territory: { region: "52" }, pathologies: ["hearing"], breakdown: [SEX]) { year sex n count suppressed } }`,
    );
    const res = await t.gql(q, {}, partner);
    expect(res.errors).toBeUndefined();
    const docs = await t.database.db.collection("dreets_mcp_regional").find({ region: "52" }).toArray();
    for (const r of res.data!.mcpRegional!) {
      const cases = docs
        .filter((d) => d.year === r.year && d.sex === r.sex)
        .reduce((a, d) => a + d.hearing, 0);
      if (cases < 11) expect(r.count).toBeNull();
      else if (r.count !== null) expect(r.count).toBe(cases);
    }
  });

  it("all-sector EVREST cells minus the visible sections do not give a masked section back", async () => {
    const EVREST = graphql(`query DisclosureEvrest($sector: SectorInput) {
      evrest(sector: $sector, indicators: ["long_hours"], period: "2021-2022", breakdown: [SEX]) { sex n count suppressed } }`);
    type Row = NonNullable<ResultOf<typeof EVREST>["evrest"]>[number];
    const all = (await t.gql(EVREST)).data!.evrest!;
    const sections = [
      "A",
      "B",
      "C",
      "D",
      "E",
      "F",
      "G",
      "H",
      "I",
      "J",
      "K",
      "L",
      "M",
      "N",
      "P",
      "Q",
      "R",
      "S",
    ];
    const bySection = new Map<string, Row[]>();
    for (const s of sections) bySection.set(s, (await t.gql(EVREST, { sector: { naf: s } })).data!.evrest!);
    let masked = 0;
    for (const measure of ["n", "count"] as const) {
      for (const total of all.filter((r) => r[measure] !== null)) {
        const cells = sections.flatMap((s) =>
          bySection
            .get(s)!
            .filter((r) => r.sex === total.sex)
            .map((r) => ({ s, v: r[measure] })),
        );
        const hidden = cells.filter((c) => c.v === null);
        masked += hidden.length;
        expect(hidden.length).not.toBe(1);
      }
    }
    expect(masked).toBeGreaterThan(0);
  });
});
