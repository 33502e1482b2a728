import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { generate } from "@graphql-codegen/cli";
import { describe, expect, it } from "vitest";
import config from "../codegen.js";

/**
 * The generated types are built by `npm run codegen`, never edited: the resolver types must match
 * schema/*.graphql, and the tests' document types (tests/generated/) the graphql(`...`) documents of tests/.
 */
describe("generated GraphQL types", () => {
  it("are up to date with schema/*.graphql, the tests' documents and codegen.ts", {
    timeout: 60_000,
  }, async () => {
    const root = fileURLToPath(new URL("..", import.meta.url));
    const outputs: { filename: string; content: string }[] = await generate(
      { ...config, cwd: root, silent: true },
      false,
    );
    // Each target is a file, or a folder (ending in `/`, the client preset's) holding exactly the files generated into it.
    const targets = Object.keys(config.generates);
    const committed = targets.flatMap((target) =>
      target.endsWith("/")
        ? readdirSync(new URL(`../${target}`, import.meta.url)).map((name) => `${target}${name}`)
        : [target],
    );
    expect(outputs.map((o) => o.filename).sort()).toEqual(committed.sort());
    for (const { filename, content } of outputs) {
      const text = readFileSync(new URL(`../${filename}`, import.meta.url), "utf8");
      expect(text === content, `${filename} is stale: run npm run codegen`).toBe(true);
    }
  });
});
