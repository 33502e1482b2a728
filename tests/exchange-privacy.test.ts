import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, onlyError, startTestApp, type GraphQLResponse, type TestApp, type ViewerSpec } from "./helpers.js";
import { CARSAT, CARSAT_ID, M, ONE, SSTRN, attempt, dayOffset, run, sentFiche } from "./exchange-helpers.js";

/**
 * Consent and isolation in the exchange: a withdrawal takes effect on the
 * recipient's next read and both are audited; the inbox is the recipient's
 * own; a third organisation sees nothing and changes nothing.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(import.meta.url);
});
afterAll(() => t.close());

const events = () => t.database.db.collection<any>("audit_events");

describe("withdrawal of consent", () => {
  it("takes effect on the Carsat's next read (job and arrêt null with FORBIDDEN), and both are audited", async () => {
    const sent = await sentFiche(t, "withdraw-0001");
    const before = await t.gql(ONE, { id: sent.id }, await as(CARSAT));
    expect(before.errors).toBeUndefined();
    expect(before.data.ficheLiaison.arret).toEqual({ startDate: dayOffset(-75), lengthBand: "D30_90J" });

    const withdrawn = await run(t, SSTRN, M.withdraw, { id: sent.id, expectedVersion: sent.version });
    expect(withdrawn.consent.withdrawnAt).not.toBeNull();
    const [withdrawal] = await events().find({ ficheId: sent.id, kind: "CONSENT_WITHDRAWN" }).toArray();
    expect(withdrawal).toMatchObject({ subject: SSTRN.sub, orgId: "sstrn", pseudonym: sent.worker.pseudonym, fields: ["withdrawFicheConsent"] });

    const after = await t.gql(ONE, { id: sent.id }, await as(CARSAT));
    const f = after.data.ficheLiaison;
    // The administrative level stays (the Carsat sees the withdrawal); every consent-scoped group is refused.
    expect(f).toMatchObject({ id: sent.id, status: "SENT", job: null, arret: null, capacities: null, actions: null, messages: null });
    expect(f.consent.withdrawnAt).toBe(withdrawn.consent.withdrawnAt);
    expect(after.errors?.map((e) => [e.path?.join("."), e.extensions?.code]).sort()).toEqual(
      ["actions", "arret", "capacities", "job", "messages"].map((g) => [`ficheLiaison.${g}`, "FORBIDDEN"]),
    );
    const denied = await events().find({ ficheId: sent.id, kind: "ACCESS_DENIED" }).toArray();
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ subject: CARSAT.sub, orgId: CARSAT_ID, pseudonym: sent.worker.pseudonym });
    expect(denied[0].fields).toEqual(["ficheLiaison.actions", "ficheLiaison.arret", "ficheLiaison.capacities", "ficheLiaison.job", "ficheLiaison.messages"]);

    // The Carsat's DPO sees the refusals of its own organisation through the API.
    const trail = await t.gql(`{ auditTrail(first: 1000) { nodes { kind ficheId fields } } }`, undefined, await as({ role: "DPO", org: `CARSAT:${CARSAT_ID}` }));
    expect(trail.data.auditTrail.nodes.filter((n: any) => n.ficheId === sent.id && n.kind === "ACCESS_DENIED")).toHaveLength(1);

    // The owning SPSTI still reads everything; the Carsat can no longer post nor act.
    expect((await t.gql(ONE, { id: sent.id }, await as(SSTRN))).errors).toBeUndefined();
    const post = await attempt(t, CARSAT, M.message, { id: sent.id, expectedVersion: withdrawn.version, text: "Toujours là ?" });
    expect(onlyError(post).extensions?.code).toBe("FORBIDDEN");
    const again = await attempt(t, SSTRN, M.withdraw, { id: sent.id, expectedVersion: withdrawn.version });
    expect(onlyError(again).message).toMatch(/already withdrawn/);
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

  const INBOX = `query ($since: DateTime, $first: Int, $after: String, $status: [FicheStatus!]) {
    inbox(since: $since, first: $first, after: $after, status: $status) { totalCount pageInfo { hasNextPage endCursor } nodes { id status updatedAt recipient { id } } }
  }`;

  it("pages through the fiches addressed to the viewer's organisation, in order of change, without gaps or repeats", async () => {
    const headers = await as(CARSAT);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res: GraphQLResponse = await t.gql(INBOX, { since: started, first: 2, after }, headers);
      expect(res.errors).toBeUndefined();
      expect(res.data.inbox.totalCount).toBe(5);
      seen.push(...res.data.inbox.nodes.map((n: any) => n.id));
      for (const n of res.data.inbox.nodes) expect(n.recipient.id).toBe(CARSAT_ID);
      if (!res.data.inbox.pageInfo.hasNextPage) break;
      after = res.data.inbox.pageInfo.endCursor;
    }
    expect(seen).toEqual(ids);
  });

  it("gives what changed since a given time, filtered by status", async () => {
    const headers = await as(CARSAT);
    const mark = new Date().toISOString();
    const acknowledged = await run(t, CARSAT, M.acknowledge, { id: ids[2], expectedVersion: 3 });
    const changed = await t.gql(INBOX, { since: mark }, headers);
    expect(changed.data.inbox.nodes.map((n: any) => [n.id, n.status])).toEqual([[ids[2], "ACKNOWLEDGED"]]);
    expect(changed.data.inbox.nodes[0].updatedAt >= mark).toBe(true);
    expect(acknowledged.version).toBe(4);
    const stillSent = await t.gql(INBOX, { since: started, status: ["SENT"] }, headers);
    expect(stillSent.data.inbox.nodes.map((n: any) => n.id)).toEqual(ids.filter((_, i) => i !== 2));
  });

  it("is empty for the author (nothing is addressed to it), and sends as many commands for 50 fiches as for 1", async () => {
    expect((await t.gql(INBOX, { since: started }, await as(SSTRN))).data.inbox).toMatchObject({ totalCount: 0, nodes: [] });
    const headers = await as(CARSAT);
    const query = `query ($first: Int) { inbox(first: $first) { totalCount nodes { id job { poste } arret { lengthBand } } } }`;
    const one = await t.database.commands.measure(() => t.gql(query, { first: 1 }, headers));
    const fifty = await t.database.commands.measure(() => t.gql(query, { first: 50 }, headers));
    expect(fifty.result.data.inbox.nodes.length).toBeGreaterThan(20);
    expect(fifty.commands).toBeLessThanOrEqual(one.commands + 2); // at most one more group set ({job, arret}, {job}), whatever the page size
  });

  it("rejects a cursor from another list and an empty status list, naming the argument", async () => {
    const headers = await as(CARSAT);
    const bad = await t.gql(INBOX, { after: "bm90LWEtY3Vyc29y" }, headers);
    expect(onlyError(bad).extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "after" });
    expect(onlyError(await t.gql(INBOX, { status: [] }, headers)).extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "status" });
  });
});

describe("a third organisation", () => {
  const OTHER_CARSAT: ViewerSpec = { role: "CARSAT_SERVICE_SOCIAL", org: "CARSAT:carsat-bretagne" };
  let otherSpsti: ViewerSpec;
  let fiche: any;
  beforeAll(async () => {
    const other = await t.database.db.collection<any>("spsti_services").findOne({ _id: { $ne: "sstrn" } });
    otherSpsti = { role: ["CELLULE_PDP", "MEDECIN_TRAVAIL"], org: `SPSTI:${other._id}` };
    fiche = await sentFiche(t, "third-0001");
  });

  it("sees nothing: no fiche by id, nothing in its inbox or lists", async () => {
    for (const who of [OTHER_CARSAT, otherSpsti]) {
      const headers = await as(who);
      expect((await t.gql(ONE, { id: fiche.id }, headers)).data).toEqual({ ficheLiaison: null });
      const listed = await t.gql(`{ inbox(first: 1000) { nodes { id } } fichesLiaison(first: 1000) { nodes { id } } }`, undefined, headers);
      expect(listed.errors).toBeUndefined();
      expect([...listed.data.inbox.nodes, ...listed.data.fichesLiaison.nodes].map((n: any) => n.id)).not.toContain(fiche.id);
    }
  });

  it("changes nothing: NOT_FOUND for another organisation's fiche, FORBIDDEN for a role without fiche access", async () => {
    const v = fiche.version;
    const tries: [string, Record<string, unknown>][] = [
      [M.acknowledge, { id: fiche.id, expectedVersion: v }],
      [M.withdraw, { id: fiche.id, expectedVersion: v }],
      [M.message, { id: fiche.id, expectedVersion: v, text: "Bonjour" }],
      [M.close, { id: fiche.id, expectedVersion: v, outcome: "ABANDON" }],
      [M.update, { id: fiche.id, expectedVersion: v, motif: "DEMANDE_SALARIE" }],
    ];
    for (const who of [OTHER_CARSAT, otherSpsti]) {
      for (const [query, input] of tries) {
        const res = await attempt(t, who, query, input);
        expect(onlyError(res).extensions, `${who.org} ${query.slice(9, 40)}`).toMatchObject({ code: "NOT_FOUND", argument: "input.id" });
      }
    }
    for (const who of [{ role: "PREVENTEUR", org: "SPSTI:sstrn" }, { role: "CARSAT_INGENIEUR_CONSEIL", org: `CARSAT:${CARSAT_ID}` }, { role: "ANALYST_NATIONAL", org: "NATIONAL:dgt" }] as ViewerSpec[]) {
      const res = await attempt(t, who, M.close, { id: fiche.id, expectedVersion: v, outcome: "ABANDON" });
      expect(res.data.closeFiche).toBeNull();
      expect(onlyError(res).extensions?.code).toBe("FORBIDDEN");
    }
    const anonymous = await t.gql(M.close, { input: { id: fiche.id, expectedVersion: v, outcome: "ABANDON" } }, {});
    expect(onlyError(anonymous).extensions?.code).toBe("FORBIDDEN");
    const stored = await t.database.db.collection<any>("pdp_fiches").findOne({ _id: fiche.id });
    expect([stored.header.version, stored.header.status, stored.messages]).toEqual([v, "SENT", undefined]);
  });
});

describe("the audit trail of a fiche's messages", () => {
  it("records a message's fields under its fiche, never as a fiche of their own", async () => {
    const sent = await sentFiche(t, "audit-messages");
    const acked = await run(t, CARSAT, M.acknowledge, { id: sent.id, expectedVersion: sent.version });
    await run(t, CARSAT, M.message, { id: sent.id, expectedVersion: acked.version, text: "Rendez-vous proposé." });
    const read = await t.gql(`query MessagesAudit($id: ID!) { ficheLiaison(id: $id) { id messages { id text } } }`, { id: sent.id }, await as(SSTRN));
    const messageId = read.data.ficheLiaison.messages[0].id;
    expect(typeof messageId).toBe("string");
    const logged = await events().find({ operationName: "MessagesAudit" }).toArray();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ ficheId: sent.id, pseudonym: sent.worker.pseudonym });
    expect(logged[0].fields).toEqual(expect.arrayContaining(["ficheLiaison.messages.id", "ficheLiaison.messages.text"]));
    expect(await events().countDocuments({ ficheId: messageId })).toBe(0);
  });
});
