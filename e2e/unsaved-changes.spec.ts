import { expect, test, uniqueName } from "./support/fixtures";

test("leaving a method with unsaved edits asks first, and keeping them loses nothing", async ({ page, consoleApi }) => {
  const api = await consoleApi.createApi(uniqueName("Guard"));
  const seeded = await consoleApi.seedPetTree(api.id);
  const tree = page.getByRole("navigation", { name: "Resource tree" });
  await page.goto(`/apis/${api.id}?resource=${seeded["/pets"].id}&method=GET`);

  const form = page.getByRole("form", { name: "GET /pets settings" });
  await form.getByLabel("Status code").fill("201");
  await expect(form.getByRole("status")).toHaveText("You have unsaved changes.");

  // Another method in the tree: the guard asks, "Keep editing" stays put.
  await tree.getByRole("button", { name: "GET /pets/{petId}", exact: true }).click();
  const guard = page.getByRole("dialog", { name: "Discard unsaved changes?" });
  await guard.getByRole("button", { name: "Keep editing" }).click();
  await expect(guard).toBeHidden();
  await expect(form.getByLabel("Status code")).toHaveValue("201");
  await expect(page).toHaveURL(new RegExp(`resource=${seeded["/pets"].id}`));

  // A link elsewhere (the breadcrumb) is guarded too.
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "APIs" }).click();
  await expect(guard).toBeVisible();
  await guard.getByRole("button", { name: "Keep editing" }).click();

  // A reload asks the browser's own question; dismissing it keeps the page.
  const [question] = await Promise.all([
    page.waitForEvent("dialog"),
    page.evaluate(() => {
      setTimeout(() => window.location.reload(), 0);
    }),
  ]);
  expect(question.type()).toBe("beforeunload");
  await question.dismiss();
  await expect(form.getByLabel("Status code")).toHaveValue("201");

  // Discarding goes where asked and leaves the saved method untouched.
  await tree.getByRole("button", { name: "GET /pets/{petId}", exact: true }).click();
  await guard.getByRole("button", { name: "Discard changes" }).click();
  await expect(page.getByRole("form", { name: "GET /pets/{petId} settings" })).toBeVisible();
  const pets = await consoleApi.resource(api.id, seeded["/pets"].id);
  expect(pets.methods[0]).toMatchObject({ integration: { mockResponse: { statusCode: 200 } } });
});
