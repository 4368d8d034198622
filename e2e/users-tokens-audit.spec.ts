import { randomBytes } from "node:crypto";

import type { APIRequestContext, Page } from "@playwright/test";

import { E2E_ADMIN } from "./support/auth";
import { expect, test, uniqueName } from "./support/fixtures";

// Users, API tokens and the audit log, driven from their pages as the first
// admin. The invited person gets a browser context of their own (no cookie
// shared with the admin's), and the token is tried from a bare HTTP client,
// as curl or a CI job would call the console.

type UserSummary = { id: string; email: string; role: string; disabled: boolean; invitationPending: boolean };
type TokenSummary = { id: string; name: string; role: string; prefix: string; expiresAt: string | null; revokedAt: string | null };

const INVITEE_PASSWORD = "a long invited password";

async function usersOf(api: APIRequestContext): Promise<UserSummary[]> {
  const response = await api.get("/api/v1/users");
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { items: UserSummary[] }).items;
}

async function tokensOf(api: APIRequestContext): Promise<TokenSummary[]> {
  const response = await api.get("/api/v1/tokens");
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { items: TokenSummary[] }).items;
}

/** Applies an audit filter on the page and waits for the address to carry it. */
async function filterAudit(page: Page, filter: { action?: string; targetId?: string }) {
  // Events appear only once the page runs in the browser; typing before that would be lost to hydration.
  await expect(page.getByRole("region", { name: "Audit events" }).getByRole("row").first()).toBeVisible();
  const form = page.getByRole("form", { name: "Filter the audit log" });
  await form.getByLabel("Action").fill(filter.action ?? "");
  await form.getByLabel("Target id").fill(filter.targetId ?? "");
  await form.getByRole("button", { name: "Apply filters" }).click();
  if (filter.action) await expect(page).toHaveURL(new RegExp(`action=${encodeURIComponent(filter.action)}`));
}

