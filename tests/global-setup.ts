import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedDatabase } from "../src/db/ferretdb.js";
import { connectDatabase } from "../src/db/mongo.js";
import { writeTemplate } from "./seed-template.js";

declare module "vitest" {
  export interface ProvidedContext {
    mongoUri: string;
    /** What serves mongoUri: the embedded FerretDB's backend, or "mongodb" for MONGODB_URI. */
    backend: "postgresql" | "sqlite" | "mongodb";
    /** The database holding the region seed and its grids, copied by startTestApp (seed-template.ts). */
    regionTemplate: string;
  }
}

/**
 * One real FerretDB for the whole run (or the MongoDB of MONGODB_URI); each
 * test file then works in a database of its own. Nothing is mocked.
 */
export default async function setup(project: TestProject) {
  let stopDatabase = async () => {};
  let uri = process.env.MONGODB_URI;
  let backend: "postgresql" | "sqlite" | "mongodb" = "mongodb";
  if (!uri) {
    const dir = mkdtempSync(path.join(tmpdir(), "passerelle-test-"));
    const db = await startEmbeddedDatabase(dir, (line) => console.log(line));
    uri = db.uri;
    backend = db.backend;
    stopDatabase = async () => {
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  project.provide("mongoUri", uri);
  project.provide("backend", backend);
  console.log(
    `database of the run: ${backend === "mongodb" ? "MongoDB (MONGODB_URI)" : `embedded FerretDB on ${backend}`}`,
  );
  const name = `tpl_region_${process.pid}`;
  const template = await connectDatabase(uri, name);
  const started = performance.now();
  await writeTemplate(template.db);
  console.log(`region seed template with its grids: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  project.provide("regionTemplate", name);
  return async () => {
    await template.db.dropDatabase().catch(() => undefined);
    await template.close();
    await stopDatabase();
  };
}
