import type { Db } from "mongodb";
import { purgeClosedFiches, type PurgeResult } from "./purge.js";

/**
 * Retention settings, from the environment (read here rather than in the
 * shared config: only the purge uses them).
 * - PDP_RETENTION_YEARS: years a closed fiche is kept after closure (default 2).
 * - PURGE_INTERVAL_HOURS: how often the server purges (default 24; 0 turns the schedule off).
 */
export interface RetentionConfig {
  retentionYears: number;
  intervalHours: number;
}

export function loadRetentionConfig(env: NodeJS.ProcessEnv = process.env): RetentionConfig {
  const retentionYears = Number(env.PDP_RETENTION_YEARS ?? 2);
  if (!Number.isInteger(retentionYears) || retentionYears < 1 || retentionYears > 40)
    throw new Error(
      `PDP_RETENTION_YEARS must be a whole number of years between 1 and 40, got "${env.PDP_RETENTION_YEARS}"`,
    );
  const intervalHours = Number(env.PURGE_INTERVAL_HOURS ?? 24);
  if (!Number.isFinite(intervalHours) || intervalHours < 0 || intervalHours > 24 * 365)
    throw new Error(
      `PURGE_INTERVAL_HOURS must be a number of hours (0 = no schedule), got "${env.PURGE_INTERVAL_HOURS}"`,
    );
  return { retentionYears, intervalHours };
}

export interface PurgeSchedule {
  /** Stops the timer and waits for a run in progress, so the database can be closed after it. */
  stop(): Promise<void>;
  /** The run in progress or the last one (for tests and logs). */
  last(): Promise<PurgeResult | null>;
}

/**
 * Purges once at start, then every `intervalHours`. A run never overlaps
 * another; a failed run is logged by error class only (no document value)
 * and retried at the next tick. The timer does not keep the process alive.
 */
export function startPurgeSchedule(
  db: Db,
  cfg: RetentionConfig,
  log: (line: string) => void = console.log,
): PurgeSchedule {
  let running: Promise<PurgeResult | null> = Promise.resolve(null);
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    running = purgeClosedFiches(db, { retentionYears: cfg.retentionYears })
      .then((r) => {
        if (r.purged > 0)
          log(
            `Purged ${r.purged} fiches de liaison closed before ${r.cutoff.toISOString().slice(0, 10)} (anonymous yearly statistics kept).`,
          );
        return r;
      })
      .catch((err: unknown) => {
        log(
          `Purge of closed fiches failed (${err instanceof Error ? err.name : typeof err}); retried at the next run.`,
        );
        return null;
      })
      .finally(() => {
        busy = false;
      });
  };
  if (cfg.intervalHours === 0) return { stop: async () => undefined, last: async () => null };
  tick();
  const timer = setInterval(tick, cfg.intervalHours * 3_600_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
    last: () => running,
  };
}
