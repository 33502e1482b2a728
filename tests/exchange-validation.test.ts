import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, onlyError, startTestApp, type TestApp } from "./helpers.js";
import { containsNir } from "../src/sources/pdp/validation.js";
import { CARSAT_ID, M, SSTRN, attempt, dayOffset, draftInput, run, sentFiche } from "./exchange-helpers.js";

/**
 * Input is checked before anything is written: a NIR-shaped number in any
 * free text, a SIRET failing Luhn, an arrêt starting in the future, text too
 * long... each refused with BAD_USER_INPUT naming the field, and the
 * database left as it was.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(import.meta.url);
});
afterAll(() => t.close());

/** Fictitious NIR-shaped numbers (the key is computed, 97 − N mod 97), in the shapes people type them. */
const NIRS = [
  "185057800608491", // 1 85 05 78 006 084, key 91
  "1 85 05 78 006 084 91", // spaced
  "2 91 12 2A 004 051 90", // Corsica (2A counts as 19 in the key), spaced
  "291122B00405120", // Corsica (2B counts as 18), run together
  "1850578006084", // without its key
  "7.85.05.78.006.084.82", // provisional number, dotted
];

/** The whole content of the pdp collections, to prove a refusal wrote nothing. */
async function snapshot(): Promise<string> {
  const docs = await t.database.db.collection("pdp_fiches").find({}).sort({ _id: 1 }).toArray();
  return JSON.stringify(docs);
}

describe("NIR detection (unit)", () => {
  it("finds each shape inside a sentence, and leaves SIRETs, phone numbers, dates and pseudonyms alone", () => {
    for (const nir of NIRS) expect(containsNir(`Salarié ${nir}, voir dossier.`), nir).toBe(true);
    for (const text of [
      "SIRET 44100000000014", "SIRET 441 000 000 00014", "tél. 06 12 34 56 78", "arrêt du 2025-01-15 au 2025-03-01",
      "PS-7K2M9QX4TB", "poste 3 x 8, 35 h", "12345678901234567", "ref PDP-2026-G4C4TM", "985057800608436",
    ]) {
      expect(containsNir(text), text).toBe(false);
    }
  });
});

