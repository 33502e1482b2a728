import type { Document } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeSiret } from "../src/domain/identifiers.js";
import { as, onlyError, startTestApp, type TestApp, DREETS_PDL } from "./helpers.js";
import { graphql } from "./generated/index.js";

/** Identity cards, activity and single establishments of the spsti source, on the region seed. */
let t: TestApp;
const col = (name: string) => t.database.db.collection<{ _id: string } & Document>(name);
beforeAll(async () => {
  t = await startTestApp(import.meta.url, { as: DREETS_PDL });
});
afterAll(() => t.close());

describe("spstis and the SSTRN identity card", () => {
  it("lists the three SPSTIs of Pays de la Loire, by id", async () => {
    const res = await t.gql(graphql(`query Spstis { spstis { id region { code } departements } }`));
    expect(res.errors).toBeUndefined();
    expect(res.data!.spstis).toEqual([
      { id: "sstrn", region: { code: "52" }, departements: ["44"] },
      { id: "stam", region: { code: "52" }, departements: ["49", "53", "72"] },
      { id: "stvo", region: { code: "52" }, departements: ["85"] },
    ]);
    expect(await col("spsti_services").countDocuments()).toBe(3);
  });

  it("gives SSTRN's carte d'identité of its 2025-2029 CPOM", async () => {
    const res = await t.gql(
      graphql(`query SstrnCard { spsti(id: "sstrn") { name shortName headquartersCity figuresAsOf salariesSuivis adherents equipes centres
      hasCellulePdp staff { medecinsTravail collaborateursMedecins infirmiers preventeurs assistantsSst assistantesMedicales total } } }`),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.spsti).toMatchObject({
      shortName: "SSTRN",
      headquartersCity: "Nantes",
      figuresAsOf: "2024-12-31",
      salariesSuivis: 306_979,
      adherents: 25_475,
      equipes: 20,
      centres: 13,
      hasCellulePdp: true,
      staff: {
        medecinsTravail: 73,
        collaborateursMedecins: 15,
        infirmiers: 65,
        preventeurs: 21,
        assistantsSst: 22,
        assistantesMedicales: 112,
        total: 394,
      },
    });
    expect(res.data!.spsti!.name).toMatch(/région nantaise/i);
  });

  it("answers null for an unknown SPSTI", async () => {
    const res = await t.gql(graphql(`query UnknownSpstiCard { spsti(id: "nope") { id } }`));
    expect(res.errors).toBeUndefined();
    expect(res.data!.spsti).toBeNull();
  });
});

describe("Spsti.activity", () => {
  it("masks small counts of persons for readers who are not CPOM parties, and keeps them exact for the parties", async () => {
    const filter = { spstiId: "stvo", year: 2024 };
    const doc = await col("spsti_activity").findOne(filter);
    const q = graphql(`query SmallActivity { spsti(id: "stvo") { activity(years: { from: 2024, to: 2024 }) {
      visits { vip sir reprise preReprise aLaDemande miCarriere finCarriere total suppressed } amt { total }
      pdp { situations signalementsVersServiceSocial signalementsDuServiceSocial inaptitudes amenagements suppressed } } } }`);
    // A small service's year: 6 pré-reprise visits, 4 PDP situations (written past the importer; no grid reads it).
    await col("spsti_activity").updateOne(filter, { $set: { "visits.preReprise": 6, "pdp.situations": 4 } });
    try {
      const read = async (viewer: Parameters<typeof as>[0]) => {
        const res = await t.gql(q, undefined, await as(viewer));
        expect(res.errors).toBeUndefined();
        return res.data!.spsti!.activity![0];
      };
      const v = doc!.visits as Record<string, number>;
      const exactTotal = Object.values(v).reduce((a, b) => a + b, 0) - v.preReprise + 6;
      // Parties: the SPSTI itself, the DREETS of its region, the Carsat of its caisse.
      for (const party of [
        { role: "SPSTI_DIRECTION", org: "SPSTI:stvo" },
        DREETS_PDL,
        { role: "CARSAT_INGENIEUR_CONSEIL", org: "CARSAT:carsat-pays-de-la-loire" },
      ] as const) {
        const a = await read(party);
        expect(a.visits, party.org).toMatchObject({ preReprise: 6, total: exactTotal, suppressed: false });
        expect(a.pdp, party.org).toMatchObject({ situations: 4, suppressed: false });
      }
      // Not parties: analysts and another SPSTI.
      for (const other of [
        { role: "ANALYST_NATIONAL", org: "NATIONAL:dgt" },
        { role: "SPSTI_DIRECTION", org: "SPSTI:sstrn" },
      ] as const) {
        const a = await read(other);
        expect(a.visits.preReprise, other.org).toBeNull();
        expect(a.visits.suppressed).toBe(true);
        expect(a.pdp).toMatchObject({ situations: null, suppressed: true });
        expect(a.pdp.inaptitudes).toBe(doc!.pdp.inaptitudes);
        expect(a.amt.total).toBe(doc!.amt.total);
        // The total minus the published types must not give the 6 back: a second type, or the total, is masked.
        const types = ["vip", "sir", "reprise", "aLaDemande", "miCarriere", "finCarriere"] as const;
        const hidden = types.filter((k) => a.visits[k] === null);
        expect(hidden.length > 0 || a.visits.total === null).toBe(true);
        for (const k of types) if (a.visits[k] !== null) expect(a.visits[k]).toBe(v[k]);
      }
    } finally {
      await col("spsti_activity").updateOne(filter, { $set: { visits: doc!.visits, pdp: doc!.pdp } });
    }
  });

  it("matches the card in 2024 and has SSTRN's magnitudes", async () => {
    const res = await t.gql(
      graphql(`query SstrnActivity { spsti(id: "sstrn") { activity(years: { from: 2023, to: 2024 }) { year salariesSuivis adherents staff { total }
      visits { vip sir reprise preReprise aLaDemande miCarriere finCarriere total } amt { total etudesPoste } pdp { inaptitudes signalementsVersServiceSocial } } } }`),
    );
    expect(res.errors).toBeUndefined();
    const [y2023, y2024] = res.data!.spsti!.activity!;
    expect([y2023.year, y2024.year]).toEqual([2023, 2024]);
    expect(y2024).toMatchObject({ salariesSuivis: 306_979, adherents: 25_475, staff: { total: 394 } });
    const v = y2024.visits;
    expect(v.total).toBe(
      v.vip! + v.sir! + v.reprise! + v.preReprise! + v.aLaDemande! + v.miCarriere! + v.finCarriere!,
    );
    expect(v.total).toBeGreaterThan(130_000);
    expect(v.total).toBeLessThan(150_000);
    expect(v.preReprise).toBeGreaterThan(7_000);
    expect(v.preReprise).toBeLessThan(9_000);
    expect(y2024.pdp.inaptitudes).toBeGreaterThan(1_700);
    expect(y2024.pdp.inaptitudes).toBeLessThan(2_300);
    expect(y2024.amt.etudesPoste).toBeLessThan(y2024.amt.total);
  });

  it("returns every seeded year when no range is given, equal to the stored counts", async () => {
    const res = await t.gql(
      graphql(`query StvoActivity { spsti(id: "stvo") { activity { year visits { total } } } }`),
    );
    const docs = await col("spsti_activity").find({ spstiId: "stvo" }).sort({ year: 1 }).toArray();
    const activity = res.data!.spsti!.activity!;
    expect(activity.map((a) => a.year)).toEqual([2019, 2020, 2021, 2022, 2023, 2024]);
    const stored = docs.map((d) =>
      Object.values(d.visits as Record<string, number>).reduce((a, b) => a + b, 0),
    );
    expect(activity.map((a) => a.visits.total)).toEqual(stored);
  });

  it("refuses a reversed year range, naming it", async () => {
    const err = onlyError(
      await t.gql('{ spsti(id: "sstrn") { activity(years: { from: 2024, to: 2020 }) { year } } }'),
    );
    expect(err.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "years" });
  });
});

