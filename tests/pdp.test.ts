import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, onlyError, startTestApp, type TestApp, type ViewerSpec } from "./helpers.js";
import type { VariablesOf } from "@graphql-typed-document-node/core";
import { encodeCursor } from "../src/graphql/pagination.js";
import type { FicheDoc, MedicalDoc } from "../src/sources/pdp/documents.js";
import { graphql } from "./generated/index.js";
import type { PdpFichesQuery } from "./generated/graphql.js";

/**
 * GraphQL-level tests of the PDP source (fiches de liaison), on the real
 * seeded database ("region" scale), as the SSTRN's cellule PDP: its row scope
 * is the SSTRN's fiches, so expectations are computed on those raw documents.
 * Other viewers are in pdp-scope.test.ts.
 */

const CELLULE: ViewerSpec = { role: "CELLULE_PDP", org: "SPSTI:sstrn" };
/** The SSTRN's médecin du travail, the one role that reads the medical group. */
const DOCTOR: ViewerSpec = { role: "MEDECIN_TRAVAIL", org: "SPSTI:sstrn" };

let t: TestApp;
/** Every fiche, and the SSTRN's (its cellule's row scope). */
let all: FicheDoc[];
let raw: FicheDoc[];
beforeAll(async () => {
  // Counts are checked against the raw documents here, so small-count suppression is off (threshold 1); it is tested in disclosure-http.test.ts.
  t = await startTestApp(import.meta.url, { as: CELLULE, config: { smallCountThreshold: 1 } });
  all = await t.database.db.collection<FicheDoc>("pdp_fiches").find({}).toArray();
  raw = all.filter((d) => d.spstiId === "sstrn");
});
afterAll(() => t.close());

graphql(`fragment PdpFicheHeader on FicheLiaison {
  id ref status direction motif origin { type id } recipient { type id } createdAt sentAt updatedAt version outcome
}`);
graphql(`fragment PdpFicheGroups on FicheLiaison {
  consent { givenAt how recipients { type id } groups withdrawnAt } worker { pseudonym }
  job { siret naf5 poste contractType headcountBand } arret { startDate lengthBand riskType rqth } capacities { restrictions }
  actions { type date partner { type id } } medical { pathologyGroup ald tauxIp note }
}`);
const ONE = graphql(
  `query PdpFiche($id: ID!) { ficheLiaison(id: $id) { ...PdpFicheHeader ...PdpFicheGroups } }`,
);
const LIST =
  graphql(`query PdpFiches($org: ID, $status: [FicheStatus!], $direction: FicheDirection, $siret: Siret, $updatedSince: DateTime, $first: Int, $after: String) {
  fichesLiaison(org: $org, status: $status, direction: $direction, siret: $siret, updatedSince: $updatedSince, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id status direction origin { id } recipient { id } updatedAt job { siret } } } }`);
const SIGNALEMENTS = graphql(
  `query PdpSignalements($years: YearRange!, $org: ID) { pdpSignalements(years: $years, org: $org) { year direction origin { type id } recipient { type id } count } }`,
);
const MEASURES = graphql(
  `query PdpMeasures($years: YearRange!, $org: ID) { pdpMeasures(years: $years, org: $org) { year type count } }`,
);

const iso = (d: Date | undefined) => (d ? d.toISOString() : null);
/** The list order, computed from raw documents: last update, then id. */
const listOrder = (a: FicheDoc, b: FicheDoc) =>
  a.header.updatedAt.getTime() - b.header.updatedAt.getTime() || (a._id < b._id ? -1 : 1);

