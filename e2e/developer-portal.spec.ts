import { expect, type APIRequestContext, type Browser, type BrowserContext } from "@playwright/test";

import { test, uniqueName, type GatewayNode } from "./support/fixtures";

// The developer portal end to end: an admin publishes a deployed stage with a
// plan on the console's page, and consumers (browsers with no console
// session) sign up, read the docs, subscribe, call the gateway from the
// try-it panel, watch the call counted, and revoke their key. Their keys are
// ordinary keys pushed to the run's gateway node, so the node's answers are
// the proof.

const PASSWORD = "a long consumer passphrase";

/** An API with GET /ping (mock, key required), deployed to prod, and a plan of 100 a day on that stage. */
async function seedApiAndPlan(api: APIRequestContext): Promise<{ apiId: string; apiName: string; planId: string; planName: string }> {
  const apiName = uniqueName("Portal API");
  const created = await api.post("/api/v1/apis", { data: { name: apiName, description: "Answers pings." } });
  expect(created.status(), await created.text()).toBe(201);
  const { api: seeded } = (await created.json()) as { api: { id: string } };
  const tree = (await (await api.get(`/api/v1/apis/${seeded.id}/resources`)).json()) as { items: { id: string; path: string }[] };
  const rootId = tree.items.find((resource) => resource.path === "/")?.id;
  const ping = await api.post(`/api/v1/apis/${seeded.id}/resources`, { data: { parentId: rootId, pathPart: "ping" } });
  const { resource } = (await ping.json()) as { resource: { id: string } };
  const method = await api.post(`/api/v1/apis/${seeded.id}/resources/${resource.id}/methods`, {
    data: {
      httpMethod: "GET",
      operationName: "ping",
      authorizationType: "API_KEY",
      integration: { type: "MOCK", mockResponse: { statusCode: 200, headers: {}, body: "pong" } },
    },
  });
  expect(method.status(), await method.text()).toBe(201);
  const deployment = await api.post(`/api/v1/apis/${seeded.id}/deployments`, { data: { stageName: "prod" } });
  expect(deployment.status(), await deployment.text()).toBe(201);
  const planName = uniqueName("Hundred a day");
  const plan = await api.post("/api/v1/usage-plans", {
    data: { name: planName, quota: { limit: 100, period: "DAY" }, apiStages: [{ apiId: seeded.id, stage: "prod" }] },
  });
  expect(plan.status(), await plan.text()).toBe(201);
  const { usagePlan } = (await plan.json()) as { usagePlan: { id: string } };
  return { apiId: seeded.id, apiName, planId: usagePlan.id, planName };
}

/** A browser with no console session: what a consumer has. */
async function consumerContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
}

function callGateway(gateway: GatewayNode, apiId: string, key: string): Promise<number> {
  return gateway.invoke(apiId, "prod", "ping", { "x-api-key": key }).then((answer) => answer.status);
}

