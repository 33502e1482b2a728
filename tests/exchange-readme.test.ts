import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readmeSteps } from "./readme-steps.js";
import { as, startTestApp, type TestApp, type ViewerSpec } from "./helpers.js";
import type { FicheDoc } from "../src/sources/pdp/documents.js";

/**
 * The README's "Exchanging a fiche de liaison" is a sequence a newcomer
 * pastes into GraphiQL, tab by tab: this plays it as written, with the token
 * of the party each block names, on a fresh database.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(import.meta.url);
});
afterAll(() => t.close());

const PARTIES: Record<string, ViewerSpec> = {
  "cellule PDP": { role: "CELLULE_PDP", org: "SPSTI:sstrn" },
  "Carsat service social": { role: "CARSAT_SERVICE_SOCIAL", org: "CARSAT:carsat-pays-de-la-loire" },
};

const steps = () => readmeSteps("## Exchanging a fiche de liaison");

describe("the README's exchange", () => {
  it("runs as written, from the draft to the indicators, each step as the party it names", async () => {
    const all = steps();
    expect(all.map((s) => s.name)).toEqual([
      "CreateDraft",
      "Consent",
      "Send",
      "Inbox",
      "Acknowledge",
      "EssaiEncadre",
      "Message",
      "Reply",
      "Close",
      "Indicators",
    ]);
    // The README's documents are sent as written (not generated types): the answers are read as JSON.
    let last: { data?: Record<string, unknown>; errors?: unknown[] } = {};
    for (const step of all) {
      const res = await fetch(t.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(await as(PARTIES[step.party])) },
        body: JSON.stringify({ query: step.text, operationName: step.name }),
      });
      last = (await res.json()) as typeof last;
      expect(last.errors, `${step.name}: ${JSON.stringify(last.errors)}`).toBeUndefined();
      if (step.name === "Inbox") {
        const inbox = last.data!.inbox as { nodes: { id: string }[] };
        expect(inbox.nodes.map((n) => n.id)).toContain("fl_f0sgvs3y1bgb");
      }
    }
    const closed = await t.database.db.collection<FicheDoc>("pdp_fiches").findOne({ _id: "fl_f0sgvs3y1bgb" });
    expect(closed!.header).toMatchObject({ status: "CLOSED", version: 8, outcome: "MAINTIEN_POSTE" });
    expect(closed!.messages).toHaveLength(2);
    expect(Object.keys(last.data!)).toEqual(["pdpSignalements", "pdpMeasures"]);
  });
});
