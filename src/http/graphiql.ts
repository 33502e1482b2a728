import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { exampleTabs } from "./graphiql-examples.js";

/**
 * GraphiQL served from the project's own node_modules, so analysts get it on
 * a closed network (Apollo's default landing page loads from a CDN). The
 * README's example queries open as ready-to-run tabs (./graphiql-examples.ts
 * reads them).
 */
const require = createRequire(import.meta.url);
const ASSETS: Record<string, { pkg: string; file: string; type: string }> = {
  "react.js": { pkg: "react", file: "umd/react.production.min.js", type: "text/javascript; charset=utf-8" },
  "react-dom.js": {
    pkg: "react-dom",
    file: "umd/react-dom.production.min.js",
    type: "text/javascript; charset=utf-8",
  },
  "graphiql.js": { pkg: "graphiql", file: "graphiql.min.js", type: "text/javascript; charset=utf-8" },
  "graphiql.css": { pkg: "graphiql", file: "graphiql.min.css", type: "text/css; charset=utf-8" },
};
const cache = new Map<string, Buffer>();

/**
 * A GraphiQL file by its name under /graphiql/, or null: only the names listed
 * above reach the disk (`hasOwn`, so "__proto__" or "toString" are 404s too).
 */
export function graphiqlAsset(name: string): { type: string; body: Buffer } | null {
  if (!Object.hasOwn(ASSETS, name)) return null;
  const asset = ASSETS[name];
  let body = cache.get(name);
  if (!body) {
    // React's "exports" map hides umd/*, so resolve the package root instead.
    const root = path.dirname(require.resolve(`${asset.pkg}/package.json`));
    body = readFileSync(path.join(root, asset.file));
    cache.set(name, body);
  }
  return { type: asset.type, body };
}

/**
 * The page. Asset URLs are relative, so it also works behind a reverse proxy
 * that mounts the API under a path prefix. The examples are read on each
 * request, so a new one shows up without a restart. GraphiQL restores the tabs
 * saved in localStorage and then ignores `defaultTabs`: the inline script
 * forgets the saved tabs (not the history, which keeps every operation run)
 * when the examples changed since the last visit, or analysts would never see
 * the new ones.
 */
export function graphiqlPage(): string {
  const examples = exampleTabs();
  const version = createHash("sha256").update(JSON.stringify(examples)).digest("hex").slice(0, 16);
  // `<` is escaped so that no example text can close the script element.
  const json = (v: unknown) => JSON.stringify(v).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>Passerelle · GraphiQL</title>
  <link rel="icon" href="data:," />
  <link rel="stylesheet" href="graphiql/graphiql.css" />
  <style>html, body, #graphiql { height: 100%; margin: 0; overflow: hidden; }</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="graphiql/react.js"></script>
  <script src="graphiql/react-dom.js"></script>
  <script src="graphiql/graphiql.js"></script>
  <script>
    const tabs = ${json(examples)};
    const examplesVersion = ${json(version)};
    try {
      if (localStorage.getItem("passerelle:examples") !== examplesVersion) {
        // The editor's own copy of the active tab goes too, or it would open on it.
        for (const key of ["tabState", "query", "variables", "operationName"]) {
          localStorage.removeItem("graphiql:" + key);
        }
        localStorage.setItem("passerelle:examples", examplesVersion);
      }
    } catch (e) {
      // localStorage disabled: GraphiQL then keeps nothing and shows the examples.
    }
    // The page is the GraphQL endpoint itself (GET as HTML): post back to it.
    const fetcher = GraphiQL.createFetcher({ url: location.origin + location.pathname });
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
