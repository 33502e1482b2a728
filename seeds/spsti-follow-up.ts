import { indicatorId } from "../src/sources/spsti/indicators/definition.js";
import {
  actionBilanId,
  finalBilanId,
  valueId,
  type BilanDoc,
  type ChangeDoc,
  type ItemDoc,
  type ValueDoc,
} from "../src/sources/spsti/indicators/documents.js";
import type { ActionIndicator } from "../src/sources/spsti/types.js";
import { SSTRN_ID } from "./context.js";
import type { Prng } from "./prng.js";
import type { ActionDoc, CpomDoc } from "./spsti-cpom.js";

export { BILANS, VALUES } from "../src/sources/spsti/indicators/documents.js";

/**
 * The CPOM follow-up of the Pays de la Loire SPSTIs, so that dashboards have
 * data: declared values and yearly bilans for the past years 2022-2025, a
 * comment of the DREETS, and the final bilans of the CPOMs that ended (but
 * the SSTRN's, which the README and the tests write). Computed indicators
 * get nothing here: Passerelle counts them from the PDP fiches and the
 * annexe 4, they are never stored. Dates are fixed, never the clock.
 */
const FIRST_YEAR = 2022;
const LAST_YEAR = 2025;
/** The seed's "today": final bilans exist for CPOMs ended before it. */
const AS_OF = "2026-11-01";
const PDL_REGION = "52";
const COMMENTED_YEAR = 2024;

type Party = ChangeDoc["author"]["organisation"]["type"];
const author = (type: Party, id: string, roles: string[]) => ({ organisation: { type, id }, roles });

function item(
  id: string,
  cpom: CpomDoc,
  at: Date,
  by: ChangeDoc["author"],
): Omit<ItemDoc, "history"> & { history: ChangeDoc[] } {
  return {
    _id: id,
    cpomId: cpom._id,
    spstiId: cpom.spstiId,
    version: 1,
    createdAt: at,
    updatedAt: at,
    history: [{ at, action: "CREATED", author: by, version: 1 }],
    comments: [],
    idem: [],
  };
}

/** A plausible declared value: counts heading for the target, existences in place from some year. */
function declared(rng: Prng, i: ActionIndicator, year: number, cpom: CpomDoc): number | null {
  if (i.kind === "QUALITATIVE") return null;
  const start = Number(cpom.startsOn.slice(0, 4));
  if (i.kind === "EXISTENCE") return year >= (i.targets?.[0]?.year ?? start + 1) ? 1 : rng.int(0, 1);
  const years = Number(cpom.endsOn.slice(0, 4)) - start + 1;
  const whole = i.targets?.find((t) => t.year === null)?.value;
  const yearly = i.targets?.find((t) => t.year === year)?.value;
  const aim = yearly ?? (whole ? whole / years : 20);
  return Math.max(0, Math.round(aim * (0.6 + 0.6 * rng.next())));
}

const COMMENTS: Record<ActionIndicator["kind"], string> = {
  COUNT: "Relevé annuel de l'outil métier du service, vérifié par le pilote de la fiche.",
  EXISTENCE: "Constat du pilote de la fiche, présenté au comité de suivi.",
  QUALITATIVE:
    "Situations communes étudiées en instance locale de coordination : échanges réguliers, délais de prise en charge raccourcis.",
};

function valuesOf(rng: Prng, cpom: CpomDoc, a: ActionDoc, by: ChangeDoc["author"]): ValueDoc[] {
  const docs: ValueDoc[] = [];
  a.indicators.forEach((ind, n) => {
    if (ind.computed) return; // computed by Passerelle: never stored
    const id = indicatorId(a._id, n + 1);
    for (let year = Math.max(a.startYear, FIRST_YEAR); year <= Math.min(a.endYear, LAST_YEAR); year++) {
      if (rng.next() < 0.3) continue; // not every value was declared
      const at = new Date(Date.UTC(year + 1, 1, rng.int(1, 28), 9));
      docs.push({
        ...item(valueId(id, year), cpom, at, by),
        indicatorId: id,
        actionId: a._id,
        year,
        value: declared(rng, ind, year, cpom),
        comment: COMMENTS[ind.kind],
      });
    }
  });
  return docs;
}

