import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 has no "exports" map: Node (and so Apollo Server) loads its
    // CommonJS build, while Vite would pick the .mjs one. Two copies break
    // `instanceof GraphQLError`, so tests load the same file Node does.
    alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
  },
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/global-setup.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    // The first run on a fresh machine builds FerretDB (about two minutes).
    hookTimeout: 600_000,
  },
});
