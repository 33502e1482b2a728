import type { Document } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, startTestApp, type GraphQLResponse, type TestApp, type ViewerSpec } from "./helpers.js";
import type { FicheDoc, MedicalDoc } from "../src/sources/pdp/documents.js";
import { graphql } from "./generated/index.js";
import type { ScopeFichesQuery } from "./generated/graphql.js";
import { allOf } from "../src/db/filter-shape.js";
import {
  ficheScopeCondition,
  medicalScopeCondition,
  withdrawalScopeCondition,
} from "../src/sources/pdp/read/scope-filter.js";

/**
 * Row scope of the fiches de liaison, over HTTP on the seeded database: an
 * SPSTI's care team sees its own fiches only, the Carsat service social the
 * fiches it wrote and the sent fiches addressed to it while the worker's
 * consent names it (their consent-scoped groups only as far as that consent
 * covers them; after a withdrawal, a notice only), and the medical group
 * stays with the owning SPSTI's médecin du travail.
 */

const SSTRN: ViewerSpec = { role: "CELLULE_PDP", org: "SPSTI:sstrn" };
const SSTRN_MDT: ViewerSpec = { role: "MEDECIN_TRAVAIL", org: "SPSTI:sstrn" };
const CARSAT = "carsat-pays-de-la-loire";
const SERVICE_SOCIAL: ViewerSpec = { role: "CARSAT_SERVICE_SOCIAL", org: `CARSAT:${CARSAT}` };

let t: TestApp;
let raw: FicheDoc[];
let otherSpsti: string;
beforeAll(async () => {
  t = await startTestApp(import.meta.url, { as: SSTRN });
  raw = await t.database.db.collection<FicheDoc>("pdp_fiches").find({}).toArray();
  const services = await t.database.db
    .collection("spsti_services")
    .find({}, { projection: { _id: 1 } })
    .toArray();
  // The other SPSTI with the most fiches: a real tenant of the seed, not an invented id.
  const counts = new Map<string, number>();
  for (const d of raw) if (d.spstiId !== "sstrn") counts.set(d.spstiId, (counts.get(d.spstiId) ?? 0) + 1);
  otherSpsti = [...counts].sort((a, b) => b[1] - a[1])[0][0];
  expect(services.map((s) => s._id)).toContain(otherSpsti);
});
afterAll(() => t.close());

const LIST = graphql(
  `query ScopeFiches($org: ID, $siret: Siret, $first: Int) { fichesLiaison(org: $org, siret: $siret, first: $first) { totalCount nodes { id origin { id } recipient { id } } } }`,
);
const ONE = graphql(
  `query ScopeFiche($id: ID!) { ficheLiaison(id: $id) { id job { siret poste } arret { lengthBand riskType } medical { pathologyGroup ald } } }`,
);
/** ONE without the medical group. */
const ONE_NO_MEDICAL = graphql(
  `query ScopeFicheNoMedical($id: ID!) { ficheLiaison(id: $id) { id job { siret poste } arret { lengthBand riskType } } }`,
);
const listOrder = (a: FicheDoc, b: FicheDoc) =>
  a.header.updatedAt.getTime() - b.header.updatedAt.getTime() || (a._id < b._id ? -1 : 1);
const ids = (res: GraphQLResponse<ScopeFichesQuery>) => res.data!.fichesLiaison!.nodes.map((n) => n.id);

/** Which fiches the Carsat service social may list, computed from the raw documents. */
// The rule, written independently of the filter: the fiches it wrote, and the sent fiches addressed to it while a standing consent names it.
const standing = (d: FicheDoc) =>
  !!d.consent && !d.consent.withdrawnAt && d.consent.recipients.some((r) => r.id === CARSAT);
const carsatMay = (d: FicheDoc) =>
  d.header.origin.id === CARSAT || (d.orgIds.includes(CARSAT) && d.header.status !== "DRAFT" && standing(d));
/** Whether it may read a consent-scoped group of one: it wrote it, or a standing consent names it and covers the group. */
const carsatReads = (d: FicheDoc, group: string) =>
  d.header.origin.id === CARSAT || (carsatMay(d) && d.consent!.groups.some((g) => g === group));
/** Its withdrawal notices: the sent fiches addressed to it whose consent was withdrawn. */
const carsatNotified = (d: FicheDoc) =>
  d.header.recipient.id === CARSAT && d.header.status !== "DRAFT" && !!d.consent?.withdrawnAt;
const errorsAt = (res: GraphQLResponse, field: string) =>
  (res.errors ?? []).filter((e) => e.path?.at(-1) === field);

