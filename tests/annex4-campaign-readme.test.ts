import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readmeSteps } from "./readme-steps.js";
import { as, startTestApp, type TestApp, type ViewerSpec } from "./helpers.js";

/**
 * The README's "Running the annex-4 campaign" is a sequence a newcomer pastes
 * into GraphiQL, tab by tab: this plays it as written, with the token of the
 * party each block names, on a fresh copy of the demo seed.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(import.meta.url);
});
afterAll(() => t.close());

const PARTIES: Record<string, ViewerSpec> = {
  SSTRN: { role: "SPSTI_DIRECTION", org: "SPSTI:sstrn" },
  DREETS: { role: "DREETS_INGENIEUR_PREVENTION", org: "DREETS:dreets-52" },
  Carsat: { role: "CARSAT_INGENIEUR_CONSEIL", org: "CARSAT:carsat-pays-de-la-loire" },
};

const steps = () => readmeSteps("## Running the annex-4 campaign");

describe("the README's annex-4 campaign", () => {
  it("runs as written, from the campaign view to the published row, each step as the party it names", async () => {
    const all = steps();
    expect(all.map((s) => [s.party, s.name])).toEqual([
      ["DREETS", "Campaign"],
      ["SSTRN", "SaveRows"],
      ["SSTRN", "Submit"],
      ["DREETS", "Return"],
      ["SSTRN", "Correct"],
      ["SSTRN", "SubmitAgain"],
      ["DREETS", "ValidateDreets"],
      ["Carsat", "ValidateCarsat"],
      ["Carsat", "Published"],
    ]);
    const answers: Record<string, Record<string, unknown>> = {};
    for (const step of all) {
      const res = await fetch(t.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(await as(PARTIES[step.party])) },
        body: JSON.stringify({ query: step.text, operationName: step.name }),
      });
      const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
      expect(body.errors, `${step.name}: ${JSON.stringify(body.errors)}`).toBeUndefined();
      answers[step.name] = body.data!;
    }
    const campaign = answers.Campaign.annex4Campaign as { cpom: { id: string }; state: string }[];
    expect(campaign.find((e) => e.cpom.id === "cpom-sstrn-2025")!.state).toBe("NOT_STARTED");
    expect(answers.ValidateCarsat.reviewAnnex4Report).toMatchObject({ state: "VALIDATED", version: 7 });
    const published = answers.Published.annex4 as { cpom: { id: string }; volet: number }[];
    expect(published).toEqual([expect.objectContaining({ cpom: { id: "cpom-sstrn-2025" }, volet: 3 })]);
  });
});
