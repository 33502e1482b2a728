import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClientSchema, getIntrospectionQuery, isObjectType, type IntrospectionQuery } from "graphql";
import { as, startTestApp, type TestApp } from "./helpers.js";

/**
 * What the schema tells whom: anonymous callers get no introspection and no
 * field suggestions; a partner's introspection shows only what its roles may
 * read, so that GraphiQL's documentation pane is the truth for each analyst.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(import.meta.url);
});
afterAll(() => t.close());

async function schemaAs(role: string, org: `${"SPSTI" | "CARSAT" | "NATIONAL"}:${string}`) {
  const res = await t.gql<IntrospectionQuery>(
    getIntrospectionQuery(),
    undefined,
    await as({ role: role as never, org }),
  );
  expect(res.errors).toBeUndefined();
  return buildClientSchema(res.data!);
}

function fieldsOf(schema: ReturnType<typeof buildClientSchema>, typeName: string): string[] {
  const type = schema.getType(typeName);
  return type && isObjectType(type) ? Object.keys(type.getFields()) : [];
}

describe("introspection", () => {
  it("is refused to anonymous callers, with FORBIDDEN and no data", async () => {
    const res = await t.gql("{ __schema { types { name } } }");
    expect(res.status).toBe(403);
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const typeLookup = await t.gql(`{ __type(name: "FicheLiaison") { fields { name } } }`);
    expect(typeLookup.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("shows an analyst the aggregates, and none of the fiches, audit or import record", async () => {
    const schema = await schemaAs("ANALYST_NATIONAL", "NATIONAL:dgt");
    const query = fieldsOf(schema, "Query");
    expect(query).toEqual(expect.arrayContaining(["sector", "territory", "sumer", "spstis", "datasets"]));
    for (const hidden of ["ficheLiaison", "fichesLiaison", "auditTrail", "myImports", "establishment"])
      expect(query).not.toContain(hidden);
    for (const hidden of ["FicheLiaison", "FicheMedical", "AuditEvent"])
      expect(schema.getType(hidden)).toBeUndefined();
    expect(fieldsOf(schema, "DatasetVersion")).not.toContain("importedBy");
  });

  it("shows the medical group to the médecin du travail only, and the import record to a steward", async () => {
    const medecin = await schemaAs("MEDECIN_TRAVAIL", "SPSTI:sstrn");
    const cellule = await schemaAs("CELLULE_PDP", "SPSTI:sstrn");
    expect(fieldsOf(medecin, "FicheLiaison")).toContain("medical");
    expect(fieldsOf(cellule, "FicheLiaison")).toEqual(expect.arrayContaining(["job", "consent"]));
    expect(fieldsOf(cellule, "FicheLiaison")).not.toContain("medical");
    expect(cellule.getType("FicheMedical")).toBeUndefined();
    const steward = await schemaAs("DATA_STEWARD", "CARSAT:carsat-pays-de-la-loire");
    expect(fieldsOf(steward, "Query")).toContain("myImports");
    expect(fieldsOf(steward, "DatasetVersion")).toContain("importedBy");
    expect(fieldsOf(steward, "Query")).not.toContain("spstis");
  });
});

describe("field suggestions", () => {
  it("are given to partners, never to anonymous callers", async () => {
    const typo = '{ sector(naf: "F") { lable } }';
    const anonymous = await t.gql(typo);
    expect(anonymous.errors?.[0].message).toBe('Cannot query field "lable" on type "Sector".');
    const analyst = await t.gql(typo, undefined, await as({ role: "ANALYST_NATIONAL", org: "NATIONAL:dgt" }));
    expect(analyst.errors?.[0].message).toMatch(/Did you mean "label"\?/);
  });
});
