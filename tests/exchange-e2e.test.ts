import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, startTestApp, type TestApp } from "./helpers.js";
import {
  ALL_GROUPS,
  CARSAT,
  CARSAT_ID,
  M,
  ONE,
  SIRET,
  SSTRN,
  dayOffset,
  draftInput,
  run,
} from "./exchange-helpers.js";
import { graphql } from "./generated/index.js";

/**
 * The whole story of one fiche de liaison between the SSTRN's cellule PDP and
 * the Carsat Pays de la Loire service social, over HTTP with two tokens, as a
 * client would play it (README, "Exchanging a fiche de liaison"): draft,
 * consent, send, inbox, acknowledge, actions, messages, close; then the
 * yearly CPOM indicators.
 */

let t: TestApp;
beforeAll(async () => {
  // The indicators must count one more fiche, so small-count suppression is off (threshold 1); it is tested in disclosure-http.test.ts.
  t = await startTestApp(import.meta.url, { config: { smallCountThreshold: 1 } });
});
afterAll(() => t.close());

const YEAR = new Date().getUTCFullYear();
const INDICATORS = graphql(`query StoryIndicators($y: Year!) {
  pdpSignalements(years: { from: $y, to: $y }, org: "sstrn") { year direction origin { id } recipient { id } count }
  pdpMeasures(years: { from: $y, to: $y }, org: "sstrn") { year type count }
}`);
const INBOX = graphql(`query StoryInbox($since: DateTime) {
  inbox(since: $since, status: [SENT]) { totalCount nodes { id ref status version job { poste } arret { lengthBand } } }
}`);

async function indicators(): Promise<{ signalements: number; measures: Record<string, number> }> {
  const res = await t.gql(INDICATORS, { y: YEAR }, await as(SSTRN));
  expect(res.errors).toBeUndefined();
  const signalements = res
    .data!.pdpSignalements!.filter(
      (s) => s.direction === "SPSTI_TO_CARSAT" && s.origin.id === "sstrn" && s.recipient?.id === CARSAT_ID,
    )
    .reduce((n, s) => n + (s.count ?? 0), 0);
  const measures = Object.fromEntries(res.data!.pdpMeasures!.map((m) => [m.type, m.count ?? 0]));
  return { signalements, measures };
}

