import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { getNamedType } from "graphql";
import { MongoClient } from "mongodb";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { inject } from "vitest";
import { ROLES, type Role } from "../src/auth/roles.js";
import { buildSchema } from "../src/schema.js";
import { auditEvents, createAuditRecorder } from "../src/privacy/audit.js";
import type { VariablesOf } from "@graphql-typed-document-node/core";
import {
  as,
  onlyError,
  startTestApp,
  tokenFor,
  type GraphQLResponse,
  type TestApp,
  type ViewerSpec,
} from "./helpers.js";
import type { AuditEventDoc } from "../src/sources/audit/types.js";
import { graphql } from "./generated/index.js";
import type { CelluleReadsFichesQuery } from "./generated/graphql.js";

/**
 * The audit trail: every resolution of personal data is written before the
 * response leaves (one insertMany per request), with who/what/when and field
 * paths, never values; only a DPO reads it, for its own organisation; nothing
 * can alter it; when it cannot be written the data is withheld.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(import.meta.url);
});
afterAll(() => t.close());

const CELLULE: ViewerSpec = { role: "CELLULE_PDP", org: "SPSTI:sstrn", sub: "cellule-a@sstrn" };
const OTHER_CELLULE: ViewerSpec = { role: "CELLULE_PDP", org: "SPSTI:stam", sub: "cellule-b@stam" };
const SERVICE_SOCIAL: ViewerSpec = {
  role: "CARSAT_SERVICE_SOCIAL",
  org: "CARSAT:carsat-pays-de-la-loire",
  sub: "as-c@carsat",
};
const DPO_SSTRN: ViewerSpec = { role: "DPO", org: "SPSTI:sstrn", sub: "dpo@sstrn" };
const DPO_OTHER: ViewerSpec = { role: "DPO", org: "SPSTI:stam", sub: "dpo@stam" };
const DPO_CARSAT: ViewerSpec = { role: "DPO", org: "CARSAT:carsat-pays-de-la-loire", sub: "dpo@carsat" };

const LIST = graphql(`query CelluleReadsFiches($org: ID!) {
  fichesLiaison(org: $org, first: 5) {
    totalCount
    nodes { id ref status worker { pseudonym } job { siret poste } arret { startDate lengthBand } actions { type date } }
  }
}`);
const TRAIL = graphql(`query Trail($from: DateTime, $to: DateTime, $first: Int, $after: String) {
  auditTrail(from: $from, to: $to, first: $first, after: $after) {
    totalCount
    nodes { id at requestId subject organisation { type id } roles operationName ficheId pseudonym fields }
    pageInfo { hasNextPage endCursor }
  }
}`);

const events = () => t.database.db.collection<AuditEventDoc>("audit_events");
const eventsOf = (subject: string) => events().find({ subject }).sort({ at: 1, _id: 1 }).toArray();

/** Every string value of a JSON-like value (object keys excluded). */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object" && !(value instanceof Date))
    return Object.values(value).flatMap(strings);
  return [];
}

