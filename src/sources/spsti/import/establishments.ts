import type { DatasetDef, DerivedCollection, ImportContext } from "../../../imports/dataset.js";
import type { ColumnSpec, TableRow } from "../../../imports/table/types.js";
import { MEMBER_CELLS, packCells } from "../member-lists.js";
import { ESTABLISHMENTS } from "../repository.js";
import type { Establishment } from "../types.js";
import { readCtn, readDate, readDepartement, readNaf5, readSiret, readSpsti } from "./fields.js";
import { RowCheck } from "../../../imports/row-check.js";

/**
 * `spsti-establishments`: the member list of one SPSTI, one row per
 * establishment. A file replaces the SPSTI's whole list (its slice is the
 * SPSTI); its packed member cells (member-lists.ts) are rebuilt with it.
 *
 * Documents carry the SIRET in a `siret` field, not in `_id` as the demo
 * seed's do: while a new list is staged, the current one stays readable, so
 * the same SIRET is in both and cannot be their `_id`. The register is read
 * by either (repository.ts).
 *
 * No column names a person: the employer's manager, a contact's name or
 * e-mail are not asked for, and the pipeline's header screening refuses them.
 * The establishment's name is a company name (an entreprise individuelle
 * bears its owner's name): it is not screened as a person's name.
 */

const text = (key: string, headers: string[], required: boolean): ColumnSpec => ({
  key,
  headers: [key, ...headers],
  required,
  kind: "text",
});

const COLUMNS: ColumnSpec[] = [
  text("siret", ["n° siret", "numéro siret", "siret de l'établissement", "siret établissement"], true),
  // Never a bare "nom": that header names a person's name for the screening.
  text(
    "raison_sociale",
    [
      "nom de l'établissement",
      "nom de l'entreprise",
      "nom établissement",
      "dénomination",
      "enseigne",
      "company name",
    ],
    true,
  ),
  text("naf", ["code naf", "ape", "code ape", "naf ape", "code naf ape", "naf rév. 2", "naf5"], true),
  {
    key: "headcount",
    headers: ["headcount", "effectif", "effectif salarié", "salariés", "nombre de salariés"],
    required: true,
    kind: "integer",
  },
  text("departement", ["code département", "dept", "dep"], false),
  text(
    "commune",
    ["code commune", "code insee commune", "commune (code insee)", "code insee", "depcom"],
    false,
  ),
  text("ctn", ["code ctn", "comité technique national"], false),
  text("member_since", ["date d'adhésion", "date adhésion", "adhérent depuis", "adhésion"], true),
  text("spsti", ["code spsti", "spsti id"], false),
];

/** Company names are kept on one line: a member cell packs one establishment per line, its fields separated by tabs. */
const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

function toDoc(row: TableRow, ctx: ImportContext) {
  const check = new RowCheck(row);
  const spstiId = readSpsti(check, ctx.org);
  const siret = readSiret(check);
  const rawName = check.text("raison_sociale");
  const name =
    rawName === null
      ? check.refuse("raison_sociale", "the establishment's name is required")
      : oneLine(rawName);
  if (name !== null && name.length > 200) check.refuse("raison_sociale", "a name is at most 200 characters");
  const naf5 = readNaf5(check);
  const ctn = readCtn(check);
  const headcount = check.count("headcount", "the headcount");
  const departement = readDepartement(check);
  const memberSince = readDate(check, "member_since", "the date of membership");
  if (check.issues.length > 0) return { issues: check.issues };
  return { doc: { siret, name, naf5, ctn, headcount, departement, spstiId, memberSince } };
}

/** A register document as an establishment: imported ones carry `siret`, the seed's have it as `_id`. */
export function establishmentOf(doc: Record<string, unknown>): Establishment {
  const d = doc as Omit<Establishment, "siret"> & { siret?: string; _id?: string };
  // `ctn` is null when the file did not give it: the cell then has a null CTN, which no CTN filter matches.
  return {
    siret: d.siret ?? d._id!,
    name: d.name,
    naf5: d.naf5,
    ctn: d.ctn,
    headcount: d.headcount,
    departement: d.departement,
    spstiId: d.spstiId,
    memberSince: d.memberSince,
  };
}

/**
 * The packed member cells of one SPSTI, exactly as the seed packs them, less
 * their `_id` (the cell key): it would collide with the current version's.
 * Reads never use it.
 */
export const MEMBER_CELLS_DERIVED: DerivedCollection = {
  collection: MEMBER_CELLS,
  build: (docs) => packCells(docs.map(establishmentOf)).map(({ _id, ...cell }) => cell),
  sliceOf: (doc) => String(doc.spstiId),
};

/** The dataset: one SPSTI's whole member list, into the register and its member cells. */
export const ESTABLISHMENTS_DATASET: DatasetDef = {
  name: "spsti-establishments",
  source: "spsti",
  collection: ESTABLISHMENTS,
  title: "Member establishments of one SPSTI (its whole list, imported by the SPSTI itself)",
  orgTypes: ["SPSTI"],
  table: { columns: COLUMNS },
  toDoc,
  rowKey: (doc) => String(doc.siret),
  sliceOf: (doc) => String(doc.spstiId),
  // A member list has no period: it is the SPSTI's membership when the file is imported.
  yearsOf: () => ({ from: new Date().getFullYear(), to: new Date().getFullYear() }),
  derived: [MEMBER_CELLS_DERIVED],
};
