import type { Establishment } from "./types.js";

/**
 * The list read model of member establishments: one document per cell
 * (SPSTI × département × NAF5 × CTN) holding its members as one packed
 * string, sorted by SIRET.
 *
 * Why: FerretDB v1 decodes every document of a collection on each query
 * (about 20 µs per document plus 13 µs per field value, measured here), and
 * sorts in memory. Listing 2,500 one-document-per-establishment rows cost
 * about 175 ms for the page plus 270 ms for its count; the ~650 cells of the
 * region seed answer page and count together in one query of about 70 ms.
 * The register `spsti_establishments` (one document per SIRET) stays the
 * source for lookups by SIRET, where `{_id}` is answered without a scan.
 */
export const MEMBER_CELLS = "spsti_establishment_cells";

/** A cell document. */
export interface MemberCellDoc {
  _id: string;
  spstiId: string;
  departement: string;
  naf5: string;
  ctn: string;
  /** Lines of `siret \t name \t headcount \t memberSince`, by SIRET. */
  members: string;
}

const FIELD = "\t";
const LINE = "\n";

/** Groups establishments into cells (used by the seed). Names must not hold tabs or newlines. */
export function packCells(establishments: readonly Establishment[]): MemberCellDoc[] {
  const cells = new Map<string, { doc: MemberCellDoc; rows: Establishment[] }>();
  for (const e of establishments) {
    if (/[\t\n]/.test(e.name))
      throw new Error(`establishment ${e.siret}: a name cannot hold a tab or a newline`);
    const id = [e.spstiId, e.departement, e.naf5, e.ctn].join("|");
    const cell = cells.get(id) ?? {
      doc: { _id: id, spstiId: e.spstiId, departement: e.departement, naf5: e.naf5, ctn: e.ctn, members: "" },
      rows: [],
    };
    cell.rows.push(e);
    cells.set(id, cell);
  }
  return [...cells.values()].map(({ doc, rows }) => ({
    ...doc,
    members: rows
      .sort((a, b) => (a.siret < b.siret ? -1 : 1))
      .map((r) => [r.siret, r.name, r.headcount, r.memberSince].join(FIELD))
      .join(LINE),
  }));
}

/** The establishments of a cell. */
export function unpackCell(cell: Omit<MemberCellDoc, "_id">): Establishment[] {
  if (!cell.members) return [];
  return cell.members.split(LINE).map((line) => {
    const [siret, name, headcount, memberSince] = line.split(FIELD);
    return {
      siret,
      name,
      naf5: cell.naf5,
      ctn: cell.ctn,
      headcount: Number(headcount),
      departement: cell.departement,
      spstiId: cell.spstiId,
      memberSince,
    };
  });
}