describe("what a fiche read writes to the trail", () => {
  let res: GraphQLResponse<CelluleReadsFichesQuery>;
  let written: Awaited<ReturnType<typeof eventsOf>>;
  let insertCommands: number;

  beforeAll(async () => {
    await events().deleteMany({ subject: CELLULE.sub });
    const measured = await t.database.commands.measure(async () =>
      t.gql(LIST, { org: "sstrn" }, await as(CELLULE)),
    );
    res = measured.result;
    insertCommands = measured.names.insert ?? 0;
    written = await eventsOf(CELLULE.sub!);
  });

  it("answers the fiches and writes their events with one insert, before the response", () => {
    expect(res.errors).toBeUndefined();
    expect(res.data!.fichesLiaison!.nodes).toHaveLength(5);
    expect(insertCommands).toBe(1);
    expect(written.length).toBeGreaterThan(0);
  });

  it("writes one event per fiche read, with the viewer, operation, request id and the fiche's pseudonym", () => {
    const nodes = res.data!.fichesLiaison!.nodes;
    const perFiche = written.filter((e) => e.ficheId !== null);
    expect(perFiche.map((e) => e.ficheId).sort()).toEqual(nodes.map((n) => n.id).sort());
    for (const n of nodes)
      expect(perFiche.find((e) => e.ficheId === n.id)!.pseudonym).toBe(n.worker.pseudonym);
    const requestIds = new Set(written.map((e) => e.requestId));
    expect(requestIds.size).toBe(1);
    expect([...requestIds][0]).toMatch(/^[0-9a-f-]{36}$/);
    for (const e of written) {
      expect(e).toMatchObject({
        subject: "cellule-a@sstrn",
        orgType: "SPSTI",
        orgId: "sstrn",
        roles: ["CELLULE_PDP"],
        operationName: "CelluleReadsFiches",
      });
      expect(e.at).toBeInstanceOf(Date);
      expect(Date.now() - e.at.getTime()).toBeLessThan(60_000);
    }
  });

  it("lists the field paths without list indexes", () => {
    const e = written.find((x) => x.ficheId !== null)!;
    expect(e.fields).toEqual(
      expect.arrayContaining([
        "fichesLiaison.nodes.ref",
        "fichesLiaison.nodes.worker",
        "fichesLiaison.nodes.worker.pseudonym",
        "fichesLiaison.nodes.job",
        "fichesLiaison.nodes.job.poste",
        "fichesLiaison.nodes.arret.startDate",
      ]),
    );
    for (const x of written) for (const f of x.fields) expect(f).not.toMatch(/(^|\.)\d+(\.|$)/);
    // The request-level read (the list and its count) is one event without a fiche.
    const requestLevel = written.filter((x) => x.ficheId === null);
    expect(requestLevel).toHaveLength(1);
    expect(requestLevel[0].fields).toEqual(
      expect.arrayContaining(["fichesLiaison", "fichesLiaison.totalCount"]),
    );
  });

  it("stores no value of the fiches: no job, arrêt, action, ref or status value", () => {
    const stored = new Set(written.flatMap((e) => strings({ ...e, _id: null, at: null })));
    const values = res.data!.fichesLiaison!.nodes.flatMap((n) => [
      n.ref,
      n.job?.siret,
      n.job?.poste,
      n.arret?.startDate,
      ...(n.actions ?? []).map((a) => a.date),
    ]);
    const checked = values.filter((v: unknown): v is string => typeof v === "string");
    expect(checked.length).toBeGreaterThan(5);
    for (const v of checked) expect(stored.has(v), v).toBe(false);
    const allText = JSON.stringify(written);
    for (const n of res.data!.fichesLiaison!.nodes) if (n.job) expect(allText).not.toContain(n.job.poste);
    for (const e of written) {
      const keys = [
        "_id",
        "at",
        "ficheId",
        "fields",
        "operationName",
        "orgId",
        "orgType",
        "pseudonym",
        "requestId",
        "roles",
        "subject",
      ];
      expect(Object.keys(e).sort()).toEqual(keys);
    }
  });

  it("merges repeated reads of one fiche into one event, naming fields through their aliases", async () => {
    const id = res.data!.fichesLiaison!.nodes[0].id;
    const sub = "cellule-alias@sstrn";
    const r = await t.gql(
      graphql(
        `query Twice($id: ID!) { a: ficheLiaison(id: $id) { ref j: job { poste } } b: ficheLiaison(id: $id) { ref } }`,
      ),
      { id },
      await as({ ...CELLULE, sub }),
    );
    expect(r.errors).toBeUndefined();
    const mine = await eventsOf(sub);
    expect(mine).toHaveLength(1);
    expect(mine[0].ficheId).toBe(id);
    expect(mine[0].fields).toEqual([
      "ficheLiaison",
      "ficheLiaison.job",
      "ficheLiaison.job.poste",
      "ficheLiaison.ref",
    ]);
  });

  it("does not record a field that was denied (the medical group for a cellule PDP)", async () => {
    const id = res.data!.fichesLiaison!.nodes[0].id;
    const sub = "cellule-medical@sstrn";
    // Anonymous on purpose (the event's operationName is null): a plain string, sent as written.
    const r = await t.gql(
      `query ($id: ID!) { ficheLiaison(id: $id) { ref medical { pathologyGroup } } }`,
      { id },
      await as({ ...CELLULE, sub }),
    );
    expect(onlyError(r).extensions?.code).toBe("FORBIDDEN");
    const [e] = await eventsOf(sub);
    expect(e.fields).toEqual(["ficheLiaison", "ficheLiaison.ref"]);
    expect(e.operationName).toBeNull();
  });
});