describe("establishment(siret)", () => {
  it("returns a stored establishment with its NAF, band and SPSTI", async () => {
    const doc = await col("spsti_establishments").findOne({
      spstiId: "stam",
      headcount: { $gte: 10, $lt: 50 },
    });
    const res = await t.gql(
      graphql(
        `query EstablishmentCard($s: Siret!) { establishment(siret: $s) { siret name naf { code level } ctn { code } headcount headcountBand departement memberSince spsti { id } } }`,
      ),
      { s: doc!._id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.establishment).toEqual({
      siret: doc!._id,
      name: doc!.name,
      naf: { code: doc!.naf5, level: "SUBCLASS" },
      ctn: { code: doc!.ctn },
      headcount: doc!.headcount,
      headcountBand: "H10_49",
      departement: doc!.departement,
      memberSince: doc!.memberSince,
      spsti: { id: "stam" },
    });
  });

  it("refuses a SIRET failing Luhn, naming the argument when it is a variable", async () => {
    const viaVariable = onlyError(
      await t.gql("query ($siret: Siret!) { establishment(siret: $siret) { name } }", {
        siret: "12345678901234",
      }),
    );
    expect(viaVariable.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "siret" });
    const literal = onlyError(await t.gql('{ establishment(siret: "12345678901234") { name } }'));
    expect(literal.extensions?.code).toBe("BAD_USER_INPUT");
    expect(literal.message).toMatch(/Luhn/);
  });

  it("accepts a La Poste SIRET (digit sum divisible by 5) and answers null when unknown", async () => {
    const laPoste = await t.gql(
      graphql(`query LaPosteEstablishment { establishment(siret: "35600000000001") { name } }`),
    );
    expect(laPoste.errors).toBeUndefined();
    expect(laPoste.data!.establishment).toBeNull();
  });

  it("answers null for a valid SIRET no SPSTI has", async () => {
    let siret = completeSiret("1000000000001");
    for (let i = 2; await col("spsti_establishments").findOne({ _id: siret }); i++)
      siret = completeSiret(`10000000000${String(i).padStart(2, "0")}`);
    const res = await t.gql(
      graphql(`query EstablishmentName($s: Siret!) { establishment(siret: $s) { name } }`),
      {
        s: siret,
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.establishment).toBeNull();
  });
});

describe("the seeded population", () => {
  it("has 77.6 % of establishments under 10 salariés, BTP near 12 % and intérim agencies", async () => {
    const docs = await col("spsti_establishments")
      .find({}, { projection: { naf5: 1, headcount: 1, spstiId: 1 } })
      .toArray();
    expect(docs.length).toBeGreaterThanOrEqual(2_000);
    expect(docs.filter((d) => d.spstiId === "sstrn").length).toBeGreaterThanOrEqual(1_200);
    const share = (f: (d: (typeof docs)[number]) => boolean) => docs.filter(f).length / docs.length;
    expect(share((d) => d.headcount < 10)).toBeGreaterThan(0.74);
    expect(share((d) => d.headcount < 10)).toBeLessThan(0.81);
    expect(share((d) => d.naf5 >= "41" && d.naf5 < "44")).toBeGreaterThan(0.09);
    expect(share((d) => d.naf5 >= "41" && d.naf5 < "44")).toBeLessThan(0.15);
    expect(docs.some((d) => d.naf5 === "7820Z")).toBe(true);
  });
});