describe("scope conditions on the real database (FerretDB v1 by default)", () => {
  it("match what the rule says, operator by operator", async () => {
    const c = t.database.db.collection<{ _id: string } & Document>("pdp_scope_probe");
    const consent = (recipients: string[], groups: string[], extra: object = {}) => ({
      recipients: recipients.map((id) => ({ type: "X", id })),
      groups,
      ...extra,
    });
    const to = (origin: string, recipient: string, status = "SENT") => ({
      origin: { id: origin },
      recipient: { id: recipient },
      status,
    });
    await c.insertMany([
      {
        _id: "own",
        spstiId: "a",
        orgIds: ["a", "p"],
        header: to("a", "p"),
        consent: consent(["p"], ["JOB", "ARRET"]),
      },
      { _id: "sent", spstiId: "b", orgIds: ["p", "b"], header: to("p", "b") },
      {
        _id: "withdrawn",
        spstiId: "a",
        orgIds: ["a", "p"],
        header: to("a", "p"),
        consent: consent(["p"], ["JOB"], { withdrawnAt: new Date() }),
      },
      {
        _id: "otherRecipient",
        spstiId: "a",
        orgIds: ["a", "q"],
        header: to("a", "q"),
        consent: consent(["q", "p"], ["JOB"]),
      },
      { _id: "noConsent", spstiId: "a", orgIds: ["a", "p"], header: to("a", "p") },
      {
        _id: "jobOnly",
        spstiId: "a",
        orgIds: ["a", "p"],
        header: to("a", "p"),
        consent: consent(["q", "p"], ["JOB", "CAPACITES"]),
      },
      {
        _id: "notNamed",
        spstiId: "a",
        orgIds: ["a", "p"],
        header: to("a", "p"),
        consent: consent(["q"], ["JOB"], { withdrawnAt: null }),
      },
      {
        _id: "withdrawnDraft",
        spstiId: "a",
        orgIds: ["a", "p"],
        header: to("a", "p", "DRAFT"),
        consent: consent(["p"], ["JOB"], { withdrawnAt: new Date() }),
      },
      {
        _id: "wroteWithdrawn",
        spstiId: "b",
        orgIds: ["p", "b"],
        header: to("p", "b"),
        consent: consent(["b"], ["JOB"], { withdrawnAt: new Date() }),
      },
    ]);
    const match = async (cond: object | null) =>
      (await c.find(cond as object).toArray()).map((d) => d._id).sort();
    const partner = { kind: "PARTNER_ORG", orgId: "p" } as const;
    expect(await match(ficheScopeCondition({ kind: "OWNER_SPSTI", spstiId: "b" }))).toEqual([
      "sent",
      "wroteWithdrawn",
    ]);
    // Without groups: what it wrote, and what is addressed to it while a standing consent names it (not withdrawn, not replaced without it).
    expect(await match(ficheScopeCondition(partner))).toEqual(["jobOnly", "own", "sent", "wroteWithdrawn"]);
    // Its withdrawal notices: sent, addressed to it, consent withdrawn (`$ne: null` skips a stored null); not what it wrote, nor a draft.
    expect(await match(withdrawalScopeCondition(partner))).toEqual(["withdrawn"]);
    expect(await match(withdrawalScopeCondition({ kind: "OWNER_SPSTI", spstiId: "b" }))).toEqual([
      "wroteWithdrawn",
    ]);
    expect(withdrawalScopeCondition({ kind: "NONE" })).toBeNull();
    // With groups, the consent must cover them too; what it wrote it keeps, withdrawn or not.
    expect(await match(ficheScopeCondition(partner, ["ARRET"]))).toEqual(["own", "sent", "wroteWithdrawn"]);
    expect(await match(ficheScopeCondition(partner, ["JOB", "CAPACITIES"]))).toEqual([
      "jobOnly",
      "sent",
      "wroteWithdrawn",
    ]);
    expect(
      await match(
        allOf([{ _id: { $in: ["own", "withdrawn", "sent"] } }, ficheScopeCondition(partner, ["JOB"])!]),
      ),
    ).toEqual(["own", "sent"]);
    expect(ficheScopeCondition({ kind: "NONE" })).toBeNull();
    expect(medicalScopeCondition(partner)).toBeNull();
    expect(
      await match(
        allOf([
          { _id: { $in: ["own", "sent"] } },
          medicalScopeCondition({ kind: "OWNER_SPSTI", spstiId: "a" })!,
        ]),
      ),
    ).toEqual(["own"]);
  });
});

