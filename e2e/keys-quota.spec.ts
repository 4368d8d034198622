import { expect, type APIRequestContext } from "@playwright/test";

import { test, uniqueName, type GatewayNode } from "./support/fixtures";

// Keys are only worth testing against a gateway that enforces them: the
// console pushes keys and plans to the run's gateway node, and the spec
// checks that node's answers. Each test deploys an API of its own, so the
// node's other APIs and keys do not affect what it sees.

async function callGateway(gateway: GatewayNode, apiId: string, key: string): Promise<number> {
  return (await gateway.invoke(apiId, "prod", "ping", { "x-api-key": key })).status;
}

/** An API with GET /ping (mock, key required), deployed to prod on the test node. */
async function seedDeployedApi(api: APIRequestContext): Promise<{ id: string; name: string }> {
  const name = uniqueName("Keyed API");
  const created = await api.post("/api/v1/apis", { data: { name } });
  expect(created.status(), await created.text()).toBe(201);
  const { api: seeded } = (await created.json()) as { api: { id: string } };
  const tree = (await (await api.get(`/api/v1/apis/${seeded.id}/resources`)).json()) as { items: { id: string; path: string }[] };
  const rootId = tree.items.find((resource) => resource.path === "/")?.id;
  const ping = await api.post(`/api/v1/apis/${seeded.id}/resources`, { data: { parentId: rootId, pathPart: "ping" } });
  const { resource } = (await ping.json()) as { resource: { id: string } };
  const method = await api.post(`/api/v1/apis/${seeded.id}/resources/${resource.id}/methods`, {
    data: {
      httpMethod: "GET",
      authorizationType: "API_KEY",
      integration: { type: "MOCK", mockResponse: { statusCode: 200, headers: {}, body: "pong" } },
    },
  });
  expect(method.status(), await method.text()).toBe(201);
  const deployment = await api.post(`/api/v1/apis/${seeded.id}/deployments`, { data: { stageName: "prod" } });
  expect(deployment.status(), await deployment.text()).toBe(201);
  return { id: seeded.id, name };
}

test("a key issued on screen obeys its plan's daily quota at the gateway, and is refused within 2 s of its revocation", async ({
  page,
  context,
  request: api,
  baseURL,
  gateway,
}) => {
  if (!baseURL) throw new Error("playwright.config.ts sets baseURL: the console under test");
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(baseURL).origin });
  const deployed = await seedDeployedApi(api);
  const planName = uniqueName("Five a day");
  const keyName = uniqueName("Partner key");

  // A plan with a quota of 5 per day on the deployed stage.
  await page.goto("/usage-plans");
  await page.getByRole("button", { name: "Create usage plan" }).first().click();
  const planDialog = page.getByRole("dialog", { name: "Create usage plan" });
  await planDialog.getByLabel("Name").fill(planName);
  await planDialog.getByLabel("Limit requests with a quota").check();
  await planDialog.getByLabel("Quota (requests)").fill("5");
  await planDialog.getByLabel("Period").selectOption("DAY");
  await planDialog.getByRole("button", { name: "Add API stage" }).click();
  await planDialog.getByLabel("API", { exact: true }).selectOption(deployed.id);
  await expect(planDialog.getByLabel("Stage", { exact: true })).toContainText("prod");
  await planDialog.getByLabel("Stage", { exact: true }).selectOption("prod");
  await planDialog.getByRole("button", { name: "Create plan" }).click();
  await expect(planDialog).toBeHidden();
  await expect(page.getByRole("link", { name: planName })).toBeVisible();
  const plans = (await (await api.get("/api/v1/usage-plans")).json()) as {
    items: { id: string; name: string; quota: unknown; apiStages: { apiId: string; stage: string }[] }[];
  };
  const plan = plans.items.find((item) => item.name === planName);
  expect(plan).toMatchObject({ quota: { limit: 5, period: "DAY" }, apiStages: [{ apiId: deployed.id, stage: "prod" }] });

  // Issue a key in that plan; its value is shown once, and copied from the page.
  await page.goto("/api-keys");
  await page.getByRole("button", { name: "Issue key" }).first().click();
  const issueDialog = page.getByRole("dialog", { name: "Issue API key" });
  await issueDialog.getByLabel("Name").fill(keyName);
  await issueDialog.getByLabel(planName).check();
  await issueDialog.getByRole("button", { name: "Issue key" }).click();
  const revealDialog = page.getByRole("dialog", { name: `API key “${keyName}” issued` });
  await expect(revealDialog.getByText("you won't see it again")).toBeVisible();
  const shown = (await revealDialog.getByTestId("revealed-api-key").textContent()) ?? "";
  expect(shown).toMatch(/^ptk_[0-9A-Za-z]{36}$/);
  await revealDialog.getByRole("button", { name: `Copy API key ${keyName}` }).click();
  const key = await page.evaluate(() => navigator.clipboard.readText());
  expect(key).toBe(shown);
  await revealDialog.getByRole("button", { name: "I have copied the key" }).click();

  // Five calls pass, the sixth is over the quota.
  const statuses: number[] = [];
  for (let i = 0; i < 6; i += 1) statuses.push(await callGateway(gateway, deployed.id, key));
  expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);

  // Revoke on screen: the gateway refuses the key within 2 s of the click.
  const row = page.getByRole("row", { name: `API key ${keyName}` });
  await row.getByRole("button", { name: "Revoke" }).click();
  const confirm = page.getByRole("dialog", { name: `Revoke “${keyName}”?` });
  const clickedAt = Date.now();
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect.poll(() => callGateway(gateway, deployed.id, key), { timeout: 2_000, intervals: [50] }).toBe(403);
  const refusedAfterMs = Date.now() - clickedAt;
  expect(refusedAfterMs).toBeLessThan(2_000);
  test.info().annotations.push({ type: "refused after revoke (ms)", description: String(refusedAfterMs) });
  await expect(row.getByText("Revoked")).toBeVisible();

  const keys = (await (await api.get("/api/v1/api-keys")).json()) as { items: { name: string; status: string }[] };
  expect(keys.items.find((item) => item.name === keyName)?.status).toBe("revoked");
});

