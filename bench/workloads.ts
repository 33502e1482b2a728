import { readFileSync } from "node:fs";
import { signDevToken } from "../src/auth/tokens.js";
import type { OrgType, Role } from "../src/auth/roles.js";

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

/** The Authorization header value of a viewer: a development token (HS256, the default dev secret), as the tests sign them. */
export async function authorizationOf(viewer: ViewerSpec | null): Promise<string | undefined> {
  if (!viewer) return undefined;
  const [type, id] = viewer.org.split(":") as [OrgType, string];
  return `Bearer ${await signDevToken({ sub: `bench-${viewer.role.toLowerCase()}@${id}`, org: { type, id }, roles: [viewer.role] })}`;
}

export interface Operation {
  /** Also the baseline route: /<workload>/<name>. */
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

export interface Workload {
  id: string;
  title: string;
  /** null: no token (open data). */
  viewer: ViewerSpec | null;
  /** Each client of the load cycles through these, client i starting at operation i. */
  operations: Operation[];
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
    {
      id: "pdp-exchange",
      title: "PDP fiche exchange between a cellule PDP and the Carsat service social",
      viewer: null,
      operations: [],
      placeholder: "PLACEHOLDER, no figure: the PDP exchange (mutations) is not finished yet; add its operations and baseline twin here when it is",
    },
  ];
}
