import { describe, expect, it } from "vitest";

import { snapshotSchema } from "@/lib/contracts";
import { hashSnapshot } from "@/lib/contracts/hash";
import { methodSource as method } from "@/test/support/deploy/method-source";

import {
  buildStageSnapshot,
  compileDefinition,
  hashDefinition,
  UnservableDefinitionError,
  type ApiDefinitionSource,
  type MethodSource,
} from "./compile-snapshot";

const source = (methods: MethodSource[]): ApiDefinitionSource => ({
  id: "api1",
  name: "Pets",
  cors: { allowOrigins: ["https://b.example", "https://a.example"], maxAgeSeconds: 600 },
  binaryMediaTypes: [],
  methods,
});

describe("compileDefinition", () => {
  it("gives the same hash whatever order the methods were loaded in", () => {
    const a = [method("/pets/{id}", "GET"), method("/pets", "POST"), method("/pets", "GET")];
    const b = [a[2], a[0], a[1]].filter((m): m is MethodSource => m !== undefined);
    expect(hashDefinition(compileDefinition(source(a)))).toBe(hashDefinition(compileDefinition(source(b))));
  });

  it("gives a different hash when a route changes", () => {
    const before = compileDefinition(source([method("/pets", "GET")]));
    const after = compileDefinition(source([method("/pets", "GET", { apiKeyRequired: true })]));
    expect(hashDefinition(before)).not.toBe(hashDefinition(after));
  });

  it("maps request parameters, validators, authorization and the CORS policy to the contract", () => {
    const definition = compileDefinition(
      source([
        method("/pets/{id}", "PUT", {
          authorizationType: "API_KEY",
          requestParameters: [
            { in: "path", name: "id", required: true },
            { in: "querystring", name: "q", required: false },
          ],
          requestValidator: "BODY_AND_PARAMS",
          requestModelSchema: { type: "object" },
        }),
      ]),
    );
    const [route] = definition.routes;
    expect(route?.authorization).toBe("API_KEY");
    expect(route?.apiKeyRequired).toBe(true);
    expect(route?.requestParameters).toEqual({ path: { id: true }, querystring: { q: false }, header: {} });
    expect(route?.requestValidator).toEqual({ body: true, params: true });
    expect(definition.api.cors?.allowOrigins).toEqual(["https://a.example", "https://b.example"]);
    expect(definition.api.cors?.maxAge).toBe(600);
  });

  it("compiles Lambda integrations and their mapping, the integration responses in the order the gateway tries them", () => {
    const lambda = (type: "AWS" | "AWS_PROXY", extra: Record<string, unknown> = {}) => ({
      type,
      httpMethod: "POST",
      uri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f:${stageVariables.alias}/invocations",
      timeoutMs: 29000,
      requestParameters: {},
      mockResponse: null,
      ...extra,
    });
    const definition = compileDefinition(
      source([
        method("/proxy", "POST", { integration: lambda("AWS_PROXY", { payloadFormatVersion: "2.0" }) }),
        method("/mapped", "POST", {
          integration: lambda("AWS", {
            requestTemplates: { "application/json": '{"id": "$input.params(\'id\')"}' },
            passthroughBehavior: "NEVER",
            responses: {
              default: { statusCode: "200", responseTemplates: { "application/json": "$input.body" } },
              ".*NotFound.*": { statusCode: "404", responseParameters: { "method.response.header.X-Why": "'missing'" } },
            },
          }),
        }),
      ]),
    );
    const byPath = Object.fromEntries(definition.routes.map((route) => [route.path, route.integration]));
    expect(byPath["/proxy"]).toMatchObject({ type: "aws_proxy", payloadFormatVersion: "2.0" });
    expect(byPath["/mapped"]).toMatchObject({
      type: "aws",
      passthroughBehavior: "NEVER",
      responses: [
        { selectionPattern: ".*NotFound.*", statusCode: 404, responseParameters: { "method.response.header.X-Why": "'missing'" } },
        { selectionPattern: null, statusCode: 200 },
      ],
    });
  });

  it("refuses a mapping template that does not parse, naming the method, line and column", () => {
    const broken = method("/broken", "POST", {
      integration: {
        type: "MOCK",
        httpMethod: null,
        uri: null,
        timeoutMs: 29000,
        requestParameters: {},
        mockResponse: null,
        requestTemplates: { "application/json": '{"statusCode": 200}\n#foreach($x in $list)' },
      },
    });
    expect(() => compileDefinition(source([broken]))).toThrow(
      /POST \/broken \(the request mapping template for application\/json: #foreach at line 2, column 1 has no #end\)/,
    );
  });

  it("refuses AWS service integrations other than Lambda and methods without an integration, naming each method", () => {
    const aws = method("/lambda", "POST", {
      integration: {
        type: "AWS_PROXY",
        httpMethod: "POST",
        uri: "arn:aws:apigateway:us-east-1:s3:path/bucket/key",
        timeoutMs: 29000,
        requestParameters: {},
        mockResponse: null,
      },
    });
    const bare = method("/bare", "GET", { integration: null });
    try {
      compileDefinition(source([aws, bare, method("/ok", "GET")]));
      expect.unreachable("compile should refuse");
    } catch (error) {
      expect(error).toBeInstanceOf(UnservableDefinitionError);
      const methods = (error as UnservableDefinitionError).methods.map((m) => `${m.method} ${m.path}`);
      expect(methods.sort()).toEqual(["GET /bare", "POST /lambda"]);
    }
  });
});

describe("buildStageSnapshot", () => {
  const definition = compileDefinition(source([method("/pets", "GET")]));

  it("produces a document the gateway contract accepts, with a matching hash", () => {
    const snapshot = buildStageSnapshot({
      definition,
      deploymentId: "dep1",
      deployedAt: new Date("2026-01-01T00:00:00Z"),
      stage: { name: "dev", variables: { backend: "http://127.0.0.1:1" }, throttle: { rateLimit: 10, burstLimit: 20 } },
      canary: { percent: 25, deploymentId: "dep2", definition, stageVariableOverrides: { backend: "http://127.0.0.1:2" } },
    });
    const parsed = snapshotSchema.parse(snapshot);
    expect(snapshot.hash).toBe(hashSnapshot(parsed));
    expect(parsed.canary?.percent).toBe(25);
  });

  it("is stable: the same stage settings give the same hash, so a re-push is a no-op on the gateway", () => {
    const build = () =>
      buildStageSnapshot({
        definition,
        deploymentId: "dep1",
        deployedAt: new Date("2026-01-01T00:00:00Z"),
        stage: { name: "dev", variables: {}, throttle: null },
        canary: null,
      }).hash;
    expect(build()).toBe(build());
  });
});