test("an invited user accepts in their own browser with the invited role, and loses access at once when demoted or disabled", async ({
  page,
  browser,
  request: api,
  baseURL,
}) => {
  if (!baseURL) throw new Error("playwright.config.ts sets baseURL: the console under test");
  const email = `invitee-${Date.now().toString(36)}${randomBytes(3).toString("hex")}@e2e.portico.dev`;
  const name = uniqueName("Invitee");

  // Invite on the Users page: the one-time link is shown to pass on.
  await page.goto("/users");
  await page.getByRole("button", { name: "Invite user" }).click();
  const invite = page.getByRole("dialog", { name: "Invite a user" });
  await invite.getByLabel("Email").fill(email);
  await invite.getByLabel("Name").fill(name);
  await invite.getByLabel("Role").selectOption("developer");
  await invite.getByRole("button", { name: "Invite" }).click();
  const linkDialog = page.getByRole("dialog", { name: `Invitation for ${email}` });
  await expect(linkDialog.getByText("for 7 days")).toBeVisible();
  const link = (await linkDialog.getByLabel("Invitation link", { exact: true }).textContent()) ?? "";
  expect(link).toMatch(new RegExp(`^${baseURL.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/invitations/accept\\?code=`));
  const code = new URL(link).searchParams.get("code") ?? "";
  await linkDialog.getByRole("button", { name: "Done" }).click();
  const row = page.getByRole("row", { name: `User ${email}` });
  await expect(row.getByText("Invited")).toBeVisible();
  const invited = (await usersOf(api)).find((user) => user.email === email);
  expect(invited).toMatchObject({ role: "developer", invitationPending: true, disabled: false });
  if (!invited) return;

  // The invited person, in a browser of their own, accepts and signs in through the API.
  const invitee = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  try {
    const origin = { origin: new URL(baseURL).origin };
    const accepted = await invitee.request.post("/api/v1/invitations/accept", {
      data: { code, password: INVITEE_PASSWORD },
      headers: origin,
    });
    expect(accepted.status(), await accepted.text()).toBe(200);
    const reused = await invitee.request.post("/api/v1/invitations/accept", {
      data: { code, password: INVITEE_PASSWORD },
      headers: origin,
    });
    expect(reused.status()).toBe(404);
    const signIn = () => invitee.request.post("/api/v1/auth/sign-in", { data: { email, password: INVITEE_PASSWORD }, headers: origin });
    expect((await signIn()).status()).toBe(200);

    const inviteePage = await invitee.newPage();
    await inviteePage.goto("/apis");
    await expect(inviteePage.getByRole("button", { name: `Signed in as ${name} (developer)` })).toBeVisible();
    const nav = inviteePage.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "API tokens" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);

    // A role change ends their sessions at once; signing in again gives the new role.
    await page.reload();
    await expect(row.getByText("Active")).toBeVisible();
    await row.getByLabel(`Role of ${email}`).selectOption("viewer");
    await expect(page.getByRole("status").filter({ hasText: `${email} is now viewer` })).toBeVisible();
    await expect.poll(async () => (await usersOf(api)).find((user) => user.email === email)?.role).toBe("viewer");
    expect((await invitee.request.get("/api/v1/auth/me")).status()).toBe(401);
    expect((await signIn()).status()).toBe(200);
    const me = await invitee.request.get("/api/v1/auth/me");
    expect(((await me.json()) as { user: { role: string } }).user.role).toBe("viewer");

    // Disabling ends the session and refuses the next sign-in.
    await row.getByRole("button", { name: "Disable" }).click();
    await expect(row.getByText("Disabled")).toBeVisible();
    await expect.poll(async () => (await usersOf(api)).find((user) => user.email === email)?.disabled).toBe(true);
    expect((await invitee.request.get("/api/v1/auth/me")).status()).toBe(401);
    expect((await signIn()).status()).toBe(401);
  } finally {
    await invitee.close();
  }

  // The server's refusal to demote the last admin is shown, and nothing changes.
  const activeAdmins = (await usersOf(api)).filter((user) => user.role === "admin" && !user.disabled && !user.invitationPending);
  expect(activeAdmins.map((user) => user.email)).toEqual([E2E_ADMIN.email]);
  const adminRow = page.getByRole("row", { name: `User ${E2E_ADMIN.email}` });
  await adminRow.getByLabel(`Role of ${E2E_ADMIN.email}`).selectOption("viewer");
  await expect(page.getByRole("alert").filter({ hasText: "This is the last admin" })).toBeVisible();
  await expect(adminRow.getByLabel(`Role of ${E2E_ADMIN.email}`)).toHaveValue("admin");
  expect((await usersOf(api)).find((user) => user.email === E2E_ADMIN.email)?.role).toBe("admin");

  // Deleting asks first.
  await row.getByRole("button", { name: "Delete" }).click();
  const confirm = page.getByRole("dialog", { name: `Delete ${email}?` });
  await confirm.getByRole("button", { name: "Delete user" }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toBeHidden();
  expect((await usersOf(api)).some((user) => user.email === email)).toBe(false);

  // The audit log tells the story with the right actors, and the action filter narrows it.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await filterAudit(page, { action: "user", targetId: invited.id });
  const events = page.getByRole("region", { name: "Audit events" });
  for (const [action, actor] of [
    ["user.invite", E2E_ADMIN.email],
    ["user.accept", email],
    ["user.signin", email],
    ["user.update", E2E_ADMIN.email],
    ["user.disable", E2E_ADMIN.email],
    ["user.delete", E2E_ADMIN.email],
  ]) {
    await expect(events.getByRole("row", { name: `${action} by ${actor}` }).first()).toBeVisible();
  }
  const update = events.getByRole("row", { name: `user.update by ${E2E_ADMIN.email}` });
  await expect(update.getByRole("link", { name: email })).toHaveAttribute("href", "/users");
  await update.getByRole("button", { name: "Show changes" }).click();
  const changes = events.getByRole("table", { name: "Changes" });
  await expect(changes.getByRole("row", { name: "role developer viewer" })).toBeVisible();

  await filterAudit(page, { action: "user.disable", targetId: invited.id });
  // The header row and the one event: nothing else of this user's story is left.
  await expect(events.getByRole("row")).toHaveCount(2);
  await expect(events.getByRole("row", { name: `user.disable by ${E2E_ADMIN.email}` })).toBeVisible();
});

