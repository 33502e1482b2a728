import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedDatabase } from "../src/db/ferretdb.js";

declare module "vitest" {
  export interface ProvidedContext {
    mongoUri: string;
  }
}

/**
 * One real FerretDB for the whole run (or the MongoDB of MONGODB_URI); each
 * test file then works in a database of its own. Nothing is mocked.
 */
export default async function setup(project: TestProject) {
  if (process.env.MONGODB_URI) {
    project.provide("mongoUri", process.env.MONGODB_URI);
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), "passerelle-test-"));
  const db = await startEmbeddedDatabase(dir, (line) => console.log(line));
  project.provide("mongoUri", db.uri);
  return async () => {
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
