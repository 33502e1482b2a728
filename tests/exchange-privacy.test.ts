import type { ResultOf } from "@graphql-typed-document-node/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  as,
  onlyError,
  startTestApp,
  type GraphQLResponse,
  type TestApp,
  type ViewerSpec,
} from "./helpers.js";
import {
  ALL_GROUPS,
  CARSAT,
  CARSAT_ID,
  M,
  ONE,
  SSTRN,
  attempt,
  dayOffset,
  draftInput,
  run,
  sentFiche,
  nameOf,
  type FicheMutation,
} from "./exchange-helpers.js";
import { graphql } from "./generated/index.js";
import type { OrganisationRefInput } from "./generated/graphql.js";
import type { AuditEventDoc } from "../src/sources/audit/types.js";
import type { FicheDoc } from "../src/sources/pdp/documents.js";

/**
 * Consent and isolation in the exchange: after a withdrawal the recipient
 * keeps only its notice (docs/privacy.md, "Consent rules, per fiche"), and
 * the withdrawal and the notice's reads are audited; the inbox is the recipient's
 * own; a third organisation sees nothing and changes nothing.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(import.meta.url);
});
afterAll(() => t.close());

const events = () => t.database.db.collection<AuditEventDoc>("audit_events");
const fiches = () => t.database.db.collection<FicheDoc>("pdp_fiches");

describe("withdrawal of consent", () => {
  const CAP_EMPLOI = "cap-emploi-44";
  const NOTICES = graphql(
    `query Notices($since: DateTime) { consentWithdrawals(since: $since) { totalCount pageInfo { hasNextPage } nodes { id ref recipient { type id } withdrawnAt } } }`,
  );
  const LISTS = graphql(
    `query InboxAndFiches { inbox(first: 1000) { totalCount nodes { id } } fichesLiaison(first: 1000) { totalCount nodes { id } } }`,
  );
  const SHAPE = graphql(
    `query ConsentWithdrawalShape { __type(name: "ConsentWithdrawal") { fields { name } } }`,
  );

  /** A sent fiche whose consent names the Carsat and another organisation, which the Carsat must never learn of once consent is withdrawn. */
  async function sharedWithTwo(key: string) {
    const draft = await run(t, SSTRN, M.create, draftInput(key));
    const recipients: OrganisationRefInput[] = [
      { type: "CARSAT", id: CARSAT_ID },
      { type: "CAP_EMPLOI", id: CAP_EMPLOI },
    ];
    const consented = await run(t, SSTRN, M.consent, {
      id: draft.id,
      expectedVersion: draft.version,
      givenAt: new Date(Date.now() - 3600_000).toISOString(),
      how: "ECRIT",
      recipients,
      groups: ALL_GROUPS,
    });
    const sent = await run(t, SSTRN, M.send, {
      id: draft.id,
      expectedVersion: consented.version,
      recipient: { type: "CARSAT", id: CARSAT_ID },
      idempotencyKey: `${key}-send`,
    });
    const posted = await run(t, SSTRN, M.message, {
      id: sent.id,
      expectedVersion: sent.version,
      text: "Premier échange.",
    });
    return { ...sent, version: posted.version };
  }

  it("leaves the Carsat only its notice (id, ref, itself as recipient, date), never the other recipients, the pseudonym or the fiche; the SSTRN reads it as before", async () => {
    const sent = await sharedWithTwo("withdraw-0001");
    const carsat = await as(CARSAT);
    const before = await t.gql(ONE, { id: sent.id }, carsat);
    expect(before.errors).toBeUndefined();
    expect(before.data!.ficheLiaison!.consent!.recipients).toEqual([{ id: CARSAT_ID }, { id: CAP_EMPLOI }]);
    const listedBefore = await t.gql(LISTS, undefined, carsat);
    const ownerBefore = (await t.gql(ONE, { id: sent.id }, await as(SSTRN))).data!.ficheLiaison!;
    const started = new Date(Date.now() - 1000).toISOString();

    const withdrawn = await run(t, SSTRN, M.withdraw, { id: sent.id, expectedVersion: sent.version });
    expect(withdrawn.consent!.withdrawnAt).not.toBeNull();
    const [withdrawal] = await events().find({ ficheId: sent.id, kind: "CONSENT_WITHDRAWN" }).toArray();
    expect(withdrawal).toMatchObject({
      subject: SSTRN.sub,
      orgId: "sstrn",
      pseudonym: sent.worker.pseudonym,
      fields: ["withdrawFicheConsent"],
    });

    // The fiche has left the Carsat's rows: null by id, without error (as any fiche not among its own), out of its lists.
    const after = await t.gql(ONE, { id: sent.id }, carsat);
    expect(after).toEqual({ status: 200, data: { ficheLiaison: null } });
    const listed = await t.gql(LISTS, undefined, carsat);
    expect(listed.errors).toBeUndefined();
    for (const list of ["inbox", "fichesLiaison"] as const) {
      expect(listedBefore.data![list]!.nodes.map((n) => n.id)).toContain(sent.id);
      expect(listed.data![list]!.nodes.map((n) => n.id)).not.toContain(sent.id);
      expect(listed.data![list]!.totalCount).toBe(listedBefore.data![list]!.totalCount - 1);
    }

    // What it keeps: its withdrawal notice, and nothing else.
    const notices = await t.gql(NOTICES, { since: started }, carsat);
    expect(notices.errors).toBeUndefined();
    expect(notices.data!.consentWithdrawals).toEqual({
      totalCount: 1,
      pageInfo: { hasNextPage: false },
      nodes: [
        {
          id: sent.id,
          ref: sent.ref,
          recipient: { type: "CARSAT", id: CARSAT_ID },
          withdrawnAt: withdrawn.consent!.withdrawnAt,
        },
      ],
    });
    const shape = await t.gql(SHAPE, undefined, carsat);
    expect(shape.data!.__type!.fields!.map((f) => f.name)).toEqual(["id", "ref", "recipient", "withdrawnAt"]);
    for (const answer of [after, listed, notices]) {
      const text = JSON.stringify(answer);
      for (const secret of [CAP_EMPLOI, sent.worker.pseudonym, "ECRIT", "coffreur", "Premier échange"])
        expect(text).not.toContain(secret);
    }
    // The notice's read is audited under its fiche; the refused fiche released nothing, so nothing is traced as read.
    const [read] = await events().find({ ficheId: sent.id, operationName: "Notices" }).toArray();
    expect(read).toMatchObject({ subject: CARSAT.sub, orgId: CARSAT_ID, pseudonym: null });
    expect(read.fields).toEqual([
      "consentWithdrawals.nodes.id",
      "consentWithdrawals.nodes.recipient",
      "consentWithdrawals.nodes.ref",
      "consentWithdrawals.nodes.withdrawnAt",
    ]);
    expect(
      await events().countDocuments({
        ficheId: sent.id,
        subject: CARSAT.sub,
        at: { $gte: withdrawal.at },
        operationName: { $ne: "Notices" },
      }),
    ).toBe(0);

    // The owning SSTRN still reads everything, the withdrawal included.
    const owner = await t.gql(ONE, { id: sent.id }, await as(SSTRN));
    expect(owner.errors).toBeUndefined();
    expect(owner.data!.ficheLiaison).toEqual({
      ...ownerBefore,
      version: withdrawn.version,
      updatedAt: owner.data!.ficheLiaison!.updatedAt,
      consent: { ...ownerBefore.consent, withdrawnAt: withdrawn.consent!.withdrawnAt },
    });

    // The Carsat changes nothing any more: the fiche is not among its fiches (no state, version or consent leaks through a refusal).
    const tries: [FicheMutation, Record<string, unknown>][] = [
      [M.message, { id: sent.id, expectedVersion: withdrawn.version, text: "Toujours là ?" }],
      [
        M.action,
        { id: sent.id, expectedVersion: withdrawn.version, type: "ESSAI_ENCADRE", date: dayOffset(0) },
      ],
      [M.close, { id: sent.id, expectedVersion: 1, outcome: "ABANDON" }],
      [M.withdraw, { id: sent.id, expectedVersion: withdrawn.version }],
    ];
    for (const [query, input] of tries) {
      const res = await attempt(t, CARSAT, query, input);
      expect(onlyError(res).extensions, nameOf(query)).toMatchObject({
        code: "NOT_FOUND",
        argument: "input.id",
      });
    }
    const again = await attempt(t, SSTRN, M.withdraw, { id: sent.id, expectedVersion: withdrawn.version });
    expect(onlyError(again).message).toMatch(/already withdrawn/);
    const stored = await fiches().findOne({ _id: sent.id });
    expect(stored!.header.version).toBe(withdrawn.version);
  });

  it("lets the Carsat record the withdrawal itself: the answer is null, the change is audited, and it keeps the notice", async () => {
    const sent = await sentFiche(t, "withdraw-0002");
    const res = await attempt(t, CARSAT, M.withdraw, { id: sent.id, expectedVersion: sent.version });
    expect(res).toEqual({ status: 200, data: { withdrawFicheConsent: null } });
    const [withdrawal] = await events().find({ ficheId: sent.id, kind: "CONSENT_WITHDRAWN" }).toArray();
    expect(withdrawal).toMatchObject({
      subject: CARSAT.sub,
      orgId: CARSAT_ID,
      pseudonym: null,
      fields: ["withdrawFicheConsent"],
    });
    const owner = (await t.gql(ONE, { id: sent.id }, await as(SSTRN))).data!.ficheLiaison!;
    expect(owner.consent!.withdrawnAt).not.toBeNull();
    const notices = (await t.gql(NOTICES, { since: owner.consent!.withdrawnAt }, await as(CARSAT))).data!
      .consentWithdrawals!.nodes;
    expect(notices).toContainEqual({
      id: sent.id,
      ref: sent.ref,
      recipient: { type: "CARSAT", id: CARSAT_ID },
      withdrawnAt: owner.consent!.withdrawnAt,
    });
    expect((await t.gql(ONE, { id: sent.id }, await as(CARSAT))).data!.ficheLiaison).toBeNull();
  });

  it("brings the fiche back when the author records a new consent naming the Carsat, and ends its notice", async () => {
    const sent = await sentFiche(t, "withdraw-0003");
    const withdrawn = await run(t, SSTRN, M.withdraw, { id: sent.id, expectedVersion: sent.version });
    const renewed = await run(t, SSTRN, M.consent, {
      id: sent.id,
      expectedVersion: withdrawn.version,
      givenAt: new Date().toISOString(),
      how: "ORAL_TRACE",
      recipients: [{ type: "CARSAT", id: CARSAT_ID }],
      groups: ["JOB"],
    });
    const carsat = await as(CARSAT);
    const back = await t.gql(ONE, { id: sent.id }, carsat);
    expect(back.data!.ficheLiaison).toMatchObject({
      id: sent.id,
      version: renewed.version,
      consent: { how: "ORAL_TRACE", groups: ["JOB"], withdrawnAt: null },
      job: { poste: "coffreur-bancheur" },
      arret: null,
    });
    const notices = (await t.gql(NOTICES, { since: withdrawn.consent!.withdrawnAt }, carsat)).data!
      .consentWithdrawals!.nodes;
    expect(notices.map((n) => n.id)).not.toContain(sent.id);
  });

  it("pages the notices in order of withdrawal, and refuses a bad cursor naming the argument; roles without fiches get FORBIDDEN", async () => {
    const carsat = await as(CARSAT);
    const all = (
      await t.gql(
        graphql(
          `query AllNotices { consentWithdrawals(first: 1000) { totalCount nodes { id withdrawnAt } } }`,
        ),
        undefined,
        carsat,
      )
    ).data!.consentWithdrawals!;
    expect(all.nodes.length).toBeGreaterThan(3); // the seed's withdrawals and this file's
    expect(all.totalCount).toBe(all.nodes.length);
    const order = all.nodes.map((n) => `${n.withdrawnAt}|${n.id}`);
    expect(order).toEqual([...order].sort());
    const PAGE = graphql(
      `query NoticesPage($after: String) { consentWithdrawals(first: 2, after: $after) { pageInfo { hasNextPage endCursor } nodes { id } } }`,
    );
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 1000; page++) {
      const res: GraphQLResponse<ResultOf<typeof PAGE>> = await t.gql(PAGE, { after }, carsat);
      const notices = res.data!.consentWithdrawals!;
      seen.push(...notices.nodes.map((n) => n.id));
      if (!notices.pageInfo.hasNextPage) break;
      after = notices.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.nodes.map((n) => n.id));
    const bad = await t.gql(
      graphql(`query ForeignNoticesCursor { consentWithdrawals(after: "bm90LWEtY3Vyc29y") { totalCount } }`),
      undefined,
      carsat,
    );
    expect(onlyError(bad).extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "after" });
    const denied = await t.gql(
      graphql(`query NoticesCount { consentWithdrawals { totalCount } }`),
      undefined,
      await as({ role: "CARSAT_INGENIEUR_CONSEIL", org: `CARSAT:${CARSAT_ID}` }),
    );
    expect(denied.data).toEqual({ consentWithdrawals: null });
    expect(onlyError(denied).extensions?.code).toBe("FORBIDDEN");
  });
});

