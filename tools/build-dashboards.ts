/**
 * `npm run build`'s last step: bundles the dashboard page's browser code
 * (src/dashboards/main.ts, with Chart.js from node_modules) and its styles
 * into dist/dashboards/app.js and app.css, which src/http/dashboards.ts
 * serves at /dashboards. Nothing is fetched at run time: the page works
 * offline. Each file is written beside its place and renamed over it, so a
 * running server never reads half a bundle. The tests call `buildDashboards`
 * too (well under a second).
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const SOURCES = fileURLToPath(new URL("../src/dashboards/", import.meta.url));

/** Where `npm run build` puts the bundle (src/http/dashboards.ts's BUNDLE_DIR for the sources). */
export const DASHBOARDS_OUT = fileURLToPath(new URL("../dist/dashboards/", import.meta.url));

/** Bundles the page into `outDir`; returns each file's name and size in bytes. */
export async function buildDashboards(outDir = DASHBOARDS_OUT): Promise<Record<string, number>> {
  const result = await build({
    entryPoints: [
      { in: path.join(SOURCES, "main.ts"), out: "app" },
      { in: path.join(SOURCES, "styles.css"), out: "app" },
    ],
    outdir: outDir,
    bundle: true,
    minify: true,
    format: "iife",
    platform: "browser",
    // The browsers of the partners' workstations: Firefox ESR, Edge and Chrome of the last two years.
    target: ["es2020", "chrome109", "firefox115", "safari16"],
    legalComments: "eof",
    charset: "utf8",
    write: false,
    logLevel: "silent",
  });
  mkdirSync(outDir, { recursive: true });
  const sizes: Record<string, number> = {};
  for (const file of result.outputFiles) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
    sizes[path.basename(file.path)] = file.contents.byteLength;
  }
  return sizes;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const sizes = await buildDashboards();
  const list = Object.entries(sizes).map(([name, bytes]) => `${name} ${(bytes / 1024).toFixed(0)} KiB`);
  console.log(`dashboards: ${path.relative(process.cwd(), DASHBOARDS_OUT)} (${list.join(", ")})`);
}