test("a consumer signs up, reads the docs, subscribes, calls the API from try-it, sees the call counted, revokes the key and is refused; another consumer cannot touch that key", async ({
  page,
  browser,
  baseURL,
  request: api,
  gateway,
}) => {
  if (!baseURL) throw new Error("playwright.config.ts sets baseURL: the console under test");
  const seeded = await seedApiAndPlan(api);

  // The admin publishes the stage with the plan on the console's page.
  await page.goto("/developer-portal");
  const publish = page.getByRole("form", { name: "Publish a stage" });
  await publish.getByLabel("API stage").selectOption(`${seeded.apiId}/prod`);
  await publish.getByLabel(seeded.planName).check();
  await publish.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("listitem", { name: `Listing ${seeded.apiName} (prod)` })).toBeVisible();
  const listings = (await (await api.get("/api/v1/portal/listings")).json()) as {
    items: { id: string; apiId: string; stage: string; approval: string; plans: { id: string }[] }[];
  };
  const listing = listings.items.find((item) => item.apiId === seeded.apiId);
  expect(listing).toMatchObject({ stage: "prod", approval: "auto", plans: [{ id: seeded.planId }] });

  // A consumer signs up in the portal (open mode, the default) and lands on the catalog.
  const alice = await consumerContext(browser, baseURL);
  const portal = await alice.newPage();
  const aliceEmail = `${uniqueName("alice").replace(/\s+/g, "-")}@consumers.example`;
  await portal.goto("/portal");
  await expect(portal).toHaveURL(/\/portal\/sign-in/);
  await portal.getByRole("link", { name: "Create an account" }).click();
  await portal.getByLabel("Name").fill("Alice Consumer");
  await portal.getByLabel("Email").fill(aliceEmail);
  await portal.getByLabel("Organisation").fill("Alice & Co");
  await portal.getByLabel("Password").fill(PASSWORD);
  await portal.getByRole("button", { name: "Create account" }).click();
  await expect(portal.getByRole("heading", { name: "APIs" })).toBeVisible();
  await portal.getByRole("link", { name: seeded.apiName }).click();

  // The reference is rendered from the stage's OpenAPI, in the page, with no CDN.
  const docs = portal.getByTestId("reference-docs");
  await expect(docs.getByText("/ping").first()).toBeVisible({ timeout: 30_000 });
  await expect(docs.getByText("Answers pings.").first()).toBeVisible();

  // Subscribing with the auto-approved plan shows the key once; try-it starts with it.
  await portal.getByRole("button", { name: "Subscribe" }).click();
  const key = (await portal.getByTestId("revealed-api-key").textContent()) ?? "";
  expect(key).toMatch(/^ptk_[0-9A-Za-z]{36}$/);
  const tryIt = portal.getByRole("region", { name: "Try it" });
  await expect(tryIt.getByLabel("API key")).toHaveValue(key);
  await tryIt.getByLabel("Path").fill("/ping");
  await tryIt.getByRole("button", { name: "Send request" }).click();
  await expect(tryIt.getByTestId("try-it-status")).toHaveText("200");
  await expect(tryIt.getByTestId("try-it-body")).toHaveText("pong");

  // The call is counted in the consumer's usage, from the gateway's own counters.
  await portal.goto("/portal/keys");
  await expect
    .poll(
      async () => {
        await portal.reload();
        return portal.getByTestId("usage-summary").first().textContent();
      },
      { timeout: 10_000 },
    )
    .toBe("1 of 100 requests used today, 99 left");
  const aliceKeys = (await (await alice.request.get("/api/v1/portal/api-keys")).json()) as {
    items: { id: string; displayPrefix: string }[];
  };
  expect(aliceKeys.items).toHaveLength(1);
  const aliceKey = aliceKeys.items[0];

  // A second consumer sees neither the key nor its usage, and cannot revoke it.
  const bob = await consumerContext(browser, baseURL);
  const origin = { origin: new URL(baseURL).origin };
  const signUp = await bob.request.post("/api/v1/portal/sign-up", {
    headers: origin,
    data: { email: `${uniqueName("bob").replace(/\s+/g, "-")}@consumers.example`, name: "Bob", password: PASSWORD },
  });
  expect(signUp.status(), await signUp.text()).toBe(201);
  expect(((await (await bob.request.get("/api/v1/portal/api-keys")).json()) as { items: unknown[] }).items).toEqual([]);
  expect(((await (await bob.request.get("/api/v1/portal/usage")).json()) as { items: unknown[] }).items).toEqual([]);
  const bobRevoke = await bob.request.post(`/api/v1/portal/api-keys/${aliceKey.id}/revoke`, { headers: origin });
  expect(bobRevoke.status()).toBe(404);
  const bobRotate = await bob.request.post(`/api/v1/portal/api-keys/${aliceKey.id}/rotate`, {
    headers: origin,
    data: { gracePeriodSeconds: 0 },
  });
  expect(bobRotate.status()).toBe(404);
  const bobPage = await bob.newPage();
  await bobPage.goto("/portal/keys");
  await expect(bobPage.getByText("No keys yet")).toBeVisible();
  await expect(bobPage.getByText(aliceKey.displayPrefix)).toHaveCount(0);
  // A consumer's session is no console session.
  expect((await bob.request.get("/api/v1/apis")).status()).toBe(401);
  expect(await callGateway(gateway, seeded.apiId, key)).toBe(200);

  // Alice revokes her key on screen: the gateway refuses it, and so does try-it.
  await portal
    .getByRole("row", { name: `Key ${aliceKey.displayPrefix}` })
    .getByRole("button", { name: `Revoke ${aliceKey.displayPrefix}` })
    .click();
  await portal.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(portal.getByRole("row", { name: `Key ${aliceKey.displayPrefix}` }).getByText("revoked")).toBeVisible();
  expect(await callGateway(gateway, seeded.apiId, key)).toBe(403);
  await portal.goto(`/portal/apis/${listing?.id ?? ""}`);
  const tryAgain = portal.getByRole("region", { name: "Try it" });
  await tryAgain.getByLabel("Path").fill("/ping");
  await tryAgain.getByLabel("API key").fill(key);
  await tryAgain.getByRole("button", { name: "Send request" }).click();
  await expect(tryAgain.getByTestId("try-it-status")).toHaveText("403");

  await alice.close();
  await bob.close();
});

