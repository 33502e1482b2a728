/**
 * `npx tsx tools/limits-report.ts`: depth, aliases and estimated cost of the
 * operations Passerelle must always accept (the README examples, the PDP
 * exchange, the benchmark workloads) and of the query that once stalled the
 * server, to set and check the default limits (src/config.ts).
 */
import { readdirSync, readFileSync } from "node:fs";
import { parse } from "graphql";
import { buildSchema } from "../src/schema.js";
import { brokenLimit, queryCost } from "../src/graphql/limits.js";
import { variablesOf, workloads } from "../bench/workloads.js";
import { EXPENSIVE_LOOP } from "../src/graphql/limits-fixtures.js";

const schema = buildSchema();
const ops: [string, string, Record<string, unknown>?][] = [
  ...readdirSync("docs/examples").map((f): [string, string] => [
    `docs/examples/${f}`,
    readFileSync(`docs/examples/${f}`, "utf8"),
  ]),
  ...workloads(1000).flatMap((w) =>
    w.operations.map((o): [string, string, Record<string, unknown>?] => [
      `bench ${w.id}/${o.name}`,
      o.query,
      variablesOf(o, "x"),
    ]),
  ),
  ["attack: 8-level loop", EXPENSIVE_LOOP],
];
function depth(q: string): number {
  let d = 0,
    max = 0;
  for (const ch of q.replace(/#[^\n]*/g, "").replace(/\([^)]*\)/g, "")) {
    if (ch === "{") max = Math.max(max, ++d);
    if (ch === "}") d--;
  }
  return max;
}
for (const [name, q, variables] of ops) {
  const doc = parse(q);
  let cost: number | string;
  try {
    cost = queryCost(schema, doc, undefined, variables ?? {});
  } catch (e) {
    cost = `(variables: ${(e as Error).message})`;
  }
  console.log(`${name.padEnd(60)} depth≈${depth(q)} cost=${cost}`);
}
console.log(
  brokenLimit(schema, parse(EXPENSIVE_LOOP), { depth: 10, aliases: 15, directives: 20, cost: 1e12 }),
);
