import { expect, test, uniqueName } from "./support/fixtures";

test("an API created from the list opens, is found by search, and is deleted only after its name is typed", async ({
  page,
  consoleApi,
}) => {
  const name = uniqueName("Orders");
  await page.goto("/apis");

  await page.getByRole("button", { name: "Create API" }).first().click();
  const createDialog = page.getByRole("dialog", { name: "Create API" });
  await createDialog.getByLabel("Name").fill(name);
  await createDialog.getByLabel("Description").fill("Order intake for the shop");
  await createDialog.getByRole("button", { name: "Create API" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const [created] = await consoleApi.findApis(name);
  expect(created?.name).toBe(name);

  // Search is server-side: another API seeded now must be filtered out.
  const other = await consoleApi.createApi(uniqueName("Inventory"));
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "APIs" }).click();
  const list = page.getByRole("region", { name: "API list" });
  await expect(list.getByRole("link", { name: other.name })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search APIs" }).fill(name);
  await expect(list.getByRole("link", { name: other.name })).toBeHidden();
  await expect(list.getByRole("link", { name })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(name).replace(/%20/g, "(%20|\\+)")}`));

  // Deleting asks for the exact name before it can be confirmed.
  await list.getByRole("button", { name: `Delete ${name}` }).click();
  const confirm = page.getByRole("dialog", { name: "Delete API" });
  const deleteButton = confirm.getByRole("button", { name: "Delete API" });
  await expect(deleteButton).toBeDisabled();
  await confirm.getByRole("textbox").fill(`${name} (typo)`);
  await expect(deleteButton).toBeDisabled();
  await confirm.getByRole("textbox").fill(name);
  await deleteButton.click();
  await expect(confirm).toBeHidden();
  await expect(list.getByRole("link", { name })).toBeHidden();
  expect(await consoleApi.apiStatus(created.id)).toBe(404);
  expect(await consoleApi.apiStatus(other.id)).toBe(200);
});

test("creating an API without a name shows the message under the name field and creates nothing", async ({ page, consoleApi }) => {
  const description = uniqueName("nameless");
  await page.goto("/apis");
  await page.getByRole("button", { name: "Create API" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create API" });
  await dialog.getByLabel("Description").fill(description);
  await dialog.getByRole("button", { name: "Create API" }).click();
  const nameInput = dialog.getByLabel("Name");
  await expect(nameInput).toHaveAttribute("aria-invalid", "true");
  await expect(nameInput).toHaveAccessibleDescription(/name must not be empty/);
  expect(await consoleApi.findApis(description)).toEqual([]);
});

test("the list shows one page of APIs and loads the next on demand", async ({ page, consoleApi }) => {
  const prefix = uniqueName("Paging");
  // One more than a page (25), seeded in parallel.
  await Promise.all(Array.from({ length: 26 }, (_, index) => consoleApi.createApi(`${prefix} ${String(index).padStart(2, "0")}`)));
  await page.goto(`/apis?q=${encodeURIComponent(prefix)}`);
  const rows = page.getByRole("region", { name: "API list" }).getByRole("row");
  // A header row plus the first page.
  await expect(rows).toHaveCount(26);
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(rows).toHaveCount(27);
  await expect(page.getByRole("button", { name: "Load more" })).toBeHidden();
});

test("dialogs start on their first field, keep focus inside, and close with Escape", async ({ page }) => {
  await page.goto("/apis");
  const opener = page.getByRole("button", { name: "Create API" }).first();
  await opener.click();
  const dialog = page.getByRole("dialog", { name: "Create API" });
  await expect(dialog.getByLabel("Name")).toBeFocused();
  for (let step = 0; step < 6; step += 1) {
    await page.keyboard.press("Tab");
    expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
});
