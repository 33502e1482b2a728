import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, startTestApp, type TestApp, type ViewerSpec } from "./helpers.js";
import type { FicheDoc } from "../src/sources/pdp/documents.js";
import { suppressTable, type TableSpec } from "../src/privacy/disclosure.js";
import { disclosureConfig } from "../src/privacy/disclosure-config.js";

/**
 * Statistical secrecy across queries for the PDP indicators, SPSTI activity
 * and annex 4 (issue: "no count below the threshold can be recovered by
 * combining any answers the API gives to a caller who is not a party to
 * it"). Over HTTP, as each kind of caller, this collects every published
 * cell under every filter (each organisation, every organisation, the whole
 * span, single years, pairs of years), writes down the equations a reader
 * knows, solves them exactly (rational Gauss-Jordan) and compares each
 * value it determines with the truth read from the database.
 *
 * Equations of `pdpMeasures` (per year × type: no query adds years or types
 * up): each fiche has one SPSTI and one partner, so ALL (no `org`) = Σ SPSTIs
 * = Σ partners, and each organisation = the sum of its pairs SPSTI × partner,
 * which are never published but which a party knows for its own fiches. The
 * attacker is given the pairs that exist (as `pdpSignalements` rows tell),
 * and a party all the pairs it is in (its fiche list): stronger than reality.
 * A recovery is a masked cell the caller is not entirely a party to (some of
 * its fiches do not involve the caller), or a small pair count it is not in,
 * that the system determines, exactly or by bounds (k masked counts, each ≥ 1,
 * summing to k).
 *
 * Negative control: the same attack on the answers of the previous
 * computation (one table per `org`, src/privacy/disclosure.ts) finds masked
 * counts: the test can fail.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(import.meta.url, { seed: "region" });
});
afterAll(() => t.close());

const THRESHOLD = 11;
const SPANS = [
  { from: 2000, to: 2030 },
  ...[2022, 2023, 2024, 2025].map((y) => ({ from: y, to: y })),
  { from: 2022, to: 2023 },
  { from: 2024, to: 2025 },
];

/** Callers: a party acts for `party` (its own cells exact, its own pairs known); the others are parties to nothing here. */
const CALLERS: { name: string; viewer: ViewerSpec; party: string | null }[] = [
  { name: "national analyst", viewer: { role: "ANALYST_NATIONAL", org: "NATIONAL:dgt" }, party: null },
  {
    name: "DREETS engineer",
    viewer: { role: "DREETS_INGENIEUR_PREVENTION", org: "DREETS:dreets-52" },
    party: null,
  },
  {
    name: "SSTRN direction (not its cellule PDP)",
    viewer: { role: "SPSTI_DIRECTION", org: "SPSTI:sstrn" },
    party: null,
  },
  { name: "SSTRN cellule PDP", viewer: { role: "CELLULE_PDP", org: "SPSTI:sstrn" }, party: "sstrn" },
  {
    name: "another SPSTI's cellule PDP (STAM)",
    viewer: { role: "CELLULE_PDP", org: "SPSTI:stam" },
    party: "stam",
  },
  {
    name: "another SPSTI's médecin (STVO)",
    viewer: { role: "MEDECIN_TRAVAIL", org: "SPSTI:stvo" },
    party: "stvo",
  },
  {
    name: "Carsat service social (PDL)",
    viewer: { role: "CARSAT_SERVICE_SOCIAL", org: "CARSAT:carsat-pays-de-la-loire" },
    party: "carsat-pays-de-la-loire",
  },
  {
    name: "another Carsat (Bretagne)",
    viewer: { role: "CARSAT_SERVICE_SOCIAL", org: "CARSAT:carsat-bretagne" },
    party: "carsat-bretagne",
  },
];

// ---------------------------------------------------------------- truth

interface Block {
  year: number;
  type: string;
  /** Organisation (or "*") → count. */
  cells: Map<string, number>;
  /** `spsti>partner` → count. */
  pairs: Map<string, number>;
}

