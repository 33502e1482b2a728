import type { DisclosureConfig } from "../../privacy/disclosure-config.js";
import { caissesOf } from "../../domain/scope.js";
import { atCause, CAUSE_FIELDS } from "./causes.js";
import { suppressThemeRows } from "./disclosure.js";
import type { FactKey, SummedRow } from "./facts.js";
import { AT_MEASURES, sectorField } from "./queries.js";
import { CARSAT_COLLECTIONS, NATIONAL_CAISSE, type CauseQuery, type ThemeAccidentYear } from "./types.js";

/**
 * Accidents du travail by cause, per year: what the theme figures read (the
 * causes of a theme are declared in src/domain/reference/themes.json). The
 * rows carry every AT measure until disclosure control has run, so that the
 * accidents are masked as `sinistralite` masks them, then only the theme's
 * figures are kept.
 */

/** The fact key of a cause query: the AT facts by year, every AT measure and every cause. */
export function causeFactKey(q: CauseQuery): FactKey {
  return {
    collection: CARSAT_COLLECTIONS.at,
    years: q.years,
    // The nation reads its own FR rows, as sinistralite does (queries.ts).
    caisses: caissesOf(q.territory) ?? [NATIONAL_CAISSE],
    sector: sectorField(q.sector),
    tableaux: null,
    dims: ["year"],
    measures: [...AT_MEASURES, ...CAUSE_FIELDS],
  };
}

/** A theme row before disclosure control: every AT measure, the theme's accidents. */
export type ThemeInput = Record<(typeof AT_MEASURES)[number] | "themeAccidents", number | null> & {
  year: number;
  suppressed: boolean;
  unitsFloor: number | null;
  secret?: string[];
  causesKnown: boolean;
};

/**
 * A summed year as a row to mask. Its theme accidents are unknown (null, not
 * suppressed) when no summed document has a cause breakdown (files before
 * the 2021 layout): 0 would say "none of this cause". A secret cause of the
 * theme makes them secret.
 */
export function toThemeInput(q: CauseQuery, row: SummedRow): ThemeInput {
  const fields = q.causes.map((c) => atCause(c)!.field);
  const sum = (fs: readonly string[]) => fs.reduce((a, f) => a + (row[f] as number), 0);
  const secret = (row.secret as string[] | undefined) ?? [];
  const causesKnown = sum(CAUSE_FIELDS) > 0 || secret.some((m) => CAUSE_FIELDS.includes(m));
  const measures = Object.fromEntries(AT_MEASURES.map((m) => [m, row[m] as number])) as Record<
    (typeof AT_MEASURES)[number],
    number
  >;
  const themeAccidents = causesKnown || measures.accidents === 0 ? sum(fields) : null;
  const out: ThemeInput = {
    year: row.year as number,
    suppressed: false,
    unitsFloor: (row.unitsFloor as number | undefined) ?? null,
    causesKnown,
    ...measures,
    themeAccidents,
  };
  const themeSecret = fields.some((f) => secret.includes(f)) ? ["themeAccidents"] : [];
  const kept = [...secret.filter((m) => (AT_MEASURES as readonly string[]).includes(m)), ...themeSecret];
  if (kept.length > 0) out.secret = kept;
  return out;
}

/** The masked theme rows of one key: only the theme's figures are kept. */
export function themeRows(rows: ThemeInput[], config: DisclosureConfig): ThemeAccidentYear[] {
  return suppressThemeRows(rows, config).map((r) => {
    const accidents = r.accidents;
    const themeAccidents = r.themeAccidents;
    // Only the figures this row shows count for `suppressed`: a masked death count is another query's.
    const suppressed = accidents === null || (themeAccidents === null && r.causesKnown);
    return { year: r.year, accidents, themeAccidents, suppressed };
  });
}
