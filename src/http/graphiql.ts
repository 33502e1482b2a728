import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";

/**
 * GraphiQL served from the project's own node_modules, so analysts get it on
 * a closed network (Apollo's default landing page loads from a CDN). The
 * README's example queries (docs/examples/*.graphql) open as ready-to-run tabs.
 */
const require = createRequire(import.meta.url);
const ASSETS: Record<string, { file: string; type: string }> = {
  "react.js": { file: "react/umd/react.production.min.js", type: "text/javascript" },
  "react-dom.js": { file: "react-dom/umd/react-dom.production.min.js", type: "text/javascript" },
  "graphiql.js": { file: "graphiql/graphiql.min.js", type: "text/javascript" },
  "graphiql.css": { file: "graphiql/graphiql.min.css", type: "text/css" },
};
const cache = new Map<string, Buffer>();

export function graphiqlAsset(name: string): { type: string; body: Buffer } | null {
  const asset = ASSETS[name];
  if (!asset) return null;
  let body = cache.get(name);
  if (!body) {
    body = readFileSync(require.resolve(asset.file));
    cache.set(name, body);
  }
  return { type: asset.type, body };
}

const examplesDir = new URL("../../docs/examples/", import.meta.url);

/** The example operations, one tab each, in file-name order. */
export function exampleTabs(): { query: string; variables?: string }[] {
  return readdirSync(examplesDir)
    .filter((f) => f.endsWith(".graphql"))
    .sort()
    .map((f) => ({ query: readFileSync(new URL(f, examplesDir), "utf8") }));
}

export function graphiqlPage(): string {
  // `<` is escaped so that no example text can close the script element.
  const tabs = JSON.stringify(exampleTabs()).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8" />
  <title>Passerelle · GraphiQL</title>
  <link rel="stylesheet" href="/graphiql/graphiql.css" />
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="/graphiql/react.js"></script>
  <script src="/graphiql/react-dom.js"></script>
  <script src="/graphiql/graphiql.js"></script>
  <script>
    const tabs = ${tabs};
    const fetcher = GraphiQL.createFetcher({ url: "/graphql" });
    ReactDOM.createRoot(document.getElementById("graphiql")).render(
      React.createElement(GraphiQL, {
        fetcher,
        defaultTabs: tabs,
        defaultEditorToolsVisibility: true,
      }),
    );
  </script>
</body>
</html>`;
}
