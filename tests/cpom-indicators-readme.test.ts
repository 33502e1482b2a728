import { readFileSync } from "node:fs";
import { Kind, parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

function steps(): { party: string; name: string; text: string }[] {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  const start = readme.indexOf("## Following a CPOM's indicators");
  const section = readme.slice(start, readme.indexOf("\n## ", start + 10));
  return [...section.matchAll(/```graphql\n([\s\S]*?)```/g)].flatMap(([, text]) => {
    const party = /^# As the (.+?) \(tab/.exec(text)![1];
    return parse(text).definitions.map((d) => ({
      party,
      name: d.kind === Kind.OPERATION_DEFINITION ? d.name!.value : "",
      text,
    }));
  });
}

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
