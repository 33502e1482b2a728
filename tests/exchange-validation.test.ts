import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getNamedType, isInputObjectType, type GraphQLInputObjectType } from "graphql";
import { as, onlyError, startTestApp, type GraphQLResponse, type TestApp } from "./helpers.js";
import { buildSchema } from "../src/schema.js";
import { FREE_TEXT_FIELDS, NOT_FREE_TEXT_FIELDS } from "../src/sources/pdp/exchange/validation.js";
import {
  CARSAT,
  CARSAT_ID,
  JOB,
  M,
  SSTRN,
  attempt,
  dayOffset,
  draftInput,
  run,
  sentFiche,
  type FicheMutation,
} from "./exchange-helpers.js";
import { graphql } from "./generated/index.js";
import type { SendFicheInput } from "./generated/graphql.js";

/**
 * Input is checked before anything is written: a NIR in any free text, a
 * SIRET failing Luhn, a NAF code that is not a subclass, an arrêt starting in
 * the future, text too long... each refused with BAD_USER_INPUT naming the
 * field, and the database left as it was.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(import.meta.url);
});
afterAll(() => t.close());

/** The key of a fictitious NIR body, computed here on its own: 97 − (N mod 97), 2A → 19, 2B → 18. */
function key(body: string): string {
  const n = BigInt(body.replace(/2A/i, "19").replace(/2B/i, "18"));
  return String(97n - (n % 97n)).padStart(2, "0");
}
const nir = (body: string) => body + key(body);
/** A NIR with its key off by one. */
const wrongKey = (body: string) => body + String(((Number(key(body)) % 97) + 1) % 100).padStart(2, "0");
/** The usual layout 1 85 05 78 006 084 91, joined by `sep` (13 characters: no key). */
const spaced = (n: string, sep: string) =>
  [n.slice(0, 1), n.slice(1, 3), n.slice(3, 5), n.slice(5, 7), n.slice(7, 10), n.slice(10, 13), n.slice(13)]
    .filter(Boolean)
    .join(sep);
const fullWidth = (s: string) =>
  s.replace(/[0-9A-Za-z ]/g, (c) => (c === " " ? "\u3000" : String.fromCharCode(c.charCodeAt(0) + 0xfee0)));

const MAN = nir("1850578006084"); // key 91
const WOMAN = nir("2930144109123"); // key 90
const CORSICA_A = nir("185052A006084");
const CORSICA_B = nir("291122B004051");
const TEMPORARY = nir("7853099123456");
const KEY_ENDS_IN_2 = nir("1850578006006"); // key 72

/** The spellings of the finding (issue "Safe to open to every partner", §3), and more. */
const NIRS: [string, string][] = [
  ["slashes", spaced(MAN, "/")],
  ["slashes and spaces", spaced(WOMAN, " / ")],
  ["underscores", spaced(MAN, "_")],
  ["dots", spaced(WOMAN, ".")],
  ["dashes", spaced(WOMAN, "-")],
  ["en dashes", spaced(MAN, "–")],
  ["spaces", spaced(MAN, " ")],
  ["double spaces", spaced(MAN, "  ")],
  ["double spaces, other grouping", `${WOMAN.slice(0, 5)}  ${WOMAN.slice(5, 10)}  ${WOMAN.slice(10)}`],
  ["NBSP", spaced(MAN, "\u00a0")],
  ["narrow NBSP", spaced(WOMAN, "\u202f")],
  ["zero-width spaces", spaced(MAN, "\u200b")],
  ["tabs", spaced(WOMAN, "\t")],
  ["mixed separators", `${MAN.slice(0, 5)}.${MAN.slice(5, 10)}-${MAN.slice(10)}`],
  ["run together", MAN],
  ["letters glued before", `nir${MAN}`],
  ["letters glued before, key mistyped (the finding's own)", "nir185057800608436"],
  ["letters glued after", `${WOMAN}bis`],
  ["letters glued after a key ending in 2", `${KEY_ENDS_IN_2}ans`],
  ["letters glued on both sides", `secu${MAN}ok`],
  ["full-width digits", fullWidth(MAN)],
  ["full-width digits and spaces", fullWidth(spaced(WOMAN, " "))],
  ["full-width, glued to ＮＩＲ", `ＮＩＲ${fullWidth(MAN)}`],
  ["2A", CORSICA_A],
  ["2a, lower case, spaced", spaced(CORSICA_A.toLowerCase(), " ")],
  ["2B, slashes", spaced(CORSICA_B, "/")],
  ["2B, full width", fullWidth(CORSICA_B)],
  ["temporary number, dotted", spaced(TEMPORARY, ".")],
  ["inside a sentence", `Le salarié (n° ${spaced(MAN, " ")}) reprend lundi à mi-temps.`],
  ["at the end of a sentence", `Son numéro : ${WOMAN}.`],
  ["after a phone number", `tél. 02 40 12 34 56 ; ${spaced(MAN, " ")}`],
  ["13 characters without the key", "Salarié 1850578006084, voir dossier."],
  ["13 characters, spaced, without the key", `dossier ${spaced(WOMAN.slice(0, 13), " ")} à revoir`],
  ["13 characters after sécu", `sécu : ${CORSICA_B.slice(0, 13)}`],
  ["key mistyped, spaced", spaced(wrongKey("1850578006084"), " ")],
];

