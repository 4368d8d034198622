import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RouteInput } from "@/lib/contracts";
import { call } from "@/test/support/gateway/http";
import { API_ID, STAGE, makeSnapshot } from "@/test/support/gateway/fixtures";
import { startTestGateway, type TestGateway } from "@/test/support/gateway/in-process";
import { RawResult, sleep, startInvokeServer, type InvokeServer } from "@/test/support/lambda/invoke-server";

// API Gateway's non-proxy and Lambda integrations, served end to end: a
// real gateway, a real HTTP backend and an Invoke-compatible Lambda server.

const base = `/${API_ID}/${STAGE}`;
const fn = (name: string) =>
  `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${name}/invocations`;

let backend: Server;
let backendUrl: string;
let lambda: InvokeServer;
let gw: TestGateway;
const savedEnv = { ...process.env };

/** Echoes what it received as JSON; `/status/<code>` answers that status, with an x-backend header. */
function startBackend(): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const status = /^\/status\/(\d{3})/.exec(req.url ?? "");
      const body = Buffer.concat(chunks);
      if (req.url?.startsWith("/png")) {
        res.writeHead(200, { "content-type": "image/png" });
        res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]));
        return;
      }
      res.writeHead(status ? Number(status[1]) : 200, { "content-type": "application/json", "x-backend": "yes", "x-multi": ["a", "b"] });
      res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body: body.toString("utf8"), bytes: [...body] }));
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function route(id: string, method: RouteInput["method"], path: string, integration: RouteInput["integration"]): RouteInput {
  return { id, method, path, integration };
}