/** The true measure counts, from the raw documents (sent fiches' actions). */
async function truth(): Promise<Map<string, Block>> {
  const fiches = await t.database.db
    .collection<FicheDoc>("pdp_fiches")
    .find({ "header.status": { $ne: "DRAFT" } }, { projection: { spstiId: 1, orgIds: 1, actions: 1 } })
    .toArray();
  const blocks = new Map<string, Block>();
  for (const f of fiches) {
    const partner = f.orgIds.find((o) => o !== f.spstiId)!;
    for (const a of f.actions ?? []) {
      const year = Number(a.date.slice(0, 4));
      const key = `${year}|${a.type}`;
      const b = blocks.get(key) ?? { year, type: a.type, cells: new Map(), pairs: new Map() };
      blocks.set(key, b);
      for (const o of ["*", f.spstiId, partner]) b.cells.set(o, (b.cells.get(o) ?? 0) + 1);
      const p = `${f.spstiId}>${partner}`;
      b.pairs.set(p, (b.pairs.get(p) ?? 0) + 1);
    }
  }
  return blocks;
}

// ---------------------------------------------------------------- what a caller reads

/** What one caller read: each cell's value where some answer showed it, and the cells some answer masked. */
interface Published {
  known: Map<string, number>;
  masked: Set<string>;
  /** Cells shown with two different values, or masked in one answer and shown in another. */
  inconsistent: string[];
}

function record(p: Published, cell: string, count: number | null) {
  if (count === null) {
    if (p.known.has(cell)) p.inconsistent.push(cell);
    p.masked.add(cell);
    return;
  }
  const before = p.known.get(cell);
  if ((before !== undefined && before !== count) || p.masked.has(cell)) p.inconsistent.push(cell);
  p.known.set(cell, count);
}

type MeasureRow = { year: number; type: string; count: number | null; suppressed: boolean };

/** Every `pdpMeasures` answer for every organisation (and none) and every span, in one request. */
async function readMeasures(headers: Record<string, string>, orgs: readonly string[]) {
  const fields: string[] = [];
  const keys: { alias: string; org: string }[] = [];
  for (const [o, org] of [null, ...orgs].entries()) {
    for (const [i, s] of SPANS.entries()) {
      const alias = `m${o}_${i}`;
      keys.push({ alias, org: org ?? "*" });
      fields.push(
        `${alias}: pdpMeasures(years: { from: ${s.from}, to: ${s.to} }${org ? `, org: "${org}"` : ""}) { year type count suppressed }`,
      );
    }
  }
  const res = await t.gql<Record<string, MeasureRow[] | null>>(
    `{ ${fields.join("\n")} }`,
    undefined,
    headers,
  );
  return { res, keys };
}

async function publishedMeasures(
  headers: Record<string, string>,
  orgs: readonly string[],
): Promise<Published> {
  const { res, keys } = await readMeasures(headers, orgs);
  expect(res.errors).toBeUndefined();
  const p: Published = { known: new Map(), masked: new Set(), inconsistent: [] };
  for (const { alias, org } of keys) {
    for (const r of res.data![alias]!) {
      expect(r.suppressed).toBe(r.count === null); // every row says whether it was protected
      record(p, `${r.year}|${r.type}|${org}`, r.count);
    }
  }
  return p;
}

// ---------------------------------------------------------------- the attack

type Q = { n: bigint; d: bigint };
const q = (n: bigint, d = 1n): Q => {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n < 0n ? -n : n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
};
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a === 0n ? 1n : a) : gcd(b, a % b));
const sub = (a: Q, b: Q) => q(a.n * b.d - b.n * a.d, a.d * b.d);
const mul = (a: Q, b: Q) => q(a.n * b.n, a.d * b.d);
const div = (a: Q, b: Q) => q(a.n * b.d, a.d * b.n);

