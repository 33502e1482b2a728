import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandStartedEvent, Document } from "mongodb";
import { as, startTestApp, type TestApp, type ViewerSpec } from "./helpers.js";
import type { FicheDoc } from "../src/sources/pdp/documents.js";
import { graphql } from "./generated/index.js";

/**
 * Minimisation evidence for the PDP source: what the database is asked for
 * (collections, projections, number of commands), and what the seeded
 * collections may never contain (identity, NIR-shaped numbers).
 */

const CELLULE: ViewerSpec = { role: "CELLULE_PDP", org: "SPSTI:sstrn" };
const DOCTOR: ViewerSpec = { role: "MEDECIN_TRAVAIL", org: "SPSTI:sstrn" };

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(import.meta.url, { as: CELLULE });
});
afterAll(() => t.close());

const CONSENT_GROUPS = ["job", "arret", "capacities", "actions"];

/**
 * Runs one operation and returns the commands it sent to the pdp collections
 * (name, collection, projection, filter keys), with their count by name. The
 * audit trail's write is not counted: it is one per request, whatever is read.
 */
async function commandsOf<R, V>(
  document: TypedDocumentNode<R, V>,
  variables?: V,
  headers?: Record<string, string>,
  allowErrors = false,
) {
  const measured = await t.database.commands.measure(() => t.gql(document, variables, headers));
  if (!allowErrors) expect(measured.result.errors).toBeUndefined();
  const commands = t.database.commands.recent
    .slice(-measured.commands)
    .filter((c) => String(c.collection).startsWith("pdp_"));
  const names: Record<string, number> = {};
  for (const c of commands) names[c.name] = (names[c.name] ?? 0) + 1;
  return { result: measured.result, commands, names };
}

/** The SSTRN's first 20 fiches, with a selection of their groups. */
const LIST = {
  noMedical:
    graphql(`query PrivacyFichesNoMedical { fichesLiaison(org: "sstrn", first: 20) { totalCount nodes {
    id ref job { poste } arret { lengthBand } capacities { restrictions } actions { type } } } }`),
  medical: graphql(
    `query PrivacyFichesMedical { fichesLiaison(org: "sstrn", first: 20) { totalCount nodes { id medical { pathologyGroup } } } }`,
  ),
  header: graphql(`query PrivacyFichesHeader { fichesLiaison(org: "sstrn", first: 20) { totalCount nodes {
    id ref status direction origin { id } recipient { id } updatedAt version outcome worker { pseudonym } } } }`),
  jobActions: graphql(
    `query PrivacyFichesJobActions { fichesLiaison(org: "sstrn", first: 20) { totalCount nodes { id job { siret } actions { type } } } }`,
  ),
};