describe("row isolation between SPSTIs", () => {
  it("a cellule PDP lists exactly its own SPSTI's fiches, and never another's", async () => {
    for (const spsti of ["sstrn", otherSpsti]) {
      const res = await t.gql(
        LIST,
        { first: 1000 },
        await as({ role: "CELLULE_PDP", org: `SPSTI:${spsti}` }),
      );
      expect(res.errors).toBeUndefined();
      const expected = raw
        .filter((d) => d.spstiId === spsti)
        .sort(listOrder)
        .map((d) => d._id);
      expect(expected.length).toBeGreaterThan(5);
      expect(res.data!.fichesLiaison!.totalCount).toBe(expected.length);
      expect(ids(res)).toEqual(expected);
    }
  });

  it("answers null, without error, for another SPSTI's fiche by id, and an empty list when filtering on it", async () => {
    const theirs = raw.find((d) => d.spstiId === otherSpsti)!;
    const ours = raw.find((d) => d.spstiId === "sstrn")!;
    expect(await t.gql(ONE_NO_MEDICAL, { id: theirs._id })).toEqual({
      status: 200,
      data: { ficheLiaison: null },
    });
    const other = await as({ role: ["CELLULE_PDP", "MEDECIN_TRAVAIL"], org: `SPSTI:${otherSpsti}` });
    expect(await t.gql(ONE, { id: ours._id }, other)).toEqual({ status: 200, data: { ficheLiaison: null } });
    expect((await t.gql(ONE, { id: theirs._id }, other)).data!.ficheLiaison!.id).toBe(theirs._id);
    expect((await t.gql(LIST, { org: otherSpsti })).data!.fichesLiaison).toEqual({
      totalCount: 0,
      nodes: [],
    });
  });
});

