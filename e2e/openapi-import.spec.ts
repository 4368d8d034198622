import { EDITOR_LOAD_TIMEOUT_MS, documentEditor as editor, openEditor, pasteIntoEditor } from "./openapi-helpers";
import { expect, test, uniqueName } from "./support/fixtures";

// Monaco loads a large bundle and the document checks run in a worker: these tests get more time than most.
test.slow();

function petsDocument(title: string, itemPath = "/pets/{petId}"): string {
  return `openapi: 3.0.3
info:
  title: ${title}
  version: "1.0"
paths:
  /pets:
    get:
      responses:
        "200":
          description: All pets
  ${itemPath}:
    get:
      parameters:
        - name: petId
          in: path
          required: true
          schema:
            type: string
      responses:
        "200":
          description: One pet
`;
}

test("a pasted document becomes a new API, and the API's OpenAPI tab shows the import report", async ({ page, consoleApi }) => {
  const title = uniqueName("Imported pets");
  await page.goto("/apis");
  await page.getByRole("link", { name: "Import OpenAPI" }).click();
  await expect(page).toHaveURL(/\/apis\/import$/);
  await expect(editor(page)).toBeVisible({ timeout: EDITOR_LOAD_TIMEOUT_MS });

  await pasteIntoEditor(page, petsDocument(title));
  await expect(page.getByRole("region", { name: "Problems" })).toContainText("No problems");
  await expect(page.getByRole("tree", { name: "Resource preview tree" }).getByRole("treeitem", { name: "/pets/{petId}" })).toBeVisible();
  await page.getByRole("button", { name: "Create API" }).click();

  await expect(page).toHaveURL(/\/apis\/[^/]+\/openapi$/);
  const [api] = await consoleApi.findApis(title);
  expect(api).toBeDefined();
  expect(page.url()).toContain(`/apis/${api.id}/openapi`);
  await expect(page.getByRole("tab", { name: /Import report/ })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tabpanel", { name: "Import report" })).toContainText("Imported");
  expect((await consoleApi.resources(api.id)).map((resource) => resource.path).sort()).toEqual(["/", "/pets", "/pets/{petId}"]);
});

test("with Fail on warnings, a document with warnings creates nothing and the server's warning marks its line", async ({
  page,
  consoleApi,
}) => {
  const title = uniqueName("Unroutable");
  await openEditor(page, "/apis/import");
  // A variable followed by a letter cannot be routed: the import would leave the path out, with a warning.
  await pasteIntoEditor(page, petsDocument(title, "/pets/{petId}x"));
  await expect(page.getByRole("region", { name: "Problems" })).toContainText("No problems");
  await page.getByLabel("Fail on warnings").check();
  await page.getByRole("button", { name: "Create API" }).click();

  const problems = page.getByRole("region", { name: "Problems" });
  await expect(problems).toContainText("found by the server");
  await expect(problems.getByRole("button", { name: /pets\/\{petId\}x/ })).toContainText("Ln 11");
  await expect(page).toHaveURL(/\/apis\/import$/);
  expect(await consoleApi.findApis(title)).toEqual([]);
});
