import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseCircular, parseDependencyTree } from "dpdm";
import { describe, expect, it } from "vitest";

/**
 * No import cycle between the project's modules (docs/architecture.md,
 * "Modules"): a cycle makes the load order decide which side sees the
 * other's exports as undefined, and a newcomer cannot read a folder from
 * its leaves up. Type-only imports count: they are how the cycles began.
 * dpdm reads the TypeScript sources and resolves `./x.js` to `./x.ts`.
 */

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const FOLDERS = ["src", "resolvers", "bench", "seeds", "tools"];

/**
 * The import cycles among the files matched by `globs` under `cwd`, each as
 * "a.ts -> b.ts"; the number of files read; and the relative imports left
 * unresolved (dpdm maps `./x.js` to `./x.ts` only through the tsconfig.json
 * of `cwd`: an import it cannot resolve would hide a cycle).
 */
async function cyclesOf(
  cwd: string,
  globs: string[],
): Promise<{ cycles: string[]; files: number; unresolved: string[] }> {
  // transform: false keeps `import type` edges; dynamic imports count too.
  const tree = await parseDependencyTree(globs, {
    cwd,
    context: cwd,
    transform: false,
    skipDynamicImports: false,
  });
  const imports = Object.values(tree).flatMap((deps) => deps ?? []);
  return {
    cycles: parseCircular(tree).map((cycle) => cycle.join(" -> ")),
    files: Object.keys(tree).length,
    unresolved: imports
      .filter((d) => d.id === null && d.request.startsWith("."))
      .map((d) => `${d.issuer}: ${d.request}`),
  };
}

describe("the module graph", () => {
  it("has no cycle in src, resolvers, bench, seeds and tools, type-only imports included", async () => {
    const { cycles, files, unresolved } = await cyclesOf(
      ROOT,
      FOLDERS.map((folder) => `${folder}/**/*.{ts,mjs}`),
    );
    expect(files).toBeGreaterThan(200); // the sources were found and read
    expect(unresolved).toEqual([]);
    expect(cycles).toEqual([]);
  });

  it("would see a cycle made of type-only imports between .js specifiers", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "passerelle-cycles-"));
    try {
      writeFileSync(
        path.join(dir, "tsconfig.json"),
        JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext" } }),
      );
      writeFileSync(
        path.join(dir, "a.ts"),
        `import type { B } from "./b.js";\nexport interface A { b: B }\n`,
      );
      writeFileSync(
        path.join(dir, "b.ts"),
        `import type { A } from "./a.js";\nexport interface B { a: A }\n`,
      );
      expect((await cyclesOf(dir, ["*.ts"])).cycles).toEqual([
        expect.stringMatching(/^(a\.ts -> b\.ts|b\.ts -> a\.ts)$/),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
