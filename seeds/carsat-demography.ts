import type { FactDoc } from "./carsat-at.js";

/**
 * AT by age band × sex, at a coarser grain (caisse × NAF section × year) so
 * the detailed facts stay lean: a NAF2 grain would be ≈4 000 documents at
 * region scale, too many for FerretDB to decode per query. Each section-year
 * total is split from the detailed AT facts by largest remainder, so the two
 * collections add up to exactly the same totals. Young workers (15-24) get
 * ≈1.7× the average IF, as in the published statistics.
 */

export const AGE_BANDS = ["A15_24", "A25_34", "A35_44", "A45_54", "A55_PLUS"] as const;
const AGE_SHARE = [0.11, 0.23, 0.24, 0.24, 0.18];
const AGE_AT_RISK = [1.75, 1.15, 0.95, 0.85, 0.8];
/** Older workers stay off work longer and keep heavier after-effects. */
const AGE_DAYS = [0.65, 0.85, 1, 1.15, 1.35];
const AGE_IP = [0.4, 0.7, 1, 1.3, 1.7];
/** Share of women by NAF section (default 0.45). */
const FEMALE_SHARE: Record<string, number> = {
  A: 0.3,
  B: 0.15,
  C: 0.3,
  D: 0.25,
  E: 0.2,
  F: 0.12,
  G: 0.48,
  H: 0.25,
  I: 0.5,
  J: 0.33,
  K: 0.58,
  N: 0.38,
  O: 0.55,
  P: 0.6,
  Q: 0.77,
  S: 0.65,
  T: 0.85,
};

const MEASURES = ["employees", "hoursWorked", "accidents", "itDays", "ipRateSum"] as const;

/** Splits an integer total in proportion to weights, keeping the exact total. */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum > 0 ? (total * w) / sum : 0));
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let j = 0; left > 0; j = (j + 1) % order.length, left--) out[order[j].i]++;
  return out;
}

/** The ten age × sex cells of a section, with the weights of each measure. */
function cells(section: string) {
  const female = FEMALE_SHARE[section] ?? 0.45;
  // In health and social work women and men have similar AT risk; elsewhere men have more.
  const sexRisk = section === "Q" ? { F: 1, M: 1 } : { F: 0.8, M: 1.25 };
  return AGE_BANDS.flatMap((ageBand, a) =>
    (["F", "M"] as const).map((sex) => {
      const people = AGE_SHARE[a] * (sex === "F" ? female : 1 - female);
      const at = people * AGE_AT_RISK[a] * sexRisk[sex];
      return {
        ageBand,
        sex,
        weights: {
          employees: people,
          hoursWorked: people * (sex === "F" ? 0.85 : 1),
          accidents: at,
          itDays: at * AGE_DAYS[a],
          ipRateSum: at * AGE_IP[a],
        },
      };
    }),
  );
}

/** The age × sex documents derived from the detailed AT documents. */
export function demographyDocs(atDocs: readonly FactDoc[]): FactDoc[] {
  const totals = new Map<
    string,
    { caisse: string; section: string; year: number; sums: Record<string, number> }
  >();
  for (const d of atDocs) {
    const id = `${d.caisse}|${d.section}|${d.year}`;
    let t = totals.get(id);
    if (!t) {
      t = { caisse: d.caisse as string, section: d.section as string, year: d.year as number, sums: {} };
      totals.set(id, t);
    }
    for (const m of MEASURES) t.sums[m] = (t.sums[m] ?? 0) + ((d[m] as number | undefined) ?? 0);
  }
  const out: FactDoc[] = [];
  for (const t of totals.values()) {
    const cs = cells(t.section);
    const split = Object.fromEntries(
      MEASURES.map((m) => [
        m,
        allocate(
          t.sums[m],
          cs.map((c) => c.weights[m]),
        ),
      ]),
    );
    cs.forEach((c, i) => {
      const doc: FactDoc = {
        caisse: t.caisse,
        section: t.section,
        year: t.year,
        ageBand: c.ageBand,
        sex: c.sex,
      };
      for (const m of MEASURES) if (split[m][i] !== 0) doc[m] = split[m][i];
      out.push(doc);
    });
  }
  return out;
}