beforeAll(async () => {
  backend = await startBackend();
  backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
  lambda = await startInvokeServer();
  process.env.AWS_ACCESS_KEY_ID = "AKIDEXAMPLE";
  process.env.AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  process.env.AWS_REGION = "us-east-1";
  // The gateway's invoker finds the Invoke API where the SDK's standard setting says.
  process.env.AWS_ENDPOINT_URL_LAMBDA = lambda.endpoint;
  gw = await startTestGateway();
  const routes: RouteInput[] = [
    route("mockSelect", "GET", "/mock/{code}", {
      type: "mock",
      requestTemplates: { "application/json": "{\"statusCode\": $input.params('code')}" },
      responses: [
        { selectionPattern: null, statusCode: 200, responseTemplates: { "application/json": '{"ok": true, "stage": "$context.stage"}' } },
        {
          selectionPattern: "4\\d{2}",
          statusCode: 404,
          responseParameters: { "method.response.header.X-Reason": "'not-found'" },
          responseTemplates: { "application/json": '{"message": "no pet $input.params(\'code\')"}' },
        },
      ],
    }),
    route("petTransform", "POST", "/pets", {
      type: "http",
      method: "POST",
      uri: `${backendUrl}/backend/pets`,
      requestParameters: {
        "integration.request.header.x-request-id-copy": "context.requestId",
        "integration.request.querystring.kind": "method.request.header.x-kind",
        "integration.request.multivaluequerystring.tag": "method.request.multivaluequerystring.tag",
        "integration.request.header.x-stage-var": "stageVariables.color",
      },
      requestTemplates: {
        "application/json":
          '#set($pet = $input.path(\'$\'))\n{"name": "$util.escapeJavaScript($pet.name)", "tags": $input.json(\'$.tags\'), "source": "$context.httpMethod $context.resourcePath"}',
      },
      passthroughBehavior: "NEVER",
      responses: [
        {
          selectionPattern: null,
          statusCode: 201,
          responseParameters: {
            "method.response.header.X-Backend": "integration.response.header.x-backend",
            "method.response.header.X-Method": "integration.response.body.method",
          },
          responseTemplates: { "application/json": '#set($r = $input.path(\'$\'))\n{"sent": $r.body, "query": "$util.urlDecode($r.url)"}' },
        },
      ],
    }),
    route("passthrough", "POST", "/passthrough", {
      type: "http",
      method: "POST",
      uri: `${backendUrl}/backend/raw`,
      requestTemplates: { "application/json": '{"templated": true}' },
      passthroughBehavior: "WHEN_NO_MATCH",
      responses: [{ selectionPattern: null, statusCode: 200 }],
    }),
    route("noTemplates", "POST", "/no-templates", {
      type: "http",
      method: "POST",
      uri: `${backendUrl}/backend/raw`,
      requestTemplates: { "application/json": "{}" },
      passthroughBehavior: "WHEN_NO_TEMPLATES",
      responses: [{ selectionPattern: null, statusCode: 200 }],
    }),
    route("statusSelect", "GET", "/status/{code}", {
      type: "http",
      uri: `${backendUrl}/status/{code}`,
      requestParameters: { "integration.request.path.code": "method.request.path.code" },
      responses: [
        { selectionPattern: "2\\d{2}", statusCode: 200 },
        { selectionPattern: "5\\d{2}", statusCode: 503, responseTemplates: { "application/json": '{"message": "backend down"}' } },
      ],
    }),
    route("runaway", "GET", "/runaway", {
      type: "mock",
      requestTemplates: { "application/json": '{"statusCode": 200}' },
      responses: [{ selectionPattern: null, statusCode: 200, responseTemplates: { "application/json": "#foreach($i in [1..5000])x#end" } }],
    }),
    route("binaryConvert", "GET", "/png-as-text", {
      type: "http",
      uri: `${backendUrl}/png`,
      responses: [{ selectionPattern: null, statusCode: 200, contentHandling: "CONVERT_TO_TEXT" }],
    }),
    route("proxyV1", "ANY", "/lambda/{proxy+}", { type: "aws_proxy", uri: fn("proxy") }),
    route("proxyV2", "POST", "/v2/{id}", { type: "aws_proxy", uri: fn("proxy"), payloadFormatVersion: "2.0" }),
    route("proxyFails", "GET", "/fails", { type: "aws_proxy", uri: fn("fails") }),
    route("proxyGarbage", "GET", "/garbage", { type: "aws_proxy", uri: fn("garbage") }),
    route("proxySlow", "GET", "/slow", { type: "aws_proxy", uri: fn("slow"), timeoutMs: 200 }),
    route("proxyBinary", "GET", "/image", { type: "aws_proxy", uri: fn("image") }),
    route("proxyShape", "GET", "/shapeless", { type: "aws_proxy", uri: fn("shapeless"), payloadFormatVersion: "2.0" }),
    route("lambdaMapped", "POST", "/orders", {
      type: "aws",
      uri: fn("orders"),
      requestTemplates: { "application/json": '{"order": $input.json(\'$\'), "caller": "$context.identity.sourceIp"}' },
      responses: [
        { selectionPattern: null, statusCode: 200, responseTemplates: { "application/json": '{"id": "$input.path(\'$.id\')"}' } },
        {
          selectionPattern: ".*\\[BadRequest\\].*",
          statusCode: 400,
          responseTemplates: { "application/json": '{"error": "$util.escapeJavaScript($input.path(\'$.errorMessage\'))"}' },
        },
      ],
    }),
    route("httpApiMapping", "GET", "/mapped/{id}", {
      type: "http_proxy",
      uri: `${backendUrl}/original/{id}`,
      parameterMapping: {
        "overwrite:path": "/rewritten/$request.path.id",
        "append:header.x-from": "gateway-$request.querystring.who",
        "remove:querystring.secret": "''",
        "overwrite:header.x-stage": "$context.stage",
      },
    }),
  ];
  await gw.admin.applyStage(
    API_ID,
    STAGE,
    makeSnapshot(routes, { api: { name: "Pets", binaryMediaTypes: ["image/*"] }, stageVariables: { color: "blue" } }),
  );

  lambda.define("proxy", (event) => ({
    statusCode: 200,
    headers: { "Content-Type": "application/json", "X-One": "1" },
    multiValueHeaders: { "X-Many": ["a", "b"] },
    body: JSON.stringify(event),
  }));
  lambda.define("fails", () => {
    throw new Error("kaput");
  });
  lambda.define("garbage", () => new RawResult("this is not json"));
  lambda.define("slow", async () => {
    await sleep(1_500);
    return { statusCode: 200 };
  });
  lambda.define("image", () => ({
    statusCode: 200,
    headers: { "content-type": "image/png" },
    body: Buffer.from([1, 2, 3, 250]).toString("base64"),
    isBase64Encoded: true,
  }));
  lambda.define("shapeless", () => ({ hello: "world" }));
  lambda.define("orders", (event) => {
    const order = (event as { order: { qty?: number } }).order;
    if (!order.qty) throw new Error("[BadRequest] qty is required");
    return { id: "o-1", received: event };
  });
});

afterAll(async () => {
  await gw.close();
  await lambda.close();
  await new Promise<void>((resolve) => backend.close(() => resolve()));
  process.env = savedEnv;
});

