import { expect, type APIRequestContext, type Browser, type BrowserContext } from "@playwright/test";

import { E2E_ADMIN } from "./support/auth";
import { test, uniqueName } from "./support/fixtures";

// Who may do what, as people meet it in the browser: a wrong password, an
// invitation accepted on its page in another browser, a viewer's read-only
// console and a protected stage a developer cannot touch. Tokens and the
// audit log are in users-tokens-audit.spec.ts.

const PASSWORD = "a long enough password for e2e";

/** Invites a user through the API and returns the one-time link. */
async function invite(api: APIRequestContext, role: "viewer" | "developer" | "admin") {
  const email = `${uniqueName(role).replace(/\s+/g, "-").toLowerCase()}@e2e.portico.dev`;
  const response = await api.post("/api/v1/users", { data: { email, name: `${role} user`, role } });
  expect(response.status(), await response.text()).toBe(201);
  const body = (await response.json()) as { user: { id: string }; invitationUrl: string };
  return { email, id: body.user.id, invitationUrl: body.invitationUrl };
}

/** A browser signed in as a new user of the role, who accepted their invitation through the API. */
async function signedInAs(
  browser: Browser,
  api: APIRequestContext,
  baseURL: string,
  role: "viewer" | "developer",
): Promise<BrowserContext> {
  const { invitationUrl } = await invite(api, role);
  const code = new URL(invitationUrl).searchParams.get("code") ?? "";
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const accepted = await context.request.post("/api/v1/invitations/accept", {
    data: { code, password: PASSWORD },
    headers: { origin: baseURL },
  });
  expect(accepted.status(), await accepted.text()).toBe(200);
  return context;
}

/** An API with GET /hello on a mock, deployed to `stage`. */
async function deployedApi(api: APIRequestContext, stage: string): Promise<string> {
  const created = await api.post("/api/v1/apis", { data: { name: uniqueName("Access e2e") } });
  const apiId = ((await created.json()) as { api: { id: string } }).api.id;
  const tree = (await (await api.get(`/api/v1/apis/${apiId}/resources`)).json()) as { items: { id: string; path: string }[] };
  const rootId = tree.items.find((resource) => resource.path === "/")?.id;
  const hello = await api.post(`/api/v1/apis/${apiId}/resources`, { data: { parentId: rootId, pathPart: "hello" } });
  const resourceId = ((await hello.json()) as { resource: { id: string } }).resource.id;
  await api.post(`/api/v1/apis/${apiId}/resources/${resourceId}/methods`, {
    data: { httpMethod: "GET", integration: { type: "MOCK", mockResponse: { statusCode: 200, headers: {}, body: "hi" } } },
  });
  const deployed = await api.post(`/api/v1/apis/${apiId}/deployments`, { data: { stageName: stage } });
  expect(deployed.status(), await deployed.text()).toBe(201);
  return apiId;
}

test("a wrong password is refused with a message, and the right one signs in", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/usage-plans");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fusage-plans/);
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("The email or password is wrong");
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/usage-plans$/);
  await expect(page.getByRole("button", { name: /Signed in as First Admin \(admin\)/ })).toBeVisible();
  await context.close();
});

test("a viewer sees a read-only console: changes are disabled with the reason", async ({ browser, baseURL, request: api }) => {
  const apiId = await deployedApi(api, "dev");
  const context = await signedInAs(browser, api, baseURL ?? "", "viewer");
  const page = await context.newPage();
  await page.goto("/apis");
  const create = page.getByRole("main").getByRole("button", { name: "Create API" }).first();
  await expect(create).toBeDisabled();
  await expect(create).toHaveAttribute("title", "Viewers have read-only access; ask an admin for the developer role");
  await page.goto("/api-keys");
  await expect(page.getByRole("main").getByRole("button", { name: "Issue key" }).first()).toBeDisabled();
  await page.goto(`/apis/${apiId}/stages`);
  await expect(page.getByRole("button", { name: "Deploy here" })).toBeDisabled();
  // The sidebar has no Users entry for them, and the server refuses them anyway.
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" })).toHaveCount(0);
  const refused = await context.request.post("/api/v1/apis", { data: { name: "not allowed" }, headers: { origin: baseURL ?? "" } });
  expect(refused.status()).toBe(403);
  await context.close();
});

test("a protected stage refuses a developer, in the page and at the API", async ({ browser, baseURL, request: api }) => {
  const apiId = await deployedApi(api, "prod");
  const marked = await api.patch(`/api/v1/apis/${apiId}/stages/prod`, { data: { protected: true } });
  expect(marked.status(), await marked.text()).toBe(200);
  const context = await signedInAs(browser, api, baseURL ?? "", "developer");
  const page = await context.newPage();
  await page.goto(`/apis/${apiId}/stages`);
  await expect(page.getByText("Protected", { exact: true })).toBeVisible();
  const deployHere = page.getByRole("button", { name: "Deploy here" });
  await expect(deployHere).toBeDisabled();
  await expect(deployHere).toHaveAttribute("title", "Only admins can change the protected stage prod");
  await expect(page.getByRole("button", { name: "Settings" })).toBeDisabled();
  const refused = await context.request.post(`/api/v1/apis/${apiId}/deployments`, {
    data: { stageName: "prod" },
    headers: { origin: baseURL ?? "" },
  });
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("forbidden");
  await context.close();
});

test("an admin invites a user on the Users page, who accepts in a second browser and is then disabled", async ({
  page,
  browser,
  baseURL,
}) => {
  const email = `${uniqueName("invitee").replace(/\s+/g, "-").toLowerCase()}@e2e.portico.dev`;
  await page.goto("/users");
  await page.getByRole("button", { name: "Invite user" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite a user" });
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Name").fill("Invited Developer");
  await dialog.getByLabel("Role").selectOption("developer");
  await dialog.getByRole("button", { name: "Invite" }).click();
  const link = await page.getByLabel("Invitation link", { exact: true }).textContent();
  expect(link).toMatch(/\/invitations\/accept\?code=pcc_/);
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("row", { name: new RegExp(email) })).toContainText("Invited");

  const second = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const invitee = await second.newPage();
  await invitee.goto(link ?? "");
  await expect(invitee.getByRole("heading", { name: "Join Portico" })).toBeVisible();
  await expect(invitee.getByLabel("Email")).toHaveValue(email);
  await invitee.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await invitee.getByLabel("Confirm password").fill(PASSWORD);
  await invitee.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(invitee).toHaveURL(/\/apis$/);
  await expect(invitee.getByRole("button", { name: "Signed in as Invited Developer (developer)" })).toBeVisible();
  // The link is dead once used.
  expect((await second.request.get(`/api/v1/invitations?code=${new URL(link ?? "").searchParams.get("code")}`)).status()).toBe(404);

  await page.reload();
  const row = page.getByRole("row", { name: new RegExp(email) });
  await expect(row).toContainText("Active");
  await row.getByRole("button", { name: "Disable" }).click();
  await expect(row).toContainText("Disabled");
  // Their session ended at once.
  expect((await second.request.get("/api/v1/auth/me")).status()).toBe(401);
  await second.close();
});
