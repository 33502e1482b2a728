/**
 * `npm run federation`: the whole federation on this machine, for a newcomer
 * (docs/federation.md): each partner's subgraph on an embedded database of
 * its own (DATA_DIR/federation/<name>), loaded with its own source's demo
 * data on first start, then the gateway in front, all on 127.0.0.1. The
 * gateway listens on PORT (4000), the subgraphs on the next four ports.
 * Tokens from `npm run token` work as for `npm start`: every process
 * verifies them with this installation's development secret. Ctrl-C (or
 * SIGTERM) stops all of them.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { devSecretOf } from "../src/auth/tokens.js";
import { loadConfig } from "../src/config.js";
import { SUBGRAPH_NAMES, type SubgraphName } from "../src/federation/names.js";

const config = loadConfig();
const gatewayPort = config.port || 4000;
const dist = (file: string) => new URL(`../dist/${file}`, import.meta.url).pathname;
const children: ChildProcess[] = [];
/** The long-running ones: the four subgraphs and the gateway. */
const servers: ChildProcess[] = [];
// One secret for the calls of this run (the gateway signs, the subgraphs check); the token secret stays the installation's.
const shared = {
  GATEWAY_SECRET: randomBytes(32).toString("base64url"),
  AUTH_DEV_SECRET: devSecretOf(config.auth),
  HOST: "127.0.0.1",
};

function run(name: string, args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const prefix = `[${name}] `;
  for (const stream of [child.stdout, child.stderr])
    stream?.on("data", (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n"))
        if (line.trim()) process.stdout.write(`${prefix}${line}\n`);
    });
  children.push(child);
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<number>((resolve) => child.once("exit", (code) => resolve(code ?? 1)));

/** One subgraph: its demo data on first start (its own source's only), then its server. */
async function startSubgraph(name: SubgraphName, port: number): Promise<string> {
  const env = {
    ...shared,
    SUBGRAPH: name,
    DATA_DIR: path.join(config.dataDir, "federation", name),
    PORT: String(port),
  };
  const seeded = await exited(run(name, [dist("seeds/cli.js"), "--if-empty"], env));
  if (seeded !== 0) throw new Error(`the ${name} subgraph's demo data could not be loaded (exit ${seeded})`);
  servers.push(run(name, [dist("src/main.js")], env));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (
      await fetch(`${url}/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return `${url}/graphql`;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the ${name} subgraph did not become ready on ${url}`);
}

let stopping = false;
async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    const alive = children.filter((c) => c.exitCode === null && c.signalCode === null);
    for (const c of alive) c.kill("SIGTERM");
    await Promise.all(alive.map(exited));
  }
  process.exit(code);
}
process.on("SIGINT", () => void stopAll(0));
process.on("SIGTERM", () => void stopAll(0));

try {
  const urls = await Promise.all(SUBGRAPH_NAMES.map((name, i) => startSubgraph(name, gatewayPort + 101 + i)));
  const gateway = run("gateway", [dist("src/gateway/main.js")], {
    ...shared,
    PORT: String(gatewayPort),
    ...Object.fromEntries(SUBGRAPH_NAMES.map((n, i) => [`SUBGRAPH_URL_${n.toUpperCase()}`, urls[i]])),
  });
  servers.push(gateway);
  // A process that stops on its own (a crash) stops the others: a half federation is not what was asked for.
  const first = await Promise.race(servers.map(async (c) => ({ c, code: await exited(c) })));
  if (!stopping) {
    console.error(
      `${first.c === gateway ? "The gateway" : "A subgraph"} stopped (exit ${first.code}): stopping the federation.`,
    );
    await stopAll(first.code || 1);
  }
} catch (err) {
  console.error(`The federation cannot start: ${err instanceof Error ? err.message : String(err)}`);
  await stopAll(1);
}