describe("mock integrations with templates", () => {
  it("picks the integration response by the statusCode the request template names", async () => {
    const ok = await call(gw.proxyUrl, `${base}/mock/200`);
    expect(ok.status).toBe(200);
    expect(ok.json()).toEqual({ ok: true, stage: STAGE });
    const missing = await call(gw.proxyUrl, `${base}/mock/404`);
    expect(missing.status).toBe(404);
    expect(missing.headers["x-reason"]).toBe("not-found");
    expect(missing.json()).toEqual({ message: "no pet 404" });
  });

  it("cuts a runaway template with a 500 and says why in the log", async () => {
    const response = await call(gw.proxyUrl, `${base}/runaway`);
    expect(response.status).toBe(500);
    expect(response.json()).toEqual({ message: "Internal server error" });
    const line = gw.accessLines().find((entry) => entry.route === "GET /runaway");
    expect(line?.error).toBe("template_error");
  });
});

describe("http integrations with templates", () => {
  it("renders the request template, maps parameters, and maps the answer back", async () => {
    const response = await call(gw.proxyUrl, `${base}/pets?tag=a&tag=b`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-kind": "dog" },
      body: JSON.stringify({ name: 'Rex "the" dog', tags: ["good", "boy"] }),
    });
    expect(response.status).toBe(201);
    expect(response.headers["x-backend"]).toBe("yes");
    expect(response.headers["x-method"]).toBe("POST");
    expect(response.headers["content-type"]).toBe("application/json");
    const body = response.json() as { sent: unknown; query: string };
    expect(body.sent).toEqual({ name: 'Rex "the" dog', tags: ["good", "boy"], source: "POST /pets" });
    expect(body.query).toBe("/backend/pets?kind=dog&tag=a&tag=b");
  });

  it("sends only mapped headers to a non-proxy backend, the context and stage variables included", async () => {
    const response = await call(gw.proxyUrl, `${base}/passthrough`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-secret": "client-only" },
      body: "{}",
    });
    const echoed = response.json() as { headers: Record<string, string>; body: string };
    expect(echoed.body).toBe('{"templated": true}');
    expect(echoed.headers["x-secret"]).toBeUndefined();
    const pets = await call(gw.proxyUrl, `${base}/pets`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"name":"a","tags":[]}',
    });
    expect(pets.status).toBe(201);
  });

  it("passes an unmatched content type through under WHEN_NO_MATCH", async () => {
    const response = await call(gw.proxyUrl, `${base}/passthrough`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "plain words",
    });
    expect(response.status).toBe(200);
    expect((response.json() as { body: string }).body).toBe("plain words");
  });

  it("refuses an unmatched content type with 415 under NEVER and WHEN_NO_TEMPLATES (templates defined)", async () => {
    for (const path of ["/pets", "/no-templates"]) {
      const response = await call(gw.proxyUrl, `${base}${path}`, { method: "POST", headers: { "content-type": "text/plain" }, body: "x" });
      expect(response.status).toBe(415);
      expect(response.json()).toEqual({ message: "Unsupported Media Type" });
    }
  });

  it("selects the integration response by the backend's status code", async () => {
    const ok = await call(gw.proxyUrl, `${base}/status/204`);
    expect(ok.status).toBe(200);
    const down = await call(gw.proxyUrl, `${base}/status/502`);
    expect(down.status).toBe(503);
    expect(down.json()).toEqual({ message: "backend down" });
    // No pattern matches 404 and there is no default: API Gateway's configuration error.
    const unmatched = await call(gw.proxyUrl, `${base}/status/404`);
    expect(unmatched.status).toBe(500);
    expect(unmatched.json()).toEqual({ message: "Internal server error" });
  });

  it("converts a binary backend answer to base64 text under CONVERT_TO_TEXT", async () => {
    const response = await call(gw.proxyUrl, `${base}/png-as-text`);
    expect(response.text).toBe(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]).toString("base64"));
  });

  it("applies an HTTP API parameterMapping to an http_proxy integration", async () => {
    const response = await call(gw.proxyUrl, `${base}/mapped/42?who=me&secret=s&keep=1`);
    const echoed = response.json() as { url: string; headers: Record<string, string> };
    expect(echoed.url).toBe("/rewritten/42?who=me&keep=1");
    expect(echoed.headers["x-from"]).toBe("gateway-me");
    expect(echoed.headers["x-stage"]).toBe(STAGE);
  });
});