describe("ficheLiaison", () => {
  it("returns every group of a fiche as stored, the medical one from its own collection", async () => {
    const doc = raw.find(
      (d) => d.actions?.some((a) => a.partner) && d.consent && d.arret && d.capacities && d.header.outcome,
    )!;
    const medical = await t.database.db
      .collection<MedicalDoc>("pdp_fiches_medical")
      .findOne({ _id: doc._id });
    const res = await t.gql(ONE, { id: doc._id }, await as(DOCTOR));
    expect(res.errors).toBeUndefined();
    const f = res.data!.ficheLiaison!;
    expect(f).toMatchObject({
      id: doc._id,
      ref: doc.header.ref,
      status: "CLOSED",
      outcome: doc.header.outcome,
      origin: doc.header.origin,
      version: doc.header.version,
    });
    expect(f.updatedAt).toBe(iso(doc.header.updatedAt));
    expect(f.sentAt).toBe(iso(doc.header.sentAt));
    expect(f.consent).toEqual({
      ...doc.consent,
      givenAt: iso(doc.consent!.givenAt),
      withdrawnAt: iso(doc.consent!.withdrawnAt),
    });
    expect(f.worker).toEqual({ pseudonym: doc.worker.pseudonym });
    expect(f.job).toEqual(doc.job);
    expect(f.arret).toEqual(doc.arret);
    expect(f.capacities).toEqual(doc.capacities);
    expect(f.actions).toEqual(
      doc.actions!.map((a) => ({ type: a.type, date: a.date, partner: a.partner ?? null })),
    );
    expect(f.medical).toEqual(
      medical
        ? {
            pathologyGroup: medical.pathologyGroup,
            ald: medical.ald,
            tauxIp: medical.tauxIp ?? null,
            note: medical.note ?? null,
          }
        : null,
    );
  });

  it("answers null for an unknown id, and for a fiche without medical group", async () => {
    const doctor = await as(DOCTOR);
    expect((await t.gql(ONE, { id: "fl_doesnotexist" }, doctor)).data).toEqual({ ficheLiaison: null });
    const ids = new Set(
      (
        await t.database.db
          .collection<MedicalDoc>("pdp_fiches_medical")
          .find({}, { projection: { _id: 1 } })
          .toArray()
      ).map((m) => m._id),
    );
    const without = raw.find((d) => !ids.has(d._id))!;
    const res = await t.gql(ONE, { id: without._id }, doctor);
    expect(res.errors).toBeUndefined();
    expect(res.data!.ficheLiaison!.medical).toBeNull();
  });
});

describe("fichesLiaison", () => {
  it("filters by organisation, status and direction, with a totalCount equal to the raw count", async () => {
    const vars = {
      org: "sstrn",
      status: ["CLOSED", "IN_PROGRESS"],
      direction: "SPSTI_TO_CARSAT",
      first: 500,
    } satisfies VariablesOf<typeof LIST>;
    const res = await t.gql(LIST, vars);
    expect(res.errors).toBeUndefined();
    const expected = raw.filter(
      (d) =>
        d.orgIds.includes("sstrn") &&
        vars.status.some((s) => s === d.header.status) &&
        d.header.direction === vars.direction,
    );
    expect(expected.length).toBeGreaterThan(50);
    expect(res.data!.fichesLiaison!.totalCount).toBe(expected.length);
    expect(res.data!.fichesLiaison!.nodes.map((n) => n.id)).toEqual(
      expected.sort(listOrder).map((d) => d._id),
    );
    expect(res.data!.fichesLiaison!.pageInfo.hasNextPage).toBe(false);
  });

  it("walks every page with keyset cursors, in update order, without gaps or repeats", async () => {
    const expected = raw
      .filter((d) => d.orgIds.includes("sstrn"))
      .sort(listOrder)
      .map((d) => d._id);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: PdpFichesQuery["fichesLiaison"] = (await t.gql(LIST, { org: "sstrn", first: 37, after }))
        .data!.fichesLiaison;
      if (!page) throw new Error("no page");
      expect(page.totalCount).toBe(expected.length);
      seen.push(...page.nodes.map((n) => n.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages++;
    } while (after && pages < 50);
    expect(seen).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 37));
  });

  it("filters by updatedSince and by establishment", async () => {
    const since = "2025-06-01T00:00:00Z";
    const recent = await t.gql(LIST, { updatedSince: since, first: 500 });
    expect(recent.data!.fichesLiaison!.totalCount).toBe(
      raw.filter((d) => d.header.updatedAt >= new Date(since)).length,
    );
    expect(recent.data!.fichesLiaison!.nodes.every((n) => n.updatedAt >= "2025-06-01")).toBe(true);
    const siret = raw.find((d) => d.job)!.job!.siret;
    const bySiret = await t.gql(LIST, { siret, first: 50 });
    expect(bySiret.data!.fichesLiaison!.totalCount).toBe(raw.filter((d) => d.job?.siret === siret).length);
    expect(bySiret.data!.fichesLiaison!.nodes.every((n) => n.job!.siret === siret)).toBe(true);
  });

  it("rejects bad arguments with BAD_USER_INPUT naming the argument", async () => {
    const cases: [VariablesOf<typeof LIST>, string][] = [
      [{ first: 0 }, "first"],
      [{ after: "not-a-cursor" }, "after"],
      [{ after: encodeCursor("2024-01-01|x") }, "after"],
      [{ org: "Not An Org!" }, "org"],
      [{ status: [] }, "status"],
      [{ updatedSince: "yesterday" }, "updatedSince"],
      [{ siret: "12345678901234" }, "siret"],
    ];
    for (const [vars, argument] of cases) {
      expect(onlyError(await t.gql(LIST, vars)).extensions, argument).toMatchObject({
        code: "BAD_USER_INPUT",
        argument,
      });
    }
  });
});