describe("a fiche de liaison from the cellule PDP to the Carsat service social", () => {
  it("plays draft → consent → send → acknowledge → actions → messages → close, then counts in the indicators", async () => {
    const before = await indicators();
    const started = new Date().toISOString();

    // 1. The cellule PDP writes a draft: the Carsat sees nothing of it yet.
    const draft = await run(t, SSTRN, M.create, draftInput("story-0001"));
    expect(draft).toMatchObject({
      status: "DRAFT",
      version: 1,
      direction: "SPSTI_TO_CARSAT",
      origin: { id: "sstrn" },
      recipient: { id: CARSAT_ID },
      consent: null,
      sentAt: null,
    });
    expect(draft.job).toEqual({ siret: SIRET, poste: "coffreur-bancheur" });
    expect(draft.worker.pseudonym).toMatch(/^PS-[0-9A-Z]{10}$/);
    expect((await t.gql(ONE, { id: draft.id }, await as(CARSAT))).data!.ficheLiaison).toBeNull();

    // 2. The worker's consent, then 3. the sending.
    const consented = await run(t, SSTRN, M.consent, {
      id: draft.id,
      expectedVersion: 1,
      givenAt: new Date(Date.now() - 3600_000).toISOString(),
      how: "ECRIT",
      recipients: [{ type: "CARSAT", id: CARSAT_ID }],
      groups: ALL_GROUPS,
    });
    expect(consented).toMatchObject({
      version: 2,
      consent: { how: "ECRIT", recipients: [{ id: CARSAT_ID }], groups: ALL_GROUPS, withdrawnAt: null },
    });
    const sent = await run(t, SSTRN, M.send, {
      id: draft.id,
      expectedVersion: 2,
      recipient: { type: "CARSAT", id: CARSAT_ID },
      idempotencyKey: "story-0001-send",
    });
    expect(sent).toMatchObject({ status: "SENT", version: 3 });
    expect(Date.parse(sent.sentAt!)).toBeGreaterThanOrEqual(Date.parse(started));

    // 4. The Carsat finds it in its inbox (what changed since the story started) and reads the consented groups.
    const inbox = await t.gql(INBOX, { since: started }, await as(CARSAT));
    expect(inbox.errors).toBeUndefined();
    expect(inbox.data!.inbox).toEqual({
      totalCount: 1,
      nodes: [
        {
          id: draft.id,
          ref: draft.ref,
          status: "SENT",
          version: 3,
          job: { poste: "coffreur-bancheur" },
          arret: { lengthBand: "D30_90J" },
        },
      ],
    });

    // 5. Acknowledgement, 6. measures by each party, 7. messages both ways.
    const acknowledged = await run(t, CARSAT, M.acknowledge, { id: draft.id, expectedVersion: 3 });
    expect(acknowledged).toEqual({ id: draft.id, status: "ACKNOWLEDGED", version: 4 });
    const essai = await run(t, CARSAT, M.action, {
      id: draft.id,
      expectedVersion: 4,
      type: "ESSAI_ENCADRE",
      date: dayOffset(0),
      partner: { type: "CARSAT", id: CARSAT_ID },
    });
    expect(essai).toMatchObject({ status: "IN_PROGRESS", version: 5 });
    const preReprise = await run(t, SSTRN, M.action, {
      id: draft.id,
      expectedVersion: 5,
      type: "VISITE_PRE_REPRISE",
      date: dayOffset(0),
    });
    expect(preReprise.actions!.map((a) => a.type)).toEqual(["ESSAI_ENCADRE", "VISITE_PRE_REPRISE"]);
    await run(t, SSTRN, M.message, {
      id: draft.id,
      expectedVersion: 6,
      text: "Essai encadré validé par l'employeur, reprise envisagée en janvier.",
    });
    const replied = await run(t, CARSAT, M.message, {
      id: draft.id,
      expectedVersion: 7,
      text: "Bien reçu, je préviens le salarié.",
    });
    expect(replied.messages).toEqual([
      { from: { id: "sstrn" }, text: "Essai encadré validé par l'employeur, reprise envisagée en janvier." },
      { from: { id: CARSAT_ID }, text: "Bien reçu, je préviens le salarié." },
    ]);

    // 8. The Carsat closes with the outcome; both parties read the same closed fiche.
    const closed = await run(t, CARSAT, M.close, {
      id: draft.id,
      expectedVersion: 8,
      outcome: "MAINTIEN_POSTE",
    });
    expect(closed).toMatchObject({ status: "CLOSED", version: 9, outcome: "MAINTIEN_POSTE" });
    const seenBySstrn = (await t.gql(ONE, { id: draft.id }, await as(SSTRN))).data!.ficheLiaison;
    const seenByCarsat = (await t.gql(ONE, { id: draft.id }, await as(CARSAT))).data!.ficheLiaison;
    expect(seenByCarsat).toEqual(seenBySstrn);
    expect(seenBySstrn!.messages!.map((m) => m.author)).toEqual([SSTRN.sub, CARSAT.sub]);

    // 9. The indicators of the year: one more signalement SSTRN → Carsat, one more of each measure.
    const after = await indicators();
    expect(after.signalements).toBe(before.signalements + 1);
    expect(after.measures.ESSAI_ENCADRE).toBe((before.measures.ESSAI_ENCADRE ?? 0) + 1);
    expect(after.measures.VISITE_PRE_REPRISE).toBe((before.measures.VISITE_PRE_REPRISE ?? 0) + 1);
  });
});
