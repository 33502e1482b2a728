import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeSiret } from "../src/domain/identifiers.js";
import type { DatasetDef, ImportContext } from "../src/imports/dataset.js";
import type { FileRefused } from "../src/imports/issues.js";
import { normaliseHeader, openTable } from "../src/imports/table/open-table.js";
import { SECRET, type CellValue, type TableRow } from "../src/imports/table/types.js";
import { personalHeader } from "../src/privacy/personal-data.js";
import { SPSTI_DATASETS } from "../src/sources/spsti/import/index.js";
import { MEMBER_CELLS } from "../src/sources/spsti/member-lists.js";
import { DREETS_PDL, startTestApp, type TestApp } from "./helpers.js";
import { graphql } from "./generated/index.js";

/** Unit tests of the SPSTI datasets (rows built by hand), and their agreement with the region seed's documents. */

const dataset = (name: string) => SPSTI_DATASETS.find((d) => d.name === name)!;
const establishments = dataset("spsti-establishments");
const activity = dataset("spsti-activity");
const SSTRN: ImportContext = { org: { type: "SPSTI", id: "sstrn" }, year: null };

function row(values: Record<string, CellValue>, line = 2): TableRow {
  const raw = Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, v === null ? "" : v === SECRET ? "s" : String(v)]),
  );
  return { line, values, raw, issues: [] };
}
const issuesOf = (r: ReturnType<DatasetDef["toDoc"]>) => ("issues" in r ? r.issues : []);
const docOf = (r: ReturnType<DatasetDef["toDoc"]>) => ("doc" in r ? r.doc : expect.fail(JSON.stringify(r)));
const reasons = (r: ReturnType<DatasetDef["toDoc"]>) => issuesOf(r).map((i) => `${i.column}: ${i.reason}`);

const SIRET = completeSiret("4124926880045");
const member = (cells: Record<string, CellValue> = {}) =>
  row({
    siret: SIRET,
    raison_sociale: "SASU Cévercé Électricité",
    naf: "4399C",
    headcount: 12,
    departement: "44",
    ctn: "B",
    member_since: "1999-07-08",
    ...cells,
  });

