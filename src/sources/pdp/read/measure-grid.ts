import { LRUCache } from "lru-cache";
import { auditGrid, unlockingCells } from "../../../privacy/grid/audit.js";
import type { Equation } from "../../../privacy/grid/equation.js";
import type { DisclosureConfig } from "../../../privacy/disclosure-config.js";
import type { MeasureCount, OrgRef, PdpActionType } from "../types.js";

/**
 * The publication grid of the PDP measures (`pdpMeasures`), protected once
 * per data state across every organisation, so that no combination of answers
 * gives a masked count back (docs/privacy.md, "Statistical secrecy across
 * queries"). Each fiche has one SPSTI and one partner (a Carsat, a CPAM,
 * Cap emploi...), and `pdpMeasures(org: X)` counts the actions of the
 * fiches X is a party to; without `org`, of all fiches. So, for each year ×
 * type (a block: no query adds years or types up), a reader knows:
 *
 * - the published cells: ALL (no `org`) and one cell per organisation;
 * - the hidden cells under them: the actions of each pair SPSTI × partner
 *   (never published; a party knows its own pairs from its fiches);
 * - the equations: an organisation = the sum of its pairs; ALL = the sum
 *   of the SPSTIs = the sum of the partners.
 *
 * Per-table suppression (disclosure.ts, one table per `org`) leaked through
 * them: ALL minus the visible SPSTIs gave a masked SPSTI back
 * (tests/party-secrecy.test.ts). Here the mask is computed on the whole
 * block, and every answer is a cell of it:
 *
 * 1. Primary: an organisation's or ALL's count of 1 to threshold − 1.
 *    Hidden pairs of 1 to threshold − 1 must stay unknown as well.
 * 2. For each view (a reader who knows only the published cells, and each
 *    organisation that is a party to the exchange, an SPSTI or a Carsat,
 *    which also knows its own cell exactly, its own pairs, and the cells
 *    made of its pairs only), until nothing changes:
 *    - exact audit (src/privacy/grid/audit.ts): a masked cell or small pair
 *      the view's equations determine gets complements, the lightest null
 *      vector through it (`unlockingCells`); if none is found, every
 *      published cell of the block the view does not know is masked (fail
 *      closed);
 *    - bounds: every masked count is ≥ 1 (a 0 is no row), so an equation
 *      whose k unknowns sum to k pins them all to 1: one more complement.
 * 3. Answers: an organisation's (or ALL's) row per year × type, `null` where
 *    masked. The organisation a party acts for reads its own cell exactly.
 *
 * The engine is the Carsat grid's exact audit and null-vector search
 * (src/privacy/grid/audit.ts), not `protectGrid` itself: that one protects
 * every unknown cell (here the pairs are unknown whatever their size, and
 * only small ones are secret) and knows a single reader, where a party's
 * own figures make it a reader of its own.
 *
 * The blocks are small (organisations with actions that year and type);
 * a block's mask is kept by its content (`cachedProtect`), so a request
 * recomputes only the blocks whose counts changed since.
 */

/** The parties and actions of one sent fiche, reduced to what the measure counts need. */
export interface MeasureFiche {
  origin: OrgRef;
  recipient: OrgRef;
  actions: { type: PdpActionType; date: string }[];
}

/** Key of ALL (every organisation) in a block. */
export const ALL = "*";

/** One published cell of the grid: a year × type × organisation (or ALL). */
export interface GridCell {
  count: number;
  masked: boolean;
}

/** The protected grid: per block `year|type`, its published cells by organisation id (or ALL). */
export interface MeasureGrid {
  blocks: Map<string, { year: number; type: PdpActionType; cells: Map<string, GridCell> }>;
  /** Masked cells the last audit of some view still found determined (expected 0). */
  exposed: number;
}

interface Block {
  year: number;
  type: PdpActionType;
  /** Published cells: ALL first, then organisations. */
  published: string[];
  /** Hidden pairs `spsti>partner`. */
  pairs: string[];
  values: number[];
  /** Organisations that may act as a party (SPSTI, CARSAT). */
  parties: Set<string>;
}

const isParty = (o: OrgRef) => o.type === "SPSTI" || o.type === "CARSAT";
const pairKey = (s: string, p: string) => `${s}>${p}`;