describe("Lambda proxy integrations", () => {
  it("sends the 1.0 event and maps the result back, multi-value headers included", async () => {
    const response = await call(gw.proxyUrl, `${base}/lambda/a/b?x=1&x=2&y=3`, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "test-agent" },
      body: '{"hello":"world"}',
    });
    expect(response.status).toBe(200);
    expect(response.headers["x-one"]).toBe("1");
    expect(response.headers["x-many"]).toEqual(["a", "b"]);
    const event = response.json() as Record<string, unknown>;
    expect(event).toMatchObject({
      resource: "/lambda/{proxy+}",
      path: "/lambda/a/b",
      httpMethod: "POST",
      queryStringParameters: { x: "2", y: "3" },
      multiValueQueryStringParameters: { x: ["1", "2"], y: ["3"] },
      pathParameters: { proxy: "a/b" },
      stageVariables: { color: "blue" },
      body: '{"hello":"world"}',
      isBase64Encoded: false,
    });
    expect(Object.keys(event)).toEqual([
      "resource",
      "path",
      "httpMethod",
      "headers",
      "multiValueHeaders",
      "queryStringParameters",
      "multiValueQueryStringParameters",
      "pathParameters",
      "stageVariables",
      "requestContext",
      "body",
      "isBase64Encoded",
    ]);
    expect((event.headers as Record<string, string>)["user-agent"]).toBe("test-agent");
    expect(event.requestContext).toMatchObject({
      accountId: "123456789012",
      apiId: API_ID,
      httpMethod: "POST",
      resourcePath: "/lambda/{proxy+}",
      stage: STAGE,
      path: `${base}/lambda/a/b`,
      identity: { sourceIp: "127.0.0.1", userAgent: "test-agent" },
    });
    // Field by field, the requestContext of the developer guide's payload format 1.0 example (no authorizer here).
    expect(Object.keys(event.requestContext as object).sort()).toEqual(
      [
        "accountId",
        "apiId",
        "domainName",
        "domainPrefix",
        "extendedRequestId",
        "httpMethod",
        "identity",
        "path",
        "protocol",
        "requestId",
        "requestTime",
        "requestTimeEpoch",
        "resourceId",
        "resourcePath",
        "stage",
      ].sort(),
    );
    expect(Object.keys((event.requestContext as { identity: object }).identity)).toEqual(
      expect.arrayContaining([
        "cognitoIdentityPoolId",
        "accountId",
        "cognitoIdentityId",
        "caller",
        "sourceIp",
        "principalOrgId",
        "accessKey",
        "cognitoAuthenticationType",
        "cognitoAuthenticationProvider",
        "userArn",
        "userAgent",
        "user",
      ]),
    );
    expect((event.requestContext as { requestTime: string }).requestTime).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
  });

  it("sends the 2.0 event to an HTTP API route", async () => {
    const response = await call(gw.proxyUrl, `${base}/v2/7?a=1&a=2`, {
      method: "POST",
      headers: { "content-type": "text/plain", cookie: "c1=v1; c2=v2" },
      body: "hi",
    });
    const event = response.json() as Record<string, unknown>;
    expect(event).toMatchObject({
      version: "2.0",
      routeKey: "POST /v2/{id}",
      rawPath: `${base}/v2/7`,
      rawQueryString: "a=1&a=2",
      cookies: ["c1=v1", "c2=v2"],
      queryStringParameters: { a: "1,2" },
      pathParameters: { id: "7" },
      body: "hi",
      isBase64Encoded: false,
    });
    expect((event.headers as Record<string, string>).cookie).toBeUndefined();
    // The developer guide's payload format 2.0 example, field by field (no authorizer, no authentication here).
    expect(Object.keys(event)).toEqual([
      "version",
      "routeKey",
      "rawPath",
      "rawQueryString",
      "cookies",
      "headers",
      "queryStringParameters",
      "pathParameters",
      "stageVariables",
      "requestContext",
      "body",
      "isBase64Encoded",
    ]);
    expect(Object.keys(event.requestContext as object)).toEqual([
      "accountId",
      "apiId",
      "domainName",
      "domainPrefix",
      "http",
      "requestId",
      "routeKey",
      "stage",
      "time",
      "timeEpoch",
    ]);
    expect(event.requestContext).toMatchObject({
      http: { method: "POST", path: `${base}/v2/7`, sourceIp: "127.0.0.1" },
      stage: STAGE,
      routeKey: "POST /v2/{id}",
    });
  });

  it("answers a 2.0 result without statusCode as a 200 JSON body", async () => {
    const response = await call(gw.proxyUrl, `${base}/shapeless`);
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("application/json");
    expect(response.json()).toEqual({ hello: "world" });
  });

  it("answers 502 Internal server error to a function error or a malformed result, 504 to a timeout", async () => {
    for (const path of ["/fails", "/garbage"]) {
      const response = await call(gw.proxyUrl, `${base}${path}`);
      expect(response.status).toBe(502);
      expect(response.json()).toEqual({ message: "Internal server error" });
    }
    const slow = await call(gw.proxyUrl, `${base}/slow`);
    expect(slow.status).toBe(504);
    expect(slow.json()).toEqual({ message: "Endpoint request timed out" });
  });

  it("decodes a base64 body only when the client's first Accept type is a binary media type", async () => {
    const binary = await request(`${gw.proxyUrl}${base}/image`, { headers: { accept: "image/png" } });
    expect([...Buffer.from(await binary.body.arrayBuffer())]).toEqual([1, 2, 3, 250]);
    const text = await call(gw.proxyUrl, `${base}/image`, { headers: { accept: "application/json" } });
    expect(text.text).toBe(Buffer.from([1, 2, 3, 250]).toString("base64"));
  });
});