/** Aggregates over every fiche (not the viewer's rows): their disclosure control is tested with the counts. */
describe("pdpSignalements and pdpMeasures (CPOM volet 1)", () => {
  const years = { from: 2022, to: 2025 };
  const key = (r: {
    year: number;
    direction: string;
    origin: { id: string };
    recipient: { id: string } | null;
  }) => `${r.year}|${r.direction}|${r.origin.id}|${r.recipient!.id}`;

  it("counts sent fiches per year, direction, origin and recipient as the raw documents do", async () => {
    for (const org of ["sstrn", null]) {
      const res = await t.gql(SIGNALEMENTS, { years, org });
      expect(res.errors).toBeUndefined();
      const expected = new Map<string, number>();
      for (const d of all) {
        if (!d.header.sentAt || (org && !d.orgIds.includes(org))) continue;
        const k = key({
          year: d.header.sentAt.getUTCFullYear(),
          direction: d.header.direction,
          origin: d.header.origin,
          recipient: d.header.recipient,
        });
        expected.set(k, (expected.get(k) ?? 0) + 1);
      }
      expect(new Map(res.data!.pdpSignalements!.map((r) => [key(r), r.count]))).toEqual(expected);
    }
  });

  it("shows the SSTRN sending more to the Carsat service social than it receives, every year", async () => {
    const rows = (await t.gql(SIGNALEMENTS, { years, org: "sstrn" })).data!.pdpSignalements!;
    for (const year of [2022, 2023, 2024, 2025]) {
      const sum = (direction: string) =>
        rows.filter((r) => r.year === year && r.direction === direction).reduce((s, r) => s + r.count!, 0);
      expect(sum("SPSTI_TO_CARSAT")).toBeGreaterThan(sum("CARSAT_TO_SPSTI"));
      expect(sum("CARSAT_TO_SPSTI")).toBeGreaterThan(0);
    }
  });

  it("counts measures per year and type as the raw actions do", async () => {
    const span = { from: 2023, to: 2024 };
    const res = await t.gql(MEASURES, { years: span, org: "cpam-44" });
    expect(res.errors).toBeUndefined();
    const expected = new Map<string, number>();
    for (const d of all.filter((d) => d.header.status !== "DRAFT" && d.orgIds.includes("cpam-44"))) {
      for (const a of d.actions ?? []) {
        const year = Number(a.date.slice(0, 4));
        if (year >= span.from && year <= span.to)
          expected.set(`${year}|${a.type}`, (expected.get(`${year}|${a.type}`) ?? 0) + 1);
      }
    }
    expect(expected.size).toBeGreaterThan(0);
    expect(new Map(res.data!.pdpMeasures!.map((r) => [`${r.year}|${r.type}`, r.count]))).toEqual(expected);
  });

  it("answers literal arguments as it answers variables", async () => {
    const literal = await t.gql(
      graphql(
        `query PdpSignalementsLiteral { pdpSignalements(years: { from: 2022, to: 2025 }, org: "sstrn") { year direction origin { type id } recipient { type id } count } }`,
      ),
    );
    expect(literal.errors).toBeUndefined();
    expect(literal.data!.pdpSignalements).toEqual(
      (await t.gql(SIGNALEMENTS, { years, org: "sstrn" })).data!.pdpSignalements,
    );
    const measures = await t.gql(
      graphql(
        `query PdpMeasuresLiteral { pdpMeasures(years: { from: 2024, to: 2024 }) { year type count } }`,
      ),
    );
    expect(measures.errors).toBeUndefined();
    expect(measures.data!.pdpMeasures!.every((m) => m.year === 2024)).toBe(true);
  });

  it("rejects an inverted year range and a malformed organisation", async () => {
    expect(
      onlyError(await t.gql(SIGNALEMENTS, { years: { from: 2025, to: 2022 } })).extensions,
    ).toMatchObject({ code: "BAD_USER_INPUT", argument: "years" });
    expect(onlyError(await t.gql(MEASURES, { years, org: "CPAM 44" })).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argument: "org",
    });
  });
});
