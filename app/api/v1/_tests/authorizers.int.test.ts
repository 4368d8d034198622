import { describe, expect, it } from "vitest";
import { z } from "zod";

import { AuthorizerListSchema, AuthorizerSchema } from "@/lib/schemas/authorizer";
import { MethodSchema } from "@/lib/schemas/method";
import { prisma } from "@/lib/server/db";

import * as authorizerRoute from "../apis/[apiId]/authorizers/[authorizerId]/route";
import * as authorizersRoute from "../apis/[apiId]/authorizers/route";
import * as methodRoute from "../apis/[apiId]/resources/[resourceId]/methods/[httpMethod]/route";
import * as methodsRoute from "../apis/[apiId]/resources/[resourceId]/methods/route";
import { call, detailPaths, expectError, expectOk } from "./call";
import { createPath, createTestApi } from "./fixtures";

const envelope = z.object({ authorizer: AuthorizerSchema });
const methodEnvelope = z.object({ method: MethodSchema });

const jwt = { name: "Company SSO", type: "JWT", issuer: "https://id.example.com", audience: ["pets-api"] };
const lambda = { name: "Tokens", type: "TOKEN", authorizerUri: "arn:aws:lambda:us-east-1:123456789012:function:auth", resultTtlSeconds: 0 };

async function createAuthorizer(apiId: string, body: unknown) {
  return expectOk(await call("POST", authorizersRoute.POST, { params: { apiId }, body }), 201, envelope).authorizer;
}

describe("/api/v1/apis/{apiId}/authorizers", () => {
  it("creates, lists, reads, replaces and deletes an authorizer, with an audit event each time it changes", async () => {
    const api = await createTestApi();
    const created = await createAuthorizer(api.id, jwt);
    expect(created).toMatchObject({
      name: "Company SSO",
      type: "JWT",
      methodCount: 0,
      definition: { issuer: "https://id.example.com", audience: ["pets-api"], identitySource: "method.request.header.Authorization" },
    });
    const list = expectOk(await call("GET", authorizersRoute.GET, { params: { apiId: api.id } }), 200, AuthorizerListSchema);
    expect(list.items.map((item) => item.id)).toEqual([created.id]);
    const params = { apiId: api.id, authorizerId: created.id };
    expect(expectOk(await call("GET", authorizerRoute.GET, { params }), 200, envelope).authorizer.name).toBe("Company SSO");

    const replaced = expectOk(await call("PUT", authorizerRoute.PUT, { params, body: { ...lambda, name: "Company SSO" } }), 200, envelope);
    expect(replaced.authorizer).toMatchObject({ type: "TOKEN", definition: { resultTtlSeconds: 0 } });

    expect((await call("DELETE", authorizerRoute.DELETE, { params })).status).toBe(204);
    expect(await prisma.authorizer.count({ where: { apiId: api.id } })).toBe(0);
    const actions = (await prisma.auditEvent.findMany({ where: { targetId: created.id }, orderBy: { at: "asc" } })).map(
      (event) => event.action,
    );
    expect(actions).toEqual(["authorizer.create", "authorizer.update", "authorizer.delete"]);
  });

  it("refuses a TTL over an hour, a JWT authorizer without audience and a second authorizer of the same name", async () => {
    const api = await createTestApi();
    const ttl = expectError(
      await call("POST", authorizersRoute.POST, { params: { apiId: api.id }, body: { ...lambda, resultTtlSeconds: 7200 } }),
      422,
    );
    expect(detailPaths(ttl)).toEqual(["resultTtlSeconds"]);
    expectError(await call("POST", authorizersRoute.POST, { params: { apiId: api.id }, body: { ...jwt, audience: [] } }), 422);
    await createAuthorizer(api.id, jwt);
    expectError(await call("POST", authorizersRoute.POST, { params: { apiId: api.id }, body: jwt }), 409, "conflict");
  });

  it("gives methods JWT authorization with scopes, refuses mismatched or foreign authorizers, and protects one in use", async () => {
    const api = await createTestApi();
    const other = await createTestApi();
    const sso = await createAuthorizer(api.id, jwt);
    const tokens = await createAuthorizer(api.id, lambda);
    const foreign = await createAuthorizer(other.id, jwt);
    const pets = await createPath(api.id, "/pets");
    const params = { apiId: api.id, resourceId: pets.id };
    const body = { httpMethod: "GET", integration: { type: "MOCK" } };

    const missing = expectError(await call("POST", methodsRoute.POST, { params, body: { ...body, authorizationType: "JWT" } }), 422);
    expect(detailPaths(missing)).toEqual(["authorizerId"]);
    const mismatched = expectError(
      await call("POST", methodsRoute.POST, { params, body: { ...body, authorizationType: "JWT", authorizerId: tokens.id } }),
      422,
    );
    expect(mismatched.message).toMatch(/cannot use the TOKEN authorizer/);
    expectError(
      await call("POST", methodsRoute.POST, { params, body: { ...body, authorizationType: "JWT", authorizerId: foreign.id } }),
      422,
    );

    const { method } = expectOk(
      await call("POST", methodsRoute.POST, {
        params,
        body: { ...body, authorizationType: "JWT", authorizerId: sso.id, authorizationScopes: ["pets:read"] },
      }),
      201,
      methodEnvelope,
    );
    expect(method).toMatchObject({
      authorizationType: "JWT",
      authorizerId: sso.id,
      authorizationScopes: ["pets:read"],
      apiKeyRequired: false,
    });

    const inUse = expectError(await call("DELETE", authorizerRoute.DELETE, { params: { apiId: api.id, authorizerId: sso.id } }), 409);
    expect(inUse.message).toMatch(/GET \/pets/);
    const retyped = expectError(
      await call("PUT", authorizerRoute.PUT, { params: { apiId: api.id, authorizerId: sso.id }, body: { ...lambda, name: jwt.name } }),
      409,
    );
    expect(retyped.message).toMatch(/cannot use a TOKEN authorizer/);

    // Changing the method to NONE drops its authorizer, after which the authorizer can go.
    const changed = expectOk(
      await call("PATCH", methodRoute.PATCH, { params: { ...params, httpMethod: "GET" }, body: { authorizationType: "NONE" } }),
      200,
      methodEnvelope,
    );
    expect(changed.method).toMatchObject({ authorizationType: "NONE", authorizerId: null });
    expect((await call("DELETE", authorizerRoute.DELETE, { params: { apiId: api.id, authorizerId: sso.id } })).status).toBe(204);
  });
});