describe("the inbox", () => {
  let ids: string[];
  let started: string;
  beforeAll(async () => {
    started = new Date().toISOString();
    ids = [];
    for (let i = 0; i < 5; i++) ids.push((await sentFiche(t, `inbox-000${i}`)).id);
  });

  const INBOX =
    graphql(`query InboxPage($since: DateTime, $first: Int, $after: String, $status: [FicheStatus!]) {
    inbox(since: $since, first: $first, after: $after, status: $status) { totalCount pageInfo { hasNextPage endCursor } nodes { id status updatedAt recipient { id } } }
  }`);

  it("pages through the fiches addressed to the viewer's organisation, in order of change, without gaps or repeats", async () => {
    const headers = await as(CARSAT);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res: GraphQLResponse<ResultOf<typeof INBOX>> = await t.gql(
        INBOX,
        { since: started, first: 2, after },
        headers,
      );
      expect(res.errors).toBeUndefined();
      const inbox = res.data!.inbox!;
      expect(inbox.totalCount).toBe(5);
      seen.push(...inbox.nodes.map((n) => n.id));
      for (const n of inbox.nodes) expect(n.recipient.id).toBe(CARSAT_ID);
      if (!inbox.pageInfo.hasNextPage) break;
      after = inbox.pageInfo.endCursor;
    }
    expect(seen).toEqual(ids);
  });

  it("gives what changed since a given time, filtered by status", async () => {
    const headers = await as(CARSAT);
    const mark = new Date().toISOString();
    const acknowledged = await run(t, CARSAT, M.acknowledge, { id: ids[2], expectedVersion: 3 });
    const changed = await t.gql(INBOX, { since: mark }, headers);
    expect(changed.data!.inbox!.nodes.map((n) => [n.id, n.status])).toEqual([[ids[2], "ACKNOWLEDGED"]]);
    expect(changed.data!.inbox!.nodes[0].updatedAt >= mark).toBe(true);
    expect(acknowledged.version).toBe(4);
    const stillSent = await t.gql(INBOX, { since: started, status: ["SENT"] }, headers);
    expect(stillSent.data!.inbox!.nodes.map((n) => n.id)).toEqual(ids.filter((_, i) => i !== 2));
  });

  it("is empty for the author (nothing is addressed to it), and sends as many commands for 50 fiches as for 1", async () => {
    expect((await t.gql(INBOX, { since: started }, await as(SSTRN))).data!.inbox).toMatchObject({
      totalCount: 0,
      nodes: [],
    });
    const headers = await as(CARSAT);
    const query = graphql(
      `query InboxGroups($first: Int) { inbox(first: $first) { totalCount nodes { id job { poste } arret { lengthBand } } } }`,
    );
    const one = await t.database.commands.measure(() => t.gql(query, { first: 1 }, headers));
    const fifty = await t.database.commands.measure(() => t.gql(query, { first: 50 }, headers));
    expect(fifty.result.data!.inbox!.nodes.length).toBeGreaterThan(20);
    expect(fifty.commands).toBeLessThanOrEqual(one.commands + 2); // at most one more group set ({job, arret}, {job}), whatever the page size
  });

  it("rejects a cursor from another list and an empty status list, naming the argument", async () => {
    const headers = await as(CARSAT);
    const bad = await t.gql(INBOX, { after: "bm90LWEtY3Vyc29y" }, headers);
    expect(onlyError(bad).extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "after" });
    expect(onlyError(await t.gql(INBOX, { status: [] }, headers)).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argument: "status",
    });
  });
});

