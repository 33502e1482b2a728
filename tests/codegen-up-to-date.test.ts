import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { generate } from "@graphql-codegen/cli";
import { describe, expect, it } from "vitest";
import config from "../codegen.js";

/** The generated resolver types are built by `npm run codegen` from schema/*.graphql, never edited: they must match the SDL. */
describe("generated GraphQL types", () => {
  it("are up to date with schema/*.graphql and codegen.ts", { timeout: 60_000 }, async () => {
    const root = fileURLToPath(new URL("..", import.meta.url));
    const outputs: { filename: string; content: string }[] = await generate(
      { ...config, cwd: root, silent: true },
      false,
    );
    expect(outputs.map((o) => o.filename).sort()).toEqual(Object.keys(config.generates).sort());
    for (const { filename, content } of outputs) {
      const committed = readFileSync(new URL(`../${filename}`, import.meta.url), "utf8");
      expect(committed === content, `${filename} is stale: run npm run codegen`).toBe(true);
    }
  });
});
