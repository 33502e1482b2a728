import { readFileSync, readdirSync } from "node:fs";

/**
 * The README's example queries (docs/examples/*.graphql), read from disk for
 * GraphiQL's tabs. From dist/, docs/ is a link to the repository's
 * (src/ops/prepare-dist.ts), so this path holds in both trees.
 */
const examplesDir = new URL("../../docs/examples/", import.meta.url);

/** One GraphiQL tab: an example operation and its variables (JSON text). */
export interface ExampleTab {
  query: string;
  variables?: string;
}

/**
 * The example operations, one tab each, in file-name order. `NN-name.graphql`
 * may have its variables beside it in `NN-name.variables.json`.
 */
export function exampleTabs(): ExampleTab[] {
  const files = readdirSync(examplesDir);
  return files
    .filter((f) => f.endsWith(".graphql"))
    .sort()
    .map((f) => {
      const tab: ExampleTab = { query: readFileSync(new URL(f, examplesDir), "utf8") };
      const vars = f.replace(/\.graphql$/, ".variables.json");
      if (files.includes(vars)) tab.variables = readFileSync(new URL(vars, examplesDir), "utf8");
      return tab;
    });
}
