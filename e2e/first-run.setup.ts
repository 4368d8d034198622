import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { expect, test } from "@playwright/test";

import { ADMIN_STORAGE_STATE, ADMIN_TOKEN_FILE, AUTH_DIR, consoleDataDir, E2E_ADMIN } from "./support/auth";

// Runs before every other spec: the console under test starts with no user,
// so the first admin is made here with the one-time setup code that the
// start wrote to <data dir>/setup-code, exactly as a newcomer would.

test("first run: the setup link creates the first admin in the browser, and then it is dead", async ({ page, baseURL }) => {
  const codeFile = path.join(consoleDataDir(), "setup-code");
  const code = readFileSync(codeFile, "utf8").trim();
  expect(code).toMatch(/^pcc_/);

  // Before anyone exists, the console sends people to sign-in, which says how to set up.
  await page.goto("/apis");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fapis/);
  await expect(page.getByRole("heading", { name: "Portico is not set up yet" })).toBeVisible();

  await page.goto(`/setup?code=${encodeURIComponent(code)}`);
  await expect(page.getByRole("heading", { name: "Create the first admin" })).toBeVisible();
  await page.getByLabel("Name").fill(E2E_ADMIN.name);
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password", { exact: true }).fill("too short");
  await page.getByLabel("Confirm password").fill("too short");
  await page.getByRole("button", { name: "Create admin and sign in" }).click();
  await expect(page.getByText("password must be at least 12 characters", { exact: true })).toBeVisible();
  await page.getByLabel("Password", { exact: true }).fill(E2E_ADMIN.password);
  await page.getByLabel("Confirm password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Create admin and sign in" }).click();
  await expect(page).toHaveURL(/\/apis$/);
  await expect(page.getByRole("button", { name: `Signed in as ${E2E_ADMIN.name} (admin)` })).toBeVisible();

  const again = await page.request.post("/api/v1/setup", {
    data: { code, email: "second@e2e.portico.dev", password: "another long password" },
  });
  expect(again.status()).toBe(403);
  expect(() => readFileSync(codeFile)).toThrow();

  // The session cookie the setup answered with signs the browser in.
  const me = await page.request.get("/api/v1/auth/me");
  expect(((await me.json()) as { user: { email: string; role: string } }).user).toMatchObject({ email: E2E_ADMIN.email, role: "admin" });

  const token = await page.request.post("/api/v1/tokens", {
    data: { name: "end-to-end specs", expiresInDays: 1 },
    headers: { origin: baseURL ?? "" },
  });
  expect(token.status(), await token.text()).toBe(201);
  mkdirSync(AUTH_DIR, { recursive: true });
  writeFileSync(ADMIN_TOKEN_FILE, `${((await token.json()) as { token: { value: string } }).token.value}\n`, { mode: 0o600 });
  await page.context().storageState({ path: ADMIN_STORAGE_STATE });
});
