import type { GraphQLError } from "graphql";
import type { Db, UpdateFilter } from "mongodb";
import type { FicheScope } from "../../../auth/scopes.js";
import type { Viewer } from "../../../auth/roles.js";
import { badInput, forbidden } from "../../../errors.js";
import type { FicheDoc } from "../documents.js";
import * as inputs from "./inputs.js";
import { fetchFicheState, ficheMatches, insertFiche, updateFicheWhere } from "./repository.js";
import { ownOrg, type createFicheLoaders } from "../read/fiche-loaders.js";
import { withFicheLock } from "./fiche-lock.js";
import {
  RULES,
  conflict,
  diagnose,
  ficheNotFound,
  keyReused,
  ruleConditions,
  sendProblem,
  withdrawalProblem,
  type Operation,
} from "./lifecycle.js";
import { ficheIdFor, newMessageId, newPseudonym, sha256 } from "./ids.js";
import { ficheScopeCondition, type Condition } from "../read/scope-filter.js";
import { SHARED_GROUPS, type Fiche, type OrgRef, type OrganisationType } from "../types.js";
import {
  expectedVersion,
  freeText,
  idempotencyKey,
  organisation,
  pastInstant,
  pseudonym,
  refuseNir,
} from "./validation.js";

/**
 * The exchange of fiches de liaison between two organisations: one method
 * per mutation, bound to the viewer's scope and organisation. Each method
 * checks its input, then makes ONE single-document write whose filter holds
 * the whole rule (version read, allowed states, party, scope, consent; on
 * FerretDB checked by a pushed-down read of the fiche within its lock, see
 * repository.ts); when it matches nothing, the fiche is read again
 * to say why (lifecycle.ts).
 * Results are read back through the request's loaders, so the fields of the
 * answer pass the same checks as any read.
 */
type FicheLoaders = ReturnType<typeof createFicheLoaders>;

/** The viewer as a party: its organisation and the subject that signs messages. */
interface Actor {
  org: OrgRef;
  subject: string;
}

interface Change {
  now: Date;
  set?: Record<string, unknown>;
  push?: Record<string, unknown>;
  /** More conditions of the one write (consent of the recipient, size limits). */
  conditions?: Condition[];
  /** An idempotent retry already applied: "replay" to answer with the fiche, or the error of a key reused for another payload. */
  replay?: (doc: FicheDoc) => "replay" | GraphQLError | null;
  /** The operation's own reasons, once the generic ones (lifecycle.diagnose) found nothing. */
  refine?: (doc: FicheDoc) => Promise<GraphQLError | null> | GraphQLError | null;
}