/** Numbers that are not NIRs, in free text: they are stored. */
const NOT_NIRS = [
  "SIRET 73282932000074",
  "SIRET 732 829 320 00074",
  "tél. 02 40 12 34 56",
  "+33 6 12 34 56 78",
  "arrêt du 12/05/2024 au 30/06/2024",
  "reprise le 2024-05-12",
  "12/05/2024 - 13/06/2024",
  "indemnités : 1 234 567,89 €",
  `dossier ${wrongKey("1850578006084")}`, // 15 digits, key wrong
  `réf. ${wrongKey("185052A006084")}`, // 2A, key wrong
  `réf. 1${MAN}`, // 16 digits
  "3 x 8, 35 h, 44600 Saint-Nazaire",
  "ref PDP-2026-G4C4TM",
];

/** The whole content of the pdp collections, to prove a refusal wrote nothing. */
async function snapshot(): Promise<string> {
  const docs = await t.database.db.collection("pdp_fiches").find({}).sort({ _id: 1 }).toArray();
  return JSON.stringify(docs);
}

/** The refusal names `field`, and its message and extensions hold no digit outside the field's path. */
function expectNirRefused(res: GraphQLResponse, field: string, label: string) {
  const err = onlyError(res);
  expect(err.extensions, `${label} in ${field}`).toMatchObject({ code: "BAD_USER_INPUT", argument: field });
  expect(err.message, label).toMatch(/NIR/);
  const echoed = JSON.stringify({ message: err.message, extensions: err.extensions })
    .normalize("NFKC")
    .replaceAll(field, "");
  expect(echoed, `${label}: no digit of the value comes back`).not.toMatch(/\d/);
}

describe("which inputs are free text", () => {
  it("every String field of every exchange mutation's input is declared free text (screened) or a key (not screened)", () => {
    const schema = buildSchema();
    const seen = new Set<GraphQLInputObjectType>();
    const strings: string[] = [];
    const walk = (type: GraphQLInputObjectType) => {
      if (seen.has(type)) return;
      seen.add(type);
      for (const field of Object.values(type.getFields())) {
        const named = getNamedType(field.type);
        if (isInputObjectType(named)) walk(named);
        else if (named.name === "String") strings.push(`${type.name}.${field.name}`);
      }
    };
    // The exchange's mutations (they return a fiche); the CPOM follow-up screens its own free text (src/sources/spsti/indicators/inputs.ts).
    const exchange = Object.values(schema.getMutationType()!.getFields()).filter(
      (f) => getNamedType(f.type).name === "FicheLiaison",
    );
    expect(exchange.length).toBeGreaterThanOrEqual(9);
    for (const field of exchange) {
      for (const arg of field.args) {
        const named = getNamedType(arg.type);
        if (isInputObjectType(named)) walk(named);
        else expect(named.name, `${field.name}(${arg.name})`).not.toBe("String");
      }
    }
    expect(strings.length).toBeGreaterThan(0);
    for (const path of strings) {
      const name = path.split(".")[1];
      expect(
        FREE_TEXT_FIELDS.has(name) !== NOT_FREE_TEXT_FIELDS.has(name),
        `${path}: free text or key?`,
      ).toBe(true);
    }
    expect(strings.filter((p) => FREE_TEXT_FIELDS.has(p.split(".")[1])).sort()).toEqual([
      "FicheCapacitiesInput.restrictions",
      "FicheJobInput.poste",
      "PostFicheMessageInput.text",
    ]);
  });
});