describe("spsti-establishments rows", () => {
  it("maps a member to its register document, keyed by SIRET and sliced by SPSTI", () => {
    const doc = docOf(establishments.toDoc(member(), SSTRN));
    expect(doc).toEqual({
      siret: SIRET,
      name: "SASU Cévercé Électricité",
      naf5: "4399C",
      ctn: "B",
      headcount: 12,
      departement: "44",
      spstiId: "sstrn",
      memberSince: "1999-07-08",
    });
    expect([establishments.rowKey(doc), establishments.sliceOf(doc)]).toEqual([SIRET, "sstrn"]);
    expect(establishments.orgTypes).toEqual(["SPSTI"]);
  });

  it("reads identifiers, places and dates as partners write them", () => {
    const spaced = `${SIRET.slice(0, 3)} ${SIRET.slice(3, 6)} ${SIRET.slice(6, 9)} ${SIRET.slice(9)}`;
    const doc = docOf(
      establishments.toDoc(
        member({
          siret: spaced,
          naf: "41.20a",
          departement: null,
          commune: "44109",
          ctn: null,
          member_since: "8/7/1999",
          spsti: "SSTRN",
        }),
        SSTRN,
      ),
    );
    expect(doc).toMatchObject({
      siret: SIRET,
      naf5: "4120A",
      departement: "44",
      ctn: null,
      memberSince: "1999-07-08",
    });
    expect(
      docOf(establishments.toDoc(member({ departement: "2a", commune: "2A004" }), SSTRN)).departement,
    ).toBe("2A");
    expect(
      docOf(establishments.toDoc(member({ departement: null, commune: "97105" }), SSTRN)).departement,
    ).toBe("971");
    expect(docOf(establishments.toDoc(member({ siret: "35600000000001" }), SSTRN)).siret).toBe(
      "35600000000001",
    );
    expect(
      docOf(establishments.toDoc(member({ raison_sociale: "SARL  Dupont\nBâtiment" }), SSTRN)).name,
    ).toBe("SARL Dupont Bâtiment");
  });

  it("keeps a company named after a person: the name column is not screened as a person's name", () => {
    expect(docOf(establishments.toDoc(member({ raison_sociale: "Jean Dupont" }), SSTRN)).name).toBe(
      "Jean Dupont",
    );
    expect(establishments.screened ?? []).not.toContain("raison_sociale");
  });

  it("refuses a bad SIRET, a bad NAF, a bad headcount, place or date, naming each column", () => {
    const r = establishments.toDoc(
      member({
        siret: "12345678901234",
        naf: "4120",
        headcount: 12.5,
        departement: "20",
        member_since: "2019-02-30",
      }),
      SSTRN,
    );
    expect(reasons(r)).toEqual([
      "siret: this SIRET fails its Luhn check digit",
      "naf: a NAF code is a subclass such as 4120A or 41.20A",
      "headcount: the headcount must be a whole number, 0 or more",
      "departement: no such département",
      "member_since: no such date",
    ]);
    expect(issuesOf(r)[0]).toMatchObject({ line: 2, value: "12345678901234" });
    expect(reasons(establishments.toDoc(member({ naf: "9999Z" }), SSTRN))).toEqual([
      "naf: no such NAF rév. 2 subclass",
    ]);
    expect(reasons(establishments.toDoc(member({ siret: "1234" }), SSTRN))).toEqual([
      "siret: a SIRET is 14 digits",
    ]);
    expect(reasons(establishments.toDoc(member({ commune: "49007" }), SSTRN))).toEqual([
      "commune: this commune is not in département 44",
    ]);
    expect(reasons(establishments.toDoc(member({ departement: null }), SSTRN))[0]).toMatch(
      /département \(or the commune's INSEE code\) is required/,
    );
    expect(reasons(establishments.toDoc(member({ ctn: "Z", headcount: SECRET }), SSTRN))).toHaveLength(2);
  });

  it("refuses another SPSTI's row, and an import by an organisation that is not an SPSTI", () => {
    expect(reasons(establishments.toDoc(member({ spsti: "stam" }), SSTRN))).toEqual([
      "spsti: an SPSTI imports its own rows only (sstrn)",
    ]);
    expect(
      reasons(
        establishments.toDoc(member(), {
          org: { type: "CARSAT", id: "carsat-pays-de-la-loire" },
          year: null,
        }),
      )[0],
    ).toMatch(/is not an SPSTI/);
  });
});

describe("spsti-activity rows", () => {
  const figures = Object.fromEntries(
    activity.table.columns.filter((c) => c.required).map((c, i) => [c.key, 100 + i]),
  );
  const year = (cells: Record<string, CellValue> = {}) =>
    row({ year: 2024, ...figures, collaborateurs_medecins: 1, amt: 1000, ...cells });

  it("maps a year to the stored document, the staff total computed, sliced by SPSTI and year", () => {
    const doc = docOf(activity.toDoc(year(), SSTRN));
    expect(Object.keys(doc)).toEqual([
      "spstiId",
      "year",
      "salaries",
      "adherents",
      "staff",
      "visits",
      "amt",
      "pdp",
    ]);
    const staff = doc.staff as Record<string, number>;
    expect(staff.total).toBe(
      Object.entries(staff)
        .filter(([k]) => k !== "total" && k !== "collaborateursMedecins")
        .reduce((a, [, v]) => a + v, 0),
    );
    expect(doc.amt).toEqual({
      total: 1000,
      etudesPoste: figures.etudes_poste,
      fichesEntreprise: figures.fiches_entreprise,
      aideDuerp: figures.aide_duerp,
    });
    expect([activity.rowKey(doc), activity.sliceOf(doc), activity.yearsOf(doc)]).toEqual([
      "sstrn|2024",
      "sstrn|2024",
      { from: 2024, to: 2024 },
    ]);
    expect(
      docOf(activity.toDoc(year({ year: null, staff_total: staff.total }), { ...SSTRN, year: 2024 })).year,
    ).toBe(2024);
  });

  it("refuses inconsistent totals, a missing figure, a wrong year and another SPSTI's row", () => {
    expect(
      reasons(activity.toDoc(year({ collaborateurs_medecins: 999, staff_total: 5, amt: 10 }), SSTRN)).map(
        (r) => r.split(":")[0],
      ),
    ).toEqual(["collaborateurs_medecins", "staff_total", "amt"]);
    expect(reasons(activity.toDoc(year({ vip: null }), SSTRN))).toEqual(["vip: vip is required"]);
    expect(reasons(activity.toDoc(year({ year: 2023 }), { ...SSTRN, year: 2024 }))).toEqual([
      "year: the file was given for 2024",
    ]);
    expect(reasons(activity.toDoc(year({ year: null }), SSTRN))[0]).toMatch(/year is required/);
    expect(reasons(activity.toDoc(year({ spsti: "stvo" }), SSTRN))).toEqual([
      "spsti: an SPSTI imports its own rows only (sstrn)",
    ]);
  });
});

describe("layouts", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "spsti-import-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const csv = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it.each(SPSTI_DATASETS.map((d) => d.name))(
    "%s: the documented example imports, and its doc names every column",
    async (name) => {
      const ds = dataset(name);
      const md = readFileSync(new URL(`../docs/datasets/${name}.md`, import.meta.url), "utf8");
      for (const { key } of ds.table.columns) expect(md).toContain(`| \`${key}\` |`);
      const table = await openTable(csv(`${name}.csv`, /```csv\n([\s\S]*?)```/.exec(md)![1]), ds.table);
      expect(table.unknownHeaders).toEqual([]);
      const results = [];
      for await (const r of table.rows) results.push(ds.toDoc(r, SSTRN));
      expect(results.flatMap(issuesOf)).toEqual([]);
      expect(results.length).toBeGreaterThanOrEqual(2);
    },
  );

  it("declares no header that names personal data, and no header for two columns", () => {
    for (const ds of SPSTI_DATASETS) {
      const headers = ds.table.columns.flatMap((c) => c.headers);
      expect(headers.filter((h) => personalHeader(h) !== null)).toEqual([]);
      expect(new Set(headers.map(normaliseHeader)).size).toBe(headers.length);
    }
  });

  it('takes no bare "Nom" for the establishment\'s name, and leaves columns naming a person undeclared', async () => {
    const bare = await openTable(
      csv(
        "nom.csv",
        `siret;nom;naf;effectif;departement;date d'adhésion\n${SIRET};SARL X;4120A;3;44;2020-01-01\n`,
      ),
      establishments.table,
    ).catch((e: unknown) => e);
    expect((bare as FileRefused).issues.map((i) => i.column)).toEqual(["raison_sociale"]);
    const contact = await openTable(
      csv(
        "contact.csv",
        `siret;raison sociale;naf;effectif;departement;date d'adhésion;Nom du gérant;E-mail\n${SIRET};SARL X;4120A;3;44;2020-01-01;Jean Dupont;a@b.fr\n`,
      ),
      establishments.table,
    );
    expect(contact.unknownHeaders).toEqual(["Nom du gérant", "E-mail"]);
    // The pipeline screens unknown headers too: both refuse the file.
    expect(contact.unknownHeaders.map((h) => personalHeader(h) !== null)).toEqual([true, true]);
  });
});

