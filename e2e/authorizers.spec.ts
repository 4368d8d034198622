import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, uniqueName } from "./support/fixtures";

// A Lambda TOKEN authorizer made on the Authorizers tab, tried with its Test
// dialog, picked for a method in the method form, and enforced by the
// gateway after a deploy. The function is a plain HTTP endpoint receiving
// the authorizer event (Portico's URL target), started by the test.

let lambda: Server;
let lambdaUrl = "";
const events: Array<{ type?: string; authorizationToken?: string; methodArn?: string }> = [];

/** Allows "Bearer allow", denies "Bearer deny", fails as API Gateway's "Unauthorized" otherwise. */
function policyFor(token: string | undefined, methodArn: string): { status: number; body: unknown; headers?: Record<string, string> } {
  if (token === "Bearer allow" || token === "Bearer deny") {
    return {
      status: 200,
      body: {
        principalId: "user-42",
        policyDocument: {
          Version: "2012-10-17",
          Statement: [{ Action: "execute-api:Invoke", Effect: token === "Bearer allow" ? "Allow" : "Deny", Resource: methodArn }],
        },
        context: { tier: "gold" },
      },
    };
  }
  return { status: 200, headers: { "x-amz-function-error": "Unhandled" }, body: { errorMessage: "Unauthorized" } };
}

test.beforeAll(async () => {
  lambda = createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (raw += chunk));
    req.on("end", () => {
      const event = JSON.parse(raw) as { type?: string; authorizationToken?: string; methodArn?: string };
      events.push(event);
      const answer = policyFor(event.authorizationToken, event.methodArn ?? "*");
      res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => lambda.listen(0, "127.0.0.1", resolve));
  lambdaUrl = `http://127.0.0.1:${(lambda.address() as AddressInfo).port}/authorize`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => lambda.close(() => resolve()));
});

test("a Lambda authorizer is created, tested, attached to a method and enforced after a deploy", async ({
  page,
  consoleApi,
  request: api,
  gateway,
}) => {
  const created = await consoleApi.createApi(uniqueName("Authorizers"));
  const root = await consoleApi.resourceByPath(created.id, "/");
  const orders = await consoleApi.createResource(created.id, root!.id, "orders");
  await consoleApi.createMethod(created.id, orders.id, {
    httpMethod: "GET",
    integration: { type: "MOCK", mockResponse: { statusCode: 200, headers: {}, body: "the orders" } },
  });

  // Create it on the Authorizers tab.
  await page.goto(`/apis/${created.id}/authorizers`);
  await expect(page.getByText("No authorizers yet")).toBeVisible();
  await page.getByRole("button", { name: "Create authorizer" }).click();
  const dialog = page.getByRole("dialog", { name: "Create authorizer" });
  await dialog.getByLabel("Name").fill("orders-token");
  await dialog.getByLabel("Type").selectOption({ label: "Lambda, TOKEN" });
  await dialog.getByLabel("Function").fill(lambdaUrl);
  await dialog.getByLabel("Result cache TTL (seconds)").fill("0");
  await dialog.getByRole("button", { name: "Create authorizer" }).click();
  await expect(dialog).toBeHidden();
  const table = page.getByRole("table", { name: "Authorizers" });
  await expect(table.getByRole("row", { name: /orders-token/ })).toContainText("TOKEN");

  // Its Test dialog runs it on a gateway node: allowed, denied, and refused without a valid token.
  await page.getByRole("button", { name: "Test orders-token" }).click();
  const test = page.getByRole("dialog", { name: "Test orders-token" });
  await test.getByLabel("Headers").fill("Authorization: Bearer allow");
  await test.getByRole("button", { name: "Run test" }).click();
  await expect(test.getByRole("status")).toContainText("Allowed");
  await expect(test.getByRole("status")).toContainText("principalId: user-42");
  await expect(test.getByRole("status")).toContainText('"tier": "gold"');
  await test.getByLabel("Headers").fill("Authorization: Bearer deny");
  await test.getByRole("button", { name: "Run test" }).click();
  await expect(test.getByRole("status")).toContainText("Refused with 403");
  await test.getByLabel("Headers").fill("Authorization: Bearer nonsense");
  await test.getByRole("button", { name: "Run test" }).click();
  await expect(test.getByRole("status")).toContainText("Refused with 401");
  expect(events.at(-1)).toMatchObject({ type: "TOKEN", authorizationToken: "Bearer nonsense" });
  await test.getByRole("button", { name: "Close" }).last().click();
  await expect(test).toBeHidden();

  // Pick it for GET /orders in the method form.
  await page.goto(`/apis/${created.id}?resource=${orders.id}&method=GET`);
  const form = page.getByRole("form", { name: "GET /orders settings" });
  await form.getByLabel("Authorization").selectOption({ label: "Lambda authorizer" });
  await form.getByLabel("Authorizer").selectOption({ label: "orders-token (TOKEN)" });
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByRole("status")).toHaveText("All changes saved.");
  const saved = await consoleApi.resource(created.id, orders.id);
  expect(saved.methods[0]).toMatchObject({ authorizationType: "CUSTOM" });

  await page.goto(`/apis/${created.id}/authorizers`);
  await expect(
    table
      .getByRole("row", { name: /orders-token/ })
      .getByRole("cell")
      .nth(3),
  ).toHaveText("1");

  // Deployed, the gateway asks the function on every call (TTL 0) and answers as API Gateway.
  const deployed = await api.post(`/api/v1/apis/${created.id}/deployments`, { data: { stageName: "prod" } });
  expect(deployed.status(), await deployed.text()).toBe(201);
  await expect.poll(async () => (await gateway.invoke(created.id, "prod", "/orders", { authorization: "Bearer allow" })).status).toBe(200);
  expect(await gateway.invoke(created.id, "prod", "/orders", { authorization: "Bearer allow" })).toEqual({
    status: 200,
    body: "the orders",
  });
  expect((await gateway.invoke(created.id, "prod", "/orders", { authorization: "Bearer deny" })).status).toBe(403);
  const unauthorized = await gateway.invoke(created.id, "prod", "/orders", { authorization: "Bearer nonsense" });
  expect(unauthorized.status).toBe(401);
  expect(JSON.parse(unauthorized.body)).toEqual({ message: "Unauthorized" });
  expect((await gateway.invoke(created.id, "prod", "/orders")).status).toBe(401);
  expect(events.at(-1)?.methodArn).toMatch(new RegExp(`:${created.id}/prod/GET/orders$`));
});
