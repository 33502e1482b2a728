import type { ReportDoc } from "../src/sources/spsti/campaign/types.js";
import { cpomDatesProblem } from "../src/sources/spsti/rules.js";
import type { Cpom, CpomAction } from "../src/sources/spsti/types.js";
import { SSTRN_ID } from "./context.js";
import type { Prng } from "./prng.js";
import { reportsOf } from "./spsti-annex4.js";
import { SSTRN_CPOM, type FicheContent } from "./spsti-cpom-sstrn.js";
import { ficheFor, VOLET2_THEMES, VOLET3_THEMES } from "./spsti-fiches.js";
import type { SeedSpsti } from "./spsti-services.js";

export type CpomDoc = { _id: string } & Omit<Cpom, "id">;
export type ActionDoc = { _id: string } & Omit<CpomAction, "id">;

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

/** The current (3rd generation) and previous CPOMs of an SPSTI, their fiches and annexe-4 rows. */
export function cpomsOf(
  rng: Prng,
  s: SeedSpsti,
): { cpoms: CpomDoc[]; actions: ActionDoc[]; reports: ReportDoc[] } {
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
    reports: [
      ...reportsOf(rng, s, previous.cpom, previous.actions),
      ...reportsOf(rng, s, current.cpom, current.actions),
    ],
  };
}
