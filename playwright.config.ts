import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";

const root = path.dirname(fileURLToPath(import.meta.url));

// Keep Playwright's compiled-test cache inside the project (workers inherit this).
process.env.PLAYWRIGHT_TRANSFORM_CACHE_DIR ??= path.join(root, ".playwright", "transform-cache");

/**
 * Free ports on loopback, chosen once per run: held open together so that
 * they differ, then released for the servers to take.
 */
function pickPorts(count: number): string[] {
  const script = `const net=require('net');const servers=[];let n=0;for(let i=0;i<${count};i++){const s=net.createServer();servers.push(s);s.listen(0,'127.0.0.1',()=>{if(++n===${count}){process.stdout.write(servers.map((x)=>x.address().port).join(','));servers.forEach((x)=>x.close())}})}`;
  return execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim().split(",");
}

// The config is evaluated in the runner and again in every worker; the
// environment carries the runner's choices to the workers, so they all talk
// to the same console and the same gateway node.
//
// PORTICO_E2E_BASE_URL points the tests at a console that is already running
// (e.g. `next dev` while working on a screen); its gateway node is then
// PORTICO_E2E_GATEWAY_URL and PORTICO_E2E_GATEWAY_ADMIN_URL, by default the
// ports `npm start` uses. Otherwise a console and a gateway node are started.
const externalBaseURL = process.env.PORTICO_E2E_BASE_URL;
if (externalBaseURL) {
  process.env.PORTICO_E2E_GATEWAY_URL ??= "http://127.0.0.1:8080";
  process.env.PORTICO_E2E_GATEWAY_ADMIN_URL ??= "http://127.0.0.1:8081";
} else if (!process.env.PORTICO_E2E_PORT || !process.env.PORTICO_E2E_GATEWAY_PORT || !process.env.PORTICO_E2E_GATEWAY_ADMIN_PORT) {
  const [consolePort, proxyPort, adminPort] = pickPorts(3);
  process.env.PORTICO_E2E_PORT ??= consolePort;
  process.env.PORTICO_E2E_GATEWAY_PORT ??= proxyPort;
  process.env.PORTICO_E2E_GATEWAY_ADMIN_PORT ??= adminPort;
}
const port = process.env.PORTICO_E2E_PORT;
// The console's data folder (its setup-code file among it), fresh per run.
process.env.PORTICO_E2E_DATA_DIR ??= path.join(tmpdir(), `portico-e2e-console-${port}-${Date.now()}`);
const dataDir = process.env.PORTICO_E2E_DATA_DIR;
const gatewayPort = process.env.PORTICO_E2E_GATEWAY_PORT;
const gatewayAdminPort = process.env.PORTICO_E2E_GATEWAY_ADMIN_PORT;
const baseURL = externalBaseURL ?? `http://127.0.0.1:${port}`;
if (!externalBaseURL) {
  // What the specs read (e2e/support/fixtures.ts) to call the gateway node.
  process.env.PORTICO_E2E_GATEWAY_URL = `http://127.0.0.1:${gatewayPort}`;
  process.env.PORTICO_E2E_GATEWAY_ADMIN_URL = `http://127.0.0.1:${gatewayAdminPort}`;
}

// Debian's Chromium when installed (what CI uses); otherwise Playwright's own browser.
const SYSTEM_CHROMIUM = "/usr/bin/chromium";
const executablePath = process.env.PORTICO_E2E_CHROMIUM ?? (existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined);

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  // Two cores shared with the server under test: one browser at a time keeps runs steady.
  workers: 1,
  // A flaky test is a bug to fix, not to retry.
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-features=AutofillServerCommunication,OptimizationHints,MediaRouter",
        // Chromium calls home even when told not to; only loopback resolves.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
      ],
    },
  },
  projects: [
    // The first admin is created first; every other spec starts signed in as them.
    { name: "first-run", testMatch: /first-run\.setup\.ts/, use: { browserName: "chromium" } },
    {
      name: "chromium",
      dependencies: ["first-run"],
      use: { browserName: "chromium", storageState: path.join(root, ".playwright", "auth", "admin.json") },
    },
  ],
  // The server script creates a fresh database with every migration applied,
  // starts one gateway node (the console pushes to it and shows its invoke
  // URLs), builds the console when the build is missing or older than the
  // sources, and serves the production build. It stops the node and drops the
  // database when stopped. The console answers only once the node listens.
  webServer: externalBaseURL
    ? undefined
    : {
        command: `npx tsx e2e/support/serve.ts --port ${port} --gateway-port ${gatewayPort} --gateway-admin-port ${gatewayAdminPort} --data-dir ${dataDir}`,
        url: `${baseURL}/api/v1/health`,
        timeout: 240_000,
        reuseExistingServer: false,
        stdout: "pipe",
        stderr: "pipe",
        gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
        env: { NEXT_TELEMETRY_DISABLED: "1" },
      },
});
