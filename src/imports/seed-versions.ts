import type { Db } from "mongodb";
import type { Head } from "../db/data-versions.js";
import { datasetNamed } from "./catalogue.js";
import { processMark, promote, switchHeads } from "./commit.js";
import { VERSIONS, type VersionDoc } from "./versions.js";

/**
 * Makes the demo seed's documents current, as an import would: one version
 * document per dataset (provenance "demo seed, fictitious"), then one switch
 * of all heads. The seed tagged its documents while writing them
 * (seeds/context.ts); it lives in seeds/, this in the server's modules so
 * that the seed and the imports share one way of committing.
 */
/** The seed's version id for one dataset: one per dataset, so that each can be rolled back or replaced on its own. */
export function seedVersionId(importId: string, dataset: string): string {
  return `${importId}_${dataset.replace(/\W/g, "_")}`;
}

export async function commitSeedVersions(
  db: Db,
  version: { importId: string; slices: Map<string, Set<string>> },
  label: string,
): Promise<void> {
  const now = new Date();
  const docs: VersionDoc[] = [];
  const changes: ((h: Head[]) => Head[])[] = [];
  for (const [name, slices] of version.slices) {
    const dataset = datasetNamed(name)!;
    const collections = [dataset.collection, ...(dataset.derived ?? []).map((d) => d.collection)];
    docs.push({
      _id: seedVersionId(version.importId, name),
      dataset: name,
      org: { type: "NATIONAL", id: "demo" },
      file: { name: label, sha256: "", bytes: 0 },
      rows: { read: 0, accepted: 0, refused: 0 },
      period: null,
      slices: [...slices].sort(),
      collections,
      importedBy: "seed",
      importedAt: now,
      committedAt: now,
      status: "COMMITTED",
      process: processMark(),
      heartbeatAt: now,
    });
    changes.push(promote(name, collections, slices, docs[docs.length - 1]._id));
  }
  if (docs.length > 0) await db.collection<VersionDoc>(VERSIONS).insertMany(docs);
  await switchHeads(
    db,
    docs.flatMap((d) => d.collections),
    (heads) => changes.reduce((h, change) => change(h), heads),
  );
}