function bilansOf(rng: Prng, cpom: CpomDoc, a: ActionDoc, by: ChangeDoc["author"]): BilanDoc[] {
  const docs: BilanDoc[] = [];
  for (let year = Math.max(a.startYear, FIRST_YEAR); year <= Math.min(a.endYear, LAST_YEAR); year++) {
    const at = new Date(Date.UTC(year + 1, 2, rng.int(1, 28), 14));
    docs.push({
      ...item(actionBilanId(a._id, year), cpom, at, by),
      kind: "YEARLY",
      actionId: a._id,
      year,
      summary: `${a.title} : bilan ${year} présenté au comité de suivi tripartite. Les phases de l'année ont été menées.`,
      difficulties:
        rng.next() < 0.5 ? "Disponibilité des équipes santé travail réduite au second semestre." : null,
      adjustments:
        rng.next() < 0.5 ? "Ciblage resserré sur les établissements de moins de 50 salariés." : null,
    });
  }
  return docs;
}

/** The DREETS's comment on a bilan, as commentCpomFollowUp would write it (the bilan moves to version 2). */
function commented(b: BilanDoc, dreetsId: string): BilanDoc {
  const at = new Date(b.createdAt.getTime() + 20 * 86_400_000);
  const by = author("DREETS", dreetsId, ["DREETS_MEDECIN_INSPECTEUR"]);
  const text =
    "Bilan partagé en comité de suivi : merci de préciser pour la prochaine année le nombre de situations orientées vers le service social.";
  return {
    ...b,
    version: 2,
    updatedAt: at,
    history: [...b.history, { at, action: "COMMENTED", author: by, version: 2 }],
    comments: [{ id: `${b._id}:c2`, at, author: by, text, onVersion: 1 }],
  };
}

/** The follow-up documents of one SPSTI's CPOMs (none outside Pays de la Loire). */
export function followUpOf(
  rng: Prng,
  spsti: { id: string; region: string },
  cpoms: CpomDoc[],
  actions: ActionDoc[],
): { values: ValueDoc[]; bilans: BilanDoc[] } {
  if (spsti.region !== PDL_REGION) return { values: [], bilans: [] };
  const values: ValueDoc[] = [];
  const bilans: BilanDoc[] = [];
  for (const cpom of cpoms) {
    const reporter = author("SPSTI", spsti.id, rng.next() < 0.5 ? ["SPSTI_DIRECTION"] : ["PREVENTEUR"]);
    for (const a of actions.filter((x) => x.cpomId === cpom._id)) {
      values.push(...valuesOf(rng, cpom, a, reporter));
      const yearly = bilansOf(rng, cpom, a, reporter);
      // The DREETS commented the SSTRN's 2024 PDP bilan of its previous CPOM.
      const i = yearly.findIndex((b) => b.year === COMMENTED_YEAR);
      if (spsti.id === SSTRN_ID && a.theme === "PDP" && cpom.generation === 2 && i >= 0)
        yearly[i] = commented(yearly[i], cpom.dreetsId);
      bilans.push(...yearly);
    }
    if (cpom.endsOn < AS_OF && spsti.id !== SSTRN_ID) bilans.push(finalOf(cpom, reporter));
  }
  return { values, bilans };
}

function finalOf(cpom: CpomDoc, by: ChangeDoc["author"]): BilanDoc {
  const at = new Date(`${cpom.endsOn}T10:00:00Z`);
  return {
    ...item(finalBilanId(cpom._id), cpom, at, by),
    kind: "FINAL",
    actionId: null,
    year: null,
    summary: `Bilan final du ${cpom.title.toLowerCase()} : objectifs atteints pour l'essentiel, actions poursuivies dans le CPOM suivant.`,
    difficulties: "Tensions sur les effectifs médicaux pendant la durée du contrat.",
    adjustments: "Reconduire le volet PDP et renforcer les indicateurs comptés à partir des échanges.",
  };
}
