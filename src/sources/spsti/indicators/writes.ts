import type { Db } from "mongodb";
import { badInput, notFound } from "../../../errors.js";
import { authorOf } from "../follow-up/party.js";
import { indicatorsOf, parseIndicatorId, type IndicatorModel } from "./definition.js";
import {
  BILANS,
  VALUES,
  actionBilanId,
  commentOf,
  finalBilanId,
  toBilan,
  toValue,
  valueId,
  type BilanDoc,
  type ItemDoc,
  type ValueDoc,
} from "./documents.js";
import * as inputs from "./inputs.js";
import { createItem, staleVersion, updateItem, type ItemWrite } from "./item-write.js";
import type { FollowUpLoaders } from "./loaders.js";
import { findItem, type FollowUpCollection } from "./repository.js";
import { finalBilanWindow, followedYear, reporterOnly, reviewerOnly, type FollowUpAccess } from "./rules.js";

const ID = /^[A-Za-z0-9_:-]{1,160}$/;

/**
 * The follow-up's mutations, one method each: find the item's CPOM and the
 * viewer's party to it (NOT_FOUND when none), apply who may do what (the
 * SPSTI reports; the DREETS and the Carsat comment), check the input, then
 * make ONE single-document write (item-write.ts) and read the item back.
 */
export function createFollowUpWrites(
  db: Db,
  loaders: FollowUpLoaders,
  accessTo: (cpomId: string) => Promise<FollowUpAccess | null>,
) {
  /** The indicator an id names, with the viewer's party to its CPOM; NOT_FOUND otherwise. */
  async function indicatorFor(id: string): Promise<{ def: IndicatorModel; access: FollowUpAccess }> {
    const ref = ID.test(id) ? parseIndicatorId(id) : null;
    const action = ref && (await loaders.actionById.load(ref.actionId));
    const def = action && ref ? indicatorsOf(action)[ref.position - 1] : undefined;
    const access = def && (await accessTo(def.cpomId));
    if (!def || !access)
      throw notFound(
        `No CPOM indicator ${id.slice(0, 160)} among your organisation's CPOMs.`,
        "input.indicatorId",
      );
    return { def, access };
  }

  const write = (
    access: FollowUpAccess,
    collection: FollowUpCollection,
    id: string,
    label: string,
    c: inputs.Checked,
  ): ItemWrite => ({
    collection,
    id,
    label,
    key: c.key,
    hash: c.hash,
    now: new Date(),
    author: authorOf(access.viewer, access.party),
  });

  /** Creates the item, or changes it at the version read. */
  async function save(
    w: ItemWrite,
    c: inputs.Checked,
    base: Pick<ItemDoc, "cpomId" | "spstiId">,
    fields: Record<string, unknown>,
  ): Promise<void> {
    if (c.expected === null) await createItem(db, w, { ...base, ...fields });
    else
      await updateItem(db, w, c.expected, { action: "UPDATED", set: fields }, () =>
        staleVersion(w, c.expected, 0),
      );
  }

  async function readBack<T extends ItemDoc>(collection: FollowUpCollection, id: string): Promise<T> {
    const doc = await findItem<T>(db, collection, id);
    if (!doc) throw new Error(`follow-up item ${id} vanished after its write`);
    return doc;
  }

  return {
    /** A pilot of the SPSTI declares an indicator's value for a year (a computed indicator is refused). */
    async recordValue(input: inputs.RecordIndicatorValueInput) {
      const { def, access } = await indicatorFor(input.indicatorId);
      reporterOnly(access, "declares its indicators' values");
      if (def.computed)
        throw badInput(
          `Indicator ${def.id} is computed by Passerelle (${def.computed.from}): its values are never typed in. Comment them in the action's yearly bilan instead.`,
          "input.value",
        );
      followedYear(def, input.year, access.cpom);
      const c = inputs.valueInput(input, def.kind);
      const id = valueId(def.id, input.year);
      const w = write(access, VALUES, id, `the ${input.year} value of indicator ${def.id}`, c);
      const base = { cpomId: def.cpomId, spstiId: def.spstiId };
      await save(w, c, base, {
        indicatorId: def.id,
        actionId: def.actionId,
        year: input.year,
        value: c.value,
        comment: c.comment,
      });
      return toValue(await readBack<ValueDoc>(VALUES, id));
    },

    /** A pilot of the SPSTI writes (or rewrites) a fiche action's bilan of a year. */
    async recordActionBilan(input: inputs.RecordActionBilanInput) {
      const action = ID.test(input.actionId) ? await loaders.actionById.load(input.actionId) : null;
      const access = action && (await accessTo(action.cpomId));
      if (!action || !access)
        throw notFound(
          `No fiche action ${input.actionId.slice(0, 160)} among your organisation's CPOMs.`,
          "input.actionId",
        );
      reporterOnly(access, "writes the bilans");
      followedYear({ startYear: action.startYear, endYear: action.endYear }, input.year, access.cpom);
      const c = inputs.actionBilanInput(input);
      const id = actionBilanId(action.id, input.year);
      const w = write(access, BILANS, id, `the ${input.year} bilan of fiche action ${action.id}`, c);
      const base = { cpomId: action.cpomId, spstiId: action.spstiId };
      await save(w, c, base, { kind: "YEARLY", actionId: action.id, year: input.year, ...c.fields });
      return toBilan(await readBack<BilanDoc>(BILANS, id));
    },

    /** A pilot of the SPSTI writes the CPOM's final bilan, from FINAL_BILAN_MONTHS before its end. */
    async recordFinalBilan(input: inputs.RecordCpomFinalBilanInput) {
      const access = ID.test(input.cpomId) ? await accessTo(input.cpomId) : null;
      if (!access)
        throw notFound(
          `No CPOM ${input.cpomId.slice(0, 160)} among your organisation's CPOMs.`,
          "input.cpomId",
        );
      reporterOnly(access, "writes the final bilan");
      const { cpom } = access;
      finalBilanWindow(cpom, new Date());
      const c = inputs.finalBilanInput(input);
      const id = finalBilanId(cpom.id);
      const w = write(access, BILANS, id, `the final bilan of CPOM ${cpom.id}`, c);
      await save(
        w,
        c,
        { cpomId: cpom.id, spstiId: cpom.spstiId },
        { kind: "FINAL", actionId: null, year: null, ...c.fields },
      );
      return toBilan(await readBack<BilanDoc>(BILANS, id));
    },

    /** The DREETS or the Carsat comments a declared value or a bilan, on the version it read. */
    async comment(input: inputs.CommentCpomFollowUpInput) {
      const c = inputs.commentInput(input);
      const collection = c.target.kind === "value" ? VALUES : BILANS;
      const argument = c.target.kind === "value" ? "input.valueId" : "input.bilanId";
      const missing = () =>
        notFound(
          `No ${c.target.kind === "value" ? "declared value" : "bilan"} ${c.target.id.slice(0, 160)} among your organisation's CPOMs${c.target.kind === "value" ? " (a computed value is never stored: comment the action's yearly bilan)" : ""}.`,
          argument,
        );
      const item = ID.test(c.target.id) ? await findItem(db, collection, c.target.id) : null;
      const access = item && (await accessTo(item.cpomId));
      if (!item || !access) throw missing();
      reviewerOnly(access);
      const w = write(
        access,
        collection,
        item._id,
        `${c.target.kind === "value" ? "value" : "bilan"} ${item._id}`,
        { ...c, expected: c.expected },
      );
      const commentId = `${item._id}:c${c.expected + 1}`;
      const comment = { id: commentId, at: w.now, author: w.author, text: c.text, onVersion: c.expected };
      await updateItem(db, w, c.expected, { action: "COMMENTED", comment }, missing);
      const doc = await readBack<ValueDoc & BilanDoc>(collection, item._id);
      const stored = doc.comments.find((x) => x.id === commentId);
      if (!stored) throw new Error(`comment ${commentId} missing after its write`);
      return {
        comment: commentOf(stored),
        value: collection === VALUES ? toValue(doc) : null,
        bilan: collection === BILANS ? toBilan(doc) : null,
      };
    },
  };
}
