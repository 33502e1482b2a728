import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** Debian's own Chromium: CI reaches Debian's mirrors, not Playwright's CDN. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Generous: `apt-get update` plus ~100 MB of packages on a slow mirror. */
export const CHROMIUM_INSTALL_TIMEOUT_MS = 540_000;

/**
 * Installs Debian's `chromium` package when it is missing (CI runs as root on
 * a fresh Debian machine). Recommends are skipped: they add desktop daemons a
 * headless test never uses, and the GraphiQL fonts are embedded in its CSS.
 * The dpkg lock timeout lets a concurrent apt run finish instead of failing.
 */
export async function ensureChromium(): Promise<string> {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  const hint = `Install it by hand with \`apt-get update && apt-get install -y chromium\` (Debian), then re-run.`;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `${CHROMIUM_PATH} is missing and the tests are not running as root, so they cannot install it. ${hint}`,
    );
  }
  const script =
    "apt-get update && apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=300 chromium";
  const { code, output } = await run(script, CHROMIUM_INSTALL_TIMEOUT_MS);
  if (code !== 0 || !existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Could not install Debian's chromium (\`${script}\` exited with ${code}). ${hint}\n` +
        `Last output:\n${output.slice(-3000)}`,
    );
  }
  return CHROMIUM_PATH;
}

/** A headless Chromium that does no background traffic of its own. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = await ensureChromium();
  return chromium.launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox", // root in a container: the setuid sandbox is unavailable
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

function run(script: string, timeoutMs: number): Promise<{ code: number | string; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("sh", ["-c", script], {
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true, // own process group, so a timeout stops apt-get too
    });
    let output = "";
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString("utf8")).slice(-20_000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const timer = setTimeout(() => {
      output += `\n[killed after ${timeoutMs / 1000} s]`;
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    }, timeoutMs);
    child.on("error", (err) => {
      clearTimeout(timer);
      resolve({ code: err.message, output });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? String(signal), output });
    });
  });
}
