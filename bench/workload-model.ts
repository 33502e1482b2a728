import type { Db } from "mongodb";
import type { OrgType, Role } from "../src/auth/roles.js";

/**
 * What a workload is: who asks, and what. A leaf module: bench/workloads.ts
 * lists the workloads, among them the PDP exchange of bench/pdp-workload.ts,
 * which is written with these types (importing them from the list would be
 * a cycle).
 */

/** Who asks: one role in one organisation (as tests/helpers.ts's ViewerSpec). */
export interface ViewerSpec {
  role: Role;
  org: `${OrgType}:${string}`;
}

/** The token subject of a viewer: `bench-<role>@<org id>` (what the workloads that write clean up by). */
export const subjectOf = (viewer: ViewerSpec) =>
  `bench-${viewer.role.toLowerCase()}@${viewer.org.split(":")[1]}`;

/** One GraphQL operation of a workload. */
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

/** A scenario the benchmark measures: who asks, and the operations each client sends. */
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
