import { annex4DueBy, annex4Problem, cpomDatesProblem } from "../src/sources/spsti/rules.js";
import type { Annex4Row, Cpom, CpomAction } from "../src/sources/spsti/types.js";
import { SSTRN_ID } from "./context.js";
import type { Prng } from "./prng.js";
import { SSTRN_CPOM, type FicheContent } from "./spsti-cpom-sstrn.js";
import { ficheFor, VOLET2_THEMES, VOLET3_THEMES } from "./spsti-fiches.js";
import type { SeedSpsti } from "./spsti-services.js";

export type CpomDoc = { _id: string } & Omit<Cpom, "id">;
export type ActionDoc = { _id: string } & Omit<CpomAction, "id">;
export type Annex4Doc = { _id: string } & Omit<Annex4Row, "id">;

/**
 * The seed's "today" for the DGT survey: annexe-4 answers exist for every
 * year whose 30 June deadline has passed (so up to 2025). A constant, not the
 * clock, so that the data never changes between runs. The annexe-4 table is
 * filled from 2022 on, when the DGT survey replaced the activity reports.
 */
const SURVEY_AS_OF = "2026-11-01";
const FIRST_SURVEY_YEAR = 2022;

interface Plan {
  startsOn: string;
  years: number;
  volet2: string[];
  volet3: string[];
}

/** Fixed plans for the two fictitious SPSTIs of Pays de la Loire, so that tests can name what they hold. */
const PDL_PLANS: Record<string, { current: Plan; previous: string[] }> = {
  [SSTRN_ID]: {
    current: { startsOn: SSTRN_CPOM.startsOn, years: 4, volet2: [], volet3: [] },
    previous: ["TMS", "CHIMIQUE"],
  },
  stam: {
    current: { startsOn: "2025-03-14", years: 5, volet2: ["TMS", "CHIMIQUE"], volet3: ["BRUIT"] },
    previous: ["TMS", "RPS"],
  },
  stvo: {
    current: { startsOn: "2024-12-10", years: 5, volet2: ["RPS", "CHUTES", "ROUTIER"], volet3: [] },
    previous: ["CHUTES"],
  },
};

function plusDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
function plusYears(iso: string, years: number): string {
  return `${Number(iso.slice(0, 4)) + years}${iso.slice(4)}`;
}

function randomPlan(rng: Prng): Plan {
  const startsOn = `${rng.int(2024, 2026)}-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`;
  const volet2 = [...new Set([rng.pick(VOLET2_THEMES), rng.pick(VOLET2_THEMES)])];
  return {
    startsOn: startsOn > "2026-06-30" ? "2026-06-15" : startsOn,
    years: rng.int(4, 5),
    volet2,
    volet3: rng.next() < 0.5 ? [rng.pick(VOLET3_THEMES)] : [],
  };
}

/** A CPOM document and its fiches; throws on dates the code du travail forbids. */
function build(
  s: SeedSpsti,
  generation: number,
  startsOn: string,
  endsOn: string,
  fiches: (FicheContent | [string, number])[],
  signedOn = startsOn,
) {
  const problem = cpomDatesProblem(startsOn, endsOn);
  if (problem) throw new Error(`seed CPOM of ${s.doc._id}: ${problem}`);
  const dreetsId = `dreets-${s.doc.region}`;
  const cpom: CpomDoc = {
    _id: `cpom-${s.doc._id}-${startsOn.slice(0, 4)}`,
    spstiId: s.doc._id,
    generation,
    dreetsId,
    caisseSlug: s.caisseSlug,
    title: `Contrat pluriannuel d'objectifs et de moyens ${startsOn.slice(0, 4)}-${endsOn.slice(0, 4)}`,
    crpstOpinionOn:
      s.doc._id === SSTRN_ID && generation === 3 ? SSTRN_CPOM.crpstOpinionOn : plusDays(signedOn, -21),
    signedOn,
    startsOn,
    endsOn,
  };
  const actions: ActionDoc[] = fiches.map((f) => {
    const content = Array.isArray(f)
      ? ficheFor(f[0], f[1], s.doc._id, dreetsId, s.caisseSlug, startsOn, endsOn)
      : f;
    const slug = (content.theme ?? "formation").toLowerCase();
    return {
      _id: `${cpom._id}-v${content.volet}-${slug}`,
      cpomId: cpom._id,
      spstiId: s.doc._id,
      startYear: Number(startsOn.slice(0, 4)),
      endYear: Number(endsOn.slice(0, 4)),
      ...content,
    };
  });
  return { cpom, actions };
}

