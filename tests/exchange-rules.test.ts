import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, onlyError, startTestApp, type TestApp } from "./helpers.js";
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
} from "./exchange-helpers.js";
import type { FicheDoc } from "../src/sources/pdp/documents.js";
import type { RecordFicheConsentInput, SendFicheInput } from "./generated/graphql.js";

/**
 * The exchange's guarantees, over HTTP on the real database: nothing lost
 * (stale versions get CONFLICT, concurrent writers too), nothing doubled
 * (idempotent create and send), the state machine (a wrong transition names
 * the current state) and who may do what.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(import.meta.url);
});
afterAll(() => t.close());

const fiches = () => t.database.db.collection<FicheDoc>("pdp_fiches");
const raw = async (id: string) => (await fiches().findOne({ _id: id }))!;

describe("nothing lost: optimistic concurrency", () => {
  it("refuses a stale version with CONFLICT and the current version, and keeps the other writer's change", async () => {
    const draft = await run(t, SSTRN, M.create, draftInput("conflict-0001"));
    // Two members of the cellule read version 1; the first one's change goes through.
    const first = await run(t, SSTRN, M.update, {
      id: draft.id,
      expectedVersion: 1,
      capacities: { restrictions: ["pas de travail de nuit"] },
    });
    expect(first.version).toBe(2);
    const stale = await attempt(t, SSTRN, M.update, {
      id: draft.id,
      expectedVersion: 1,
      capacities: { restrictions: ["alternance assis-debout"] },
    });
    expect(stale.data!.updateFiche).toBeNull();
    expect(onlyError(stale).extensions).toMatchObject({
      code: "CONFLICT",
      currentVersion: 2,
      currentStatus: "DRAFT",
    });
    expect(onlyError(stale).message).toMatch(/version 1.*version 2/);
    const stored = await raw(draft.id);
    expect(stored.capacities!.restrictions).toEqual(["pas de travail de nuit"]);
    expect(stored.header.version).toBe(2);
  });

  it("lets exactly one of ten concurrent writers of the same version through, and keeps exactly its change", async () => {
    const sent = await sentFiche(t, "concurrent-0001");
    const ack = await run(t, CARSAT, M.acknowledge, { id: sent.id, expectedVersion: sent.version });
    const results = await Promise.all(
      Array.from({ length: 10 }, async (_, i) =>
        attempt(t, i % 2 ? SSTRN : CARSAT, M.action, {
          id: sent.id,
          expectedVersion: ack.version,
          type: "RDV_LIAISON",
          date: dayOffset(-i),
        }),
      ),
    );
    const ok = results.filter((r) => !r.errors);
    expect(ok).toHaveLength(1);
    expect(results.filter((r) => r.errors).every((r) => onlyError(r).extensions?.code === "CONFLICT")).toBe(
      true,
    );
    const stored = await raw(sent.id);
    expect(stored.actions).toHaveLength(1);
    expect(stored.actions![0].date).toBe(ok[0].data!.addFicheAction!.actions![0].date);
    expect(stored.header.version).toBe(ack.version + 1);
  });
});

describe("nothing doubled: idempotency keys", () => {
  it("returns the same fiche when a creation is retried, even concurrently, and writes one document", async () => {
    const input = draftInput("retry-create-0001");
    const first = await run(t, SSTRN, M.create, input);
    const again = await run(t, SSTRN, M.create, input);
    expect(again).toEqual(first);
    const racing = await Promise.all(
      Array.from({ length: 5 }, () => run(t, SSTRN, M.create, draftInput("retry-create-0002"))),
    );
    expect(new Set(racing.map((f) => f.id)).size).toBe(1);
    expect(await fiches().countDocuments({ _id: { $in: [first.id, racing[0].id] } })).toBe(2);
  });

  it("answers CONFLICT when the key is reused for another content, and keeps the first fiche", async () => {
    const first = await run(t, SSTRN, M.create, draftInput("retry-create-0003"));
    const other = await attempt(
      t,
      SSTRN,
      M.create,
      draftInput("retry-create-0003", { motif: "PROJET_RECONVERSION" }),
    );
    expect(onlyError(other).extensions).toMatchObject({ code: "CONFLICT", argument: "input.idempotencyKey" });
    expect((await raw(first.id)).header.motif).toBe("ARRET_LONG");
  });

  it("keys belong to their organisation: the same key from the Carsat makes another fiche", async () => {
    const mine = await run(t, SSTRN, M.create, draftInput("shared-key-0001"));
    const theirs = await run(
      t,
      CARSAT,
      M.create,
      draftInput("shared-key-0001", { recipient: { type: "SPSTI", id: "sstrn" } }),
    );
    expect(theirs.id).not.toBe(mine.id);
    expect(theirs).toMatchObject({
      direction: "CARSAT_TO_SPSTI",
      origin: { id: CARSAT_ID },
      recipient: { id: "sstrn" },
    });
  });

  it("returns the sent fiche when a send is retried with its key, and refuses the key for another recipient", async () => {
    const sent = await sentFiche(t, "retry-send-0001");
    const retry = await run(t, SSTRN, M.send, {
      id: sent.id,
      expectedVersion: sent.version - 1,
      recipient: { type: "CARSAT", id: CARSAT_ID },
      idempotencyKey: "retry-send-0001-send",
    });
    expect(retry).toEqual(sent);
    const elsewhere = await attempt(t, SSTRN, M.send, {
      id: sent.id,
      expectedVersion: sent.version - 1,
      recipient: { type: "CPAM", id: "cpam-44" },
      idempotencyKey: "retry-send-0001-send",
    });
    expect(onlyError(elsewhere).extensions?.code).toBe("CONFLICT");
    const anotherKey = await attempt(t, SSTRN, M.send, {
      id: sent.id,
      expectedVersion: sent.version,
      recipient: { type: "CARSAT", id: CARSAT_ID },
      idempotencyKey: "retry-send-0001-again",
    });
    expect(onlyError(anotherKey).extensions).toMatchObject({ code: "BAD_USER_INPUT", currentStatus: "SENT" });
    const stored = await raw(sent.id);
    expect([stored.header.version, stored.sentYear, stored.idem?.send]).toEqual([
      sent.version,
      new Date().getUTCFullYear(),
      { key: "retry-send-0001-send", to: CARSAT_ID },
    ]);
  });
});

describe("the state machine", () => {
  it("refuses to send without a consent naming the recipient, and says why", async () => {
    const draft = await run(t, SSTRN, M.create, draftInput("no-consent-0001"));
    const send: SendFicheInput = {
      id: draft.id,
      expectedVersion: 1,
      recipient: { type: "CARSAT", id: CARSAT_ID },
      idempotencyKey: "no-consent-0001-send",
    };
    const none = await attempt(t, SSTRN, M.send, send);
    expect(onlyError(none).extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "input.recipient" });
    expect(onlyError(none).message).toMatch(/no consent is recorded/);
    const consent: RecordFicheConsentInput = {
      id: draft.id,
      expectedVersion: 1,
      givenAt: new Date().toISOString(),
      how: "ORAL_TRACE",
      recipients: [{ type: "CAP_EMPLOI", id: "cap-emploi-44" }],
      groups: ["JOB"],
    };
    await run(t, SSTRN, M.consent, consent);
    const other = await attempt(t, SSTRN, M.send, { ...send, expectedVersion: 2 });
    expect(onlyError(other).message).toMatch(/does not name carsat-pays-de-la-loire/);
    expect((await raw(draft.id)).header).toMatchObject({ status: "DRAFT", version: 2 });
  });

  it("names the current state when a transition is not allowed", async () => {
    const draft = await run(t, SSTRN, M.create, draftInput("transition-0001"));
    const ack = await attempt(t, SSTRN, M.acknowledge, { id: draft.id, expectedVersion: 1 });
    // The author cannot acknowledge its own fiche: a party rule, checked first.
    expect(onlyError(ack).extensions?.code).toBe("FORBIDDEN");
    const action = await attempt(t, SSTRN, M.action, {
      id: draft.id,
      expectedVersion: 1,
      type: "CRPE",
      date: dayOffset(0),
    });
    expect(onlyError(action).extensions).toMatchObject({ code: "BAD_USER_INPUT", currentStatus: "DRAFT" });
    expect(onlyError(action).message).toBe(
      `addFicheAction is not possible on fiche ${draft.ref}: it is DRAFT, and addFicheAction needs ACKNOWLEDGED or IN_PROGRESS.`,
    );
    const closed = await run(t, SSTRN, M.close, { id: draft.id, expectedVersion: 1, outcome: "ABANDON" });
    const reopen = await attempt(t, SSTRN, M.update, {
      id: draft.id,
      expectedVersion: closed.version,
      motif: "DEMANDE_SALARIE",
    });
    expect(onlyError(reopen).message).toMatch(/it is CLOSED/);
    const message = await attempt(t, SSTRN, M.message, {
      id: draft.id,
      expectedVersion: closed.version,
      text: "encore un mot",
    });
    expect(onlyError(message).extensions).toMatchObject({ code: "BAD_USER_INPUT", currentStatus: "CLOSED" });
  });

  it("lets only the recipient acknowledge, only the author send, and both post and act within consent", async () => {
    const sent = await sentFiche(t, "parties-0001", ["JOB", "ARRET", "ACTIONS"]);
    expect(
      onlyError(await attempt(t, SSTRN, M.acknowledge, { id: sent.id, expectedVersion: sent.version }))
        .extensions?.code,
    ).toBe("FORBIDDEN");
    const ack = await run(t, CARSAT, M.acknowledge, { id: sent.id, expectedVersion: sent.version });
    const acted = await run(t, CARSAT, M.action, {
      id: sent.id,
      expectedVersion: ack.version,
      type: "ESSAI_ENCADRE",
      date: dayOffset(3),
      partner: { type: "CARSAT", id: CARSAT_ID },
    });
    expect(acted.status).toBe("IN_PROGRESS");
    // The consent does not cover MESSAGES: the Carsat may not post (nor read them), the SSTRN may.
    const refused = await attempt(t, CARSAT, M.message, {
      id: sent.id,
      expectedVersion: acted.version,
      text: "Bonjour",
    });
    expect(onlyError(refused).extensions?.code).toBe("FORBIDDEN");
    const posted = await run(t, SSTRN, M.message, {
      id: sent.id,
      expectedVersion: acted.version,
      text: "Note interne au dossier",
    });
    expect(posted.messages).toHaveLength(1);
    const seen = await t.gql(ONE, { id: sent.id }, await as(CARSAT));
    expect(seen.data!.ficheLiaison).toMatchObject({
      messages: null,
      capacities: null,
      actions: [{ type: "ESSAI_ENCADRE" }],
    });
    expect(seen.errors?.map((e) => [e.path?.join("."), e.extensions?.code]).sort()).toEqual([
      ["ficheLiaison.capacities", "FORBIDDEN"],
      ["ficheLiaison.messages", "FORBIDDEN"],
    ]);
  });

  it("re-addresses a draft at sending, with the direction and the parties that follow", async () => {
    const draft = await run(t, SSTRN, M.create, draftInput("readdress-0001"));
    await run(t, SSTRN, M.consent, {
      id: draft.id,
      expectedVersion: 1,
      givenAt: new Date().toISOString(),
      how: "ECRIT",
      recipients: [{ type: "CPAM", id: "cpam-44" }],
      groups: ALL_GROUPS,
    });
    const sent = await run(t, SSTRN, M.send, {
      id: draft.id,
      expectedVersion: 2,
      recipient: { type: "CPAM", id: "cpam-44" },
      idempotencyKey: "readdress-0001-send",
    });
    expect(sent).toMatchObject({
      direction: "SPSTI_TO_OTHER",
      recipient: { type: "CPAM", id: "cpam-44" },
      status: "SENT",
    });
    expect((await raw(draft.id)).orgIds).toEqual(["sstrn", "cpam-44"]);
    // No longer addressed to the Carsat: it does not see it.
    expect((await t.gql(ONE, { id: draft.id }, await as(CARSAT))).data!.ficheLiaison).toBeNull();
  });
});
