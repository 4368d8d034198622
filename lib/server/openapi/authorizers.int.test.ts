import { describe, expect, it } from "vitest";

import { GET as exportRoute } from "@/app/api/v1/apis/[apiId]/export/route";
import { POST as importRoute } from "@/app/api/v1/apis/import/route";
import { snapshotSchema } from "@/lib/contracts";
import { buildStageSnapshot } from "@/lib/deploy/compile-snapshot";
import { compileCurrentDefinition } from "@/lib/server/deployments/load-api-definition";
import { prisma } from "@/lib/server/db";
import { bearerHeaders } from "@/test/support/principals";

import { loadApiDefinition } from "./export-api";

const LAMBDA_URI =
  "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations";

function document(title: string): Record<string, unknown> {
  return {
    openapi: "3.0.3",
    info: { title, version: "1" },
    "x-amazon-apigateway-api-key-source": "AUTHORIZER",
    "x-amazon-apigateway-gateway-responses": {
      UNAUTHORIZED: {
        statusCode: "401",
        responseParameters: { "gatewayresponse.header.WWW-Authenticate": "'Bearer'" },
        responseTemplates: { "application/json": '{"message":$context.error.messageString}' },
      },
    },
    components: {
      securitySchemes: {
        api_key: { type: "apiKey", name: "x-api-key", in: "header" },
        tokenAuth: {
          type: "apiKey",
          name: "Authorization",
          in: "header",
          "x-amazon-apigateway-authtype": "custom",
          "x-amazon-apigateway-authorizer": {
            type: "token",
            authorizerUri: LAMBDA_URI,
            authorizerResultTtlInSeconds: 60,
            identityValidationExpression: "^Bearer [-0-9a-zA-Z._]*$",
          },
        },
        requestAuth: {
          type: "apiKey",
          name: "Unused",
          in: "header",
          "x-amazon-apigateway-authtype": "custom",
          "x-amazon-apigateway-authorizer": {
            type: "request",
            authorizerUri: LAMBDA_URI,
            authorizerResultTtlInSeconds: 0,
            identitySource: "method.request.header.x-tenant, method.request.querystring.region",
          },
        },
        pool: {
          type: "apiKey",
          name: "Authorization",
          in: "header",
          "x-amazon-apigateway-authtype": "cognito_user_pools",
          "x-amazon-apigateway-authorizer": {
            type: "cognito_user_pools",
            providerARNs: ["arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbCdEf123"],
          },
        },
        oidc: {
          type: "openIdConnect",
          openIdConnectUrl: "https://id.example.com/.well-known/openid-configuration",
          "x-amazon-apigateway-authorizer": {
            type: "jwt",
            identitySource: "$request.header.Authorization",
            jwtConfiguration: { issuer: "https://id.example.com", audience: ["pets-api"] },
          },
        },
        broken: { type: "apiKey", name: "x", in: "header", "x-amazon-apigateway-authorizer": { type: "saml" } },
      },
    },
    paths: {
      "/token": { get: { security: [{ tokenAuth: [], api_key: [] }], responses: { "200": { description: "ok" } } } },
      "/request": { get: { security: [{ requestAuth: [] }], responses: { "200": { description: "ok" } } } },
      "/pool": { get: { security: [{ pool: ["pets/read"] }], responses: { "200": { description: "ok" } } } },
      "/jwt": { get: { security: [{ oidc: ["pets:read", "pets:write"] }], responses: { "200": { description: "ok" } } } },
      "/broken": { get: { security: [{ broken: [] }], responses: { "200": { description: "ok" } } } },
    },
  };
}

async function postImport(body: string, query = "mode=new") {
  const request = new Request(`http://localhost/api/v1/apis/import?${query}`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...(await bearerHeaders()) },
  });
  const response = await importRoute(request, { params: Promise.resolve({}) });
  return {
    status: response.status,
    body: (await response.json()) as { api: { id: string }; report: { pointer: string; feature: string; outcome: string }[] },
  };
}