test("rotating on screen hands out a working key and, with no grace period, retires the old one at once; a CSV import reports each line", async ({
  page,
  request: api,
  gateway,
}) => {
  const deployed = await seedDeployedApi(api);
  const planResponse = await api.post("/api/v1/usage-plans", {
    data: { name: uniqueName("Rotation plan"), apiStages: [{ apiId: deployed.id, stage: "prod" }] },
  });
  const { usagePlan } = (await planResponse.json()) as { usagePlan: { id: string } };
  const keyName = uniqueName("Rotated key");
  const issued = await api.post("/api/v1/api-keys", { data: { name: keyName, usagePlanIds: [usagePlan.id] } });
  const { apiKey } = (await issued.json()) as { apiKey: { id: string; value: string } };
  expect(await callGateway(gateway, deployed.id, apiKey.value)).toBe(200);

  await page.goto("/api-keys");
  await page
    .getByRole("row", { name: `API key ${keyName}` })
    .first()
    .getByRole("button", { name: "Rotate" })
    .click();
  const rotateDialog = page.getByRole("dialog", { name: `Rotate “${keyName}”` });
  await rotateDialog.getByLabel("Grace period for the old key").selectOption("0");
  await rotateDialog.getByRole("button", { name: "Rotate key" }).click();
  const revealDialog = page.getByRole("dialog", { name: `New key for “${keyName}”` });
  const newKey = (await revealDialog.getByTestId("revealed-api-key").textContent()) ?? "";
  expect(newKey).toMatch(/^ptk_/);
  expect(newKey).not.toBe(apiKey.value);
  expect(await callGateway(gateway, deployed.id, newKey)).toBe(200);
  expect(await callGateway(gateway, deployed.id, apiKey.value)).toBe(403);
  await revealDialog.getByRole("button", { name: "I have copied the key" }).click();

  const importedKey = `imported-${Date.now()}-abcdefghijklmnop`;
  await page.getByRole("button", { name: "Import CSV" }).click();
  const importDialog = page.getByRole("dialog", { name: "Import API keys" });
  await importDialog
    .getByLabel("Or paste the CSV")
    .fill(`name,key,enabled,usageplanIds\n${uniqueName("Imported")},${importedKey},true,${usagePlan.id}\nbroken,short,true,\n`);
  await importDialog.getByLabel("Import nothing if any line is rejected").uncheck();
  await importDialog.getByRole("button", { name: "Import", exact: true }).click();
  const report = importDialog.getByRole("region", { name: "Import report" });
  await expect(report.getByRole("status")).toHaveText("1 imported, 1 rejected.");
  await expect(report.getByRole("listitem").filter({ hasText: "line 3" })).toContainText("20 to 128");
  expect(await callGateway(gateway, deployed.id, importedKey)).toBe(200);
});