test("a listing that takes approval waits in the console's queue; the consumer sees the decision and takes the key", async ({
  page,
  browser,
  baseURL,
  request: api,
  gateway,
}) => {
  if (!baseURL) throw new Error("playwright.config.ts sets baseURL: the console under test");
  const seeded = await seedApiAndPlan(api);
  const created = await api.post("/api/v1/portal/listings", {
    data: { apiId: seeded.apiId, stage: "prod", usagePlanIds: [seeded.planId], approval: "manual" },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { listing } = (await created.json()) as { listing: { id: string } };

  const carol = await consumerContext(browser, baseURL);
  const origin = { origin: new URL(baseURL).origin };
  const email = `${uniqueName("carol").replace(/\s+/g, "-")}@consumers.example`;
  expect(
    (await carol.request.post("/api/v1/portal/sign-up", { headers: origin, data: { email, name: "Carol", password: PASSWORD } })).status(),
  ).toBe(201);
  const portal = await carol.newPage();
  await portal.goto(`/portal/apis/${listing.id}`);
  await portal.getByRole("button", { name: "Subscribe" }).click();
  await expect(portal.getByText("The team will approve or decline your request")).toBeVisible({ timeout: 20_000 });
  await expect(portal.getByTestId("revealed-api-key")).toHaveCount(0);

  // The admin approves it with a note in the console.
  await page.goto("/developer-portal");
  const request = page.getByRole("listitem", { name: `Request from ${email}` });
  await request.getByLabel("Note to the consumer").fill("Welcome aboard");
  await request.getByRole("button", { name: "Approve" }).click();
  await expect(request).toBeHidden();

  await portal.reload();
  await expect(portal.getByText("Note from the team: Welcome aboard")).toBeVisible();
  await portal.getByRole("button", { name: "Get a key" }).click();
  const key = (await portal.getByTestId("revealed-api-key").textContent()) ?? "";
  expect(await callGateway(gateway, seeded.apiId, key)).toBe(200);

  // Disabling the consumer in the console disables the key on the node at once.
  await page.reload();
  await page
    .getByRole("listitem", { name: `Consumer ${email}` })
    .getByRole("button", { name: "Disable" })
    .click();
  await expect(page.getByRole("listitem", { name: `Consumer ${email}` }).getByText("disabled")).toBeVisible();
  expect(await callGateway(gateway, seeded.apiId, key)).toBe(403);
  await carol.close();
});
