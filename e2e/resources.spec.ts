import { expect, test, uniqueName } from "./support/fixtures";

test("an illegal path part is refused with a message on the field, and no resource is created", async ({ page, consoleApi }) => {
  const api = await consoleApi.createApi(uniqueName("Validation"));
  await page.goto(`/apis/${api.id}`);
  await page.getByRole("button", { name: "Create resource" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create resource" });
  const pathPart = dialog.getByLabel("Path part");

  await pathPart.fill("pets/{id}");
  await dialog.getByRole("button", { name: "Create resource" }).click();
  await expect(pathPart).toHaveAttribute("aria-invalid", "true");
  await expect(pathPart).toHaveAccessibleDescription(/must not contain '\/'/);

  // The server's answer lands under the field too: a sibling with this path part exists.
  await consoleApi.createResource(api.id, (await consoleApi.resourceByPath(api.id, "/"))?.id ?? "", "pets");
  await pathPart.fill("pets");
  await dialog.getByRole("button", { name: "Create resource" }).click();
  await expect(pathPart).toHaveAttribute("aria-invalid", "true");
  await expect(pathPart).toHaveAccessibleDescription(/pets/);

  await pathPart.fill("{pet id}");
  await dialog.getByRole("button", { name: "Create resource" }).click();
  await expect(pathPart).toHaveAccessibleDescription(/path parameter must look like \{name\}/);
  await expect(dialog).toBeVisible();

  expect((await consoleApi.resources(api.id)).map((resource) => resource.path).sort()).toEqual(["/", "/pets"]);
});

test("deleting a resource with children lists what goes with it and needs its path typed", async ({ page, consoleApi }) => {
  const api = await consoleApi.createApi(uniqueName("Subtree"));
  const seeded = await consoleApi.seedPetTree(api.id);
  const tree = page.getByRole("navigation", { name: "Resource tree" });
  await page.goto(`/apis/${api.id}?resource=${seeded["/pets"].id}`);

  await page.getByRole("button", { name: "Delete resource" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete resource and its children" });
  await expect(dialog.getByTestId("delete-child-count")).toHaveText("2 child resources");
  await expect(dialog.getByTestId("delete-method-count")).toHaveText("3 methods");
  const confirm = dialog.getByRole("button", { name: "Delete", exact: true });
  await expect(confirm).toBeDisabled();

  // Backing out leaves the tree whole.
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  expect((await consoleApi.resources(api.id)).length).toBe(4);

  await page.getByRole("button", { name: "Delete resource" }).click();
  await dialog.getByRole("textbox").fill("/pets");
  await confirm.click();
  await expect(dialog).toBeHidden();
  await expect(tree.getByRole("button", { name: "/pets", exact: true })).toBeHidden();
  expect((await consoleApi.resources(api.id)).map((resource) => resource.path)).toEqual(["/"]);
});

test("the API refuses to delete a resource with children unless the deletion is recursive", async ({ request, consoleApi }) => {
  const api = await consoleApi.createApi(uniqueName("Refusal"));
  const seeded = await consoleApi.seedPetTree(api.id);
  const refused = await request.delete(`/api/v1/apis/${api.id}/resources/${seeded["/pets"].id}`);
  expect(refused.status()).toBe(409);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("has_children");
  expect((await consoleApi.resources(api.id)).length).toBe(4);
});

test("renaming a resource moves its children to the new path", async ({ page, consoleApi }) => {
  const api = await consoleApi.createApi(uniqueName("Rename"));
  const seeded = await consoleApi.seedPetTree(api.id);
  const tree = page.getByRole("navigation", { name: "Resource tree" });
  await page.goto(`/apis/${api.id}?resource=${seeded["/pets"].id}`);

  await page.getByRole("button", { name: "Rename" }).click();
  const dialog = page.getByRole("dialog", { name: "Rename resource" });
  await dialog.getByLabel("Path part").fill("animals");
  await dialog.getByRole("button", { name: "Rename" }).click();
  await expect(dialog).toBeHidden();

  await expect(tree.getByRole("button", { name: "/animals/{petId}/photos", exact: true })).toBeVisible();
  expect((await consoleApi.resources(api.id)).map((resource) => resource.path).sort()).toEqual([
    "/",
    "/animals",
    "/animals/{petId}",
    "/animals/{petId}/photos",
  ]);
});
