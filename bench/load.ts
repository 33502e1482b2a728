import { Agent, request as httpRequest } from "node:http";
import { processCpuSeconds, type ServerHandle } from "./spawn.js";
import { authorizations, variablesOf, type Operation, type Workload } from "./workloads.js";

/** End-to-end figures of one server on one workload. */
export interface LoadResult {
  server: string;
  /** Completed requests (every latency percentile is over these). */
  requests: number;
  /** From the first request to the last answer. */
  seconds: number;
  throughput: number;
  p50: number;
  p99: number;
  max: number;
  /** Non-2xx answers, socket errors and timeouts: all must be 0 for the figures to count. */
  failures: number;
  /** Database commands of one request of each operation, in operation order, once the server has seen it (read cache warm). */
  commandsPerRequest: number[];
  /** The same for the very first request of each operation after the server started (read cache cold). */
  coldCommandsPerRequest: number[];
  /** How long that first request took, in ms, alone on the server (not part of the load's percentiles). */
  coldMs: number[];
  /** Server CPU during the load, in cores (1 = one core busy all the time). */
  serverCpu: number;
  /** The database process's CPU during the load, in cores (null when /proc is missing). */
  databaseCpu: number | null;
  peakRssMb: number;
  /** p50 and p99 of each operation of the workload (where a chain's time goes). */
  byOperation?: { name: string; p50: number; p99: number }[];
}

/** The request a server gets for an operation in round `tag`: the same body and headers for Passerelle and the baseline. */
function request(
  server: ServerHandle,
  workload: Workload,
  op: Operation,
  authorization: string | undefined,
  tag: string,
) {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    ...(authorization ? { authorization } : {}),
  };
  const path = server.kind === "baseline" ? `/${workload.id}/${op.name}` : "/graphql";
  return {
    method: "POST" as const,
    path,
    headers,
    body: JSON.stringify({ query: op.query, variables: variablesOf(op, tag) ?? null }),
  };
}

/**
 * One sequential request per operation (warm-up, commands per request) and
 * their `data`; throws when an answer has an error: figures of failing
 * requests would be meaningless. A chain is played once more before, not
 * measured: its first writes also pay one-off costs (the exchange asks the
 * database for its buildInfo once per process, src/sources/pdp/exchange/repository.ts).
 */
export async function warmUp(server: ServerHandle, workload: Workload) {
  const auth = await authorizations(workload);
  const passes: { commands: number[]; ms: number[]; data: unknown[] }[] = [];
  // Read workloads: a cold pass, then two warm ones, the last measured. A second request can still miss: keys that
  // were batched apart on the cold pass (answers in different ticks) may come in one batch once cached, a new query.
  for (const tag of workload.chain ? ["prime", "warm"] : ["cold", "settle", "warm"]) {
    const pass = { commands: [] as number[], ms: [] as number[], data: [] as unknown[] };
    for (const [i, op] of workload.operations.entries()) {
      const r = request(server, workload, op, auth[i], tag);
      const before = (await server.stats()).commands;
      const started = performance.now();
      const res = await fetch(server.url + r.path, { method: r.method, headers: r.headers, body: r.body });
      const body = (await res.json()) as { data?: unknown; errors?: { message: string }[] };
      pass.ms.push(performance.now() - started);
      pass.commands.push((await server.stats()).commands - before);
      if (res.status !== 200 || body.errors?.length) {
        throw new Error(
          `${server.kind} ${workload.id}/${op.name}: HTTP ${res.status} ${JSON.stringify(body.errors ?? body).slice(0, 300)}`,
        );
      }
      pass.data.push(body.data);
    }
    passes.push(pass);
  }
  const [first, warm] = [passes[0], passes.at(-1)!];
  // `commands`/`data`: a request once the server has seen the operation (the read cache warm); `cold*`: its very first one.
  return { commands: warm.commands, data: warm.data, coldCommands: first.commands, coldMs: first.ms };
}

