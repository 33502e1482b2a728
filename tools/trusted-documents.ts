/**
 * `npm run trusted-documents`: writes src/graphql/trusted-documents.json, the
 * manifest of the operations first-party clients send: the README's
 * dashboard examples (docs/examples), the README's PDP exchange, CPOM
 * follow-up and annex-4 campaign, the dashboard page's panels, the annex-4
 * export, and the exchange's operations as the benchmark's clients send them. Clients call them by SHA-256 (Apollo's persisted-query extension); with
 * TRUSTED_DOCUMENTS=only, roles without ad-hoc queries may send nothing else.
 * `npm test` checks that the file is what this script writes.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { PDP_QUERIES } from "../bench/pdp-queries.js";
import { DASHBOARD_QUERIES } from "../src/dashboards/queries.js";
import { ANNEX4_EXPORT_QUERY } from "../src/exports/annex4-export.js";

export const MANIFEST = fileURLToPath(new URL("../src/graphql/trusted-documents.json", import.meta.url));

export interface TrustedDocument {
  /** Where the document comes from, for humans. */
  source: string;
  document: string;
}

/** The README's sections whose operations first-party clients send, with the label of their steps. */
const README_SECTIONS: [heading: string, label: string][] = [
  ["## Exchanging a fiche de liaison", "exchange"],
  ["## Following a CPOM's indicators", "CPOM follow-up"],
  ["## Running the annex-4 campaign", "annex-4 campaign"],
];

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** The manifest's content, keyed by the document's SHA-256 (hex, as Apollo's persisted queries spell it). */
export function buildManifest(): Record<string, TrustedDocument> {
  const docs: TrustedDocument[] = [];
  const examples = new URL("../docs/examples/", import.meta.url);
  for (const f of readdirSync(examples).sort())
    docs.push({ source: `docs/examples/${f}`, document: readFileSync(new URL(f, examples), "utf8") });
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  for (const [heading, label] of README_SECTIONS) {
    const start = readme.indexOf(heading);
    const section = readme.slice(start, readme.indexOf("\n## ", start + 10));
    for (const [i, [, text]] of [...section.matchAll(/```graphql\n([\s\S]*?)```/g)].entries())
      docs.push({ source: `README.md, ${label} step ${i + 1}`, document: text });
  }
  // The dashboard page's panels (src/dashboards/), sent as written with the viewer's token.
  for (const [name, text] of Object.entries(DASHBOARD_QUERIES))
    docs.push({ source: `src/dashboards/queries.ts, ${name}`, document: text });
  // The server's own exports run as their reader through the API (src/exports/).
  docs.push({ source: "src/exports/annex4-export.ts, ANNEX4_EXPORT_QUERY", document: ANNEX4_EXPORT_QUERY });
  for (const [name, text] of Object.entries(PDP_QUERIES))
    docs.push({ source: `bench/pdp-queries.ts, ${name}`, document: text });
  return Object.fromEntries(
    docs
      .map((d): [string, TrustedDocument] => [sha256(d.document), d])
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

export function manifestText(): string {
  return `${JSON.stringify(buildManifest(), null, 2)}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  writeFileSync(MANIFEST, manifestText());
  console.log(`Wrote ${Object.keys(buildManifest()).length} trusted documents to ${MANIFEST}`);
}
