import type { Db } from "mongodb";
import type { SubgraphName } from "../federation/names.js";

/**
 * What the server reads of the `meta` collection's seed document: which demo
 * seed, if any, filled this database. The demo generator itself lives in
 * seeds/ and is never imported by the server's path.
 */
export interface SeedInfo {
  scale: "region" | "national";
  documents: number;
  seconds: number;
  seededAt: string;
  /** Set when only one partner's source was seeded, into its subgraph's database. */
  subgraph?: SubgraphName;
}

export const META = "meta";

/** The seed document, or null for a database the demo seed never filled (a partner's, or an empty one). */
export async function readSeedInfo(db: Db): Promise<SeedInfo | null> {
  const doc = await db.collection<{ _id: string } & SeedInfo>(META).findOne({ _id: "seed" });
  if (!doc) return null;
  const { _id, ...info } = doc;
  return info;
}

/**
 * Whether the database holds no collection at all. Only such a database may
 * receive the demo seed: one that holds anything, even a collection without
 * a seed marker, may be a partner's (issue: a start once dropped one).
 */
export async function isEmptyDatabase(db: Db): Promise<boolean> {
  const names = await db.listCollections({}, { nameOnly: true }).toArray();
  return names.length === 0;
}