/** Exact Gauss-Jordan: the unknowns a system (rows of coefficients = rhs) determines, with their values. */
function solve(rows: { coef: Map<number, bigint>; rhs: bigint }[], unknowns: number): Map<number, Q> {
  const m = rows.map((r) => {
    const row: Q[] = Array.from({ length: unknowns + 1 }, () => q(0n));
    for (const [c, v] of r.coef) row[c] = q(v);
    row[unknowns] = q(r.rhs);
    return row;
  });
  let pivotRow = 0;
  const pivots: number[] = [];
  for (let c = 0; c < unknowns && pivotRow < m.length; c++) {
    const r = m.findIndex((row, i) => i >= pivotRow && row[c].n !== 0n);
    if (r === -1) continue;
    [m[pivotRow], m[r]] = [m[r], m[pivotRow]];
    const pv = m[pivotRow][c];
    m[pivotRow] = m[pivotRow].map((x) => div(x, pv));
    for (let i = 0; i < m.length; i++) {
      if (i === pivotRow || m[i][c].n === 0n) continue;
      const f = m[i][c];
      m[i] = m[i].map((x, j) => sub(x, mul(f, m[pivotRow][j])));
    }
    pivots.push(c);
    pivotRow++;
  }
  const out = new Map<number, Q>();
  pivots.forEach((c, r) => {
    if (m[r].every((x, j) => j === c || j === unknowns || x.n === 0n)) out.set(c, m[r][unknowns]);
  });
  return out;
}

interface Recovery {
  cell: string;
  value: number;
  truth: number;
  how: "exact" | "bounds" | "inconsistent";
}

/**
 * The masked counts a caller gets back from what it read (`pub`) and its own
 * knowledge as a party (`party`'s pairs), block by block.
 */
function attack(blocks: Map<string, Block>, pub: Published, party: string | null): Recovery[] {
  const found: Recovery[] = pub.inconsistent.map((cell) => {
    const [y, ty, o] = cell.split("|");
    const v = blocks.get(`${y}|${ty}`)?.cells.get(o) ?? 0;
    return { cell, value: v, truth: v, how: "inconsistent" as const };
  });
  for (const [bk, b] of blocks) {
    const pairs = [...b.pairs.keys()].map((p) => p.split(">") as [string, string]);
    const mine = (s: string, p: string) => s === party || p === party;
    // Cells the caller is a party to entirely: all their fiches involve it (it reads them from its own fiches).
    const entirely = (o: string) =>
      pairs.filter(([s, p]) => o === "*" || s === o || p === o).every(([s, p]) => mine(s, p));
    // Unknowns: masked cells, and pairs the caller is not in.
    const index = new Map<string, number>();
    const value = (name: string): number | undefined => {
      if (name.startsWith("pair:")) {
        const [s, p] = name.slice(5).split(">");
        return mine(s, p) ? b.pairs.get(`${s}>${p}`) : undefined;
      }
      return pub.known.get(`${bk}|${name.slice(5)}`);
    };
    const term = (name: string, sign: bigint, row: { coef: Map<number, bigint>; rhs: bigint }) => {
      const v = value(name);
      if (v !== undefined) row.rhs -= sign * BigInt(v);
      else {
        if (!index.has(name)) index.set(name, index.size);
        const c = index.get(name)!;
        row.coef.set(c, (row.coef.get(c) ?? 0n) + sign);
      }
    };
    const rows: { coef: Map<number, bigint>; rhs: bigint }[] = [];
    const equation = (total: string, parts: string[]) => {
      const row = { coef: new Map<number, bigint>(), rhs: 0n };
      term(total, 1n, row);
      for (const p of parts) term(p, -1n, row);
      rows.push(row);
    };
    for (const o of b.cells.keys()) {
      if (o === "*") continue;
      equation(
        `cell:${o}`,
        pairs.filter(([s, p]) => s === o || p === o).map(([s, p]) => `pair:${s}>${p}`),
      );
    }
    equation("cell:*", [...new Set(pairs.map(([s]) => `cell:${s}`))]);
    equation("cell:*", [...new Set(pairs.map(([, p]) => `cell:${p}`))]);
    const names = [...index.keys()];
    const isTarget = (name: string): boolean => {
      if (name.startsWith("pair:")) {
        const v = b.pairs.get(name.slice(5))!;
        return v > 0 && v < THRESHOLD;
      }
      const o = name.slice(5);
      return pub.masked.has(`${bk}|${o}`) && !entirely(o);
    };
    const trueValue = (name: string) =>
      name.startsWith("pair:") ? b.pairs.get(name.slice(5))! : b.cells.get(name.slice(5))!;
    const determined = solve(rows, names.length);
    for (const [c, v] of determined) {
      if (!isTarget(names[c])) continue;
      found.push({
        cell: `${bk}|${names[c]}`,
        value: Number(v.n) / Number(v.d),
        truth: trueValue(names[c]),
        how: "exact",
      });
    }
    // Bounds: an equation whose unknowns all have the same sign and sum to their number pins each to 1.
    for (const row of rows) {
      const coefs = [...row.coef.entries()].filter(([, v]) => v !== 0n);
      if (coefs.length === 0 || !coefs.every(([, v]) => v === coefs[0][1])) continue;
      if (coefs[0][1] * row.rhs !== BigInt(coefs.length)) continue;
      for (const [c] of coefs) {
        if (!isTarget(names[c]) || determined.has(c)) continue;
        found.push({ cell: `${bk}|${names[c]}`, value: 1, truth: trueValue(names[c]), how: "bounds" });
      }
    }
  }
  return found;
}

