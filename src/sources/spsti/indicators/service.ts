import type { Db } from "mongodb";
import type { Viewer } from "../../../auth/roles.js";
import type { ImportedReads } from "../../../db/imported-reads.js";
import { cpomPartyOf } from "../follow-up/party.js";
import { followedYears, indicatorsOf, type IndicatorModel } from "./definition.js";
import { toBilan, toValue, type BilanModel, type IndicatorValueModel } from "./documents.js";
import { createFollowUpLoaders } from "./loaders.js";
import type { FollowUpAccess } from "./rules.js";
import { createFollowUpWrites } from "./writes.js";

/**
 * The follow-up of a CPOM between its three signatories (instruction
 * DGT/CNAM 2024/132, § VI; CPOM § 4): indicators' yearly values, bilans and
 * the reviewers' comments. Created per request for the viewer (src/loaders.ts).
 *
 * Row rule: only a party to a CPOM reads or writes its follow-up
 * (`cpomPartyOf`: the SPSTI that signed it, the DREETS of its region, the
 * Carsat of its caisse). Anyone else reads empty lists, and NOT_FOUND when
 * writing, as if the CPOM had no follow-up: the roles themselves were
 * checked by `@access(group: CPOM_FOLLOW_UP)` before any of this runs.
 */
export function createCpomFollowUp(db: Db, reads: ImportedReads, viewer: Viewer | null) {
  const loaders = createFollowUpLoaders(db, reads);

  /** The viewer's party to a CPOM, or null (not a party, or no such CPOM). */
  async function accessTo(cpomId: string): Promise<FollowUpAccess | null> {
    const cpom = await loaders.cpomById.load(cpomId);
    const party = cpom && cpomPartyOf(viewer, cpom);
    return cpom && party && viewer ? { cpom, party, viewer } : null;
  }

  return {
    ...createFollowUpWrites(db, loaders, accessTo),
    /** What the viewer may read of a CPOM's follow-up: its party, or null (then nothing). */
    accessTo,

    /** A fiche action by id, for a bilan's `action`. */
    action: (id: string) => loaders.actionById.load(id),

    /** The indicators of a fiche action, with their follow-up definition. */
    indicators: indicatorsOf,

    /** One indicator by id (`<action id>:<n>`), or null. */
    async indicator(id: string): Promise<IndicatorModel | null> {
      const action = await loaders.actionById.load(id.slice(0, id.lastIndexOf(":")));
      return (action && indicatorsOf(action).find((i) => i.id === id)) ?? null;
    },

    /** The years whose values are served: `year` if the CPOM is followed then, else every year of the CPOM up to this one. */
    years: (i: IndicatorModel, year: number | null) =>
      followedYears(i, new Date()).filter((y) => year === null || y === year),

    /** The declared values of an indicator (one year, or all), oldest first; none for a non-party. */
    async declaredValues(i: IndicatorModel, year: number | null): Promise<IndicatorValueModel[]> {
      if (!(await accessTo(i.cpomId))) return [];
      const docs = await loaders.valuesByIndicator.load(i.id);
      return docs.filter((d) => year === null || d.year === year).map(toValue);
    },

    /** The yearly bilans of a fiche action (one year, or all), oldest first; none for a non-party. */
    async actionBilans(a: { id: string; cpomId: string }, year: number | null): Promise<BilanModel[]> {
      if (!(await accessTo(a.cpomId))) return [];
      const docs = await loaders.bilansByAction.load(a.id);
      return docs.filter((d) => year === null || d.year === year).map(toBilan);
    },

    /** The final bilan of a CPOM; null while none is written, and for a non-party. */
    async finalBilan(cpomId: string): Promise<BilanModel | null> {
      if (!(await accessTo(cpomId))) return null;
      const doc = await loaders.finalBilanByCpom.load(cpomId);
      return doc ? toBilan(doc) : null;
    },
  };
}
export type CpomFollowUp = ReturnType<typeof createCpomFollowUp>;
export type { FollowUpAccess };
