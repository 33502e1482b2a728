/**
 * `npm run grid-report`: the information loss of the protected publication
 * grids of the configured database (MONGODB_URI, or the embedded one in
 * DATA_DIR): per dataset and year, the cells, the share masked per measure
 * (primary and secondary together), the complements added, and the time the
 * protection took. The AT grid also reports its linked age band × sex grid
 * (`<year> age band × sex`): there, `linked:<measure>` counts the margins the
 * main grid masks that it takes as primary cells; on a main year,
 * `linked:<measure>` counts the cells the age band × sex grid added to it. Nothing is written: the grids are computed in memory.
 * docs/privacy.md quotes its figures.
 */
import { loadConfig } from "../src/config.js";
import { openDatabase } from "../src/db/open.js";
import { DataVersions } from "../src/db/data-versions.js";
import { directReads, versionedReads } from "../src/db/imported-reads.js";
import { DATASETS } from "../src/imports/catalogue.js";
import { disclosureConfig } from "../src/privacy/disclosure-config.js";
import { GridStore } from "../src/privacy/grid/store.js";

const config = loadConfig();
const opened = await openDatabase(config, () => undefined);
try {
  const db = opened.database.db;
  const disclosure = disclosureConfig(config.smallCountThreshold, new GridStore(null));
  for (const dataset of DATASETS) {
    if (!dataset.grid) continue;
    const started = performance.now();
    const reads = versionedReads(directReads(db), new DataVersions(db, 0));
    const def = dataset.grid(disclosure);
    const grid = await disclosure.grids!.get(reads, dataset.collection, def);
    const seconds = (performance.now() - started) / 1000;
    console.log(`\n${dataset.name} (${dataset.collection}): protected in ${seconds.toFixed(1)} s`);
    for (const y of def.report(grid)) {
      const shares = Object.entries(y.masked)
        .map(([m, count]) => `${m} ${((100 * count) / Math.max(1, y.cells)).toFixed(1)}%`)
        .join(", ");
      const added = Object.entries(y.secondary)
        .map(([m, n]) => `${m} +${n}`)
        .join(", ");
      console.log(`  ${y.part}: ${y.cells} cells; masked: ${shares}; complements: ${added}`);
    }
  }
} finally {
  await opened.close();
}
