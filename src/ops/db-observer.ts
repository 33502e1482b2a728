import type { CommandFailedEvent, CommandStartedEvent, CommandSucceededEvent } from "mongodb";
import type { Database } from "../db/mongo.js";
import type { ReadCacheStats } from "../db/read-cache.js";
import { isAuditInsert } from "../sources/audit/types.js";
import { recordAuditWrite, watchSources } from "./metrics.js";
import { attributeCommand, observeCommands } from "./request-trace.js";

/**
 * Watches a database connection for operations: each command is attributed
 * to the request that sent it (its log line's `dbCommands`), the process's
 * command counter and the read cache feed the metrics, and the inserts into
 * the audit trail are counted by outcome. Only the driver's events are read:
 * nothing changes what the server sends. Returns the undo.
 */
export function observeDatabase(
  database: Pick<Database, "client" | "commands">,
  readCache: { stats(): ReadCacheStats } | null,
): () => void {
  const { client } = database;
  /** Audit inserts in flight: driver request id → number of events. */
  const auditInserts = new Map<number, number>();
  const started = (event: CommandStartedEvent) => {
    attributeCommand(event);
    const cmd = event.command as { insert?: unknown; documents?: unknown[] };
    if (isAuditInsert(event.commandName, cmd)) auditInserts.set(event.requestId, cmd.documents?.length ?? 0);
  };
  const succeeded = (event: CommandSucceededEvent) =>
    settle(event, (event.reply as { writeErrors?: unknown[] }).writeErrors === undefined);
  const failed = (event: CommandFailedEvent) => settle(event, false);
  const settle = (event: CommandSucceededEvent | CommandFailedEvent, ok: boolean) => {
    const events = auditInserts.get(event.requestId);
    if (events === undefined) return;
    auditInserts.delete(event.requestId);
    recordAuditWrite(events, ok);
  };
  client.on("commandStarted", started);
  client.on("commandSucceeded", succeeded);
  client.on("commandFailed", failed);
  const unobserve = observeCommands();
  const unwatch = watchSources(database.commands, readCache);
  return () => {
    client.off("commandStarted", started);
    client.off("commandSucceeded", succeeded);
    client.off("commandFailed", failed);
    unobserve();
    unwatch();
  };
}