describe("over the API, nothing is written", () => {
  it(`refuses a NIR in ${NIRS.length} spellings, in the job title, a restriction and a message, naming the field and quoting nothing`, async () => {
    expect(NIRS.length).toBeGreaterThanOrEqual(28);
    const sent = await sentFiche(t, "nir-0001");
    const draft = await run(t, SSTRN, M.create, draftInput("nir-0002"));
    const before = await snapshot();
    for (const [i, [label, nir]] of NIRS.entries()) {
      const cases: [FicheMutation, Record<string, unknown>, string][] = [
        [
          M.create,
          draftInput(`nir-create-${i}`, { job: { ...JOB, poste: `cariste ${nir}` } }),
          "input.job.poste",
        ],
        [
          M.update,
          {
            id: draft.id,
            expectedVersion: draft.version,
            capacities: { restrictions: ["pas de travail de nuit", nir] },
          },
          "input.capacities.restrictions.1",
        ],
        [
          M.message,
          { id: sent.id, expectedVersion: sent.version, text: `Le salarié a rappelé : ${nir}` },
          "input.text",
        ],
      ];
      for (const [query, input, field] of cases)
        expectNirRefused(await attempt(t, SSTRN, query, input), field, label);
      // The partner is screened the same way.
      expectNirRefused(
        await attempt(t, CARSAT, M.message, { id: sent.id, expectedVersion: sent.version, text: nir }),
        "input.text",
        `${label} (Carsat)`,
      );
    }
    expect(await snapshot()).toBe(before);
  });

  it("stores numbers that are not NIRs in every free text: SIRET, phone, dates, amounts, a wrong key", async () => {
    let fiche: { id: string; version: number } = await sentFiche(t, "numbers-0001");
    for (const text of NOT_NIRS) {
      const updated = await run(t, SSTRN, M.update, {
        id: fiche.id,
        expectedVersion: fiche.version,
        job: { ...JOB, poste: text },
        capacities: { restrictions: [text] },
      });
      expect(updated.job!.poste).toBe(text);
      expect(updated.capacities!.restrictions).toEqual([text]);
      const posted = await run(t, CARSAT, M.message, {
        id: fiche.id,
        expectedVersion: updated.version,
        text,
      });
      expect(posted.messages!.at(-1)!.text).toBe(text);
      fiche = posted;
    }
  });

  it("takes a 13-digit timestamp as an idempotency key: a key is not free text", async () => {
    const draft = await run(t, SSTRN, M.create, draftInput("1733313600000"));
    expect(draft.status).toBe("DRAFT");
    const consented = await run(t, SSTRN, M.consent, {
      id: draft.id,
      expectedVersion: draft.version,
      givenAt: new Date(Date.now() - 60_000).toISOString(),
      how: "ECRIT",
      recipients: [{ type: "CARSAT", id: CARSAT_ID }],
      groups: ["JOB"],
    });
    const send: SendFicheInput = {
      id: draft.id,
      expectedVersion: consented.version,
      recipient: { type: "CARSAT", id: CARSAT_ID },
      idempotencyKey: "1733400000000",
    };
    expect((await run(t, SSTRN, M.send, send)).status).toBe("SENT");
    // The retry is recognised by that key.
    expect((await run(t, SSTRN, M.send, send)).status).toBe("SENT");
  });

  it("takes a NAF subclass for job.naf5, and refuses a class, a division or a section, naming the field", async () => {
    const draft = await run(t, SSTRN, M.create, draftInput("naf-0001"));
    const before = await snapshot();
    for (const naf5 of ["41.20", "4120", "41", "F"]) {
      const res = await attempt(
        t,
        SSTRN,
        M.create,
        draftInput(`naf-code-${naf5}`, { job: { ...JOB, naf5 } }),
      );
      expect(onlyError(res).extensions, naf5).toMatchObject({
        code: "BAD_USER_INPUT",
        argument: "input.job.naf5",
      });
      expect(onlyError(res).message).toMatch(/subclass/);
    }
    const update = await attempt(t, SSTRN, M.update, {
      id: draft.id,
      expectedVersion: draft.version,
      job: { ...JOB, naf5: "41.20" },
    });
    expect(onlyError(update).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argument: "input.job.naf5",
    });
    expect(await snapshot()).toBe(before);
    for (const naf5 of ["41.20A", "4120A"]) {
      const created = await run(t, SSTRN, M.create, draftInput(`naf-ok-${naf5}`, { job: { ...JOB, naf5 } }));
      const read = await t.gql(
        graphql(`query FicheNaf5($id: ID!) { ficheLiaison(id: $id) { job { naf5 } } }`),
        { id: created.id },
        await as(SSTRN),
      );
      expect(read.data!.ficheLiaison!.job!.naf5).toBe("4120A");
    }
  });

  it("refuses a SIRET failing its Luhn check, naming it", async () => {
    const before = await snapshot();
    const res = await attempt(
      t,
      SSTRN,
      M.create,
      draftInput("siret-0001", { job: { ...JOB, siret: "44100000000015" } }),
    );
    const err = onlyError(res);
    expect(err.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "input" });
    expect(err.message).toMatch(/input\.job\.siret.*Luhn/);
    // Written inline, the argument is named by its field.
    const inline = await t.gql(
      `mutation { createFicheDraft(input: { idempotencyKey: "siret-0002", recipient: { type: CARSAT, id: "${CARSAT_ID}" }, motif: ARRET_LONG,
      job: { siret: "44100000000015", naf5: "4120A", poste: "maçon", contractType: CDI, headcountBand: MICRO_LT_11 } }) { id } }`,
      undefined,
      await as(SSTRN),
    );
    expect(onlyError(inline).extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "siret" });
    expect(await snapshot()).toBe(before);
  });

  it("refuses an arrêt starting in the future, or longer than the days since it started, naming the field", async () => {
    const before = await snapshot();
    const future = await attempt(
      t,
      SSTRN,
      M.create,
      draftInput("arret-0001", {
        arret: { startDate: dayOffset(2), lengthBand: "LT_30J", riskType: "MALADIE", rqth: false },
      }),
    );
    expect(onlyError(future).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argument: "input.arret.startDate",
    });
    expect(onlyError(future).message).toMatch(/cannot start after today/);
    const tooLong = await attempt(
      t,
      SSTRN,
      M.create,
      draftInput("arret-0002", {
        arret: { startDate: dayOffset(-20), lengthBand: "GT_6M", riskType: "MP", rqth: false },
      }),
    );
    expect(onlyError(tooLong).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argument: "input.arret.lengthBand",
    });
    const badDate = await attempt(
      t,
      SSTRN,
      M.create,
      draftInput("arret-0003", {
        arret: { startDate: "2025-02-30", lengthBand: "GT_6M", riskType: "MP", rqth: false },
      }),
    );
    expect(onlyError(badDate).extensions?.code).toBe("BAD_USER_INPUT");
    expect(await snapshot()).toBe(before);
  });

  it("refuses texts too long or empty, a consent in the future, a recipient of the wrong kind and a bad enum, naming each", async () => {
    const draft = await run(t, SSTRN, M.create, draftInput("limits-0001"));
    const before = await snapshot();
    const cases: [FicheMutation, Record<string, unknown>, string][] = [
      [
        M.update,
        { id: draft.id, expectedVersion: 1, job: { ...JOB, poste: "x".repeat(121) } },
        "input.job.poste",
      ],
      [
        M.update,
        { id: draft.id, expectedVersion: 1, capacities: { restrictions: ["  "] } },
        "input.capacities.restrictions.0",
      ],
      [M.update, { id: draft.id, expectedVersion: 1 }, "input"],
      [
        M.consent,
        {
          id: draft.id,
          expectedVersion: 1,
          givenAt: new Date(Date.now() + 86_400_000).toISOString(),
          how: "ECRIT",
          recipients: [{ type: "CARSAT", id: CARSAT_ID }],
          groups: ["JOB"],
        },
        "input.givenAt",
      ],
      [
        M.consent,
        {
          id: draft.id,
          expectedVersion: 1,
          givenAt: new Date().toISOString(),
          how: "ECRIT",
          recipients: [{ type: "CARSAT", id: "carsat-atlantide" }],
          groups: ["JOB"],
        },
        "input.recipients.0.id",
      ],
      [
        M.consent,
        {
          id: draft.id,
          expectedVersion: 1,
          givenAt: new Date().toISOString(),
          how: "ECRIT",
          recipients: [],
          groups: ["JOB"],
        },
        "input.recipients",
      ],
      [
        M.send,
        {
          id: draft.id,
          expectedVersion: 1,
          recipient: { type: "SPSTI", id: "sstrn" },
          idempotencyKey: "limits-0001-send",
        },
        "input.recipient.type",
      ],
      [
        M.create,
        draftInput("limits-0002", { recipient: { type: "CPAM", id: "cpam-999" } }),
        "input.recipient.id",
      ],
      [M.create, draftInput("short"), "input.idempotencyKey"],
      [M.create, draftInput("limits-0003", { workerPseudonym: "Jean Dupont" }), "input.workerPseudonym"],
      [M.update, { id: draft.id, expectedVersion: 0, motif: "ARRET_LONG" }, "input.expectedVersion"],
    ];
    for (const [query, input, field] of cases) {
      expect(onlyError(await attempt(t, SSTRN, query, input)).extensions, field).toMatchObject({
        code: "BAD_USER_INPUT",
        argument: field,
      });
    }
    const badEnum = await attempt(t, SSTRN, M.close, {
      id: draft.id,
      expectedVersion: 1,
      outcome: "GUERISON",
    });
    expect(onlyError(badEnum).extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "input" });
    expect(await snapshot()).toBe(before);
  });
});