describe("reads that write nothing", () => {
  it("public and partner aggregates write no event and send no insert", async () => {
    const before = await events().countDocuments();
    const anonymous = await t.database.commands.measure(() =>
      t.gql(
        graphql(
          `query AuditPublicAggregate { sinistralite(sector: { naf: "41" }, years: { from: 2024, to: 2024 }) { year accidents } }`,
        ),
      ),
    );
    const partner = await t.database.commands.measure(async () =>
      t.gql(
        graphql(
          `query AuditPartnerAggregate { pdpSignalements(years: { from: 2023, to: 2024 }, org: "sstrn") { year count } }`,
        ),
        undefined,
        await as(CELLULE),
      ),
    );
    expect(anonymous.result.errors).toBeUndefined();
    expect(partner.result.errors).toBeUndefined();
    expect(anonymous.names.insert).toBeUndefined();
    expect(partner.names.insert).toBeUndefined();
    expect(await events().countDocuments()).toBe(before);
  });

  it("a list denied at its root writes nothing", async () => {
    const before = await events().countDocuments();
    const r = await t.gql(LIST, { org: "sstrn" }, await as({ role: "PREVENTEUR", org: "SPSTI:sstrn" }));
    expect(onlyError(r).extensions?.code).toBe("FORBIDDEN");
    expect(await events().countDocuments()).toBe(before);
  });
});

describe("auditTrail: the DPO reads its own organisation's trail", () => {
  beforeAll(async () => {
    // Events from three organisations.
    for (const viewer of [CELLULE, OTHER_CELLULE]) {
      const r = await t.gql(LIST, { org: viewer.org.split(":")[1] }, await as(viewer));
      expect(r.errors).toBeUndefined();
      expect(r.data!.fichesLiaison!.nodes.length).toBeGreaterThan(0);
    }
    const r = await t.gql(
      graphql(
        `query CarsatReadsFiches { fichesLiaison(org: "carsat-pays-de-la-loire", first: 3) { nodes { id ref } } }`,
      ),
      undefined,
      await as(SERVICE_SOCIAL),
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.fichesLiaison!.nodes.length).toBeGreaterThan(0);
  });

  async function trailOf(dpo: ViewerSpec, variables: VariablesOf<typeof TRAIL> = { first: 1000 }) {
    const r = await t.gql(TRAIL, variables, await as(dpo));
    expect(r.errors).toBeUndefined();
    return r.data!.auditTrail!;
  }

  it("gives the SSTRN's DPO exactly the SSTRN's events, as stored", async () => {
    const trail = await trailOf(DPO_SSTRN);
    const stored = await events().find({ orgType: "SPSTI", orgId: "sstrn" }).toArray();
    expect(trail.totalCount).toBe(stored.length);
    expect(trail.nodes.map((n) => n.id).sort()).toEqual(stored.map((e) => e._id.toHexString()).sort());
    for (const n of trail.nodes) expect(n.organisation).toEqual({ type: "SPSTI", id: "sstrn" });
    const one = trail.nodes.find((n) => n.subject === "cellule-a@sstrn" && n.ficheId);
    expect(one).toMatchObject({ roles: ["CELLULE_PDP"], operationName: "CelluleReadsFiches" });
    expect(one!.fields).toContain("fichesLiaison.nodes.job.poste");
  });

  it("keeps organisations apart: another SPSTI's DPO and the Carsat's DPO see none of the SSTRN's events", async () => {
    const other = await trailOf(DPO_OTHER);
    expect(other.nodes.length).toBeGreaterThan(0);
    expect(other.nodes.every((n) => n.organisation.id === "stam" && n.subject === "cellule-b@stam")).toBe(
      true,
    );
    const carsat = await trailOf(DPO_CARSAT);
    expect(carsat.nodes.length).toBeGreaterThan(0);
    expect(carsat.nodes.every((n) => n.organisation.id === "carsat-pays-de-la-loire")).toBe(true);
    expect(carsat.nodes.some((n) => n.subject.endsWith("@sstrn"))).toBe(false);
  });

  it("pushes the organisation into the Mongo filter", async () => {
    const { commands } = await t.database.commands.measure(async () =>
      t.gql(TRAIL, { first: 10 }, await as(DPO_SSTRN)),
    );
    const finds = t.database.commands.recent
      .slice(-commands)
      .filter((c) => c.collection === "audit_events" && c.name === "find");
    expect(finds).toHaveLength(1);
    expect(finds[0].filterKeys).toEqual(["orgType", "orgId"]);
  });

  it("pages in time order with a stable cursor, and filters by time", async () => {
    const all = await trailOf(DPO_SSTRN);
    const first = await trailOf(DPO_SSTRN, { first: 2 });
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await trailOf(DPO_SSTRN, { first: 2, after: first.pageInfo.endCursor });
    expect([...first.nodes, ...second.nodes].map((n) => n.id)).toEqual(
      all.nodes.slice(0, 4).map((n) => n.id),
    );
    const times = all.nodes.map((n) => n.at);
    expect([...times].sort()).toEqual(times);
    const future = await trailOf(DPO_SSTRN, { from: "2100-01-01T00:00:00Z" });
    expect(future).toMatchObject({ totalCount: 0, nodes: [] });
    const upTo = await trailOf(DPO_SSTRN, { to: all.nodes[0].at, first: 1000 });
    expect(upTo.nodes.every((n) => n.at <= all.nodes[0].at)).toBe(true);
    expect(upTo.totalCount).toBeGreaterThan(0);
  });

  it("rejects a reversed window and a foreign cursor", async () => {
    const dpo = await as(DPO_SSTRN);
    const reversed = await t.gql(TRAIL, { from: "2025-02-01T00:00:00Z", to: "2025-01-01T00:00:00Z" }, dpo);
    expect(onlyError(reversed).extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "to" });
    const foreign = Buffer.from("k:sstrn|42", "utf8").toString("base64url");
    expect(onlyError(await t.gql(TRAIL, { after: foreign }, dpo)).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argument: "after",
    });
  });

  it("is null with FORBIDDEN for every other role, and for anonymous callers", async () => {
    const SPECS: Partial<Record<Role, ViewerSpec>> = {};
    for (const role of ROLES.filter((r) => r !== "DPO")) {
      const org = role.startsWith("CARSAT")
        ? "CARSAT:carsat-pays-de-la-loire"
        : role.startsWith("DREETS") || role === "ANALYST_REGIONAL"
          ? "DREETS:dreets-52"
          : role === "ANALYST_NATIONAL"
            ? "NATIONAL:dgt"
            : "SPSTI:sstrn";
      SPECS[role] = { role, org: org as ViewerSpec["org"] };
    }
    for (const [role, spec] of Object.entries(SPECS)) {
      const r = await t.gql(TRAIL, {}, await as(spec!));
      expect(r.data, role).toEqual({ auditTrail: null });
      expect(onlyError(r).extensions?.code, role).toBe("FORBIDDEN");
    }
    const anonymous = await t.gql(TRAIL, {}, {});
    expect(anonymous.data).toEqual({ auditTrail: null });
    expect(onlyError(anonymous).extensions?.code).toBe("FORBIDDEN");
  });
});

