import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

const startScript = fileURLToPath(new URL("./start.ts", import.meta.url));
let blocker: net.Server;
let busyPort: number;
// Its own state folder, so that a Portico running from this checkout is neither seen nor touched.
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "portico-start-"));
  blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen({ port: 0, host: "0.0.0.0" }, resolve));
  const address = blocker.address();
  if (!address || typeof address === "string") throw new Error("no port");
  busyPort = address.port;
});

afterAll(async () => {
  await new Promise((resolve) => blocker.close(resolve));
  await rm(dataDir, { recursive: true, force: true });
});

function runStart(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", startScript], {
      env: { ...process.env, PORTICO_DATA_DIR: dataDir, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => resolve({ code, output }));
  });
}

describe("npm start", () => {
  it.each([
    ["PORT", "console"],
    ["GATEWAY_PORT", "gateway proxy"],
    ["GATEWAY_ADMIN_PORT", "gateway admin API"],
  ])("stops before starting anything when %s is taken, naming the port and the variable", async (variable, what) => {
    const { code, output } = await runStart({ [variable]: String(busyPort) });
    expect(code).toBe(1);
    expect(output).toContain(`Port ${busyPort} (${what}) is already in use`);
    expect(output).toContain(`${variable}=`);
    expect(output).not.toContain("database:");
  });
});
