import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";

import { TEST_ADMIN_TOKEN } from "@/gateway/test-support/admin-client";
import { spawnGateway, type GatewayProcess } from "@/gateway/test-support/gateway-process";
import { startTestDatabase, type TestDatabase } from "@/test/setup/test-database";

import { uniqueName } from "./support/fixtures";

// Deploying is only proven by what the gateway answers afterwards. This spec
// runs a gateway node and a console of its own (the same production build,
// a fresh database) that pushes to it, deploys and promotes by clicks, and
// asks the gateway.

const root = fileURLToPath(new URL("..", import.meta.url));
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}

let consoleUrl: string;
let gateway: GatewayProcess;
let consoleProcess: ChildProcess;
let database: TestDatabase;
let dataDir: string;
let api: APIRequestContext;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dataDir = await mkdtemp(path.join(tmpdir(), "portico-e2e-deploy-"));
  database = await startTestDatabase();
  gateway = await spawnGateway({ dataDir });
  const port = await freePort();
  consoleProcess = spawn(process.execPath, [nextBin, "start", "--hostname", "127.0.0.1", "--port", String(port)], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      GATEWAY_NODES: gateway.adminUrl,
      GATEWAY_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      PUBLIC_GATEWAY_URL: gateway.proxyUrl,
      REDIS_URL: "",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  consoleProcess.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  consoleProcess.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  consoleUrl = `http://127.0.0.1:${port}`;
  api = await playwrightRequest.newContext({ baseURL: consoleUrl });
  await expect
    .poll(
      async () => {
        if (consoleProcess.exitCode !== null) throw new Error(`The console exited with ${consoleProcess.exitCode}:\n${output.join("")}`);
        return (await api.get("/api/v1/apis?limit=1").catch(() => null))?.status() ?? 0;
      },
      { timeout: 60_000, message: "the console (next start of the production build) to answer" },
    )
    .toBe(200);
});

test.afterAll(async () => {
  await api?.dispose();
  if (consoleProcess && consoleProcess.exitCode === null) {
    const exited = new Promise((resolve) => consoleProcess.once("exit", resolve));
    consoleProcess.kill("SIGTERM");
    await exited;
  }
  await gateway?.stop();
  await database?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function gatewayBody(apiId: string, stage: string): Promise<string> {
  const response = await fetch(`${gateway.proxyUrl.replace(/\/+$/, "")}/${apiId}/${stage}/hello`);
  return `${response.status} ${await response.text()}`;
}

/** An API with GET /hello answering `body` from a mock integration. */
async function seedApi(body: string): Promise<{ apiId: string; resourceId: string }> {
  const created = await api.post("/api/v1/apis", { data: { name: uniqueName("Deploy e2e") } });
  expect(created.status(), await created.text()).toBe(201);
  const apiId = ((await created.json()) as { api: { id: string } }).api.id;
  const tree = (await (await api.get(`/api/v1/apis/${apiId}/resources`)).json()) as { items: { id: string; path: string }[] };
  const rootId = tree.items.find((resource) => resource.path === "/")?.id;
  const hello = await api.post(`/api/v1/apis/${apiId}/resources`, { data: { parentId: rootId, pathPart: "hello" } });
  const resourceId = ((await hello.json()) as { resource: { id: string } }).resource.id;
  const method = await api.post(`/api/v1/apis/${apiId}/resources/${resourceId}/methods`, {
    data: { httpMethod: "GET", integration: { type: "MOCK", mockResponse: { statusCode: 200, headers: {}, body } } },
  });
  expect(method.status(), await method.text()).toBe(201);
  return { apiId, resourceId };
}

test("deploy to dev and promote to prod by clicks: the gateway then answers with the new behaviour", async ({ page }) => {
  const { apiId, resourceId } = await seedApi("v1");

  // First deploy: a new stage, dev.
  await page.goto(`${consoleUrl}/apis/${apiId}/stages`);
  await page.getByRole("main").getByRole("button", { name: "Deploy", exact: true }).click();
  const deployDialog = page.getByRole("dialog", { name: "Deploy API" });
  await deployDialog.getByLabel("New stage name").fill("dev");
  await deployDialog.getByLabel("Description").fill("first release");
  await deployDialog.getByRole("button", { name: "Deploy", exact: true }).click();
  await expect(deployDialog.getByRole("status")).toContainText("Every node acknowledged");
  await expect(deployDialog.locator("[data-status=applied]")).toHaveCount(1);
  await deployDialog.getByRole("button", { name: "Done" }).click();
  expect(await gatewayBody(apiId, "dev")).toBe("200 v1");

  // Promote dev to prod with one click and a confirmation.
  const dev = page.locator("[data-stage=dev]");
  await dev.getByRole("button", { name: "Promote to prod" }).click();
  const promoteDialog = page.getByRole("dialog", { name: "Promote dev to prod" });
  await promoteDialog.getByRole("button", { name: "Promote to prod" }).click();
  await expect(promoteDialog.getByRole("status")).toContainText("Every node acknowledged");
  await promoteDialog.getByRole("button", { name: "Done" }).click();
  expect(await gatewayBody(apiId, "prod")).toBe("200 v1");

  // Change the API: both stages now show undeployed changes.
  const changed = await api.put(`/api/v1/apis/${apiId}/resources/${resourceId}/methods/GET/integration`, {
    data: { type: "MOCK", mockResponse: { statusCode: 200, headers: {}, body: "v2" } },
  });
  expect(changed.status(), await changed.text()).toBe(200);
  await page.reload();
  await expect(dev.getByText("Undeployed changes")).toBeVisible();

  // Deploy dev again; prod keeps serving v1 until promoted.
  await dev.getByRole("button", { name: "Deploy here" }).click();
  await deployDialog.getByRole("button", { name: "Deploy", exact: true }).click();
  await expect(deployDialog.getByRole("status")).toContainText("Every node acknowledged");
  await deployDialog.getByRole("button", { name: "Done" }).click();
  expect(await gatewayBody(apiId, "dev")).toBe("200 v2");
  expect(await gatewayBody(apiId, "prod")).toBe("200 v1");

  await dev.getByRole("button", { name: "Promote to prod" }).click();
  await expect(promoteDialog.getByTestId("diff")).toContainText("GET /hello");
  await promoteDialog.getByRole("button", { name: "Promote to prod" }).click();
  await expect(promoteDialog.getByRole("status")).toContainText("Every node acknowledged");
  await promoteDialog.getByRole("button", { name: "Done" }).click();
  expect(await gatewayBody(apiId, "prod")).toBe("200 v2");

  // The stage the database records is the one the gateway serves.
  const prod = (await (await api.get(`/api/v1/apis/${apiId}/stages/prod`)).json()) as { stage: { deploymentId: string } };
  const devStage = (await (await api.get(`/api/v1/apis/${apiId}/stages/dev`)).json()) as { stage: { deploymentId: string } };
  expect(prod.stage.deploymentId).toBe(devStage.stage.deploymentId);
});
