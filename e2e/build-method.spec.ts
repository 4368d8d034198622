import { expect, test, uniqueName } from "./support/fixtures";

test("GET /pets/{petId} with an HTTP proxy integration is built by clicks and is still there after a reload", async ({
  page,
  consoleApi,
}) => {
  const api = await consoleApi.createApi(uniqueName("Pet Store"));
  const tree = page.getByRole("navigation", { name: "Resource tree" });
  await page.goto(`/apis/${api.id}`);
  await expect(page.getByRole("heading", { level: 1, name: api.name })).toBeVisible();

  // /pets under the root, which is selected when the page opens.
  await page.getByRole("button", { name: "Create resource" }).first().click();
  const resourceDialog = page.getByRole("dialog", { name: "Create resource" });
  await resourceDialog.getByLabel("Path part").fill("pets");
  await resourceDialog.getByRole("button", { name: "Create resource" }).click();
  await expect(resourceDialog).toBeHidden();
  await expect(tree.getByRole("button", { name: "/pets", exact: true })).toHaveAttribute("aria-current", "true");

  // {petId} under the newly selected /pets.
  await page.getByRole("button", { name: "Create resource" }).first().click();
  await resourceDialog.getByLabel("Path part").fill("{petId}");
  await resourceDialog.getByRole("button", { name: "Create resource" }).click();
  await expect(resourceDialog).toBeHidden();
  await expect(tree.getByRole("button", { name: "/pets/{petId}", exact: true })).toHaveAttribute("aria-current", "true");

  // GET with an HTTP proxy integration.
  await page.getByRole("button", { name: "Create method" }).first().click();
  const methodDialog = page.getByRole("dialog", { name: "Create method" });
  await methodDialog.getByLabel("HTTP method").selectOption("GET");
  await methodDialog.getByLabel("HTTP proxy").check();
  await methodDialog.getByLabel("Endpoint URI").fill("http://127.0.0.1:9999/pets/{petId}");
  await methodDialog.getByRole("button", { name: "Create method" }).click();
  await expect(methodDialog).toBeHidden();

  // The method's settings open; refine it and save.
  const form = page.getByRole("form", { name: "GET /pets/{petId} settings" });
  await expect(form.getByLabel("Endpoint URI")).toHaveValue("http://127.0.0.1:9999/pets/{petId}");
  await expect(form.getByLabel("Name of parameter 1")).toHaveValue("petId");
  await form.getByLabel("Timeout (ms)").fill("5000");
  await expect(form.getByRole("status")).toHaveText("You have unsaved changes.");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByRole("status")).toHaveText("All changes saved.");

  // The selection is in the URL, so a reload comes back to the same method.
  await expect(page).toHaveURL(/method=GET/);
  await page.reload();
  const reloaded = page.getByRole("form", { name: "GET /pets/{petId} settings" });
  await expect(reloaded.getByLabel("HTTP proxy")).toBeChecked();
  await expect(reloaded.getByLabel("Endpoint URI")).toHaveValue("http://127.0.0.1:9999/pets/{petId}");
  await expect(reloaded.getByLabel("Timeout (ms)")).toHaveValue("5000");
  await expect(tree.getByRole("button", { name: "GET /pets/{petId}", exact: true })).toBeVisible();

  // And the API says the same.
  const petResource = await consoleApi.resourceByPath(api.id, "/pets/{petId}");
  expect(petResource?.methods).toEqual(["GET"]);
  const detail = await consoleApi.resource(api.id, petResource?.id ?? "");
  expect(detail.methods[0]).toMatchObject({
    httpMethod: "GET",
    requestParameters: [{ in: "path", name: "petId", required: true }],
    integration: { type: "HTTP_PROXY", uri: "http://127.0.0.1:9999/pets/{petId}", timeoutMs: 5000 },
  });
});

test("a method form refuses a bad URI and timeout under the fields, and saves nothing until they are fixed", async ({
  page,
  consoleApi,
}) => {
  const api = await consoleApi.createApi(uniqueName("Bad input"));
  const seeded = await consoleApi.seedPetTree(api.id);
  await page.goto(`/apis/${api.id}?resource=${seeded["/pets/{petId}"].id}&method=GET`);
  const form = page.getByRole("form", { name: "GET /pets/{petId} settings" });

  await form.getByLabel("HTTP proxy").check();
  const uri = form.getByLabel("Endpoint URI");
  await uri.fill("http://127.0.0.1:9999/pets/{id}");
  await uri.blur();
  await expect(uri).toHaveAccessibleDescription(/\{id\}/);
  const timeout = form.getByLabel("Timeout (ms)");
  await timeout.fill("60000");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(timeout).toHaveAccessibleDescription(/at most 29000/);
  await expect(form.getByRole("alert")).toBeVisible();

  // Nothing reached the server.
  const unchanged = await consoleApi.resource(api.id, seeded["/pets/{petId}"].id);
  expect(unchanged.methods[0]).toMatchObject({ integration: { type: "MOCK" } });

  // Fixing the fields clears their messages as they are typed, then the save goes through.
  await uri.fill("http://127.0.0.1:9999/pets/{petId}");
  await expect(uri).not.toHaveAttribute("aria-invalid", "true");
  await timeout.fill("2000");
  await expect(timeout).not.toHaveAttribute("aria-invalid", "true");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByRole("status")).toHaveText("All changes saved.");
  const saved = await consoleApi.resource(api.id, seeded["/pets/{petId}"].id);
  expect(saved.methods[0]).toMatchObject({
    integration: { type: "HTTP_PROXY", uri: "http://127.0.0.1:9999/pets/{petId}", timeoutMs: 2000 },
  });
});