test("a token made on the Tokens page works from a plain HTTP client without cookies, within its role, until it is revoked", async ({
  page,
  playwright,
  request: api,
  baseURL,
}) => {
  if (!baseURL) throw new Error("playwright.config.ts sets baseURL: the console under test");
  const name = uniqueName("CI pipeline");

  await page.goto("/tokens");
  await page.getByRole("button", { name: "New token" }).click();
  const create = page.getByRole("dialog", { name: "New API token" });
  await create.getByLabel("Name").fill(name);
  await create.getByLabel("Role").selectOption("viewer");
  await create.getByLabel("Expires after (days)").fill("0");
  await create.getByRole("button", { name: "Create token" }).click();
  await expect(create.getByText("expiresInDays must be at least 1")).toBeVisible();
  await create.getByLabel("Expires after (days)").fill("7");
  await create.getByRole("button", { name: "Create token" }).click();

  // The value is shown once, with a curl line that uses it.
  const shown = page.getByRole("dialog", { name: `Token ${name} created` });
  const value = (await shown.getByLabel("Token value", { exact: true }).textContent()) ?? "";
  expect(value).toMatch(/^pct_/);
  await expect(shown.getByText(`curl -H "Authorization: Bearer ${value}" ${new URL(baseURL).origin}/api/v1/apis`)).toBeVisible();
  await shown.getByRole("button", { name: "Done" }).click();
  const row = page.getByRole("row", { name: `Token ${name}` });
  await expect(row.getByText("viewer")).toBeVisible();
  const token = (await tokensOf(api)).find((item) => item.name === name);
  expect(token).toMatchObject({ role: "viewer", revokedAt: null });
  if (!token) return;
  expect(value.startsWith(token.prefix)).toBe(true);
  await expect(row.getByText(`${token.prefix}…`)).toBeVisible();
  const days = (Date.parse(token.expiresAt ?? "") - Date.now()) / 86_400_000;
  expect(days).toBeGreaterThan(6.9);
  expect(days).toBeLessThanOrEqual(7);

  // As curl would send it: no cookie, no Origin, just the bearer header.
  const plain = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${value}` } });
  try {
    expect((await plain.get("/api/v1/apis")).status()).toBe(200);
    const me = (await (await plain.get("/api/v1/auth/me")).json()) as { via: string; user: { email: string; role: string } };
    expect(me).toMatchObject({ via: "token", user: { email: E2E_ADMIN.email, role: "viewer" } });
    // A viewer token cannot change anything, whatever its user may do.
    expect((await plain.post("/api/v1/apis", { data: { name: uniqueName("Refused") } })).status()).toBe(403);

    await row.getByRole("button", { name: `Revoke ${name}` }).click();
    const confirm = page.getByRole("dialog", { name: `Revoke ${name}?` });
    await confirm.getByRole("button", { name: "Revoke token" }).click();
    await expect(confirm).toBeHidden();
    await expect(row).toBeHidden();
    expect((await plain.get("/api/v1/apis")).status()).toBe(401);
  } finally {
    await plain.dispose();
  }

  // The audit log shows both, made by the admin's session, and the action filter narrows them.
  await page.goto("/audit");
  await filterAudit(page, { action: "token", targetId: token.id });
  const events = page.getByRole("region", { name: "Audit events" });
  await expect(events.getByRole("row", { name: `token.create by ${E2E_ADMIN.email}` })).toBeVisible();
  await expect(events.getByRole("row", { name: `token.revoke by ${E2E_ADMIN.email}` })).toBeVisible();
  await expect(events.getByRole("link", { name }).first()).toHaveAttribute("href", "/tokens");
  await filterAudit(page, { action: "token.revoke", targetId: token.id });
  await expect(events.getByRole("row")).toHaveCount(2);
  await expect(events.getByRole("row", { name: `token.revoke by ${E2E_ADMIN.email}` })).toBeVisible();
});
