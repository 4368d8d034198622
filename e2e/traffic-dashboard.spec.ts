import { expect, type APIRequestContext } from "@playwright/test";

import { test, uniqueName, type GatewayNode } from "./support/fixtures";

// Real traffic through the run's gateway node, then the dashboard and the
// request explorer that show it: the console collects the node's per-minute
// aggregates (GET /v1/aggregates) and reads its recent requests
// (GET /v1/requests) from its admin API.

type Sent = { method: string; path: string; route: string | null; status: number; latencyMs: number; requestId: string };

/** An API with GET /ping (mock, no key), deployed to prod on the run's node. */
async function seedDeployedApi(api: APIRequestContext): Promise<string> {
  const created = await api.post("/api/v1/apis", { data: { name: uniqueName("Traffic API") } });
  expect(created.status(), await created.text()).toBe(201);
  const { api: seeded } = (await created.json()) as { api: { id: string } };
  const tree = (await (await api.get(`/api/v1/apis/${seeded.id}/resources`)).json()) as { items: { id: string; path: string }[] };
  const rootId = tree.items.find((resource) => resource.path === "/")?.id;
  const ping = await api.post(`/api/v1/apis/${seeded.id}/resources`, { data: { parentId: rootId, pathPart: "ping" } });
  const { resource } = (await ping.json()) as { resource: { id: string } };
  const method = await api.post(`/api/v1/apis/${seeded.id}/resources/${resource.id}/methods`, {
    data: { httpMethod: "GET", integration: { type: "MOCK", mockResponse: { statusCode: 200, headers: {}, body: "pong" } } },
  });
  expect(method.status(), await method.text()).toBe(201);
  const deployment = await api.post(`/api/v1/apis/${seeded.id}/deployments`, { data: { stageName: "prod" } });
  expect(deployment.status(), await deployment.text()).toBe(201);
  return seeded.id;
}

async function send(gateway: GatewayNode, apiId: string, path: string, route: string | null): Promise<Sent> {
  const started = performance.now();
  const response = await fetch(`${gateway.proxyUrl}/${apiId}/prod${path}`);
  await response.text();
  const latencyMs = performance.now() - started;
  return {
    method: "GET",
    path,
    route,
    status: response.status,
    latencyMs,
    requestId: response.headers.get("x-request-id") ?? "",
  };
}

test("the dashboard charts a stage's real traffic, and a spike opens the requests behind it", async ({
  page,
  request: api,
  gateway,
}, testInfo) => {
  const apiId = await seedDeployedApi(api);
  const sent: Sent[] = [];
  for (let i = 0; i < 12; i += 1) sent.push(await send(gateway, apiId, "/ping", "GET /ping"));
  for (let i = 0; i < 3; i += 1) sent.push(await send(gateway, apiId, "/nowhere", null));
  expect(sent.map((request) => request.status).sort()).toEqual(
    [...Array.from({ length: 12 }, () => 200), ...Array.from({ length: 3 }, () => 404)].sort(),
  );

  // The API's numbers, as scripts read them: every request, the unrouted ones included.
  await expect
    .poll(async () => {
      const response = await api.get(`/api/v1/apis/${apiId}/stages/prod/metrics`);
      return ((await response.json()) as { totals: { count: number; status4xx: number } }).totals;
    })
    .toMatchObject({ count: 15, status4xx: 3 });

  await page.goto(`/apis/${apiId}/traffic?stage=prod&range=1h`);
  // The first read of the page also asks the console to collect from the nodes.
  await expect(page.getByLabel("Totals").getByText("15", { exact: true })).toBeVisible({ timeout: 30_000 });
  const requestsChart = page.getByTestId("requests-chart");
  await expect(requestsChart.locator(".recharts-bar-rectangle path, .recharts-bar-rectangle rect").first()).toBeVisible();
  await expect(page.getByTestId("latency-chart").locator(".recharts-line-dot").first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Top routes" }).getByRole("cell", { name: "GET /ping" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Top routes" }).getByRole("cell", { name: "No matching route" })).toBeVisible();
  const screenshot = testInfo.outputPath("traffic-dashboard.png");
  await page.screenshot({ path: screenshot, fullPage: true });
  await testInfo.attach("traffic dashboard", { path: screenshot, contentType: "image/png" });

  // The interval with the errors links to its requests (the traffic may straddle a minute: at least its errors are there).
  await page.getByRole("link", { name: /Most errors at .*: \d+ of \d+/ }).click();
  await expect(page).toHaveURL(new RegExp(`/apis/${apiId}/stages/prod/requests\\?from=`));
  const rows = page.getByRole("table", { name: "Requests" }).locator("tbody tr[data-request-id]");
  await expect(rows.filter({ hasText: "404" }).first()).toBeVisible();

  // The last hour's 404s, then one opened on its details.
  await page.goto(`/apis/${apiId}/stages/prod/requests`);
  await expect(rows).toHaveCount(15);
  await page.getByLabel("Status").fill("404");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(rows).toHaveCount(3);
  const wanted = sent.find((request) => request.status === 404);
  if (!wanted) throw new Error("a 404 was sent");
  await page.getByRole("button", { name: `Details of ${wanted.requestId}` }).click();
  await expect(page.getByTestId("request-details")).toContainText(wanted.requestId);
  await expect(page.getByTestId("request-details")).toContainText("route.not-found");

  const byId = await api.get(`/api/v1/apis/${apiId}/stages/prod/requests?requestId=${encodeURIComponent(wanted.requestId)}`);
  expect(((await byId.json()) as { items: { status: number }[] }).items.map((item) => item.status)).toEqual([404]);
});