describe("the Carsat service social", () => {
  let headers: Record<string, string>;
  beforeAll(async () => {
    headers = await as(SERVICE_SOCIAL);
  });

  it("lists exactly the fiches it wrote and the sent fiches addressed to it while a standing consent names it", async () => {
    const res = await t.gql(LIST, { first: 1000 }, headers);
    expect(res.errors).toBeUndefined();
    const expected = raw
      .filter(carsatMay)
      .sort(listOrder)
      .map((d) => d._id);
    const hidden = raw.filter((d) => d.orgIds.includes(CARSAT) && !carsatMay(d));
    // Other organisations' drafts addressed to it, and fiches whose worker withdrew consent: the rule has something to exclude.
    expect(hidden.filter((d) => d.header.status === "DRAFT").length).toBeGreaterThan(0);
    expect(
      hidden.filter((d) => d.header.status !== "DRAFT" && d.consent?.withdrawnAt).length,
    ).toBeGreaterThan(0);
    expect(res.data!.fichesLiaison!.totalCount).toBe(expected.length);
    expect(ids(res)).toEqual(expected);
  });

  it("reads a consented group, and gets FORBIDDEN for a group outside the consent and for the medical group", async () => {
    const doc = raw.find(
      (d) => carsatReads(d, "JOB") && d.header.origin.id !== CARSAT && d.arret && !carsatReads(d, "ARRET"),
    )!;
    const res = await t.gql(ONE, { id: doc._id }, headers);
    expect(res.data!.ficheLiaison).toEqual({
      id: doc._id,
      job: { siret: doc.job!.siret, poste: doc.job!.poste },
      arret: null,
      medical: null,
    });
    expect(errorsAt(res, "arret")).toHaveLength(1);
    expect(errorsAt(res, "arret")[0]).toMatchObject({
      path: ["ficheLiaison", "arret"],
      extensions: { code: "FORBIDDEN" },
    });
    expect(errorsAt(res, "medical")).toHaveLength(1);
    expect(errorsAt(res, "medical")[0]).toMatchObject({
      path: ["ficheLiaison", "medical"],
      extensions: { code: "FORBIDDEN" },
    });
    expect(res.errors).toHaveLength(2);
  });

  it("filters by establishment only among fiches whose consent shares the job group with it", async () => {
    const doc = raw.find((d) => carsatReads(d, "JOB") && d.job)!;
    const res = await t.gql(LIST, { siret: doc.job!.siret, first: 100 }, headers);
    const expected = raw.filter((d) => carsatReads(d, "JOB") && d.job?.siret === doc.job!.siret);
    expect(res.data!.fichesLiaison!.totalCount).toBe(expected.length);
  });

  it("reads exactly its withdrawal notices: id, reference, itself as recipient and date, for every withdrawn fiche addressed to it", async () => {
    const res = await t.gql(
      graphql(
        `query ScopeNotices { consentWithdrawals(first: 1000) { totalCount nodes { id ref recipient { type id } withdrawnAt } } }`,
      ),
      undefined,
      headers,
    );
    expect(res.errors).toBeUndefined();
    const withdrawnAt = (d: FicheDoc) => d.consent!.withdrawnAt!;
    const expected = raw
      .filter(carsatNotified)
      .sort((a, b) => withdrawnAt(a).getTime() - withdrawnAt(b).getTime() || (a._id < b._id ? -1 : 1))
      .map((d) => ({
        id: d._id,
        ref: d.header.ref,
        recipient: { type: "CARSAT", id: CARSAT },
        withdrawnAt: withdrawnAt(d).toISOString(),
      }));
    expect(expected.length).toBeGreaterThan(0);
    expect(res.data!.consentWithdrawals).toEqual({ totalCount: expected.length, nodes: expected });
    // None of them is among its fiches any more.
    const listed = new Set(ids(await t.gql(LIST, { first: 1000 }, headers)));
    expect(expected.filter((n) => listed.has(n.id))).toEqual([]);
  });

  it("loses an addressed fiche entirely once the worker withdraws consent, keeping its notice only; keeps the fiches it wrote", async () => {
    const fiches = t.database.db.collection<FicheDoc>("pdp_fiches");
    const addressed = raw.find(
      (d) => carsatReads(d, "JOB") && carsatReads(d, "ARRET") && d.header.origin.id !== CARSAT && d.arret,
    )!;
    const sent = raw.find((d) => d.header.origin.id === CARSAT && d.consent && !d.consent.withdrawnAt)!;
    const read = async (id: string) => t.gql(ONE_NO_MEDICAL, { id }, headers);
    expect((await read(addressed._id)).data!.ficheLiaison!.job).not.toBeNull();
    const at = new Date();
    await fiches.updateMany(
      { _id: { $in: [addressed._id, sent._id] } },
      { $set: { "consent.withdrawnAt": at } },
    );
    try {
      expect(await read(addressed._id)).toEqual({ status: 200, data: { ficheLiaison: null } });
      expect(ids(await t.gql(LIST, { first: 1000 }, headers))).not.toContain(addressed._id);
      const notices = await t.gql(
        graphql(
          `query ScopeNoticesSince($since: DateTime) { consentWithdrawals(since: $since) { nodes { id ref recipient { id } withdrawnAt } } }`,
        ),
        { since: at.toISOString() },
        headers,
      );
      expect(notices.data!.consentWithdrawals!.nodes).toEqual([
        {
          id: addressed._id,
          ref: addressed.header.ref,
          recipient: { id: CARSAT },
          withdrawnAt: at.toISOString(),
        },
      ]);
      const stillSent = await read(sent._id);
      expect(stillSent.data!.ficheLiaison!.job).toEqual({ siret: sent.job!.siret, poste: sent.job!.poste });
      // The cellule PDP of the owning SPSTI still reads the fiche, groups included.
      const owner = await t.gql(
        ONE_NO_MEDICAL,
        { id: addressed._id },
        await as({ role: "CELLULE_PDP", org: `SPSTI:${addressed.spstiId}` }),
      );
      expect(owner.errors).toBeUndefined();
      expect(owner.data!.ficheLiaison).toEqual({
        id: addressed._id,
        job: { siret: addressed.job!.siret, poste: addressed.job!.poste },
        arret: { lengthBand: addressed.arret!.lengthBand, riskType: addressed.arret!.riskType },
      });
    } finally {
      await fiches.updateMany(
        { _id: { $in: [addressed._id, sent._id] } },
        { $unset: { "consent.withdrawnAt": "" } },
      );
    }
  });
});

describe("the medical group", () => {
  it("is read by the owning SPSTI's médecin du travail, and refused to its cellule PDP", async () => {
    const medical = (await t.database.db
      .collection<MedicalDoc>("pdp_fiches_medical")
      .findOne({ spstiId: "sstrn" }))!;
    const expected = { pathologyGroup: medical.pathologyGroup, ald: medical.ald };
    const doctor = await t.gql(ONE, { id: medical._id }, await as(SSTRN_MDT));
    expect(doctor.errors).toBeUndefined();
    expect(doctor.data!.ficheLiaison!.medical).toEqual(expected);
    const cellule = await t.gql(ONE, { id: medical._id });
    expect(cellule.data!.ficheLiaison!.medical).toBeNull();
    expect(cellule.data!.ficheLiaison!.job).not.toBeNull();
    expect(cellule.errors).toHaveLength(1);
    expect(cellule.errors![0]).toMatchObject({
      path: ["ficheLiaison", "medical"],
      extensions: { code: "FORBIDDEN" },
    });
  });
});
