import { expect, test, uniqueName } from "./support/fixtures";

// An integration with mapping templates and integration responses: shown in
// the method form, kept through an edit, and tried with the Test panel.

const REQUEST_TEMPLATE = `{"statusCode": #if($input.params('id') == "0")404#{else}200#end}`;
const OK_TEMPLATE = `{"id": "$input.params('id')", "stage": "$context.stage"}`;

test("a mock with templates is edited without losing them and answers its test as API Gateway would", async ({ page, consoleApi }) => {
  const api = await consoleApi.createApi(uniqueName("Templates"));
  const root = await consoleApi.resourceByPath(api.id, "/");
  const items = await consoleApi.createResource(api.id, root!.id, "items");
  const item = await consoleApi.createResource(api.id, items.id, "{id}");
  await consoleApi.createMethod(api.id, item.id, {
    httpMethod: "GET",
    requestParameters: [{ in: "path", name: "id", required: true }],
    integration: {
      type: "MOCK",
      requestTemplates: { "application/json": REQUEST_TEMPLATE },
      responses: {
        default: { statusCode: "200", responseTemplates: { "application/json": OK_TEMPLATE } },
        "404": {
          statusCode: "404",
          responseParameters: { "method.response.header.X-Reason": "'no such item'" },
          responseTemplates: { "application/json": '{"message": "no item $input.params(\'id\')"}' },
        },
      },
    },
  });

  await page.goto(`/apis/${api.id}?resource=${item.id}&method=GET`);
  const form = page.getByRole("form", { name: "GET /items/{id} settings" });
  await expect(form.getByRole("radio", { name: /^Mock / })).toBeChecked();
  const requestTemplates = form.getByRole("group", { name: "Request templates" });
  await expect(requestTemplates.getByLabel("Request templates 1 content type")).toHaveValue("application/json");
  // The template itself, in its editor (Monaco renders the text in .view-lines).
  await expect(requestTemplates.locator(".view-lines")).toContainText("statusCode");
  const responses = form.getByRole("group", { name: "Integration responses" });
  await expect(responses.getByRole("group", { name: /Integration response \d/ })).toHaveCount(2);

  // Try it before deploying anything.
  const panel = form.getByLabel("Test the integration");
  await panel.locator("summary").click();
  await panel.getByLabel("Path and query").fill("/items/7");
  await panel.getByRole("button", { name: "Run test" }).click();
  await expect(panel.getByTestId("method-test-status")).toHaveText("200");
  await expect(panel.getByTestId("method-test-body")).toContainText('"id": "7"');
  await expect(panel.getByRole("list", { name: "Integration steps" })).toContainText("integration response");
  await panel.getByLabel("Path and query").fill("/items/0");
  await panel.getByRole("button", { name: "Run test" }).click();
  await expect(panel.getByTestId("method-test-status")).toHaveText("404");
  await expect(panel.getByTestId("method-test-body")).toContainText("no item 0");

  // Change the default response's status; the templates survive the save.
  const patterns = await responses
    .getByLabel("Selection pattern")
    .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
  const fallback = responses.getByRole("group", { name: `Integration response ${patterns.indexOf("") + 1}` });
  await fallback.getByLabel("Status").fill("201");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByRole("status")).toHaveText("All changes saved.");
  const detail = await consoleApi.resource(api.id, item.id);
  expect(detail.methods[0]).toMatchObject({
    integration: {
      type: "MOCK",
      requestTemplates: { "application/json": REQUEST_TEMPLATE },
      responses: {
        default: { statusCode: "201", responseTemplates: { "application/json": OK_TEMPLATE } },
        "404": { statusCode: "404", responseParameters: { "method.response.header.X-Reason": "'no such item'" } },
      },
    },
  });
});
