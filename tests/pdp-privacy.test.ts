import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./helpers.js";

/**
 * Minimisation evidence for the PDP source: what the database is asked for
 * (collections, projections, number of commands), and what the seeded
 * collections may never contain (identity, NIR-shaped numbers).
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(import.meta.url);
});
afterAll(() => t.close());

const CONSENT_GROUPS = ["job", "arret", "capacities", "actions"];

/** Runs one operation and returns the database commands it sent (name, collection, projection). */
async function commandsOf(query: string, variables?: Record<string, unknown>) {
  const { result, commands } = await t.database.commands.measure(() => t.gql(query, variables));
  expect(result.errors).toBeUndefined();
  return { result, commands: t.database.commands.recent.slice(-commands) };
}

const list = (selection: string, first = 20) => `{ fichesLiaison(org: "sstrn", first: ${first}) { totalCount nodes { ${selection} } } }`;

describe("what is read from the database", () => {
  it("never touches pdp_fiches_medical unless `medical` is selected", async () => {
    const without = await commandsOf(list("id ref job { poste } arret { lengthBand } capacities { restrictions } actions { type }"));
    expect(without.commands.some((c) => c.collection === "pdp_fiches_medical")).toBe(false);
    const withMedical = await commandsOf(list("id medical { pathologyGroup }"));
    const medicalFinds = withMedical.commands.filter((c) => c.collection === "pdp_fiches_medical");
    expect(medicalFinds).toHaveLength(1);
    expect(medicalFinds[0].name).toBe("find");
    expect(medicalFinds[0].filterKeys).toEqual(["_id"]);
  });

  it("projects no consent-scoped group when only header fields are selected", async () => {
    const { commands } = await commandsOf(list("id ref status direction origin { id } recipient { id } updatedAt version outcome worker { pseudonym }"));
    const finds = commands.filter((c) => c.name === "find");
    expect(finds.length).toBeGreaterThan(0);
    for (const c of finds) {
      expect(c.collection).toBe("pdp_fiches");
      expect(c.projection).toBeTruthy();
      for (const g of CONSENT_GROUPS) expect(Object.keys(c.projection as object)).not.toContain(g);
    }
  });

  it("projects exactly the consent-scoped groups selected, in the page's single find", async () => {
    const { commands } = await commandsOf(list("id job { siret } actions { type }"));
    const finds = commands.filter((c) => c.name === "find");
    expect(finds).toHaveLength(1);
    const keys = Object.keys(finds[0].projection as object);
    expect(keys).toEqual(expect.arrayContaining(["header", "consent", "worker", "job", "actions"]));
    expect(keys).not.toContain("arret");
    expect(keys).not.toContain("capacities");
  });

  it("sees groups selected through fragments", async () => {
    const query = `{ fichesLiaison(first: 5) { nodes { id ...Stop ... on FicheLiaison { capacities { restrictions } } } } }
      fragment Stop on FicheLiaison { arret { riskType } }`;
    const { result, commands } = await commandsOf(query);
    expect(result.data.fichesLiaison.nodes.every((n: any) => n.arret !== undefined && n.capacities !== undefined)).toBe(true);
    const finds = commands.filter((c) => c.name === "find");
    expect(finds).toHaveLength(1);
    expect(Object.keys(finds[0].projection as object)).toEqual(expect.arrayContaining(["arret", "capacities"]));
    expect(Object.keys(finds[0].projection as object)).not.toContain("job");
  });

  it("sends as many commands for 200 fiches as for 10, medical and nested groups included", async () => {
    const selection = "id ref consent { groups } worker { pseudonym } job { siret } arret { riskType } capacities { restrictions } actions { type partner { id } } medical { pathologyGroup }";
    const ten = await t.database.commands.measure(() => t.gql(list(selection, 10)));
    const twoHundred = await t.database.commands.measure(() => t.gql(list(selection, 200)));
    expect(ten.result.data.fichesLiaison.nodes).toHaveLength(10);
    expect(twoHundred.result.data.fichesLiaison.nodes.length).toBe(200);
    expect(twoHundred.commands).toBe(ten.commands);
    expect(ten.names).toEqual({ find: 2, aggregate: 1 }); // page, medical groups, total count
  });

  it("reads one fiche by its id alone (the filter FerretDB pushes down)", async () => {
    const id = (await t.database.db.collection("pdp_fiches").findOne({}, { projection: { _id: 1 } }))!._id;
    const { commands } = await commandsOf(`query ($id: ID!) { ficheLiaison(id: $id) { ref job { poste } medical { ald } } }`, { id });
    expect(commands.map((c) => [c.name, c.collection, c.filterKeys])).toEqual(
      expect.arrayContaining([["find", "pdp_fiches", ["_id"]], ["find", "pdp_fiches_medical", ["_id"]]]),
    );
  });
});

/** Every string value of a document, with the key path it sits at. */
function* strings(value: unknown, path = ""): Generator<[string, string]> {
  if (typeof value === "string") yield [path, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${path}[${i}]`);
  else if (value && typeof value === "object" && !(value instanceof Date)) for (const [k, v] of Object.entries(value)) yield* strings(v, `${path}.${k}`);
}

function* keys(value: unknown): Generator<string> {
  if (Array.isArray(value)) for (const v of value) yield* keys(v);
  else if (value && typeof value === "object" && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) {
      yield k;
      yield* keys(v);
    }
  }
}

describe("what the seeded collections hold", () => {
  const NIR_SHAPE = /\b[12]\d{12}\d{2}\b/;
  const IDENTITY_KEY = /^(nom|prenom|name|firstname|lastname|fullname|birth\w*|datenaissance|naissance|nir|ins|numsecu|secu|address|adresse|email|phone|telephone)$/i;

  it("holds no NIR-shaped string and no identity field in any pdp collection", async () => {
    for (const collection of ["pdp_fiches", "pdp_fiches_medical"]) {
      const docs = await t.database.db.collection(collection).find({}).toArray();
      expect(docs.length).toBeGreaterThan(100);
      for (const doc of docs) {
        for (const [path, s] of strings(doc)) expect(NIR_SHAPE.test(s), `${collection} ${doc._id} ${path}`).toBe(false);
        for (const k of keys(doc)) expect(IDENTITY_KEY.test(k), `${collection} ${doc._id} key ${k}`).toBe(false);
      }
    }
  });

  it("has consent on every sent fiche, a few withdrawn, and an outcome exactly on closed fiches", async () => {
    const docs = await t.database.db.collection("pdp_fiches").find({}).toArray();
    const sent = docs.filter((d) => d.header.status !== "DRAFT");
    expect(sent.every((d) => d.consent?.givenAt instanceof Date && d.consent.givenAt <= d.header.sentAt)).toBe(true);
    const withdrawn = docs.filter((d) => d.consent?.withdrawnAt).length;
    expect(withdrawn).toBeGreaterThan(0);
    expect(withdrawn).toBeLessThan(docs.length * 0.1);
    expect(docs.every((d) => (d.header.status === "CLOSED") === (d.header.outcome !== undefined))).toBe(true);
    expect(new Set(docs.map((d) => d.header.status))).toEqual(new Set(["DRAFT", "SENT", "ACKNOWLEDGED", "IN_PROGRESS", "CLOSED"]));
  });
});