// ---------------------------------------------------------------- the previous computation (negative control)

const PER_TABLE: TableSpec<MeasureRow> = {
  dims: ["year", "type"],
  measures: [{ field: "count", kind: "persons" }],
};

/** What a caller read before the grid: one table per `org`, masked on its own; a party's own table exact. */
function perTablePublished(
  blocks: Map<string, Block>,
  orgs: readonly string[],
  party: string | null,
): Published {
  const p: Published = { known: new Map(), masked: new Set(), inconsistent: [] };
  const config = disclosureConfig(THRESHOLD);
  for (const org of ["*", ...orgs]) {
    const rows: MeasureRow[] = [];
    for (const b of blocks.values()) {
      const count = b.cells.get(org);
      if (count) rows.push({ year: b.year, type: b.type, count, suppressed: false });
    }
    const own = org === party;
    const masked = own ? rows : suppressTable(rows, PER_TABLE, config);
    for (const r of masked) record(p, `${r.year}|${r.type}|${org}`, r.count);
  }
  return p;
}

// ---------------------------------------------------------------- tests

const summary = (found: Recovery[]) =>
  found.map((r) => `${r.cell}=${r.value}${r.value === r.truth ? "" : ` (truth ${r.truth})`} [${r.how}]`);

describe("PDP measures: no masked count comes back from any combination of answers", () => {
  let blocks: Map<string, Block>;
  let orgs: string[];
  beforeAll(async () => {
    blocks = await truth();
    orgs = [...new Set([...blocks.values()].flatMap((b) => [...b.cells.keys()]))]
      .filter((o) => o !== "*")
      .sort();
  });

  it("refuses anonymous callers (PARTNER_AGGREGATE)", async () => {
    const { res } = await readMeasures({}, orgs.slice(0, 1));
    expect(res.errors?.length).toBeGreaterThan(0);
    expect(res.errors!.every((e) => e.extensions?.code === "FORBIDDEN")).toBe(true);
    expect(Object.values(res.data ?? {}).every((v) => v === null)).toBe(true);
  });

  it("negative control: the previous per-table answers give masked counts back, to every caller", () => {
    const byCaller = CALLERS.map((c) => {
      const found = attack(blocks, perTablePublished(blocks, orgs, c.party), c.party);
      for (const r of found) expect(r.value).toBe(r.truth); // real recoveries, not solver artefacts
      return { caller: c.name, found: summary(found) };
    });
    console.log("per-table recoveries", JSON.stringify(byCaller, null, 1));
    for (const { found } of byCaller) expect(found.length).toBeGreaterThan(0);
  });

  it.each(CALLERS)("gives nothing back to the $name", async ({ viewer, party }) => {
    const pub = await publishedMeasures(await as(viewer), orgs);
    expect(pub.masked.size).toBeGreaterThan(0);
    const found = attack(blocks, pub, party);
    expect(summary(found)).toEqual([]);
  });

  it("keeps a party's own figures exact, and publishes every cell a non-party may read at ≥ threshold", async () => {
    const own = await publishedMeasures(await as({ role: "CELLULE_PDP", org: "SPSTI:sstrn" }), orgs);
    for (const b of blocks.values()) {
      const v = b.cells.get("sstrn");
      if (v) expect(own.known.get(`${b.year}|${b.type}|sstrn`)).toBe(v);
    }
    const analyst = await publishedMeasures(await as(CALLERS[0].viewer), orgs);
    for (const [cell, v] of analyst.known) {
      const [y, ty, o] = cell.split("|");
      expect(blocks.get(`${y}|${ty}`)!.cells.get(o)).toBe(v);
      expect(v).toBeGreaterThanOrEqual(THRESHOLD);
    }
    const cells = [...blocks.values()].reduce((n, b) => n + b.cells.size, 0);
    const shares = {
      cells,
      maskedNow: analyst.masked.size,
      maskedPerTable: perTablePublished(blocks, orgs, null).masked.size,
      primary: [...blocks.values()].reduce(
        (n, b) => n + [...b.cells.values()].filter((v) => v > 0 && v < THRESHOLD).length,
        0,
      ),
    };
    console.log("information loss (cells of year × type × organisation or all)", shares);
    expect(analyst.masked.size + analyst.known.size).toBe(cells);
  });
});