describe("what is read from the database", () => {
  it("never touches pdp_fiches_medical unless `medical` is selected", async () => {
    const without = await commandsOf(LIST.noMedical);
    expect(without.commands.some((c) => c.collection === "pdp_fiches_medical")).toBe(false);
    const withMedical = await commandsOf(LIST.medical, undefined, await as(DOCTOR));
    const medicalFinds = withMedical.commands.filter((c) => c.collection === "pdp_fiches_medical");
    expect(medicalFinds).toHaveLength(1);
    expect(medicalFinds[0].name).toBe("find");
    expect(medicalFinds[0].filterKeys).toEqual(["_id", "spstiId"]);
    // The cellule PDP selecting it gets FORBIDDEN on each fiche, and the collection is not read.
    const refused = await commandsOf(LIST.medical, undefined, undefined, true);
    expect(refused.result.errors?.every((e) => e.extensions?.code === "FORBIDDEN")).toBe(true);
    expect(refused.commands.some((c) => c.collection === "pdp_fiches_medical")).toBe(false);
  });

  it("projects no consent-scoped group when only header fields are selected", async () => {
    const { commands } = await commandsOf(LIST.header);
    const finds = commands.filter((c) => c.name === "find");
    expect(finds.length).toBeGreaterThan(0);
    for (const c of finds) {
      expect(c.collection).toBe("pdp_fiches");
      expect(c.projection).toBeTruthy();
      for (const g of CONSENT_GROUPS) expect(Object.keys(c.projection as object)).not.toContain(g);
    }
  });

  it("projects exactly the consent-scoped groups selected, in the page's single find", async () => {
    const { commands } = await commandsOf(LIST.jobActions);
    const finds = commands.filter((c) => c.name === "find");
    expect(finds).toHaveLength(1);
    const keys = Object.keys(finds[0].projection as object);
    expect(keys).toEqual(expect.arrayContaining(["header", "consent", "worker", "job", "actions"]));
    expect(keys).not.toContain("arret");
    expect(keys).not.toContain("capacities");
  });

  it("sees groups selected through fragments", async () => {
    const query =
      graphql(`query PrivacyFragments { fichesLiaison(first: 5) { nodes { id ...PrivacyStop ... on FicheLiaison { capacities { restrictions } } } } }
      fragment PrivacyStop on FicheLiaison { arret { riskType } }`);
    const { result, commands } = await commandsOf(query);
    expect(
      result.data!.fichesLiaison!.nodes.every((n) => n.arret !== undefined && n.capacities !== undefined),
    ).toBe(true);
    const finds = commands.filter((c) => c.name === "find");
    expect(finds).toHaveLength(1);
    expect(Object.keys(finds[0].projection as object)).toEqual(
      expect.arrayContaining(["arret", "capacities"]),
    );
    expect(Object.keys(finds[0].projection as object)).not.toContain("job");
  });

  it("sends as many commands for 200 fiches as for 10, medical and nested groups included", async () => {
    const list =
      graphql(`query PrivacyFichesAllGroups($first: Int) { fichesLiaison(org: "sstrn", first: $first) { totalCount nodes {
      id ref consent { groups } worker { pseudonym } job { siret } arret { riskType } capacities { restrictions } actions { type partner { id } } medical { pathologyGroup }
    } } }`);
    const doctor = await as(DOCTOR);
    const ten = await commandsOf(list, { first: 10 }, doctor);
    const twoHundred = await commandsOf(list, { first: 200 }, doctor);
    expect(ten.result.data!.fichesLiaison!.nodes).toHaveLength(10);
    expect(twoHundred.result.data!.fichesLiaison!.nodes.length).toBe(200);
    expect(twoHundred.names).toEqual(ten.names);
    expect(ten.names).toEqual({ find: 2, aggregate: 1 }); // page, medical groups, total count
  });

  it("reads one fiche by its id and the viewer's SPSTI (the row rule is in every filter)", async () => {
    const id = (await t.database.db
      .collection<FicheDoc>("pdp_fiches")
      .findOne({}, { projection: { _id: 1 } }))!._id;
    const { commands } = await pdpCommandsOf(
      graphql(
        `query PrivacyOneFiche($id: ID!) { ficheLiaison(id: $id) { ref job { poste } medical { ald } } }`,
      ),
      await as(DOCTOR),
      { id },
    );
    // One fiche is read with `$match {_id}` first (FerretDB v1 pushes that down), then the row rule: still in the query.
    expect(
      commands
        .map(normalised)
        .map((c) => [c.name, c.collection, Object.keys(c.filter), Object.keys(c.projection ?? {}).sort()])
        .sort(),
    ).toEqual([
      [
        "aggregate",
        "pdp_fiches",
        ["_id", "spstiId", "$or"],
        ["_id", "consent", "header", "orgIds", "sentYear", "spstiId", "worker"],
      ], // the fiche (a partner's drafts excluded)
      ["aggregate", "pdp_fiches", ["_id", "spstiId", "$or"], ["_id", "job"]], // its job group, after the per-fiche check
      ["find", "pdp_fiches_medical", ["_id", "spstiId"], ["_id", "ald", "note", "pathologyGroup", "tauxIp"]],
    ]);
  });
});

const CARSAT = "carsat-pays-de-la-loire";
const SERVICE_SOCIAL: ViewerSpec = { role: "CARSAT_SERVICE_SOCIAL", org: `CARSAT:${CARSAT}` };

/**
 * A find, or an aggregate of `$match` stages and a `$project` (how one fiche
 * is read), as one shape: name, collection, the conjunction of its filters,
 * its projection.
 */
function normalised(c: Document): {
  name: string;
  collection: string;
  filter: Document;
  projection: Document | null;
} {
  if (c.name !== "aggregate")
    return { name: c.name, collection: c[c.name], filter: c.filter ?? {}, projection: c.projection ?? null };
  const stages: Document[] = c.pipeline;
  const filter = Object.assign({}, ...stages.filter((st) => st.$match).map((st) => st.$match));
  return {
    name: c.name,
    collection: c.aggregate,
    filter,
    projection: stages.find((st) => st.$project)?.$project ?? null,
  };
}

/** Runs one operation and returns the full commands it sent to the pdp collections (filters included, for the proofs below). */
async function pdpCommandsOf<R, V>(
  document: TypedDocumentNode<R, V>,
  headers: Record<string, string> | undefined,
  variables?: V,
) {
  const seen: Document[] = [];
  const listen = (e: CommandStartedEvent) => {
    if (String(e.command[e.commandName]).startsWith("pdp_")) seen.push({ name: e.commandName, ...e.command });
  };
  t.database.client.on("commandStarted", listen);
  try {
    return { result: await t.gql(document, variables, headers), commands: seen };
  } finally {
    t.database.client.off("commandStarted", listen);
  }
}

