import { Agent, request as httpRequest } from "node:http";
import { processCpuSeconds, type ServerHandle } from "./spawn.js";
import type { Operation, Workload } from "./workloads.js";

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
  /** Database commands of one request of each operation, in operation order. */
  commandsPerRequest: number[];
  /** Server CPU during the load, in cores (1 = one core busy all the time). */
  serverCpu: number;
  /** The database process's CPU during the load, in cores (null when /proc is missing). */
  databaseCpu: number | null;
  peakRssMb: number;
}

/** The request a server gets for an operation: the same body and headers for Passerelle and the baseline. */
function request(server: ServerHandle, workload: Workload, op: Operation, authorization: string | undefined) {
  const headers: Record<string, string> = { "content-type": "application/json", ...(authorization ? { authorization } : {}) };
  const path = server.kind === "baseline" ? `/${workload.id}/${op.name}` : "/graphql";
  return { method: "POST" as const, path, headers, body: JSON.stringify({ query: op.query, variables: op.variables ?? null }) };
}

/**
 * One sequential request per operation (warm-up, commands per request) and
 * their `data`; throws when an answer has an error: figures of failing
 * requests would be meaningless.
 */
export async function warmUp(server: ServerHandle, workload: Workload, authorization: string | undefined) {
  const commands: number[] = [];
  const data: unknown[] = [];
  for (const op of workload.operations) {
    const r = request(server, workload, op, authorization);
    const before = (await server.stats()).commands;
    const res = await fetch(server.url + r.path, { method: r.method, headers: r.headers, body: r.body });
    const body = (await res.json()) as { data?: unknown; errors?: { message: string }[] };
    commands.push((await server.stats()).commands - before);
    if (res.status !== 200 || body.errors?.length) {
      throw new Error(`${server.kind} ${workload.id}/${op.name}: HTTP ${res.status} ${JSON.stringify(body.errors ?? body).slice(0, 300)}`);
    }
    data.push(body.data);
  }
  return { commands, data };
}

/**
 * The load: `connections` keep-alive clients in this process (never the
 * server's), each sending its next request as soon as the previous answer
 * arrives, from `seconds` on no new request is sent and those in flight are
 * waited for. Throughput is completed requests over the time to the last
 * answer. A fixed-duration tool such as autocannon discards the requests in
 * flight at its deadline: at national scale on FerretDB a dashboard takes
 * longer than a whole run, which would count as zero. Client i starts at
 * operation i of the cycle, so a mix is mixed from the first second.
 */
export async function load(
  server: ServerHandle,
  workload: Workload,
  opts: { authorization: string | undefined; connections: number; seconds: number; databasePid: number | null; label: string; commands: number[] },
): Promise<LoadResult> {
  const requests = workload.operations.map((op) => request(server, workload, op, opts.authorization));
  const agent = new Agent({ keepAlive: true, maxSockets: opts.connections });
  const latencies: number[] = [];
  let failures = 0;
  const before = await server.stats();
  const dbBefore = opts.databasePid ? await processCpuSeconds(opts.databasePid) : null;
  const started = performance.now();
  const deadline = started + opts.seconds * 1000;
  let lastAnswer = started;
  await Promise.all(
    Array.from({ length: opts.connections }, async (_, client) => {
      for (let i = client; performance.now() < deadline; i++) {
        const r = requests[i % requests.length];
        const t = performance.now();
        try {
          if (!(await send(server.url + r.path, r, agent))) failures++;
        } catch {
          failures++;
        }
        lastAnswer = performance.now();
        latencies.push(lastAnswer - t);
      }
    }),
  );
  agent.destroy();
  const seconds = (lastAnswer - started) / 1000;
  const after = await server.stats();
  const dbAfter = opts.databasePid ? await processCpuSeconds(opts.databasePid) : null;
  const cpuSeconds = (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1e6;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] ?? NaN;
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
    serverCpu: cpuSeconds / seconds,
    databaseCpu: dbBefore !== null && dbAfter !== null ? (dbAfter - dbBefore) / seconds : null,
    peakRssMb: after.maxRss / 2 ** 20,
  };
}

/**
 * One request on a keep-alive agent; resolves once the whole answer is read,
 * to whether it succeeded: HTTP 200 without GraphQL errors (Apollo writes
 * `errors` first, so the first chunk tells).
 */
function send(url: string, r: { method: string; headers: Record<string, string>; body: string }, agent: Agent): Promise<boolean> {
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
