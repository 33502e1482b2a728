import { NATIONAL_CAISSE } from "../src/sources/carsat/types.js";
import type { FactDoc } from "./carsat-at.js";

/**
 * The nation's own rows (caisse FR), as a national file brings them: the
 * exact sums of the caisses' rows of the same cell (at the region scale,
 * the one caisse's rows), so every national figure is the one the caisses'
 * rows gave before national rows existed. Numbers other than the year are
 * measures; every other field is a dimension of the cell. Zero sums are not
 * stored, like every measure.
 */
export function nationalDocs(docs: readonly FactDoc[]): FactDoc[] {
  const cells = new Map<string, FactDoc>();
  for (const d of docs) {
    const dims = Object.entries(d).filter(
      ([f, v]) => f !== "caisse" && f !== "regions" && (typeof v !== "number" || f === "year"),
    );
    const id = JSON.stringify(dims);
    let cell = cells.get(id);
    if (!cell) {
      cell = {
        caisse: NATIONAL_CAISSE,
        ...("regions" in d ? { regions: [] } : {}),
        ...Object.fromEntries(dims),
      };
      cells.set(id, cell);
    }
    for (const [f, v] of Object.entries(d))
      if (typeof v === "number" && f !== "year") cell[f] = ((cell[f] as number | undefined) ?? 0) + v;
  }
  return [...cells.values()];
}
