import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";

const root = path.dirname(fileURLToPath(import.meta.url));

// Keep Playwright's compiled-test cache inside the project (workers inherit this).
process.env.PLAYWRIGHT_TRANSFORM_CACHE_DIR ??= path.join(root, ".playwright", "transform-cache");

/**
 * A free port on loopback, chosen once per run. The config is evaluated in the
 * runner and again in every worker; the environment carries the first choice
 * to the workers so they all talk to the same server.
 */
function pickPort(): string {
  const script = "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim();
}
// PORTICO_E2E_BASE_URL points the tests at a console that is already running
// (e.g. `next dev` while working on a screen); otherwise one is started.
const externalBaseURL = process.env.PORTICO_E2E_BASE_URL;
if (!externalBaseURL) process.env.PORTICO_E2E_PORT ??= pickPort();
const port = process.env.PORTICO_E2E_PORT;
const baseURL = externalBaseURL ?? `http://127.0.0.1:${port}`;

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
  retries: process.env.CI ? 1 : 0,
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
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  // The server script creates a fresh database with every migration applied,
  // builds the console when the build is missing or older than the sources,
  // and serves the production build; it drops the database when stopped.
  webServer: externalBaseURL
    ? undefined
    : {
        command: `npx tsx e2e/support/serve.ts --port ${port}`,
        url: `${baseURL}/api/v1/apis?limit=1`,
        timeout: 240_000,
        reuseExistingServer: false,
        stdout: "pipe",
        stderr: "pipe",
        gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
        env: { NEXT_TELEMETRY_DISABLED: "1" },
      },
});
