import { describe, expect, it } from "vitest";
import { authorizerBodySchema, type AuthorizerDto } from "@/lib/schemas/authorizer";
import { authorizerFormFrom, emptyAuthorizerForm, toAuthorizerBody } from "./authorizer-form-state";

function dto(definition: Record<string, unknown>): AuthorizerDto {
  return {
    id: "a1",
    apiId: "api1",
    name: String(definition.name),
    type: definition.type as AuthorizerDto["type"],
    definition,
    methodCount: 0,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
  };
}

describe("authorizer form state", () => {
  it("round-trips every type through the form without change", () => {
    const definitions = [
      {
        name: "sso",
        type: "JWT",
        identitySource: "method.request.header.Authorization",
        issuer: "https://id.example.com",
        audience: ["a", "b"],
      },
      {
        name: "pool",
        type: "COGNITO_USER_POOLS",
        identitySource: "method.request.header.Authorization",
        providerArns: ["arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_x"],
      },
      {
        name: "token",
        type: "TOKEN",
        identitySource: "method.request.header.Authorization",
        authorizerUri: "arn:aws:lambda:us-east-1:123456789012:function:f",
        resultTtlSeconds: 0,
        identityValidationExpression: "^Bearer .+$",
      },
      {
        name: "req",
        type: "REQUEST",
        identitySource: ["method.request.header.x-tenant", "method.request.querystring.q"],
        authorizerUri: "http://127.0.0.1:9000/auth",
        resultTtlSeconds: 60,
        simpleResponses: true,
        payloadFormatVersion: "2.0",
      },
    ];
    for (const definition of definitions) {
      const parsed = authorizerBodySchema.parse(definition);
      expect(authorizerBodySchema.parse(toAuthorizerBody(authorizerFormFrom(dto(parsed))))).toEqual(parsed);
    }
  });

  it("sends lists typed one per line or comma-separated, and a TTL that is not a number as NaN for the check to name", () => {
    const body = toAuthorizerBody({ ...emptyAuthorizerForm(), name: "sso", issuer: "https://id.example.com", audience: "a,\n b ,," });
    expect(body).toMatchObject({ audience: ["a", "b"] });
    const lambda = toAuthorizerBody({ ...emptyAuthorizerForm(), type: "TOKEN", resultTtlSeconds: "soon" });
    expect(lambda).toMatchObject({ resultTtlSeconds: Number.NaN });
  });
});

describe("test dialog input", () => {
  it("reads header and query lines, keeping colons and equals signs inside values", async () => {
    const { parseLines } = await import("./test-authorizer-dialog");
    expect(parseLines("Authorization: Bearer a:b\n\nx-tenant:  acme \nbroken", ":")).toEqual({
      Authorization: "Bearer a:b",
      "x-tenant": "acme",
    });
    expect(parseLines("region=eu=west\n=x", "=")).toEqual({ region: "eu=west" });
  });
});
