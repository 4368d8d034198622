import { expect, type APIRequestContext } from "@playwright/test";

import { test, uniqueName, type GatewayNode } from "./support/fixtures";

// Deploying is only proven by what the gateway answers afterwards. The spec
// deploys and promotes by clicks in the console, which pushes to the run's
// gateway node, and asks that node. Its API is its own, so the stages it
// checks are served by nothing else.

async function gatewayBody(gateway: GatewayNode, apiId: string, stage: string): Promise<string> {
  const { status, body } = await gateway.invoke(apiId, stage, "hello");
  return `${status} ${body}`;
}

/** An API with GET /hello answering `body` from a mock integration. */
async function seedApi(api: APIRequestContext, body: string): Promise<{ apiId: string; resourceId: string }> {
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

test("deploy to dev and promote to prod by clicks: the gateway then answers with the new behaviour", async ({
  page,
  request: api,
  gateway,
}) => {
  const { apiId, resourceId } = await seedApi(api, "v1");

  // First deploy: a new stage, dev.
  await page.goto(`/apis/${apiId}/stages`);
  await page.getByRole("main").getByRole("button", { name: "Deploy", exact: true }).click();
  const deployDialog = page.getByRole("dialog", { name: "Deploy API" });
  await deployDialog.getByLabel("New stage name").fill("dev");
  await deployDialog.getByLabel("Description").fill("first release");
  await deployDialog.getByRole("button", { name: "Deploy", exact: true }).click();
  await expect(deployDialog.getByRole("status")).toContainText("Every node acknowledged");
  await expect(deployDialog.locator("[data-status=applied]")).toHaveCount(1);
  await deployDialog.getByRole("button", { name: "Done" }).click();
  expect(await gatewayBody(gateway, apiId, "dev")).toBe("200 v1");

  // Promote dev to prod with one click and a confirmation.
  const dev = page.locator("[data-stage=dev]");
  await dev.getByRole("button", { name: "Promote to prod" }).click();
  const promoteDialog = page.getByRole("dialog", { name: "Promote dev to prod" });
  await promoteDialog.getByRole("button", { name: "Promote to prod" }).click();
  await expect(promoteDialog.getByRole("status")).toContainText("Every node acknowledged");
  await promoteDialog.getByRole("button", { name: "Done" }).click();
  expect(await gatewayBody(gateway, apiId, "prod")).toBe("200 v1");

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
  expect(await gatewayBody(gateway, apiId, "dev")).toBe("200 v2");
  expect(await gatewayBody(gateway, apiId, "prod")).toBe("200 v1");

  await dev.getByRole("button", { name: "Promote to prod" }).click();
  await expect(promoteDialog.getByTestId("diff")).toContainText("GET /hello");
  await promoteDialog.getByRole("button", { name: "Promote to prod" }).click();
  await expect(promoteDialog.getByRole("status")).toContainText("Every node acknowledged");
  await promoteDialog.getByRole("button", { name: "Done" }).click();
  expect(await gatewayBody(gateway, apiId, "prod")).toBe("200 v2");

  // The stage the database records is the one the gateway serves.
  const prod = (await (await api.get(`/api/v1/apis/${apiId}/stages/prod`)).json()) as { stage: { deploymentId: string } };
  const devStage = (await (await api.get(`/api/v1/apis/${apiId}/stages/dev`)).json()) as { stage: { deploymentId: string } };
  expect(prod.stage.deploymentId).toBe(devStage.stage.deploymentId);
});