describe("what a partner's request reads (Carsat service social)", () => {
  const query = graphql(
    `query PrivacyPartnerFiches($first: Int) { fichesLiaison(first: $first) { nodes { id origin { id } job { siret } arret { riskType } } } }`,
  );
  /** Whether the Carsat may read a consent group of a raw fiche (it wrote it, or the standing consent names it and covers the group). */
  const covers = (d: FicheDoc, group: string) =>
    d.header.origin.id === CARSAT ||
    (!!d.consent &&
      !d.consent.withdrawnAt &&
      d.consent.recipients.some((r) => r.id === CARSAT) &&
      d.consent.groups.some((g) => g === group));

  it("pages with no consent-scoped group projected, then reads each group for the consented fiches only", async () => {
    const { result, commands } = await pdpCommandsOf(query, await as(SERVICE_SOCIAL), { first: 200 });
    const nodes = result.data!.fichesLiaison!.nodes;
    expect(nodes).toHaveLength(200);
    const raw = new Map(
      (
        await t.database.db
          .collection<FicheDoc>("pdp_fiches")
          .find({ _id: { $in: nodes.map((n) => n.id) } })
          .toArray()
      ).map((d) => [d._id, d]),
    );
    const page = commands.find((c) => c.name === "find" && c.limit === 201)!;
    for (const g of [...CONSENT_GROUPS, "medical"]) expect(Object.keys(page.projection)).not.toContain(g);
    // Group reads: a find per set of groups, or an aggregate when the set concerns one fiche; none counts.
    const groupFinds = commands
      .filter((c) => c !== page && (c.name === "find" || c.pipeline?.some((st: Document) => st.$project)))
      .map(normalised);
    expect(groupFinds.length).toBeGreaterThan(0);
    const read = { JOB: new Set<string>(), ARRET: new Set<string>() };
    for (const c of groupFinds) {
      const groups = Object.keys(c.projection!).filter((k) => k !== "_id");
      expect(groups.every((g) => g === "job" || g === "arret")).toBe(true);
      for (const id of c.filter._id.$in ?? [c.filter._id])
        for (const g of groups) read[g.toUpperCase() as "JOB" | "ARRET"].add(id);
    }
    for (const group of ["JOB", "ARRET"] as const) {
      expect([...read[group]].sort()).toEqual(
        nodes
          .map((n) => n.id)
          .filter((id) => covers(raw.get(id)!, group))
          .sort(),
      );
    }
    // The refused groups are null with FORBIDDEN, one error per fiche and group (a fiche whose consent was withdrawn is not on the page at all).
    const refused = (group: string) => nodes.filter((n) => !covers(raw.get(n.id)!, group)).length;
    expect(refused("ARRET")).toBeGreaterThan(0);
    expect(result.errors?.length).toBe(refused("ARRET") + refused("JOB"));
    expect(
      result.errors?.every(
        (e) => e.extensions?.code === "FORBIDDEN" && ["job", "arret"].includes(String(e.path?.at(-1))),
      ),
    ).toBe(true);
    expect(commands.some((c) => c.find === "pdp_fiches_medical")).toBe(false);
  });

  it("reads its withdrawal notices with one find and one count, projecting id, reference, recipient and withdrawal date only", async () => {
    const { result, commands } = await pdpCommandsOf(
      graphql(
        `query PrivacyNotices { consentWithdrawals(first: 1000) { totalCount nodes { id ref recipient { id } withdrawnAt } } }`,
      ),
      await as(SERVICE_SOCIAL),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.consentWithdrawals!.nodes.length).toBeGreaterThan(0);
    const shapes = commands.map(normalised);
    expect(shapes.map((c) => [c.name, c.collection]).sort()).toEqual([
      ["aggregate", "pdp_fiches"],
      ["find", "pdp_fiches"],
    ]); // countDocuments is an aggregate
    const find = shapes.find((c) => c.name === "find")!;
    expect(Object.keys(find.projection!).sort()).toEqual([
      "_id",
      "consent.withdrawnAt",
      "header.recipient",
      "header.ref",
    ]);
    // The database honours the projection: the documents the read gets back hold nothing else (no other recipient, no pseudonym, no status).
    const docs = await t.database.db
      .collection("pdp_fiches")
      .find(find.filter, { projection: find.projection! })
      .toArray();
    expect(docs.length).toBe(result.data!.consentWithdrawals!.totalCount);
    for (const d of docs) {
      expect(Object.keys(d).sort()).toEqual(["_id", "consent", "header"]);
      expect(Object.keys(d.header).sort()).toEqual(["recipient", "ref"]);
      expect(Object.keys(d.consent)).toEqual(["withdrawnAt"]);
    }
  });

  it("sends as many commands for 200 fiches as for 10", async () => {
    const headers = await as(SERVICE_SOCIAL);
    const ten = await commandsOf(query, { first: 10 }, headers, true);
    const twoHundred = await commandsOf(query, { first: 200 }, headers, true);
    expect(ten.result.data!.fichesLiaison!.nodes).toHaveLength(10);
    expect(twoHundred.result.data!.fichesLiaison!.nodes).toHaveLength(200);
    // page, total count, one group read per distinct set of consented groups ({job, arret} and {job}):
    // a find, or an aggregate when the set concerns one fiche only.
    const total = (names: Record<string, number>) => Object.values(names).reduce((a, b) => a + b, 0);
    expect(total(ten.names)).toBeLessThanOrEqual(4);
    expect(total(twoHundred.names)).toBe(4);
  });
});