/** Share of `year` during which the CPOM is in force. */
function shareOfYear(cpom: CpomDoc, year: number): number {
  const from = cpom.startsOn > `${year}-01-01` ? cpom.startsOn : `${year}-01-01`;
  const to = cpom.endsOn < `${year}-12-31` ? cpom.endsOn : `${year}-12-31`;
  return Math.max(0, (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1) / 365;
}

function annex4Of(rng: Prng, s: SeedSpsti, cpom: CpomDoc, actions: ActionDoc[]): Annex4Doc[] {
  const size = s.doc.salaries / 300_000;
  const rows: Annex4Doc[] = [];
  for (const a of actions) {
    if (a.volet === 1 || a.theme === null) continue; // annexe 4 has columns for volet-2 themes and the volet-3 risk
    for (
      let year = Math.max(a.startYear, FIRST_SURVEY_YEAR);
      year <= a.endYear && annex4DueBy(year) <= SURVEY_AS_OF;
      year++
    ) {
      const k = size * shareOfYear(cpom, year);
      const count = (lo: number, hi: number) => Math.round(rng.int(lo, hi) * k);
      const cog = (n: number) => Math.round(n * (0.1 + 0.3 * rng.next()));
      const formes = count(0, 40),
        accompagnes = count(5, 80),
        cibles = count(80, 900);
      const row: Annex4Doc = {
        _id: `${cpom._id}:${year}:${a.theme}`,
        cpomId: cpom._id,
        spstiId: s.doc._id,
        year,
        theme: a.theme,
        volet: a.volet,
        formes,
        formesSuivisCog: cog(formes),
        accompagnes,
        accompagnesSuivisCog: cog(accompagnes),
        cibles,
        ciblesSuivisCog: cog(cibles),
        commentaire:
          rng.next() < 0.3
            ? null
            : `${a.title} : ${accompagnes} établissements accompagnés en ${year}, actions conjointes avec la Caisse régionale.`,
        cpomSignedOn: cpom.signedOn,
        cpomEndsOn: cpom.endsOn,
        dueBy: annex4DueBy(year),
        // Most answers arrive in May-June; about one in twelve after the deadline.
        reportedAt: `${year + 1}-${rng.next() < 0.08 ? "07" : rng.pick(["05", "06"])}-${String(rng.int(1, 28)).padStart(2, "0")}T09:30:00.000Z`,
      };
      const problem = annex4Problem(row);
      if (problem) throw new Error(`seed annexe 4 ${row._id}: ${problem}`);
      rows.push(row);
    }
  }
  return rows;
}

/** The current (3rd generation) and previous CPOMs of an SPSTI, their fiches and annexe-4 rows. */
export function cpomsOf(
  rng: Prng,
  s: SeedSpsti,
): { cpoms: CpomDoc[]; actions: ActionDoc[]; annex4: Annex4Doc[] } {
  const fixed = PDL_PLANS[s.doc._id];
  const plan = fixed?.current ?? randomPlan(rng);
  const endsOn = plusDays(plusYears(plan.startsOn, plan.years), -1);
  const currentFiches: (FicheContent | [string, number])[] =
    s.doc._id === SSTRN_ID
      ? SSTRN_CPOM.fiches
      : [
          ["PDP", 1],
          ...plan.volet2.map((t): [string, number] => [t, 2]),
          ...plan.volet3.map((t): [string, number] => [t, 3]),
        ];
  const current = build(s, 3, plan.startsOn, endsOn, currentFiches);
  const prevStart = plusYears(plan.startsOn, -5);
  const previousThemes = fixed?.previous ?? [rng.pick(VOLET2_THEMES)];
  const previous = build(s, 2, prevStart, plusDays(plan.startsOn, -1), [
    ["PDP", 1],
    ...previousThemes.map((t): [string, number] => [t, 2]),
  ]);
  return {
    cpoms: [previous.cpom, current.cpom],
    actions: [...previous.actions, ...current.actions],
    annex4: [
      ...annex4Of(rng, s, previous.cpom, previous.actions),
      ...annex4Of(rng, s, current.cpom, current.actions),
    ],
  };
}