describe("nobody can alter the trail", () => {
  it("no mutation touches the trail: none is of group AUDIT, none returns an audit event", async () => {
    const mutations = Object.values(buildSchema().getMutationType()?.getFields() ?? {});
    expect(mutations.length).toBeGreaterThan(0);
    for (const m of mutations) {
      expect(
        m.astNode?.directives?.find((d) => d.name.value === "access")?.arguments?.[0]?.value,
      ).not.toMatchObject({ value: "AUDIT" });
      // The fiche exchange, the CPOM follow-up and the annex-4 campaign return their own items, never the trail's.
      expect(getNamedType(m.type).name, m.name).not.toMatch(/^Audit/);
    }
  });

  it("the only write to the audit collection in the code base is the insert of the repository", () => {
    const WRITE = /\.(update\w*|delete\w*|replace\w*|findOneAnd\w+|bulkWrite|drop\w*|rename|insertOne)\s*\(/;
    const offenders: string[] = [];
    for (const file of sourceFiles(["src", "resolvers", "seeds", "tools"])) {
      const text = readFileSync(file, "utf8");
      if (!/audit_events|AUDIT_EVENTS/.test(text)) continue;
      if (WRITE.test(text)) offenders.push(file);
      for (const m of text.matchAll(/\.insertMany\s*\(/g))
        if (!file.endsWith(path.join("sources", "audit", "repository.ts")))
          offenders.push(`${file}@${m.index}`);
    }
    expect(offenders).toEqual([]);
  });
});

describe("when the trail cannot be written", () => {
  it("withholds the personal data and answers UPSTREAM_UNAVAILABLE, logging no token and no value", async () => {
    // A real client, closed: the driver refuses every operation on it.
    const closed = new MongoClient(inject("mongoUri"));
    await closed.connect();
    await closed.close();
    const original = t.app.context;
    t.app.context = async (authorization) => ({
      ...(await original(authorization)),
      audit: createAuditRecorder(closed.db(t.config.dbName)),
    });
    const logs = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const token = await tokenFor(CELLULE);
    try {
      const before = await events().countDocuments();
      const r = await t.gql(LIST, { org: "sstrn" }, { authorization: `Bearer ${token}` });
      expect(r.data).toBeUndefined();
      expect(onlyError(r)).toEqual({
        message: "The database is unavailable. Please retry shortly.",
        extensions: { code: "UPSTREAM_UNAVAILABLE" },
      });
      expect(await events().countDocuments()).toBe(before);

      // The same request with a working trail shows what was withheld.
      t.app.context = original;
      const ok = await t.gql(LIST, { org: "sstrn" }, { authorization: `Bearer ${token}` });
      const values = ok.data!.fichesLiaison!.nodes.flatMap((n) =>
        [n.ref, n.worker.pseudonym, n.job?.poste].filter(Boolean),
      );
      const logged = logs.mock.calls.map((c) => c.join(" ")).join("\n");
      expect(logged).toMatch(/audit trail write failed \(MongoNotConnectedError\)/);
      for (const secret of [token, "Bearer", ...values]) {
        expect(JSON.stringify(r)).not.toContain(secret);
        expect(logged).not.toContain(secret);
      }
    } finally {
      t.app.context = original;
      logs.mockRestore();
    }
  });

  it("a bad token is refused without echoing it, in the answer or in the logs", async () => {
    const logged: string[] = [];
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation((...a) => void logged.push(a.join(" "))),
    );
    try {
      const forged = `${(await tokenFor(CELLULE)).slice(0, -6)}AAAAAA`;
      const r = await t.gql(LIST, { org: "sstrn" }, { authorization: `Bearer ${forged}` });
      expect(onlyError(r).extensions?.code).toBe("UNAUTHENTICATED");
      expect(JSON.stringify(r)).not.toContain(forged.split(".")[1]);
      expect(logged.join("\n")).not.toContain(forged.split(".")[1]);
    } finally {
      for (const s of spies) s.mockRestore();
    }
  });
});

describe("building events (pure)", () => {
  const viewer = {
    subject: "s",
    org: { type: "SPSTI" as const, id: "sstrn" },
    roles: ["CELLULE_PDP" as const],
    region: null,
  };

  it("attributes fields below a fiche to it, and keeps request-level fields apart", () => {
    const events = auditEvents(
      [
        { ficheId: null, pseudonym: null, path: "l", field: "Query.fichesLiaison" },
        { ficheId: null, pseudonym: null, path: "l.nodes", field: "FicheLiaisonConnection.nodes" },
        { ficheId: "f1", pseudonym: "p1", path: "l.nodes.0.job", field: "FicheLiaison.job" },
        { ficheId: null, pseudonym: null, path: "l.nodes.0.job.poste", field: "FicheJob.poste" },
        { ficheId: "f2", pseudonym: "p2", path: "l.nodes.1.job", field: "FicheLiaison.job" },
        { ficheId: "f2", pseudonym: "p2", path: "l.nodes.1.job" },
      ],
      { requestId: "r", viewer, operationName: null },
    );
    expect(events.map((e) => [e.ficheId, e.pseudonym, e.fields])).toEqual([
      [null, null, ["fichesLiaison", "fichesLiaison.nodes"]],
      ["f1", "p1", ["fichesLiaison.nodes.job", "fichesLiaison.nodes.job.poste"]],
      ["f2", "p2", ["fichesLiaison.nodes.job"]],
    ]);
  });

  it("fails closed: no viewer, or no store, means no answer", async () => {
    const entry = { ficheId: "f", pseudonym: "p", path: "ficheLiaison.ref" };
    expect(() => auditEvents([entry], { requestId: "r", viewer: null, operationName: null })).toThrow();
    const recorder = createAuditRecorder();
    recorder.record(entry);
    await expect(recorder.flush({ requestId: "r", viewer, operationName: null })).rejects.toThrow();
    expect(await createAuditRecorder().flush({ requestId: "r", viewer: null, operationName: null })).toBe(0);
  });
});

function sourceFiles(dirs: string[]): string[] {
  const root = new URL("..", import.meta.url).pathname;
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(ts|mjs|js)$/.test(name)) out.push(full);
    }
  };
  for (const d of dirs) walk(path.join(root, d));
  return out;
}