/**
 * The load: `connections` keep-alive clients in this process (never the
 * server's), each sending its next request as soon as the previous answer
 * arrives, from `seconds` on no new request is sent and those in flight are
 * waited for. Throughput is completed requests over the time to the last
 * answer. A fixed-duration tool such as autocannon discards the requests in
 * flight at its deadline: at national scale on FerretDB a dashboard takes
 * longer than a whole run, which would count as zero. Client i starts at
 * operation i of the cycle, so a mix is mixed from the first second; in a
 * chain every client starts at the first step, round `c<client>r<round>`.
 */
export async function load(
  server: ServerHandle,
  workload: Workload,
  opts: {
    connections: number;
    seconds: number;
    databasePid: number | null;
    label: string;
    commands: number[];
    coldCommands: number[];
    coldMs: number[];
  },
): Promise<LoadResult> {
  const auth = await authorizations(workload);
  const n = workload.operations.length;
  const fixed = workload.operations.map((op, i) =>
    typeof op.variables === "function" ? null : request(server, workload, op, auth[i], ""),
  );
  const agent = new Agent({ keepAlive: true, maxSockets: opts.connections });
  const latencies: number[] = [];
  const perOperation: number[][] = workload.operations.map(() => []);
  let failures = 0;
  const before = await server.stats();
  const dbBefore = opts.databasePid ? await processCpuSeconds(opts.databasePid) : null;
  const started = performance.now();
  const deadline = started + opts.seconds * 1000;
  let lastAnswer = started;
  await Promise.all(
    Array.from({ length: opts.connections }, async (_, client) => {
      for (let i = workload.chain ? 0 : client; performance.now() < deadline; i++) {
        const op = i % n;
        const r =
          fixed[op] ??
          request(server, workload, workload.operations[op], auth[op], `c${client}r${Math.floor(i / n)}`);
        const t = performance.now();
        try {
          if (!(await send(server.url + r.path, r, agent))) failures++;
        } catch {
          failures++;
        }
        lastAnswer = performance.now();
        latencies.push(lastAnswer - t);
        perOperation[op].push(lastAnswer - t);
      }
    }),
  );
  agent.destroy();
  const seconds = (lastAnswer - started) / 1000;
  const after = await server.stats();
  const dbAfter = opts.databasePid ? await processCpuSeconds(opts.databasePid) : null;
  const cpuSeconds = (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1e6;
  const quantile = (sorted: number[], q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => quantile(latencies, q);
  const byOperation = workload.operations.map((op, i) => {
    const sorted = perOperation[i].sort((a, b) => a - b);
    return { name: op.name, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99) };
  });
  return {
    server: opts.label,
    requests: latencies.length,
    seconds,
    throughput: latencies.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    max: latencies.at(-1) ?? NaN,
    failures,
    commandsPerRequest: opts.commands,
    coldCommandsPerRequest: opts.coldCommands,
    coldMs: opts.coldMs,
    serverCpu: cpuSeconds / seconds,
    databaseCpu: dbBefore !== null && dbAfter !== null ? (dbAfter - dbBefore) / seconds : null,
    peakRssMb: after.maxRss / 2 ** 20,
    byOperation,
  };
}

/**
 * One request on a keep-alive agent; resolves once the whole answer is read,
 * to whether it succeeded: HTTP 200 without GraphQL errors (Apollo writes
 * `errors` first, so the first chunk tells).
 */
function send(
  url: string,
  r: { method: string; headers: Record<string, string>; body: string },
  agent: Agent,
): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: r.method, headers: r.headers, agent }, (res) => {
      let first: string | null = null;
      res.on("data", (chunk: Buffer) => (first ??= chunk.toString("utf8", 0, 16)));
      res.on("end", () => resolve(res.statusCode === 200 && !(first ?? "").startsWith('{"errors"')));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(r.body);
  });
}