async function exported(apiId: string): Promise<Record<string, unknown>> {
  const request = new Request(`http://localhost/api/v1/apis/${apiId}/export?format=oas30&extensions=aws&type=json`, {
    headers: await bearerHeaders(),
  });
  const response = await exportRoute(request, { params: Promise.resolve({ apiId }) });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

describe("importing and exporting API Gateway's authorizers", () => {
  it("imports every authorizer type and the methods' security with their scopes, and reports them applied", async () => {
    const { status, body } = await postImport(JSON.stringify(document(`auth-import-${Date.now()}`)));
    expect(status).toBe(201);
    const outcome = (pointer: string) => body.report.find((entry) => entry.pointer === pointer)?.outcome;
    for (const name of ["tokenAuth", "requestAuth", "pool", "oidc"])
      expect(outcome(`/components/securitySchemes/${name}`), name).toBe("applied");
    expect(outcome("/components/securitySchemes/broken")).toBe("unsupported");
    expect(outcome("/x-amazon-apigateway-api-key-source")).toBe("applied");

    const definition = await loadApiDefinition(body.api.id);
    expect(definition.apiKeySource).toBe("AUTHORIZER");
    expect(definition.authorizers?.map((authorizer) => [authorizer.name, authorizer.type])).toEqual([
      ["oidc", "JWT"],
      ["pool", "COGNITO_USER_POOLS"],
      ["requestAuth", "REQUEST"],
      ["tokenAuth", "TOKEN"],
    ]);
    expect(definition.authorizers?.find((authorizer) => authorizer.name === "requestAuth")).toMatchObject({
      identitySource: ["method.request.header.x-tenant", "method.request.querystring.region"],
      resultTtlSeconds: 0,
    });
    const method = (path: string) => definition.resources.find((resource) => resource.path === path)?.methods[0];
    expect(method("/token")).toMatchObject({ authorizationType: "CUSTOM", authorizerName: "tokenAuth", apiKeyRequired: true });
    expect(method("/jwt")).toMatchObject({
      authorizationType: "JWT",
      authorizerName: "oidc",
      authorizationScopes: ["pets:read", "pets:write"],
    });
    expect(method("/pool")).toMatchObject({ authorizationType: "COGNITO_USER_POOLS", authorizationScopes: ["pets/read"] });
    expect(method("/broken")).toMatchObject({ authorizationType: "NONE" });
  });

  it("exports them so that importing the export gives the same definition", async () => {
    const { body } = await postImport(JSON.stringify(document(`auth-roundtrip-${Date.now()}`)));
    const first = await loadApiDefinition(body.api.id);
    const again = await postImport(JSON.stringify(await exported(body.api.id)));
    expect(again.status).toBe(201);
    const second = await loadApiDefinition(again.body.api.id);
    expect({ ...second, name: first.name }).toEqual(first);
  });

  it("compiles them into a snapshot the gateway accepts: issuers from pool ARNs, Lambda targets, scopes and gateway responses", async () => {
    const { body } = await postImport(JSON.stringify(document(`auth-deploy-${Date.now()}`)));
    // Every method needs an integration to deploy.
    await prisma.integration.createMany({
      data: (await prisma.method.findMany({ where: { resource: { apiId: body.api.id } }, select: { id: true } })).map((method) => ({
        methodId: method.id,
        type: "MOCK" as const,
        timeoutMs: 29_000,
      })),
      skipDuplicates: true,
    });
    const definition = await compileCurrentDefinition({ apiId: body.api.id });
    const snapshot = buildStageSnapshot({
      definition,
      deploymentId: "d1",
      deployedAt: new Date(),
      stage: { name: "prod", variables: {}, throttle: null },
      canary: null,
    });
    expect(snapshotSchema.safeParse(snapshot).success).toBe(true);
    expect(snapshot.api.apiKeySource).toBe("AUTHORIZER");
    expect(snapshot.api.authorizers.find((authorizer) => authorizer.type === "COGNITO_USER_POOLS")).toMatchObject({
      issuers: ["https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123"],
    });
    expect(snapshot.api.authorizers.find((authorizer) => authorizer.type === "TOKEN")).toMatchObject({
      target: LAMBDA_URI,
      resultTtlSeconds: 60,
    });
    expect(snapshot.routes.find((route) => route.path === "/jwt")).toMatchObject({
      authorization: "JWT",
      authorizationScopes: ["pets:read", "pets:write"],
    });
    expect(snapshot.api.gatewayResponses.UNAUTHORIZED).toMatchObject({ statusCode: 401 });
  });
});