describe("what a request without fiche access reads", () => {
  const operations: TypedDocumentNode<Record<string, unknown>, Record<string, never>>[] = [
    graphql(
      `query PrivacyDeniedList { fichesLiaison(first: 50) { totalCount nodes { id job { siret } medical { ald } } } }`,
    ),
    graphql(
      `query PrivacyDeniedOne { ficheLiaison(id: "fl_any") { id job { siret } arret { riskType } medical { ald } } }`,
    ),
  ];
  const viewers: [string, ViewerSpec | null][] = [
    ["a préventeur of the SSTRN", { role: "PREVENTEUR", org: "SPSTI:sstrn" }],
    ["the SSTRN's direction", { role: "SPSTI_DIRECTION", org: "SPSTI:sstrn" }],
    ["a Carsat ingénieur-conseil", { role: "CARSAT_INGENIEUR_CONSEIL", org: `CARSAT:${CARSAT}` }],
    ["an anonymous caller", null],
  ];
  for (const [who, spec] of viewers) {
    it(`reads no pdp collection for ${who}, and answers null with FORBIDDEN`, async () => {
      const headers = spec ? await as(spec) : { "x-anonymous": "1" };
      for (const operation of operations) {
        const { result, commands } = await pdpCommandsOf(operation, headers);
        expect(commands).toEqual([]);
        expect(Object.values(result.data!)).toEqual([null]);
        expect(result.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
      }
    });
  }
});

/** Every string value of a document, with the key path it sits at. */
function* strings(value: unknown, path = ""): Generator<[string, string]> {
  if (typeof value === "string") yield [path, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${path}[${i}]`);
  else if (value && typeof value === "object" && !(value instanceof Date))
    for (const [k, v] of Object.entries(value)) yield* strings(v, `${path}.${k}`);
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
  const IDENTITY_KEY =
    /^(nom|prenom|name|firstname|lastname|fullname|birth\w*|datenaissance|naissance|nir|ins|numsecu|secu|address|adresse|email|phone|telephone)$/i;

  it("holds no NIR-shaped string and no identity field in any pdp collection", async () => {
    for (const collection of ["pdp_fiches", "pdp_fiches_medical"]) {
      const docs = await t.database.db.collection(collection).find({}).toArray();
      expect(docs.length).toBeGreaterThan(100);
      for (const doc of docs) {
        for (const [path, s] of strings(doc))
          expect(NIR_SHAPE.test(s), `${collection} ${doc._id} ${path}`).toBe(false);
        for (const k of keys(doc))
          expect(IDENTITY_KEY.test(k), `${collection} ${doc._id} key ${k}`).toBe(false);
      }
    }
  });

  it("has consent on every sent fiche, a few withdrawn, and an outcome exactly on closed fiches", async () => {
    const docs = await t.database.db.collection<FicheDoc>("pdp_fiches").find({}).toArray();
    const sent = docs.filter((d) => d.header.status !== "DRAFT");
    expect(
      sent.every((d) => d.consent?.givenAt instanceof Date && d.consent.givenAt <= d.header.sentAt!),
    ).toBe(true);
    const withdrawn = docs.filter((d) => d.consent?.withdrawnAt).length;
    expect(withdrawn).toBeGreaterThan(0);
    expect(withdrawn).toBeLessThan(docs.length * 0.1);
    expect(docs.every((d) => (d.header.status === "CLOSED") === (d.header.outcome !== undefined))).toBe(true);
    expect(new Set(docs.map((d) => d.header.status))).toEqual(
      new Set(["DRAFT", "SENT", "ACKNOWLEDGED", "IN_PROGRESS", "CLOSED"]),
    );
  });
});
