import { EDITOR_LOAD_TIMEOUT_MS, documentEditor as editor, openEditor, pasteIntoEditor } from "./openapi-helpers";
import { expect, test, uniqueName } from "./support/fixtures";

// Monaco loads a large bundle and the document checks run in a worker: these tests get more time than most.
test.slow();

/** A small document; with `responseReference`, the one-order response's schema is that $ref. */
function ordersDocument(title: string, responseReference?: string): string {
  const content = responseReference
    ? `
          content:
            application/json:
              schema:
                $ref: "${responseReference}"`
    : "";
  return `openapi: 3.0.3
info:
  title: ${title}
  version: "1.0"
paths:
  /orders:
    get:
      responses:
        "200":
          description: All orders
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates:
          application/json: '{"statusCode": 200}'
  /orders/{orderId}:
    get:
      parameters:
        - name: orderId
          in: path
          required: true
          schema:
            type: string
      responses:
        "200":
          description: One order${content}
    delete:
      responses:
        "204":
          description: Deleted
`;
}

test("a planted error is marked at its line, clears when fixed, and the applied document shows up in the resource tree", async ({
  page,
  consoleApi,
}) => {
  const api = await consoleApi.createApi(uniqueName("OpenAPI editor"));
  // The editor opens with the API's current definition.
  await openEditor(page, `/apis/${api.id}/openapi`, "openapi: 3.0");
  await expect(page.getByRole("link", { name: "OpenAPI", exact: true })).toHaveAttribute("aria-current", "page");

  const problems = page.getByRole("region", { name: "Problems" });
  await pasteIntoEditor(page, ordersDocument(api.name, "orders.yaml#/Order"));

  // A reference to another file cannot be imported: the line that holds it, 29, is marked.
  const problem = problems.getByRole("button", { name: /orders\.yaml/ });
  await expect(problem).toContainText("Ln 29");
  await expect(editor(page).locator(".squiggly-error").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Apply…" })).toBeDisabled();

  // A click on the problem puts the cursor on its line.
  await problem.click();
  await expect(editor(page).locator(".line-numbers.active-line-number")).toHaveText("29");

  await pasteIntoEditor(page, ordersDocument(api.name));
  await expect(problems).toContainText("No problems");
  await expect(editor(page).locator(".squiggly-error")).toHaveCount(0);

  // The preview shows the tree the document would produce before anything is written.
  const preview = page.getByRole("tree", { name: "Resource preview tree" });
  await expect(preview.getByRole("treeitem", { name: "/orders/{orderId}" })).toContainText("DELETE");
  expect((await consoleApi.resources(api.id)).map((resource) => resource.path)).toEqual(["/"]);

  await page.getByRole("button", { name: "Apply…" }).click();
  const dialog = page.getByRole("dialog", { name: "Apply the document" });
  await expect(dialog.getByRole("radio", { name: /Merge into this API/ })).toBeChecked();
  await dialog.getByRole("button", { name: "Merge into API" }).click();
  await expect(dialog).toBeHidden();

  // The import report lists what the server did with each feature, with its pointer.
  const report = page.getByRole("tabpanel", { name: "Import report" });
  await expect(report).toContainText("Applied");
  await expect(report.getByRole("button", { name: "/paths/~1orders/get/x-amazon-apigateway-integration" })).toBeVisible();

  const resources = await consoleApi.resources(api.id);
  expect(resources.map((resource) => [resource.path, [...resource.methods].sort()]).sort()).toEqual([
    ["/", []],
    ["/orders", ["GET"]],
    ["/orders/{orderId}", ["DELETE", "GET"]],
  ]);

  await page.getByRole("link", { name: "Resources", exact: true }).click();
  const tree = page.getByRole("navigation", { name: "Resource tree" });
  await expect(tree.getByRole("button", { name: "/orders/{orderId}", exact: true })).toBeVisible();
  await expect(tree.getByRole("button", { name: "DELETE /orders/{orderId}", exact: true })).toBeVisible();
});

test("unapplied edits survive a reload as a draft, and leaving asks first", async ({ page, consoleApi }) => {
  const api = await consoleApi.createApi(uniqueName("OpenAPI draft"));
  await openEditor(page, `/apis/${api.id}/openapi`, "openapi: 3.0");
  await pasteIntoEditor(page, ordersDocument(api.name));
  await expect(page.getByRole("button", { name: "Revert" })).toBeEnabled();

  await page.getByRole("link", { name: "Resources", exact: true }).click();
  const leave = page.getByRole("dialog", { name: "Leave without applying your edits?" });
  await expect(leave).toBeVisible();
  await leave.getByRole("button", { name: "Keep editing" }).click();
  await expect(page).toHaveURL(new RegExp(`/apis/${api.id}/openapi$`));

  // The draft is written shortly after the last edit; wait for it before reloading.
  await expect
    .poll(() => page.evaluate((key) => window.localStorage.getItem(key) !== null, `portico.openapi-draft.api.${api.id}`))
    .toBe(true);
  page.on("dialog", (dialog) => void dialog.accept());
  await page.reload();
  await expect(editor(page)).toBeVisible({ timeout: EDITOR_LOAD_TIMEOUT_MS });
  await expect(page.getByRole("status").filter({ hasText: "Restored your unsaved draft" })).toBeVisible();
  await expect(editor(page)).toContainText("/orders/{orderId}");
  expect((await consoleApi.resources(api.id)).map((resource) => resource.path)).toEqual(["/"]);
});

test("the document converts between YAML and JSON, an uploaded file replaces it, and export downloads the saved definition", async ({
  page,
  consoleApi,
}) => {
  const api = await consoleApi.createApi(uniqueName("OpenAPI formats"));
  await openEditor(page, `/apis/${api.id}/openapi`, "openapi: 3.0");
  const status = page.getByRole("status").filter({ hasText: /Valid|problem|Checking/ });

  await page.getByRole("button", { name: "JSON", exact: true }).click();
  await expect(page.getByRole("button", { name: "JSON", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expect(editor(page)).toContainText('"openapi": "3.0.3"');
  await expect(status).toHaveText(/Valid OpenAPI 3\.0/);
  await page.getByRole("button", { name: "YAML", exact: true }).click();
  await expect(editor(page)).toContainText("openapi: 3.0.3");

  await page.getByLabel("Upload an OpenAPI file").setInputFiles({
    name: "orders.yaml",
    mimeType: "application/yaml",
    buffer: Buffer.from(ordersDocument(api.name)),
  });
  await expect(editor(page)).toContainText("/orders/{orderId}");
  await expect(
    page.getByRole("tree", { name: "Resource preview tree" }).getByRole("treeitem", { name: "/orders/{orderId}" }),
  ).toBeVisible();

  // Export reads what the API has saved (the upload is not applied), in the chosen version and format.
  await page.getByRole("button", { name: "Export" }).click();
  const dialog = page.getByRole("dialog", { name: "Export the API" });
  await expect(dialog).toContainText("not applied yet");
  await dialog.getByLabel("Version").selectOption("swagger2");
  await dialog.getByLabel("Format").selectOption("json");
  const downloading = page.waitForEvent("download");
  await dialog.getByRole("button", { name: "Download" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.json$/);
  const exported = JSON.parse(await streamText(await download.createReadStream())) as { swagger: string; paths: Record<string, unknown> };
  expect(exported.swagger).toBe("2.0");
  expect(Object.keys(exported.paths)).toEqual(["/"]);
});

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}