/** The grid of every year and type of these fiches, protected (see the module comment). */
export function protectMeasureGrid(fiches: readonly MeasureFiche[], config: DisclosureConfig): MeasureGrid {
  const grid: MeasureGrid = { blocks: new Map(), exposed: 0 };
  for (const block of blocksOf(fiches)) {
    const { masked, exposed } = cachedProtect(block, config.smallCountThreshold);
    grid.exposed += exposed;
    const cells = new Map<string, GridCell>();
    block.published.forEach((key, i) => {
      cells.set(key, { count: block.values[i], masked: masked[i] });
    });
    grid.blocks.set(`${block.year}|${block.type}`, { year: block.year, type: block.type, cells });
  }
  return grid;
}

/** A query's rows: the cells of `orgId` (null = ALL) in its years; exact for the party it names. */
export function gridAnswer(
  grid: MeasureGrid,
  k: { years: { from: number; to: number }; orgId: string | null },
  party: string | null,
): MeasureCount[] {
  const own = party !== null && k.orgId === party;
  const out: MeasureCount[] = [];
  for (const b of grid.blocks.values()) {
    if (b.year < k.years.from || b.year > k.years.to) continue;
    const cell = b.cells.get(k.orgId ?? ALL);
    if (!cell) continue;
    const masked = cell.masked && !own;
    out.push({ year: b.year, type: b.type, count: masked ? null : cell.count, suppressed: masked });
  }
  return out.sort((a, b) => a.year - b.year || a.type.localeCompare(b.type));
}

function blocksOf(fiches: readonly MeasureFiche[]): Block[] {
  const raw = new Map<
    string,
    {
      year: number;
      type: PdpActionType;
      orgs: Map<string, number>;
      pairs: Map<string, number>;
      parties: Set<string>;
    }
  >();
  for (const f of fiches) {
    const spsti = f.origin.type === "SPSTI" ? f.origin : f.recipient;
    const partner = spsti === f.origin ? f.recipient : f.origin;
    for (const a of f.actions) {
      const year = Number(a.date.slice(0, 4));
      const key = `${year}|${a.type}`;
      let b = raw.get(key);
      if (!b) {
        b = { year, type: a.type, orgs: new Map(), pairs: new Map(), parties: new Set() };
        raw.set(key, b);
      }
      b.orgs.set(ALL, (b.orgs.get(ALL) ?? 0) + 1);
      for (const o of new Set([spsti.id, partner.id])) b.orgs.set(o, (b.orgs.get(o) ?? 0) + 1);
      const pk = pairKey(spsti.id, partner.id);
      b.pairs.set(pk, (b.pairs.get(pk) ?? 0) + 1);
      for (const o of [spsti, partner]) if (isParty(o)) b.parties.add(o.id);
    }
  }
  return [...raw.keys()].sort().map((key) => {
    const b = raw.get(key)!;
    const published = [ALL, ...[...b.orgs.keys()].filter((o) => o !== ALL).sort()];
    const pairs = [...b.pairs.keys()].sort();
    return {
      year: b.year,
      type: b.type,
      published,
      pairs,
      values: [...published.map((o) => b.orgs.get(o)!), ...pairs.map((p) => b.pairs.get(p)!)],
      parties: b.parties,
    };
  });
}

/**
 * Masks of the blocks seen lately, by their whole content (cells, pairs,
 * values, parties, threshold): a block's mask depends on nothing else, so
 * a request recomputes only the blocks a new fiche or action changed. It
 * holds masks, never fiches, and no viewer's exception (applied by
 * `gridAnswer`): the same for every viewer.
 */
const BLOCK_CACHE = new LRUCache<string, { masked: boolean[]; exposed: number }>({ max: 1024 });

function cachedProtect(block: Block, limit: number): { masked: boolean[]; exposed: number } {
  const key = [
    limit,
    block.published.join(","),
    block.pairs.join(","),
    block.values.join(","),
    [...block.parties].sort().join(","),
  ].join("|");
  const hit = BLOCK_CACHE.get(key);
  if (hit) return hit;
  const result = protectBlock(block, limit);
  BLOCK_CACHE.set(key, result);
  return result;
}

