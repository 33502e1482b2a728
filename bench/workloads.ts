import { readFileSync } from "node:fs";
import type { Db } from "mongodb";
import { signDevToken } from "../src/auth/tokens.js";
import type { OrgType, Role } from "../src/auth/roles.js";
import { pdpExchange } from "./pdp-workload.js";

/**
 * What the benchmark asks, as the people who would ask it. Each operation
 * has a hand-written twin in bench/baseline/ that reads the same data and
 * builds the same JSON without GraphQL.
 */

/** Who asks: one role in one organisation (as tests/helpers.ts's ViewerSpec). */
export interface ViewerSpec {
  role: Role;
  org: `${OrgType}:${string}`;
}

/** The token subject of a viewer: `bench-<role>@<org id>` (what the workloads that write clean up by). */
export const subjectOf = (viewer: ViewerSpec) => `bench-${viewer.role.toLowerCase()}@${viewer.org.split(":")[1]}`;

/** The Authorization header value of a viewer: a development token (HS256, the default dev secret), as the tests sign them. */
export async function authorizationOf(viewer: ViewerSpec | null): Promise<string | undefined> {
  if (!viewer) return undefined;
  const [type, id] = viewer.org.split(":") as [OrgType, string];
  return `Bearer ${await signDevToken({ sub: subjectOf(viewer), org: { type, id }, roles: [viewer.role] })}`;
}

/** The Authorization header of each operation of a workload, in operation order. */
export function authorizations(w: Workload): Promise<(string | undefined)[]> {
  return Promise.all(w.operations.map((op) => authorizationOf(op.viewer !== undefined ? op.viewer : w.viewer)));
}

export interface Operation {
  /** Also the baseline route: /<workload>/<name>. */
  name: string;
  query: string;
  /**
   * Fixed variables, or a function of the round being played (`tag`: `prime`
   * and `warm` for the warm-up, `c3r12` for client 3's 13th round of the
   * load): writes need fresh idempotency keys.
   */
  variables?: Record<string, unknown> | ((tag: string) => Record<string, unknown>);
  /** Who asks, when not the workload's viewer (a workload between two organisations). */
  viewer?: ViewerSpec | null;
  /** The answer as compared with the baseline's, when the server generates some of its values (instants, random ids): those masked. */
  comparable?(data: unknown): unknown;
}

/** The variables of an operation in round `tag`. */
export function variablesOf(op: Operation, tag: string): Record<string, unknown> | undefined {
  return typeof op.variables === "function" ? op.variables(tag) : op.variables;
}

export interface Workload {
  id: string;
  title: string;
  /** null: no token (open data). */
  viewer: ViewerSpec | null;
  /** Each client of the load cycles through these, client i starting at operation i (at the first for a chain). */
  operations: Operation[];
  /** The operations are the steps of one story, each on what the earlier ones wrote: every client plays them in order from the first. */
  chain?: boolean;
  /** Removes what the workload wrote: run by bench/run.ts before each server and after the last, so each starts from the seed. */
  reset?(db: Db): Promise<void>;
  /** What the warm-up wrote (after `reset`), compared with the baseline's too. */
  written?(db: Db): Promise<unknown>;
  /** Set when the workload cannot be measured yet: printed instead of figures, never a number. */
  placeholder?: string;
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