describe("over the API, nothing is written", () => {
  it("refuses a NIR in every free text of a draft, a message and a key, naming the field", async () => {
    const sent = await sentFiche(t, "nir-0001");
    const before = await snapshot();
    for (const [i, nir] of NIRS.entries()) {
      const cases: [string, Record<string, unknown>, string][] = [
        [M.create, draftInput(`nir-create-${i}`, { job: { ...draftInput("x").job, poste: `cariste ${nir}` } }), "input.job.poste"],
        [M.create, draftInput(`nir-create-${i}`, { capacities: { restrictions: ["pas de travail de nuit", `NIR ${nir}`] } }), "input.capacities.restrictions.1"],
        [M.message, { id: sent.id, expectedVersion: sent.version, text: `Le salarié (${nir}) a rappelé.` }, "input.text"],
        [M.create, draftInput(`key-${nir.replace(/[\s.]/g, "")}`), "input.idempotencyKey"],
      ];
      for (const [query, input, field] of cases) {
        const res = await attempt(t, SSTRN, query, input);
        const err = onlyError(res);
        expect(err.extensions, `${nir} in ${field}`).toMatchObject({ code: "BAD_USER_INPUT", argument: field });
        expect(err.message).toMatch(/shaped like a NIR/);
        expect(err.message).not.toContain(nir.replace(/\s/g, "").slice(0, 13));
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it("refuses a SIRET failing its Luhn check, naming it", async () => {
    const before = await snapshot();
    const res = await attempt(t, SSTRN, M.create, draftInput("siret-0001", { job: { ...draftInput("x").job, siret: "44100000000015" } }));
    const err = onlyError(res);
    expect(err.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "input" });
    expect(err.message).toMatch(/input\.job\.siret.*Luhn/);
    // Written inline, the argument is named by its field.
    const inline = await t.gql(`mutation { createFicheDraft(input: { idempotencyKey: "siret-0002", recipient: { type: CARSAT, id: "${CARSAT_ID}" }, motif: ARRET_LONG,
      job: { siret: "44100000000015", naf5: "4120A", poste: "maçon", contractType: CDI, headcountBand: MICRO_LT_11 } }) { id } }`, undefined, await as(SSTRN));
    expect(onlyError(inline).extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "siret" });
    expect(await snapshot()).toBe(before);
  });

  it("refuses an arrêt starting in the future, or longer than the days since it started, naming the field", async () => {
    const before = await snapshot();
    const future = await attempt(t, SSTRN, M.create, draftInput("arret-0001", { arret: { startDate: dayOffset(2), lengthBand: "LT_30J", riskType: "MALADIE", rqth: false } }));
    expect(onlyError(future).extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "input.arret.startDate" });
    expect(onlyError(future).message).toMatch(/cannot start after today/);
    const tooLong = await attempt(t, SSTRN, M.create, draftInput("arret-0002", { arret: { startDate: dayOffset(-20), lengthBand: "GT_6M", riskType: "MP", rqth: false } }));
    expect(onlyError(tooLong).extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "input.arret.lengthBand" });
    const badDate = await attempt(t, SSTRN, M.create, draftInput("arret-0003", { arret: { startDate: "2025-02-30", lengthBand: "GT_6M", riskType: "MP", rqth: false } }));
    expect(onlyError(badDate).extensions?.code).toBe("BAD_USER_INPUT");
    expect(await snapshot()).toBe(before);
  });

  it("refuses texts too long or empty, a consent in the future, a recipient of the wrong kind and a bad enum, naming each", async () => {
    const draft = await run(t, SSTRN, M.create, draftInput("limits-0001"));
    const before = await snapshot();
    const cases: [string, Record<string, unknown>, string][] = [
      [M.update, { id: draft.id, expectedVersion: 1, job: { ...draftInput("x").job, poste: "x".repeat(121) } }, "input.job.poste"],
      [M.update, { id: draft.id, expectedVersion: 1, capacities: { restrictions: ["  "] } }, "input.capacities.restrictions.0"],
      [M.update, { id: draft.id, expectedVersion: 1 }, "input"],
      [M.consent, { id: draft.id, expectedVersion: 1, givenAt: new Date(Date.now() + 86_400_000).toISOString(), how: "ECRIT", recipients: [{ type: "CARSAT", id: CARSAT_ID }], groups: ["JOB"] }, "input.givenAt"],
      [M.consent, { id: draft.id, expectedVersion: 1, givenAt: new Date().toISOString(), how: "ECRIT", recipients: [{ type: "CARSAT", id: "carsat-atlantide" }], groups: ["JOB"] }, "input.recipients.0.id"],
      [M.consent, { id: draft.id, expectedVersion: 1, givenAt: new Date().toISOString(), how: "ECRIT", recipients: [], groups: ["JOB"] }, "input.recipients"],
      [M.send, { id: draft.id, expectedVersion: 1, recipient: { type: "SPSTI", id: "sstrn" }, idempotencyKey: "limits-0001-send" }, "input.recipient.type"],
      [M.create, draftInput("limits-0002", { recipient: { type: "CPAM", id: "cpam-999" } }), "input.recipient.id"],
      [M.create, draftInput("short"), "input.idempotencyKey"],
      [M.create, draftInput("limits-0003", { workerPseudonym: "Jean Dupont" }), "input.workerPseudonym"],
      [M.update, { id: draft.id, expectedVersion: 0, motif: "ARRET_LONG" }, "input.expectedVersion"],
    ];
    for (const [query, input, field] of cases) {
      expect(onlyError(await attempt(t, SSTRN, query, input)).extensions, field).toMatchObject({ code: "BAD_USER_INPUT", argument: field });
    }
    const badEnum = await attempt(t, SSTRN, M.close, { id: draft.id, expectedVersion: 1, outcome: "GUERISON" });
    expect(onlyError(badEnum).extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "input" });
    expect(await snapshot()).toBe(before);
  });
});
