import type { Db } from "mongodb";
import { readMarker } from "../db/data-versions.js";

/** A readiness check that takes longer than this answers 503: probes have short timeouts of their own. */
export const READY_TIMEOUT_MS = 2_000;

export interface Readiness {
  status: 200 | 503;
  body: {
    status: "ready" | "unavailable";
    code?: "UPSTREAM_UNAVAILABLE";
    /** The imported data being served: the marker's version and how many dataset versions are current. */
    data?: { version: string | null; currentVersions: number | null; datasets: number | null };
  };
}

/**
 * `/ready`: the database answers a ping, and the imported data's version
 * marker can be read (src/db/data-versions.ts). `currentVersions` counts the
 * distinct imports (or seed versions) the marker's heads point to, `datasets`
 * the datasets they belong to; both null for a marker written before heads
 * existed, and the version null when nothing was ever imported or seeded.
 * `/health` (liveness) answers without the database, so that an orchestrator
 * does not restart a server whose database is down: it waits for /ready.
 */
export async function readiness(db: Db): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("readiness check timed out")), READY_TIMEOUT_MS);
  });
  try {
    const marker = await Promise.race([db.command({ ping: 1 }).then(() => readMarker(db)), timeout]);
    const heads = marker?.heads ?? null;
    return {
      status: 200,
      body: {
        status: "ready",
        data: {
          version: marker?.version ?? null,
          currentVersions: marker && !heads ? null : new Set((heads ?? []).map((h) => h.current)).size,
          datasets: marker && !heads ? null : new Set((heads ?? []).map((h) => h.dataset)).size,
        },
      },
    };
  } catch {
    // No driver message: it can quote the connection string.
    return { status: 503, body: { status: "unavailable", code: "UPSTREAM_UNAVAILABLE" } };
  } finally {
    clearTimeout(timer);
  }
}
