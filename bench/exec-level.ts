/**
 * The execution-only level, in a process of its own (forked by bench/run.ts):
 * the same operations against loaders primed from memory, so that no
 * database command is sent, timed against the hand-written twin reading the
 * same primed loaders (same keys built and looked up) and building the same
 * JSON by hand. It isolates the GraphQL layer: graphql-js
 * (`execute`) and graphql-jit alone, and each through the whole Apollo
 * pipeline in-process (parse cache, validation, plugins, formatting,
 * serialisation: everything but the socket). Read operations only: a
 * mutation's write is its point, it is measured end to end.
 */
import { createHash } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import { isTrusted } from "../src/graphql/trusted-documents.js";
import { execute, Kind, parse, type DocumentNode } from "graphql";
import { compileQuery, isCompiledQuery } from "graphql-jit";
import DataLoader from "dataloader";
import { HeaderMap } from "@apollo/server";
import { loadConfig } from "../src/config.js";
import { connectDatabase } from "../src/db/mongo.js";
import { createApp, type App } from "../src/app.js";
import type { Context } from "../src/context.js";
import { buildSchema } from "../src/schema.js";
import { DB_NAME } from "./database.js";
import { handlers } from "./baseline/handlers.js";
import { auditEvents, type AuditEntry } from "../src/privacy/audit.js";
import { authorizations, variablesOf, workloads } from "./workloads.js";

export interface ExecVariant {
  variant: string;
  opsPerSecond: number;
}
export interface ExecResult {
  workload: string;
  operations: string[];
  /** Ops/s of a full cycle of the workload's operations, per variant; `hand` is the reference. */
  variants: ExecVariant[];
  /** Database commands sent while timing: must be 0. */
  commands: number;
  sameJson: boolean;
}

type Run = () => Promise<unknown> | unknown;

/** Records every load of every loader of a context, to prime other contexts with. */
function record(ctx: Context): [string, string, unknown, unknown][] {
  const seen: [string, string, unknown, unknown][] = [];
  for (const [source, set] of Object.entries(ctx.loaders)) {
    for (const [name, loader] of Object.entries(set as Record<string, unknown>)) {
      if (!(loader instanceof DataLoader)) continue;
      const load = loader.load.bind(loader);
      loader.load = (key: unknown) => {
        const p = load(key);
        p.then(
          (v: unknown) => seen.push([source, name, key, v]),
          (e: unknown) => seen.push([source, name, key, e]),
        );
        return p;
      };
    }
  }
  return seen;
}

async function primed(
  app: App,
  authorization: string | undefined,
  loads: [string, string, unknown, unknown][],
): Promise<Context> {
  const ctx = await app.context(authorization);
  const all = ctx.loaders as unknown as Record<string, Record<string, DataLoader<unknown, unknown>>>;
  for (const [source, name, key, value] of loads) all[source][name].prime(key, value as never);
  return ctx;
}

/** The context of one run: the primed loaders, and an audit recorder that builds the events (src/privacy/audit.ts) without writing them. */
function dry(ctx: Context): Context {
  const entries: AuditEntry[] = [];
  return {
    ...ctx,
    audit: { record: (e) => void entries.push(e), flush: async (meta) => auditEvents(entries, meta).length },
  };
}