describe("the region seed's documents", () => {
  let t: TestApp;
  const col = (name: string) => t.database.db.collection(name);
  const strip = ({ _id, _v, ...rest }: Record<string, unknown>) => rest;
  beforeAll(async () => {
    t = await startTestApp(import.meta.url, { as: DREETS_PDL });
  });
  afterAll(() => t?.close());

  it("reads each establishment back from its row, and builds from them exactly the seed's member cells", async () => {
    const seeded = await col("spsti_establishments").find({ spstiId: "stvo" }).toArray();
    expect(seeded.length).toBeGreaterThan(100);
    const stvo: ImportContext = { org: { type: "SPSTI", id: "stvo" }, year: null };
    const docs = seeded.map((e, i) => {
      const cells = {
        siret: String(e._id),
        raison_sociale: e.name,
        naf: e.naf5,
        headcount: e.headcount,
        departement: e.departement,
        ctn: e.ctn,
        member_since: e.memberSince,
      };
      return docOf(establishments.toDoc(row(cells, i + 2), stvo));
    });
    expect(docs).toEqual(seeded.map((e) => ({ siret: e._id, ...strip(e) })));
    expect(new Set(seeded.map((e) => establishments.sliceOf(e)))).toEqual(new Set(["stvo"]));

    const cells = await col(MEMBER_CELLS).find({ spstiId: "stvo" }).toArray();
    const derived = establishments.derived!.find((d) => d.collection === MEMBER_CELLS)!;
    const byKey = (list: Record<string, unknown>[]) =>
      [...list].sort((a, b) =>
        JSON.stringify([a.departement, a.naf5, a.ctn]).localeCompare(
          JSON.stringify([b.departement, b.naf5, b.ctn]),
        ),
      );
    expect(byKey(derived.build(docs))).toEqual(byKey(cells.map(strip)));
    // The seed's register documents (SIRET as `_id`) build the same cells.
    expect(byKey(derived.build(seeded))).toEqual(byKey(cells.map(strip)));
    expect(new Set(cells.map(derived.sliceOf))).toEqual(new Set(["stvo"]));
  });

  it("reads each activity year back from its row", async () => {
    const seeded = await col("spsti_activity").find({ spstiId: "stam" }).toArray();
    const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    const flat = (d: Record<string, unknown>) => {
      const { staff, visits, amt, pdp } = d as Record<string, Record<string, number>>;
      const { total: staffTotal, ...professions } = staff;
      const { total: amtTotal, ...amtKinds } = amt;
      const { situations, ...signalements } = pdp;
      const values: Record<string, CellValue> = {
        year: d.year as number,
        salaries: d.salaries as number,
        adherents: d.adherents as number,
      };
      Object.assign(values, { staff_total: staffTotal, amt: amtTotal, situations_pdp: situations });
      for (const [field, value] of Object.entries({
        ...professions,
        ...visits,
        ...amtKinds,
        ...signalements,
      }))
        values[snake(field)] = value;
      return values;
    };
    const stam: ImportContext = { org: { type: "SPSTI", id: "stam" }, year: null };
    const docs = seeded.map((d, i) => docOf(activity.toDoc(row(flat(d), i + 2), stam)));
    expect(docs).toEqual(seeded.map(strip));
    expect(seeded.map((d) => activity.sliceOf(d))).toEqual(docs.map((d) => `stam|${d.year}`));
  });

  it("finds an imported register document (SIRET in `siret`) by SIRET, next to the seed's", async () => {
    const seedDoc = (await col("spsti_establishments").findOne({ spstiId: "stvo" }))!;
    const siret = completeSiret("1000000000009");
    const imported = docOf(
      establishments.toDoc(member({ siret, departement: "85" }), {
        org: { type: "SPSTI", id: "stvo" },
        year: null,
      }),
    );
    await col("spsti_establishments").insertOne({ ...imported, _v: seedDoc._v });
    const query = graphql(
      `query EstablishmentSpsti($s: Siret!) { establishment(siret: $s) { siret name spsti { id } } }`,
    );
    const res = await t.gql(query, { s: siret });
    expect(res.errors).toBeUndefined();
    expect(res.data!.establishment).toEqual({
      siret,
      name: "SASU Cévercé Électricité",
      spsti: { id: "stvo" },
    });
    expect((await t.gql(query, { s: String(seedDoc._id) })).data!.establishment).toMatchObject({
      siret: seedDoc._id,
      name: seedDoc.name,
    });
  });
});