describe("Lambda non-proxy integrations", () => {
  it("invokes with the rendered template and maps the result through the default response", async () => {
    const response = await call(gw.proxyUrl, `${base}/orders`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"qty": 2}',
    });
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ id: "o-1" });
    const event = lambda.events("orders").at(-1);
    expect(event).toEqual({ order: { qty: 2 }, caller: "127.0.0.1" });
  });

  it("selects an integration response by the function's errorMessage", async () => {
    const response = await call(gw.proxyUrl, `${base}/orders`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(response.status).toBe(400);
    expect(response.json()).toEqual({ error: "[BadRequest] qty is required" });
  });
});

describe("deploy-time checks", () => {
  it("refuses a template that does not parse, naming the route, line and column", async () => {
    const response = await gw.admin.putStage(
      API_ID,
      "broken",
      makeSnapshot(
        [
          route("bad", "GET", "/bad", {
            type: "mock",
            requestTemplates: { "application/json": '{"statusCode": 200}\n#if($x' },
            responses: [{ selectionPattern: null, statusCode: 200 }],
          }),
        ],
        { stage: "broken" },
      ),
    );
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toMatch(/routes\[0\]\.integration\.requestTemplates\[\\"application\/json\\"\].*line 2/);
  });

  it("refuses a Lambda URI that names no function", async () => {
    const response = await gw.admin.putStage(
      API_ID,
      "broken",
      makeSnapshot([route("s3", "GET", "/s3", { type: "aws", uri: "arn:aws:apigateway:us-east-1:s3:path/bucket/key" })], {
        stage: "broken",
      }),
    );
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toMatch(/names no Lambda function/);
  });
});

describe("test invocations (admin POST /v1/test-invoke)", () => {
  it("runs a route that is not deployed and shows what its integration sent and received", async () => {
    const snapshot = makeSnapshot([
      route("try", "POST", "/try/{id}", {
        type: "aws",
        uri: fn("orders"),
        requestTemplates: { "application/json": '{"order": $input.json(\'$\'), "id": "$input.params(\'id\')"}' },
        responses: [
          { selectionPattern: null, statusCode: 200, responseTemplates: { "application/json": '{"id": "$input.path(\'$.id\')"}' } },
        ],
      }),
    ]);
    const answer = await gw.admin.request("POST", "/v1/test-invoke", {
      snapshot,
      request: { method: "POST", path: "/try/9", headers: { "content-type": "application/json" }, body: '{"qty": 1}' },
    });
    expect(answer.status).toBe(200);
    const result = answer.body as {
      response: { status: number; body: string };
      steps: { step: string; detail: Record<string, unknown> }[];
    };
    expect(result.response).toMatchObject({ status: 200, body: '{"id": "o-1"}' });
    expect(result.steps.map((step) => step.step)).toEqual(["integration request", "backend response", "integration response"]);
    expect(result.steps[0].detail.body).toBe('{"order": {"qty":1}, "id": "9"}');
    // The test stage is gone: nothing else can call it.
    expect((await call(gw.proxyUrl, `/${API_ID}/__test-invoke/try/9`, { method: "POST", body: "{}" })).status).toBe(404);
  });

  it("names a template that does not compile", async () => {
    const answer = await gw.admin.request("POST", "/v1/test-invoke", {
      snapshot: makeSnapshot([
        route("bad", "GET", "/bad", {
          type: "mock",
          requestTemplates: { "application/json": "#foreach($a in $b)" },
          responses: [{ selectionPattern: null, statusCode: 200 }],
        }),
      ]),
      request: { method: "GET", path: "/bad" },
    });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toMatch(/#foreach at line 1, column 1 has no #end/);
  });
});
