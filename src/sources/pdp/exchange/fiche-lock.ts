/**
 * Serialises the writes to one fiche within this process.
 *
 * Why: FerretDB v1 on SQLite applies an update as read, modify in Go, write
 * back, outside any transaction (FerretDB/FerretDB#3040). Measured here: 20
 * concurrent `updateOne({_id, "header.version": 1}, {$inc, $push})` on one
 * document report up to 19 matches, and only one `$push` survives. The
 * version filter alone would then lose writes that were reported as done.
 * Queuing the writes to one fiche restores compare-and-set: the second
 * writer's filter sees the first one's version and gets CONFLICT. MongoDB
 * (MONGODB_URI) makes each update atomic by itself; the queue then costs
 * nothing. Several server processes writing to one FerretDB would need a
 * lock in the database: not supported (docs/pdp-exchange.md).
 */
const tails = new Map<string, Promise<unknown>>();

/** Runs `fn` after every earlier write to the same fiche has finished (whatever their outcome). */
export async function withFicheLock<T>(ficheId: string, fn: () => Promise<T>): Promise<T> {
  const previous = tails.get(ficheId) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  const tail = run.catch(() => undefined);
  tails.set(ficheId, tail);
  try {
    return await run;
  } finally {
    // The last writer in the queue removes it, so the map holds only fiches being written.
    if (tails.get(ficheId) === tail) tails.delete(ficheId);
  }
}
