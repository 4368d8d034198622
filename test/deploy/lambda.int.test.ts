import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";

import { call, expectError, expectOk } from "@/app/api/v1/_tests/call";
import * as testInvokeRoute from "@/app/api/v1/apis/[apiId]/resources/[resourceId]/methods/[httpMethod]/test-invoke/route";
import { MethodTestInvokeResultSchema } from "@/lib/schemas/method-test-invoke";
import { addMethod, createTestApi, deploy } from "@/test/support/deploy/api-builder";
import { startFleet, type Fleet } from "@/test/support/deploy/gateway-fleet";
import { startInvokeServer, type InvokeServer } from "@/test/support/lambda/invoke-server";

// Lambda integrations from the console to a real gateway process: saved
// through the methods API, deployed, invoked through the Invoke API the
// gateway finds at AWS_ENDPOINT_URL_LAMBDA, and tried before deploying.

let lambda: InvokeServer;
let fleet: Fleet;
const functionUri = (name: string) =>
  `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:${name}/invocations`;

beforeAll(async () => {
  lambda = await startInvokeServer();
  fleet = await startFleet(1, {
    AWS_ENDPOINT_URL_LAMBDA: lambda.endpoint,
    AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
    AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    AWS_REGION: "eu-west-1",
  });
  lambda.define("hello", (event) => {
    const { pathParameters, requestContext } = event as { pathParameters: { name: string }; requestContext: { stage: string } };
    return { statusCode: 200, headers: { "content-type": "text/plain" }, body: `hello ${pathParameters.name} on ${requestContext.stage}` };
  });
  lambda.define("orders", (event) => {
    if ((event as { qty?: number }).qty === undefined) throw new Error("[BadRequest] qty is missing");
    return { id: "o-7" };
  });
});

afterAll(async () => {
  await fleet?.close();
  await lambda?.close();
});

describe("Lambda integrations deployed from the console", () => {
  it("serves a Lambda proxy method after a deploy", async () => {
    const api = await createTestApi();
    await addMethod(api.id, "/hello/{name}", {
      httpMethod: "GET",
      requestParameters: [{ in: "path", name: "name", required: true }],
      integration: { type: "AWS_PROXY", uri: functionUri("hello") },
    });
    const result = await deploy(api.id, { stageName: "dev" });
    expect(result.nodes.every((node) => node.status === "applied")).toBe(true);
    const response = await fetch(`${fleet.nodes[0].proxyUrl.replace(/\/+$/, "")}/${api.id}/dev/hello/ada`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("hello ada on dev");
    expect(lambda.lastAuthorization()).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/lambda\/aws4_request/);
  });

  it("tries a non-proxy Lambda method before deploying it, showing the integration's steps", async () => {
    const api = await createTestApi();
    const method = await addMethod(api.id, "/orders", {
      httpMethod: "POST",
      integration: {
        type: "AWS",
        uri: functionUri("orders"),
        requestTemplates: { "application/json": "$input.json('$')" },
        responses: {
          default: { statusCode: "201", responseTemplates: { "application/json": '{"order": "$input.path(\'$.id\')"}' } },
          ".*\\[BadRequest\\].*": {
            statusCode: "400",
            responseTemplates: { "application/json": '{"message": "$util.escapeJavaScript($input.path(\'$.errorMessage\'))"}' },
          },
        },
      },
    });
    const params = { apiId: api.id, resourceId: method.resourceId, httpMethod: "POST" };
    const ok = expectOk(
      await call("POST", testInvokeRoute.POST, {
        params,
        body: { path: "/orders", headers: { "content-type": "application/json" }, body: '{"qty": 2}' },
      }),
      200,
      z.object({ result: MethodTestInvokeResultSchema }),
    ).result;
    expect(ok.response).toMatchObject({ status: 201, body: '{"order": "o-7"}' });
    expect(ok.steps.map((step) => step.step)).toEqual(["integration request", "backend response", "integration response"]);
    const refused = expectOk(
      await call("POST", testInvokeRoute.POST, {
        params,
        body: { path: "/orders", headers: { "content-type": "application/json" }, body: "{}" },
      }),
      200,
      z.object({ result: MethodTestInvokeResultSchema }),
    ).result;
    expect(refused.response).toMatchObject({ status: 400, body: '{"message": "[BadRequest] qty is missing"}' });
    expect(refused.steps[2].detail).toMatchObject({ selectionPattern: ".*\\[BadRequest\\].*", statusCode: 400 });
  });

  it("says why a method cannot be tried yet", async () => {
    const api = await createTestApi();
    const method = await addMethod(api.id, "/nothing", { httpMethod: "GET", integration: null });
    const error = expectError(
      await call("POST", testInvokeRoute.POST, { params: { apiId: api.id, resourceId: method.resourceId, httpMethod: "GET" }, body: {} }),
      400,
    );
    expect(error.message).toMatch(/no integration/);
  });
});