describe("PDP signalements: each answer is a cell, the same in every answer", () => {
  it("shows every caller a cell with the same mask whatever the organisation or years asked", async () => {
    const orgs = (await t.database.db.collection<FicheDoc>("pdp_fiches").distinct("orgIds")) as string[];
    for (const c of CALLERS) {
      const fields = [null, ...orgs].flatMap((org, o) =>
        SPANS.map(
          (s, i) =>
            `s${o}_${i}: pdpSignalements(years: { from: ${s.from}, to: ${s.to} }${org ? `, org: "${org}"` : ""}) { year direction origin { id } recipient { id } count suppressed }`,
        ),
      );
      const res = await t.gql<
        Record<
          string,
          {
            year: number;
            direction: string;
            origin: { id: string };
            recipient: { id: string };
            count: number | null;
            suppressed: boolean;
          }[]
        >
      >(`{ ${fields.join("\n")} }`, undefined, await as(c.viewer));
      expect(res.errors).toBeUndefined();
      const p: Published = { known: new Map(), masked: new Set(), inconsistent: [] };
      for (const rows of Object.values(res.data!))
        for (const r of rows) {
          expect(r.suppressed).toBe(r.count === null);
          record(p, `${r.year}|${r.direction}|${r.origin.id}|${r.recipient.id}`, r.count);
        }
      // No answer is a sum of cells (no total, no groupBy, years and organisations only filter rows):
      // a reader has no equation, so consistency is all it takes.
      expect(p.inconsistent).toEqual([]);
      for (const cell of p.masked) if (c.party) expect(cell.split("|").slice(2)).not.toContain(c.party);
    }
  });

  it("is no sum the SPSTI activity publishes: the DGT survey's signalements are not these cells' totals here", async () => {
    // SpstiActivity.pdp.signalementsVersServiceSocial reads like Σ over Carsats of the SPSTI_TO_CARSAT cells.
    // If an installation's exchange carried every signalement, that unmasked figure would give a masked cell
    // back (one Carsat per SPSTI): see the report in docs. On this data they are independent sources.
    const res = await t.gql<{
      spstis: { id: string; activity: { year: number; pdp: { signalementsVersServiceSocial: number } }[] }[];
    }>(
      `{ spstis { id activity { year pdp { signalementsVersServiceSocial } } } }`,
      undefined,
      await as(CALLERS[0].viewer),
    );
    const sent = await t.database.db
      .collection<FicheDoc>("pdp_fiches")
      .find(
        { "header.direction": "SPSTI_TO_CARSAT", sentYear: { $exists: true } },
        { projection: { spstiId: 1, sentYear: 1 } },
      )
      .toArray();
    for (const s of res.data!.spstis)
      for (const a of s.activity) {
        const cells = sent.filter((f) => f.spstiId === s.id && f.sentYear === a.year).length;
        if (cells > 0) expect(a.pdp.signalementsVersServiceSocial).not.toBe(cells);
      }
  });
});

