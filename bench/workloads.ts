import { readFileSync } from "node:fs";
import { signDevToken } from "../src/auth/tokens.js";
import type { OrgType } from "../src/auth/roles.js";
import { pdpExchange } from "./pdp-workload.js";
import { subjectOf, type Operation, type ViewerSpec, type Workload } from "./workload-model.js";

/**
 * What the benchmark asks, as the people who would ask it. Each operation
 * has a hand-written twin in bench/baseline/ that reads the same data and
 * builds the same JSON without GraphQL.
 */

/** What a workload is (bench/workload-model.ts), for the modules and tools that take one from this list. */
export type { Operation, ViewerSpec, Workload } from "./workload-model.js";

/** The Authorization header value of a viewer: a development token (HS256, the default dev secret), as the tests sign them. */
export async function authorizationOf(viewer: ViewerSpec | null): Promise<string | undefined> {
  if (!viewer) return undefined;
  const [type, id] = viewer.org.split(":") as [OrgType, string];
  return `Bearer ${await signDevToken({ sub: subjectOf(viewer), org: { type, id }, roles: [viewer.role] })}`;
}

/** The Authorization header of each operation of a workload, in operation order. */
export function authorizations(w: Workload): Promise<(string | undefined)[]> {
  return Promise.all(
    w.operations.map((op) => authorizationOf(op.viewer !== undefined ? op.viewer : w.viewer)),
  );
}

/** The variables of an operation in round `tag`. */
export function variablesOf(op: Operation, tag: string): Record<string, unknown> | undefined {
  return typeof op.variables === "function" ? op.variables(tag) : op.variables;
}

/** A DREETS prevention engineer of Pays de la Loire: a CPOM party, sees its region's establishments and every partner aggregate. */
export const DREETS_52: ViewerSpec = { role: "DREETS_INGENIEUR_PREVENTION", org: "DREETS:dreets-52" };

const example = (file: string) => readFileSync(new URL(`../docs/examples/${file}`, import.meta.url), "utf8");

/** The analyst's list: `first` establishments with their sector and its sinistralité. */
export function listQuery(first: number): string {
  return `query AnalystList {
  establishments(first: ${first}) {
    nodes { siret name naf { code label } sector { label } sectorSinistralite(years: { from: 2023, to: 2024 }, level: CLASS) { frequencyIndex } }
  }
}`;
}

/** Open data: construction's accident rates by caisse and year, as a public dashboard shows them. */
export const PUBLIC_SECTOR = `query PublicSector {
  sector(naf: "41") {
    code
    label
    sinistralite(years: { from: 2019, to: 2024 }, groupBy: [YEAR, CAISSE]) {
      year
      caisse { name }
      employees
      accidents
      frequencyIndex
      frequencyRate
      severityRate
    }
  }
}`;

export function workloads(listLength = 1000): Workload[] {
  return [
    {
      id: "dashboards",
      title: "README cross-source dashboards 01-04 (DREETS viewer)",
      viewer: DREETS_52,
      operations: [
        { name: "construction", query: example("01-construction-pays-de-la-loire.graphql") },
        { name: "sstrn-area", query: example("02-sstrn-area.graphql") },
        { name: "establishments-risk", query: example("03-establishments-with-sector-risk.graphql") },
        { name: "psychosocial", query: example("04-psychosocial-risks.graphql") },
      ],
    },
    {
      id: "list",
      title: `Analyst list: ${listLength.toLocaleString("en")} establishments + sector + sinistralité (DREETS viewer)`,
      viewer: DREETS_52,
      operations: [{ name: "establishments", query: listQuery(listLength) }],
    },
    {
      id: "public",
      title: "Public sector aggregate: construction by caisse × year (no token)",
      viewer: null,
      operations: [{ name: "sector", query: PUBLIC_SECTOR }],
    },
    pdpExchange,
  ];
}
