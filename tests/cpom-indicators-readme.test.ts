import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readmeSteps } from "./readme-steps.js";
import { as, startTestApp, type TestApp, type ViewerSpec } from "./helpers.js";
import type { BilanDoc, ValueDoc } from "../src/sources/spsti/indicators/documents.js";

/**
 * The README's "Following a CPOM's indicators" is a sequence pasted into
 * GraphiQL, one tab per party: this plays it as written, with the token of
 * the party each block names, on a fresh copy of the region seed.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(import.meta.url, { seed: "region" });
});
afterAll(() => t.close());

const PARTIES: Record<string, ViewerSpec> = {
  "SSTRN's direction": { role: "SPSTI_DIRECTION", org: "SPSTI:sstrn" },
  DREETS: { role: "DREETS_MEDECIN_INSPECTEUR", org: "DREETS:dreets-52" },
};

const steps = () => readmeSteps("## Following a CPOM's indicators");

describe("the README's CPOM follow-up", () => {
  it("runs as written, each step as the party it names", async () => {
    const all = steps();
    expect(all.map((s) => s.name)).toEqual([
      "FollowUp",
      "DeclareValue",
      "PdpBilan",
      "Review",
      "Complete",
      "FinalBilan",
    ]);
    for (const step of all) {
      const res = await fetch(t.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(await as(PARTIES[step.party])) },
        body: JSON.stringify({ query: step.text, operationName: step.name }),
      });
      const body = (await res.json()) as { errors?: unknown[] };
      expect(body.errors, `${step.name}: ${JSON.stringify(body.errors)}`).toBeUndefined();
    }
    const value = await t.database.db
      .collection<ValueDoc>("spsti_indicator_values")
      .findOne({ _id: "cpom-sstrn-2025-v3-formation:1:2026" });
    expect(value).toMatchObject({ version: 3, value: 1 });
    expect(value!.history.map((h) => h.action)).toEqual(["CREATED", "COMMENTED", "UPDATED"]);
    expect(value!.comments.map((c) => c.author.organisation)).toEqual([{ type: "DREETS", id: "dreets-52" }]);
    const final = await t.database.db
      .collection<BilanDoc>("spsti_cpom_bilans")
      .findOne({ _id: "cpom-sstrn-2020:final" });
    expect(final).toMatchObject({ kind: "FINAL", version: 1 });
  });
});
