import type { Context } from "../../src/context.js";
import type { DataGroup } from "../../src/auth/roles.js";
import type { PdpExchange } from "../../src/sources/pdp/exchange/exchange.js";
import type { Fiche } from "../../src/sources/pdp/types.js";
import type { Handler } from "./handler.js";
import { inputOf } from "./pdp-inputs.js";
import { ficheRead, auditDocs, type EventDraft } from "./pdp-audit.js";
import { allowRoot, arret, capacities, job, org, sharedGroups, type GroupField } from "./pdp.js";

/**
 * Hand-written twins of the exchange's mutations (bench/pdp-queries.ts): the
 * same service as the resolvers (`ctx.loaders.pdp.exchange`, whose methods
 * check the input, make the one conditional write and read the fiche back
 * through the request's loaders), the same consent-scoped group reads for
 * the fields asked for, and the answer written by hand.
 */

type Groups = Awaited<ReturnType<typeof sharedGroups>>[number];
interface Changed {
  fiche: Fiche;
  groups: Groups;
}

interface Spec<K extends Parameters<typeof inputOf>[0]> {
  /** The Mutation field, its @access group and its operation name in bench/pdp-queries.ts. */
  root: string;
  group: DataGroup;
  operationName: string;
  kind: K;
  change(exchange: PdpExchange, input: ReturnType<typeof inputOf<K>>): Promise<Fiche>;
  /** The consent-scoped fields the answer reads. */
  fields?: GroupField[];
  answer(f: Fiche, g: Groups): Record<string, unknown>;
  /** The audit event of a consent change, written along with the read (resolvers/pdp-exchange.ts). */
  consentEvent?: "CONSENT_RECORDED";
}

function mutation<K extends Parameters<typeof inputOf>[0]>(spec: Spec<K>): Handler<Changed> {
  return {
    async fetch(ctx: Context, variables) {
      allowRoot(ctx, spec.group, "Mutation", spec.root);
      const fiche = await spec.change(ctx.loaders.pdp.exchange, inputOf(spec.kind, variables));
      const [groups] = await sharedGroups(ctx, [fiche], spec.fields ?? []);
      return { fiche, groups };
    },
    build: ({ fiche, groups }) => ({ [spec.root]: spec.answer(fiche, groups) }),
    audit(ctx, { fiche }, built) {
      const drafts: EventDraft[] = ficheRead(spec.root, fiche, (built as Record<string, unknown>)[spec.root]);
      if (spec.consentEvent) drafts.push({ kind: spec.consentEvent, fiche, fields: new Set([spec.root]) });
      return auditDocs(ctx, spec.operationName, drafts);
    },
  };
}

const CONTENT: GroupField[] = ["job", "arret", "capacities"];
const content = (g: Groups) => ({
  job: job(g.job),
  arret: arret(g.arret),
  capacities: capacities(g.capacities),
});

export const pdpMutations: Record<string, Handler> = {
  create: mutation({
    root: "createFicheDraft",
    group: "FICHE_CONSENT",
    operationName: "CreateDraft",
    kind: "create",
    fields: CONTENT,
    change: (x, input) => x.createDraft(input),
    answer: (f, g) => ({
      id: f.id,
      ref: f.ref,
      status: f.status,
      version: f.version,
      direction: f.direction,
      motif: f.motif,
      createdAt: f.createdAt,
      updatedAt: f.updatedAt,
      sentAt: f.sentAt,
      origin: org(f.origin),
      recipient: org(f.recipient),
      worker: { pseudonym: f.worker!.pseudonym },
      consent: f.consent ? { givenAt: f.consent.givenAt } : null,
      ...content(g),
    }),
  }),
  consent: mutation({
    root: "recordFicheConsent",
    group: "FICHE_ADMIN",
    operationName: "RecordConsent",
    kind: "consent",
    consentEvent: "CONSENT_RECORDED",
    change: (x, input) => x.recordConsent(input),
    answer: (f) => ({
      id: f.id,
      status: f.status,
      version: f.version,
      updatedAt: f.updatedAt,
      consent: f.consent
        ? {
            givenAt: f.consent.givenAt,
            how: f.consent.how,
            recipients: f.consent.recipients.map(org),
            groups: [...f.consent.groups],
            withdrawnAt: f.consent.withdrawnAt,
          }
        : null,
    }),
  }),
  send: mutation({
    root: "sendFiche",
    group: "FICHE_ADMIN",
    operationName: "Send",
    kind: "send",
    change: (x, input) => x.send(input),
    answer: (f) => ({
      id: f.id,
      status: f.status,
      version: f.version,
      sentAt: f.sentAt,
      updatedAt: f.updatedAt,
      direction: f.direction,
      recipient: org(f.recipient),
    }),
  }),
  acknowledge: mutation({
    root: "acknowledgeFiche",
    group: "FICHE_ADMIN",
    operationName: "Acknowledge",
    kind: "acknowledge",
    fields: CONTENT,
    change: (x, input) => x.acknowledge(input),
    answer: (f, g) => ({
      id: f.id,
      ref: f.ref,
      status: f.status,
      version: f.version,
      updatedAt: f.updatedAt,
      motif: f.motif,
      origin: org(f.origin),
      worker: { pseudonym: f.worker!.pseudonym },
      consent: f.consent ? { groups: [...f.consent.groups], withdrawnAt: f.consent.withdrawnAt } : null,
      ...content(g),
    }),
  }),
  action: mutation({
    root: "addFicheAction",
    group: "FICHE_CONSENT",
    operationName: "AddAction",
    kind: "action",
    fields: ["actions"],
    change: (x, input) => x.addAction(input),
    answer: (f, g) => ({
      id: f.id,
      status: f.status,
      version: f.version,
      updatedAt: f.updatedAt,
      actions: g.actions
        ? g.actions.map((a) => ({ type: a.type, date: a.date, partner: org(a.partner) }))
        : null,
    }),
  }),
  message: mutation({
    root: "postFicheMessage",
    group: "FICHE_CONSENT",
    operationName: "PostMessage",
    kind: "message",
    fields: ["messages"],
    change: (x, input) => x.postMessage(input),
    answer: (f, g) => ({
      id: f.id,
      status: f.status,
      version: f.version,
      updatedAt: f.updatedAt,
      messages: g.messages
        ? g.messages.map((m) => ({ id: m.id, at: m.at, from: org(m.from), author: m.author, text: m.text }))
        : null,
    }),
  }),
  close: mutation({
    root: "closeFiche",
    group: "FICHE_ADMIN",
    operationName: "Close",
    kind: "close",
    change: (x, input) => x.close(input),
    answer: (f) => ({
      id: f.id,
      status: f.status,
      version: f.version,
      outcome: f.outcome,
      closedAt: f.closedAt,
      updatedAt: f.updatedAt,
    }),
  }),
};