/** The mask of one block's published cells (the pairs are never published). */
function protectBlock(block: Block, limit: number): { masked: boolean[]; exposed: number } {
  const { published, pairs, values } = block;
  const P = published.length;
  const n = P + pairs.length;
  const index = new Map(published.map((o, i) => [o, i]));
  const ends = pairs.map((p) => p.split(">") as [string, string]);
  const small = (i: number) => values[i] > 0 && values[i] < limit;
  const masked = values.map((_, i) => i >= P || small(i));
  /** Cells that must stay unknown: masked published cells and small pairs. */
  const secret = (i: number) => (i < P ? masked[i] : small(i));

  // Equations: each organisation = the sum of its pairs; ALL = Σ SPSTIs = Σ partners.
  const equations: Equation[] = [];
  published.forEach((o, i) => {
    if (o === ALL) return;
    const parts: number[] = [];
    ends.forEach(([s, p], j) => {
      if (s === o || p === o) parts.push(P + j);
    });
    equations.push({ total: i, parts });
  });
  const side = (k: 0 | 1) => [...new Set(ends.map((e) => index.get(e[k])!))].sort((a, b) => a - b);
  equations.push({ total: 0, parts: side(0) }, { total: 0, parts: side(1) });

  /** What a view knows besides the published cells: nothing, or a party's own cell, pairs and the cells made of them only. */
  const knownTo = (party: string | null): boolean[] => {
    const known = new Array<boolean>(n).fill(false);
    if (party === null) return known;
    known[index.get(party)!] = true;
    ends.forEach(([s, p], j) => {
      if (s === party || p === party) known[P + j] = true;
    });
    for (const eq of equations) if (eq.parts.every((c) => known[c])) known[eq.total] = true;
    return known;
  };
  /** A view's equations: its known cells are constants (left out); an equation it knows entirely says nothing. */
  const viewEquations = (known: boolean[]) =>
    equations
      .filter((eq) => !known[eq.total])
      .map((eq) => ({ total: eq.total, parts: eq.parts.filter((c) => !known[c]) }));

  const views = [null, ...[...block.parties].sort()];
  const exposedCells = new Set<number>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const view of views) {
      const known = knownTo(view);
      const eqs = viewEquations(known);
      for (;;) {
        const unknown = masked.map((m, i) => m && !known[i]);
        const leak = firstLeak(unknown, eqs, known, secret, values, exposedCells);
        if (leak === null) break;
        const fix = leak.fix ?? unlockingCells(unknown, eqs, leak.cell, (c) => weight(c, unknown, values));
        const fresh = (fix ?? []).filter((c) => !masked[c] && !known[c]);
        if (fresh.length === 0) {
          // Fail closed: every published cell of the block this view does not know.
          const rest = published.map((_, i) => i).filter((i) => !masked[i] && !known[i]);
          if (rest.length === 0) {
            exposedCells.add(leak.cell);
            continue;
          }
          for (const i of rest) masked[i] = true;
        } else for (const c of fresh) masked[c] = true;
        changed = true;
      }
    }
  }
  return { masked: masked.slice(0, P), exposed: exposedCells.size };
}

/** Path weight of a cell for a complement: unknown ones are free, a 0 protects little, else its value. */
function weight(c: number, unknown: readonly boolean[], values: readonly number[]): number {
  return unknown[c] ? 0 : values[c] === 0 ? 1e12 : values[c] + 1;
}

/**
 * The first secret cell a view recovers: exactly (the audit), or by bounds
 * (an equation whose known total leaves k unknown parts summing to k: all 1,
 * fixed by masking its smallest known published part, or else its total).
 */
function firstLeak(
  unknown: readonly boolean[],
  eqs: readonly Equation[],
  known: readonly boolean[],
  secret: (i: number) => boolean,
  values: readonly number[],
  exposed: ReadonlySet<number>,
): { cell: number; fix?: number[] } | null {
  const determined = auditGrid(unknown, eqs).determined;
  const cell = determined.find((d) => secret(d) && !known[d] && !exposed.has(d));
  if (cell !== undefined) return { cell };
  for (const eq of eqs) {
    if (unknown[eq.total]) continue;
    const hidden = eq.parts.filter((c) => unknown[c]);
    if (hidden.length === 0) continue;
    const sum = hidden.reduce((a, c) => a + values[c], 0);
    const pinned = hidden.find((c) => secret(c) && !exposed.has(c));
    if (sum !== hidden.length || pinned === undefined) continue;
    const visible = eq.parts.filter((c) => !unknown[c] && values[c] > 0);
    visible.sort((a, b) => values[a] - values[b] || a - b);
    return { cell: pinned, fix: [visible[0] ?? eq.total] };
  }
  return null;
}
