import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";

import { DocumentRejectedError } from "@/lib/openapi/problems";

import { ApiError, unauthorized } from "@/lib/errors/api-error";
import { handleApiError } from "./handle-api-error";
import { withApiHandler } from "./with-api-handler";
import type { ErrorResponse } from "@/lib/schemas/common";

const context = { requestId: "req-1", method: "POST", path: "/api/v1/apis" };

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the one error shape", () => {
  it("keeps an ApiError's status, code, message and details", async () => {
    const response = handleApiError(new ApiError("conflict", "taken", [{ path: "name", message: "taken" }]), context);
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: { code: "conflict", message: "taken", details: [{ path: "name", message: "taken" }] } });
  });

  it("answers an unauthorized error with 401 and a Bearer challenge", async () => {
    const response = handleApiError(unauthorized("Send the token as 'Authorization: Bearer <TOKEN>'"), context);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe("Bearer");
    expect(await response.json()).toEqual({
      error: { code: "unauthorized", message: "Send the token as 'Authorization: Bearer <TOKEN>'" },
    });
  });

  it("answers a rejected OpenAPI document with 400 invalid_document and every problem where it is", async () => {
    const problems = [
      { pointer: "/paths/~1a/get", line: 4, column: 7, message: "first" },
      { pointer: "/info", message: "second" },
    ];
    const response = handleApiError(new DocumentRejectedError("The document cannot be imported: first.", problems), context);
    expect(response.status).toBe(400);
    expect(response.headers.get("x-request-id")).toBe("req-1");
    expect(await response.json()).toEqual({
      error: {
        code: "invalid_document",
        message: "The document cannot be imported: first.",
        details: [
          { path: "/paths/~1a/get", line: 4, column: 7, message: "first" },
          { path: "/info", message: "second" },
        ],
      },
    });
  });

  it("turns a ZodError into 422 listing every failing field", async () => {
    const result = z.strictObject({ name: z.string(), size: z.number() }).safeParse({ size: "big", extra: true });
    const response = handleApiError(result.error, context);
    expect(response.status).toBe(422);
    const body = (await response.json()) as ErrorResponse;
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.details?.map((detail: { path: string }) => detail.path).sort()).toEqual(["extra", "name", "size"]);
  });

  it("answers unknown errors with a generic 500 that never echoes the cause, and logs it with the request id", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = handleApiError(new Error("password=hunter2 at db.internal"), context);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain("hunter2");
    expect((JSON.parse(text) as ErrorResponse).error).toMatchObject({ code: "internal_error", requestId: "req-1" });
    expect(log.mock.calls[0][0]).toContain("req-1");
    expect(log.mock.calls[0][0]).toContain("hunter2");
  });
});

describe("withApiHandler", () => {
  it("gives every response a request id and passes the route parameters and an anonymous caller to a public route", async () => {
    const handler = withApiHandler<{ apiId: string }>(({ params, caller }) => Response.json({ params, principal: caller.principal }), {
      access: "public",
    });
    const response = await handler(new Request("http://localhost/x", { headers: { "x-portico-actor": "ci-pipeline" } }), {
      params: Promise.resolve({ apiId: "abc" }),
    });
    expect(response.headers.get("x-request-id")).toBeTruthy();
    expect(await response.json()).toEqual({ params: { apiId: "abc" }, principal: null });
  });

  it("answers 401 unauthenticated with a Bearer challenge when a protected route has no credentials, without running it", async () => {
    const handler = vi.fn(() => Response.json({}));
    const response = await withApiHandler(handler)(new Request("http://localhost/x"), { params: Promise.resolve({}) });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe("Bearer");
    expect(((await response.json()) as ErrorResponse).error.code).toBe("unauthenticated");
    expect(handler).not.toHaveBeenCalled();
  });

  it("refuses a malformed Authorization header with 401", async () => {
    const response = await withApiHandler(() => Response.json({}))(
      new Request("http://localhost/x", { headers: { authorization: "Basic abc" } }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(401);
  });

  it("refuses a host name it is not configured for (DNS rebinding), even on public routes", async () => {
    const handler = withApiHandler(() => Response.json({}), { access: "public" });
    const response = await handler(new Request("http://localhost/x", { headers: { host: "attacker.example:3000" } }), {
      params: Promise.resolve({}),
    });
    expect(response.status).toBe(400);
    const allowed = await handler(new Request("http://localhost/x", { headers: { host: "127.0.0.1:3000" } }), {
      params: Promise.resolve({}),
    });
    expect(allowed.status).toBe(200);
  });

  it("refuses bodies a cross-site form can send (text/plain, url-encoded, multipart) with 415 before anything runs", async () => {
    const handler = vi.fn(() => Response.json({}));
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const response = await withApiHandler(handler, { access: "public" })(
        new Request("http://localhost/x", { method: "POST", body: "{}", headers: { "content-type": type } }),
        { params: Promise.resolve({}) },
      );
      expect(response.status, type).toBe(415);
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it("refuses a write whose Origin is another site with 403", async () => {
    const handler = vi.fn(() => Response.json({}));
    const response = await withApiHandler(handler, { access: "public" })(
      new Request("http://localhost:3000/x", { method: "POST", headers: { origin: "https://evil.example", host: "localhost:3000" } }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(403);
    expect(handler).not.toHaveBeenCalled();
    const sameOrigin = await withApiHandler(handler, { access: "public" })(
      new Request("http://localhost:3000/x", { method: "POST", headers: { origin: "http://localhost:3000", host: "localhost:3000" } }),
      { params: Promise.resolve({}) },
    );
    expect(sameOrigin.status).toBe(200);
  });
});
