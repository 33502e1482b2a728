/**
 * `npm run build`'s second step, after `tsc -p tsconfig.build.json`: makes
 * the compiled tree (dist/, this file's `../..`) find the files the code
 * reads beside itself at run time, through paths relative to its own module
 * (`new URL("../schema/", import.meta.url)` and the like), which tsc does not
 * copy:
 * - the data files among the sources (src/domain/reference/*.json, and any
 *   other file of src/, resolvers/ or seeds/ that is not TypeScript) are
 *   copied to the same place under dist/;
 * - the repository folders the code reads by relative path (schema/,
 *   docs/ for GraphiQL's example tabs, tools/ and .cache/ for the embedded
 *   FerretDB's launcher) are linked: dist/ runs in place, inside the
 *   repository, with its node_modules.
 * Run from the repository's root (npm does).
 */
import { cpSync, existsSync, mkdirSync, readlinkSync, rmSync, symlinkSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const COMPILED_ROOTS = ["src", "resolvers", "seeds"];
const LINKED = ["schema", "docs", "tools", ".cache"];

export function prepareDist(distRoot: string, repoRoot: string): void {
  for (const root of COMPILED_ROOTS) {
    cpSync(path.join(repoRoot, root), path.join(distRoot, root), {
      recursive: true,
      filter: (source) => !/\.(ts|tsx|mts|cts)$/.test(source),
    });
  }
  mkdirSync(path.join(repoRoot, ".cache"), { recursive: true });
  for (const name of LINKED) {
    const link = path.join(distRoot, name);
    const target = path.relative(distRoot, path.join(repoRoot, name));
    if (linkTarget(link) === target) continue;
    rmSync(link, { recursive: true, force: true }); // a link: removes the link, never what it points to
    symlinkSync(target, link);
  }
}

/** The target of the link at `file`, or null when there is none. */
function linkTarget(file: string): string | null {
  try {
    return readlinkSync(file);
  } catch {
    return null;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const distRoot = fileURLToPath(new URL("../..", import.meta.url));
  if (!existsSync(path.join(process.cwd(), "package.json")))
    throw new Error("run prepare-dist from the repository's root");
  prepareDist(distRoot, process.cwd());
}