describe("a third organisation", () => {
  const OTHER_CARSAT: ViewerSpec = { role: "CARSAT_SERVICE_SOCIAL", org: "CARSAT:carsat-bretagne" };
  let otherSpsti: ViewerSpec;
  let fiche: Awaited<ReturnType<typeof sentFiche>>;
  beforeAll(async () => {
    const other = await t.database.db
      .collection<{ _id: string }>("spsti_services")
      .findOne({ _id: { $ne: "sstrn" } });
    otherSpsti = { role: ["CELLULE_PDP", "MEDECIN_TRAVAIL"], org: `SPSTI:${other!._id}` };
    fiche = await sentFiche(t, "third-0001");
  });

  it("sees nothing: no fiche by id, nothing in its inbox or lists", async () => {
    for (const who of [OTHER_CARSAT, otherSpsti]) {
      const headers = await as(who);
      expect((await t.gql(ONE, { id: fiche.id }, headers)).data).toEqual({ ficheLiaison: null });
      const listed = await t.gql(
        graphql(
          `query ThirdPartyLists { inbox(first: 1000) { nodes { id } } fichesLiaison(first: 1000) { nodes { id } } }`,
        ),
        undefined,
        headers,
      );
      expect(listed.errors).toBeUndefined();
      expect(
        [...listed.data!.inbox!.nodes, ...listed.data!.fichesLiaison!.nodes].map((n) => n.id),
      ).not.toContain(fiche.id);
    }
  });

  it("changes nothing: NOT_FOUND for another organisation's fiche, FORBIDDEN for a role without fiche access", async () => {
    const v = fiche.version;
    const tries: [FicheMutation, Record<string, unknown>][] = [
      [M.acknowledge, { id: fiche.id, expectedVersion: v }],
      [M.withdraw, { id: fiche.id, expectedVersion: v }],
      [M.message, { id: fiche.id, expectedVersion: v, text: "Bonjour" }],
      [M.close, { id: fiche.id, expectedVersion: v, outcome: "ABANDON" }],
      [M.update, { id: fiche.id, expectedVersion: v, motif: "DEMANDE_SALARIE" }],
    ];
    for (const who of [OTHER_CARSAT, otherSpsti]) {
      for (const [query, input] of tries) {
        const res = await attempt(t, who, query, input);
        expect(onlyError(res).extensions, `${who.org} ${nameOf(query)}`).toMatchObject({
          code: "NOT_FOUND",
          argument: "input.id",
        });
      }
    }
    for (const who of [
      { role: "PREVENTEUR", org: "SPSTI:sstrn" },
      { role: "CARSAT_INGENIEUR_CONSEIL", org: `CARSAT:${CARSAT_ID}` },
      { role: "ANALYST_NATIONAL", org: "NATIONAL:dgt" },
    ] as ViewerSpec[]) {
      const res = await attempt(t, who, M.close, { id: fiche.id, expectedVersion: v, outcome: "ABANDON" });
      expect(res.data!.closeFiche).toBeNull();
      expect(onlyError(res).extensions?.code).toBe("FORBIDDEN");
    }
    const anonymous = await t.gql(
      M.close,
      { input: { id: fiche.id, expectedVersion: v, outcome: "ABANDON" } },
      {},
    );
    expect(onlyError(anonymous).extensions?.code).toBe("FORBIDDEN");
    const stored = await fiches().findOne({ _id: fiche.id });
    expect([stored!.header.version, stored!.header.status, stored!.messages]).toEqual([v, "SENT", undefined]);
  });
});

describe("the audit trail of a fiche's messages", () => {
  it("records a message's fields under its fiche, never as a fiche of their own", async () => {
    const sent = await sentFiche(t, "audit-messages");
    const acked = await run(t, CARSAT, M.acknowledge, { id: sent.id, expectedVersion: sent.version });
    await run(t, CARSAT, M.message, {
      id: sent.id,
      expectedVersion: acked.version,
      text: "Rendez-vous proposé.",
    });
    const read = await t.gql(
      graphql(`query MessagesAudit($id: ID!) { ficheLiaison(id: $id) { id messages { id text } } }`),
      { id: sent.id },
      await as(SSTRN),
    );
    const messageId = read.data!.ficheLiaison!.messages![0].id;
    expect(typeof messageId).toBe("string");
    const logged = await events().find({ operationName: "MessagesAudit" }).toArray();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ ficheId: sent.id, pseudonym: sent.worker.pseudonym });
    expect(logged[0].fields).toEqual(
      expect.arrayContaining(["ficheLiaison.messages.id", "ficheLiaison.messages.text"]),
    );
    expect(await events().countDocuments({ ficheId: messageId })).toBe(0);
  });
});