/** Sequential calls for `seconds` after a short warm-up; calls per second. */
async function time(run: Run, seconds: number): Promise<number> {
  for (const end = performance.now() + Math.min(1000, seconds * 300); performance.now() < end; ) await run();
  let n = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  while (performance.now() < end) {
    await run();
    n++;
  }
  return n / ((performance.now() - start) / 1000);
}

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 2);
  const listLength = Number(process.argv[3] ?? 1000);
  const database = await connectDatabase(process.env.BENCH_MONGODB_URI!, DB_NAME);
  const config = { ...loadConfig({}), dbName: DB_NAME };
  const apps = {
    stock: await createApp(database.db, { ...config, executor: "stock" }),
    jit: await createApp(database.db, { ...config, executor: "jit" }),
  };
  const schema = buildSchema();
  const results: ExecResult[] = [];
  const only = process.argv[4]; // `--only`: that workload alone (the others may need a grid not stored)
  for (const w of workloads(listLength)) {
    if (w.placeholder || (only && w.id !== only)) continue;
    const auth = await authorizations(w);
    const runs: Record<string, Run[]> = {
      hand: [],
      "graphql-js": [],
      "graphql-jit": [],
      "apollo+stock": [],
      "apollo+jit": [],
      "apollo+jit trusted": [],
    };
    let sameJson = true;
    const reads = w.operations
      .map((op, i) => ({ op, authorization: auth[i], document: parse(op.query) }))
      .filter((r) => isRead(r.document));
    for (const { op, authorization, document } of reads) {
      const variables = variablesOf(op, "warm");
      const recorder = await apps.stock.context(authorization);
      const loads = record(recorder);
      await execute({ schema, document, contextValue: recorder, variableValues: variables });
      const handler = handlers(listLength)[w.id][op.name];
      const ctx = await primed(apps.stock, authorization, loads);
      const compiled = compileQuery(schema, document);
      if (!isCompiledQuery(compiled)) throw new Error(`graphql-jit cannot compile ${w.id}/${op.name}`);
      const meta = { requestId: ctx.requestId, viewer: ctx.access.viewer, operationName: null };
      // A trusted document is sent by its hash alone (src/graphql/trusted-documents.ts); others by their text.
      const sha256Hash = createHash("sha256").update(op.query).digest("hex");
      const byHash = { extensions: { persistedQuery: { version: 1, sha256Hash } } };
      const http =
        (app: App, c: Context, trusted = false) =>
        async () => {
          const headers = new HeaderMap([["content-type", "application/json"]]);
          const text = trusted && isTrusted(sha256Hash) ? byHash : { query: op.query };
          const res = await app.apollo.executeHTTPGraphQLRequest({
            httpGraphQLRequest: {
              method: "POST",
              headers,
              search: "",
              body: { ...text, ...(variables ? { variables } : {}) },
            },
            context: async () => dry(c),
          });
          return res.body.kind === "complete" ? res.body.string : "";
        };
      // By hand from the same primed loaders: the same keys built and looked up, no GraphQL; each variant also builds the audit events.
      runs.hand.push(async () => {
        const c = dry(ctx);
        const data = await handler.fetch(c, variables ?? null);
        const built = handler.build(data);
        handler.audit?.(c, data, built);
        return JSON.stringify({ data: built });
      });
      const executed = (run: (c: Context) => unknown) => async () => {
        const c = dry(ctx);
        const out = JSON.stringify(await run(c));
        await c.audit.flush(meta);
        return out;
      };
      runs["graphql-js"].push(
        executed((c) => execute({ schema, document, contextValue: c, variableValues: variables })),
      );
      runs["graphql-jit"].push(executed((c) => compiled.query(undefined, c, variables ?? null)));
      runs["apollo+stock"].push(http(apps.stock, ctx));
      const jitCtx = await primed(apps.jit, authorization, loads);
      runs["apollo+jit"].push(http(apps.jit, jitCtx));
      runs["apollo+jit trusted"].push(http(apps.jit, jitCtx, true));
      const outputs = await Promise.all(Object.values(runs).map((r) => r.at(-1)!()));
      sameJson &&= outputs.every((o) =>
        isDeepStrictEqual(JSON.parse(o as string), JSON.parse(outputs[0] as string)),
      );
    }
    const before = database.commands.total;
    const variants: ExecVariant[] = [];
    for (const [variant, list] of Object.entries(runs)) {
      const cycle = async () => {
        for (const run of list) await run();
      };
      variants.push({ variant, opsPerSecond: (await time(cycle, seconds)) * list.length });
    }
    results.push({
      workload: w.id,
      operations: reads.map((r) => r.op.name),
      variants,
      commands: database.commands.total - before,
      sameJson,
    });
  }
  await Promise.all(Object.values(apps).map((a) => a.stop()));
  await database.close();
  process.send!(results, () => process.disconnect()); // then exit normally: --cpu-prof writes its profile at exit
}

const isRead = (document: DocumentNode) =>
  document.definitions.every((d) => d.kind !== Kind.OPERATION_DEFINITION || d.operation === "query");

await main();
