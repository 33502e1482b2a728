import type { EstablishmentScope } from "../../auth/scopes.js";
import type { DisclosureConfig } from "../../privacy/disclosure-config.js";
import { protectGrid } from "../../privacy/grid/protect.js";
import type { ActivityRow, Spsti, SpstiPdpActivity, SpstiVisits } from "./types.js";

/**
 * Small counts of an SPSTI's yearly activity (DGT survey, D.4622-57 code du
 * travail). Visits and PDP figures count persons (one visit, one situation,
 * one avis d'inaptitude: one worker); a small SPSTI's 6 pré-reprise visits
 * of a year are a count of persons under the threshold. They are exact for
 * the parties to the SPSTI's CPOM, who receive the survey answer anyway:
 * the SPSTI itself, and the DREETS and the Carsat whose territory it works
 * in (the establishment scope: src/auth/scopes.ts). Every other reader
 * (analysts, other SPSTIs, other territories' partners) gets them masked
 * from 1 to the threshold − 1, as docs/privacy.md says.
 *
 * No answer sums activity across SPSTIs or years (a row is one SPSTI's
 * year), so the only equation a reader knows is the visits' total = Σ types:
 * protected with the grid engine on that one equation (a single masked type
 * would be the total minus the others). AMT are actions, not persons, and
 * staff head counts describe the organisation: never masked.
 */

/** The visit types, each a count of persons, in the order the total sums them. */
const VISIT_TYPES = [
  "vip",
  "sir",
  "reprise",
  "preReprise",
  "aLaDemande",
  "miCarriere",
  "finCarriere",
] as const;
const PDP_COUNTS = [
  "situations",
  "signalementsVersServiceSocial",
  "signalementsDuServiceSocial",
  "inaptitudes",
  "amenagements",
] as const;

type Nullable<T> = { [K in keyof T]: T[K] | null };
export type MaskedVisits = Nullable<SpstiVisits> & { total: number | null; suppressed: boolean };
export type MaskedPdpActivity = Nullable<SpstiPdpActivity> & { suppressed: boolean };
export interface MaskedActivityRow extends Omit<ActivityRow, "visits" | "pdp"> {
  visits: MaskedVisits;
  pdp: MaskedPdpActivity;
}

/** Whether the viewer is a party to the SPSTI's CPOM: its own staff, or a DREETS or Carsat of its territory. */
export function isCpomParty(scope: EstablishmentScope, spsti: Pick<Spsti, "id" | "departements">): boolean {
  if (scope.spstiIds) return scope.spstiIds.includes(spsti.id);
  if (scope.departements === null) return false;
  return spsti.departements.some((d) => scope.departements!.includes(d));
}

const small = (v: number, limit: number) => v > 0 && v < limit;

/** The activity rows as the viewer may read them. */
export function maskActivity(
  rows: readonly ActivityRow[],
  party: boolean,
  config: DisclosureConfig,
): MaskedActivityRow[] {
  return rows.map((row) => ({
    ...row,
    visits: maskVisits(row.visits, party, config.smallCountThreshold),
    pdp: maskPdp(row.pdp, party, config.smallCountThreshold),
  }));
}

function maskVisits(visits: SpstiVisits, party: boolean, limit: number): MaskedVisits {
  const values = VISIT_TYPES.map((t) => visits[t]);
  const total = values.reduce((a, v) => a + v, 0);
  const exact = { ...visits, total, suppressed: false };
  if (party) return exact;
  // Cells 0..6 are the types, 7 the total (= Σ types).
  const all = [...values, total];
  const result = protectGrid({
    values: all,
    primary: all.map((v) => small(v, limit)),
    rank: all.map((_, i) => i),
    equations: [{ total: VISIT_TYPES.length, parts: VISIT_TYPES.map((_, i) => i) }],
    limit,
  });
  if (!result.masked.some(Boolean)) return exact;
  const out: MaskedVisits = { ...exact, suppressed: true };
  VISIT_TYPES.forEach((t, i) => {
    if (result.masked[i]) out[t] = null;
  });
  if (result.masked[VISIT_TYPES.length]) out.total = null;
  return out;
}

function maskPdp(pdp: SpstiPdpActivity, party: boolean, limit: number): MaskedPdpActivity {
  const out: MaskedPdpActivity = { ...pdp, suppressed: false };
  if (party) return out;
  for (const f of PDP_COUNTS) {
    if (small(pdp[f], limit)) {
      out[f] = null;
      out.suppressed = true;
    }
  }
  return out;
}