describe("SPSTI activity and annex 4: no cross-query equation", () => {
  it("activity: partner callers only, no count of persons below the threshold on this data, and no sum over rows", async () => {
    const q = `{ spstis { id activity { year salariesSuivis visits { vip sir reprise preReprise aLaDemande miCarriere finCarriere total } pdp { situations signalementsVersServiceSocial signalementsDuServiceSocial inaptitudes amenagements } } } }`;
    const anonymous = await t.gql<{ spstis: null }>(q, undefined, {});
    expect(anonymous.data?.spstis ?? null).toBeNull();
    const res = await t.gql<{
      spstis: { activity: { visits: Record<string, number>; pdp: Record<string, number> }[] }[];
    }>(q, undefined, await as(CALLERS[0].viewer));
    const values = res.data!.spstis.flatMap((s) =>
      s.activity.flatMap((a) => [...Object.values(a.visits), ...Object.values(a.pdp)]),
    );
    expect(values.length).toBeGreaterThan(0);
    expect(values.filter((v) => v > 0 && v < THRESHOLD)).toEqual([]);
  });

  it("annex 4: every entry point shows a row with the same mask, and no visible 'dont' leaves 1 or 2 establishments", async () => {
    const fields =
      "cpom { id } theme year suppressed formes formesSuivisCog accompagnes accompagnesSuivisCog cibles ciblesSuivisCog";
    const analyst = await as(CALLERS[0].viewer);
    const rows: Record<string, unknown>[] = [];
    for (const year of [2022, 2023, 2024, 2025]) {
      const res = await t.gql<Record<string, Record<string, unknown>[] | null>>(
        `{ all: annex4(year: ${year}) { ${fields} } tms: annex4(year: ${year}, theme: TMS) { ${fields} }
           pdl: annex4(year: ${year}, territory: { region: "52" }) { ${fields} } v: annex4(year: ${year}, territory: { departement: "85" }) { ${fields} } }`,
        undefined,
        analyst,
      );
      expect(res.errors).toBeUndefined();
      for (const list of Object.values(res.data!)) rows.push(...(list ?? []));
    }
    const cpoms = await t.gql<{ spstis: { cpoms: { annex4: Record<string, unknown>[] }[] }[] }>(
      `{ spstis { cpoms { annex4 { ${fields} } } } }`,
      undefined,
      analyst,
    );
    rows.push(...cpoms.data!.spstis.flatMap((s) => s.cpoms.flatMap((c) => c.annex4)));
    const seen = new Map<string, string>();
    for (const r of rows) {
      const key = `${(r.cpom as { id: string }).id}|${r.theme}|${r.year}`;
      const shown = JSON.stringify(r);
      expect(seen.get(key) ?? shown).toBe(shown);
      seen.set(key, shown);
      for (const [all, part] of [
        ["formes", "formesSuivisCog"],
        ["accompagnes", "accompagnesSuivisCog"],
        ["cibles", "ciblesSuivisCog"],
      ]) {
        const a = r[all] as number | null;
        const p = r[part] as number | null;
        if (a !== null && p !== null) expect([1, 2]).not.toContain(a - p);
      }
    }
    expect(seen.size).toBeGreaterThan(0);
  });
});