export function createPdpExchange(db: Db, scope: FicheScope, viewer: Viewer | null, loaders: FicheLoaders) {
  const org = ownOrg(scope);
  const actor: Actor | null =
    viewer && org
      ? { org: { type: viewer.org.type as OrganisationType, id: org }, subject: viewer.subject }
      : null;

  /** The fiche as the viewer may read it now, past any value cached earlier in the request; null once it has left its rows. */
  async function readIfVisible(id: string): Promise<Fiche | null> {
    loaders.ficheById.clear(id);
    for (const group of SHARED_GROUPS) loaders.ficheGroup.clear({ id, group });
    return loaders.ficheById.load(id);
  }

  async function read(id: string): Promise<Fiche> {
    const fiche = await readIfVisible(id);
    if (!fiche) throw ficheNotFound(id);
    return fiche;
  }

  /** The change, then the fiche as the viewer reads it now. */
  const apply = async (op: Operation, input: inputs.VersionedInput, change: Change): Promise<Fiche> =>
    read(await write(op, input, change));

  /** One conditional write of the fiche (the whole rule in its filter), diagnosed when it matches nothing; returns the fiche's id. */
  async function write(op: Operation, input: inputs.VersionedInput, change: Change): Promise<string> {
    const rule = RULES[op];
    const id = ficheIdArg(input.id);
    const expected = expectedVersion(input.expectedVersion, "input.expectedVersion");
    const scoped = ficheScopeCondition(scope, rule.writes ? [rule.writes] : []);
    if (!actor || !scoped) throw ficheNotFound(id);
    const conditions = [
      { "header.version": expected },
      ruleConditions(rule, actor.org.id),
      scoped,
      ...(change.conditions ?? []),
    ];
    const set = {
      ...change.set,
      "header.updatedAt": change.now,
      ...(rule.to ? { "header.status": rule.to } : {}),
    };
    const update: UpdateFilter<FicheDoc> = {
      $set: set,
      $inc: { "header.version": 1 },
      ...(change.push ? { $push: change.push } : {}),
    };
    await withFicheLock(id, async () => {
      if (await updateFicheWhere(db, id, conditions, update)) return;
      const doc = await fetchFicheState(db, scope, id);
      const replay = doc && change.replay?.(doc);
      if (replay === "replay") return;
      if (replay) throw replay;
      throw (
        diagnose(rule, doc, id, expected, actor.org.id, scope) ??
        (await change.refine?.(doc!)) ??
        conflict(doc!, expected)
      );
    });
    return id;
  }

  return {
    /** Creates a draft authored by the viewer's organisation; a retry with the same key returns the same fiche. */
    async createDraft(input: inputs.CreateDraftInput): Promise<Fiche> {
      if (!actor) throw forbidden("Your organisation does not exchange fiches de liaison.");
      const now = new Date();
      refuseNir(input, "input");
      const key = idempotencyKey(input.idempotencyKey, "input.idempotencyKey");
      const allowed = inputs.RECIPIENT_TYPES[actor.org.type];
      if (!allowed)
        throw forbidden(`An organisation of type ${actor.org.type} does not write fiches de liaison.`);
      const recipient = organisation(input.recipient, "input.recipient", allowed);
      const content = inputs.contentOf(input, "input", now);
      delete content.motif;
      const given =
        input.workerPseudonym != null ? pseudonym(input.workerPseudonym, "input.workerPseudonym") : null;
      const id = ficheIdFor(actor.org, key);
      const hash = sha256(JSON.stringify({ recipient, motif: input.motif, content, given }));
      const { direction, ...row } = inputs.partiesOf(actor.org, recipient);
      const header = {
        ref: `PDP-${now.getUTCFullYear()}-${id.slice(3, 9).toUpperCase()}`,
        createdAt: now,
        updatedAt: now,
        version: 1,
        origin: actor.org,
        recipient,
        direction,
        motif: input.motif,
        status: "DRAFT" as const,
        createdBy: actor.subject,
      };
      const doc: FicheDoc = {
        _id: id,
        ...row,
        status: header.status,
        header,
        worker: { pseudonym: given ?? newPseudonym() },
        ...content,
        idem: { create: hash },
      };
      if (!(await withFicheLock(id, () => insertFiche(db, doc)))) {
        const existing = await fetchFicheState(db, scope, id);
        if (existing?.idem?.create !== hash) throw keyReused("input.idempotencyKey", "another fiche");
      }
      return read(id);
    },

    /** The author changes the motif or replaces content groups of an open fiche. */
    update(input: inputs.UpdateInput): Promise<Fiche> {
      const now = new Date();
      refuseNir(input, "input");
      const { motif, ...content } = inputs.contentOf(input, "input", now);
      const set: Record<string, unknown> = { ...content, ...(motif ? { "header.motif": motif } : {}) };
      if (Object.keys(set).length === 0)
        throw badInput("input: give at least one of motif, job, arret, capacities to change", "input");
      return apply("update", input, { now, set });
    },

    /** The author records the worker's consent, replacing any earlier one (a withdrawn consent included). */
    recordConsent(input: inputs.ConsentInput): Promise<Fiche> {
      const now = new Date();
      refuseNir(input, "input");
      return apply("recordConsent", input, { now, set: { consent: inputs.consentOf(input, now) } });
    },

    /**
     * Either party records the worker's withdrawal. The fiche leaves the
     * recipient partner's rows at once (scope-filter.ts), so a recipient that
     * records it gets null: it no longer reads the fiche, only its notice.
     */
    async withdrawConsent(input: inputs.WithdrawInput): Promise<Fiche | null> {
      const now = new Date();
      refuseNir(input, "input");
      const at = input.withdrawnAt != null ? pastInstant(input.withdrawnAt, "input.withdrawnAt", now) : now;
      const conditions = [{ "consent.givenAt": { $lte: at }, "consent.withdrawnAt": null }];
      return readIfVisible(
        await write("withdrawConsent", input, {
          now,
          set: { "consent.withdrawnAt": at },
          conditions,
          refine: (doc) => withdrawalProblem(doc, at),
        }),
      );
    },

    /** The author sends the draft to `recipient`, which the worker's standing consent must name; a retry with the same key is a no-op. */
    send(input: inputs.SendInput): Promise<Fiche> {
      const now = new Date();
      refuseNir(input, "input");
      const key = idempotencyKey(input.idempotencyKey, "input.idempotencyKey");
      if (!actor) throw ficheNotFound(input.id);
      const recipient = organisation(
        input.recipient,
        "input.recipient",
        inputs.RECIPIENT_TYPES[actor.org.type] ?? [],
      );
      const { direction, ...row } = inputs.partiesOf(actor.org, recipient);
      const set = {
        ...row,
        sentYear: now.getUTCFullYear(),
        "header.recipient": recipient,
        "header.direction": direction,
        "header.sentAt": now,
        "idem.send": { key, to: recipient.id },
      };
      const conditions = [{ "consent.recipients.id": recipient.id, "consent.withdrawnAt": null }];
      const replay = (doc: FicheDoc) =>
        doc.idem?.send?.key !== key
          ? null
          : doc.idem.send.to === recipient.id
            ? "replay"
            : keyReused("input.idempotencyKey", "a send to another recipient");
      return apply("send", input, {
        now,
        set,
        conditions,
        replay,
        refine: (doc) => sendProblem(doc, recipient),
      });
    },

    /** The recipient acknowledges receipt. */
    acknowledge(input: inputs.VersionedInput): Promise<Fiche> {
      return apply("acknowledge", input, { now: new Date() });
    },

    /** Either party records a PDP measure; the fiche is then in progress. */
    addAction(input: inputs.ActionInput): Promise<Fiche> {
      const now = new Date();
      refuseNir(input, "input");
      const full = { [`actions.${inputs.LIMITS.actions - 1}`]: { $exists: true } };
      const refine = async () =>
        (await ficheMatches(db, input.id, full))
          ? badInput(`This fiche already has ${inputs.LIMITS.actions} measures, the maximum.`)
          : null;
      return apply("addAction", input, {
        now,
        push: { actions: inputs.actionOf(input, now) },
        conditions: [notFull("actions", inputs.LIMITS.actions)],
        refine,
      });
    },

    /** Either party posts a message on the fiche (consent group MESSAGES for a partner). */
    postMessage(input: inputs.MessageInput): Promise<Fiche> {
      const now = new Date();
      refuseNir(input, "input");
      const text = freeText(input.text, "input.text", inputs.LIMITS.message);
      const message = { id: newMessageId(), at: now, from: actor?.org, author: actor?.subject, text };
      const full = { [`messages.${inputs.LIMITS.messages - 1}`]: { $exists: true } };
      const refine = async () =>
        (await ficheMatches(db, input.id, full))
          ? badInput(`This fiche already has ${inputs.LIMITS.messages} messages, the maximum.`)
          : null;
      return apply("postMessage", input, {
        now,
        push: { messages: message },
        conditions: [notFull("messages", inputs.LIMITS.messages)],
        refine,
      });
    },

    /** Either party closes the fiche with its outcome; the retention period starts. */
    close(input: inputs.CloseInput): Promise<Fiche> {
      const now = new Date();
      return apply("close", input, { now, set: { "header.outcome": input.outcome, "header.closedAt": now } });
    },
  };
}
export type PdpExchange = ReturnType<typeof createPdpExchange>;

/** The PDP loaders with the exchange service bound to the same request (src/loaders.ts). */
export function withPdpExchange<L extends FicheLoaders>(
  loaders: L,
  db: Db,
  scope: FicheScope,
  viewer: Viewer | null,
): L & { exchange: PdpExchange } {
  return { ...loaders, exchange: createPdpExchange(db, scope, viewer, loaders) };
}

const notFull = (list: "actions" | "messages", max: number): Condition => ({
  [`${list}.${max - 1}`]: { $exists: false },
});

/** Fiche ids are the seed's and ficheIdFor's shape; anything else names no fiche. */
function ficheIdArg(id: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw ficheNotFound(id.slice(0, 64));
  return id;
}
