import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";

import { ApiError, unauthorized } from "./api-error";
import { handleApiError } from "./handle-api-error";
import { withApiHandler } from "./with-api-handler";

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
    expect(await response.json()).toEqual({ error: { code: "unauthorized", message: "Send the token as 'Authorization: Bearer <TOKEN>'" } });
  });

  it("turns a ZodError into 422 listing every failing field", async () => {
    const result = z.strictObject({ name: z.string(), size: z.number() }).safeParse({ size: "big", extra: true });
    const response = handleApiError(result.error, context);
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.details.map((detail: { path: string }) => detail.path).sort()).toEqual(["extra", "name", "size"]);
  });

  it("answers unknown errors with a generic 500 that never echoes the cause, and logs it with the request id", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = handleApiError(new Error("password=hunter2 at db.internal"), context);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain("hunter2");
    expect(JSON.parse(text).error).toMatchObject({ code: "internal_error", requestId: "req-1" });
    expect(log.mock.calls[0][0]).toContain("req-1");
    expect(log.mock.calls[0][0]).toContain("hunter2");
  });
});

describe("withApiHandler", () => {
  it("gives every response a request id and passes the route parameters and caller", async () => {
    const handler = withApiHandler<{ apiId: string }>(async ({ params, caller }) => Response.json({ params, caller }));
    const response = await handler(new Request("http://localhost/x", { headers: { "x-portico-actor": "ci-pipeline" } }), {
      params: Promise.resolve({ apiId: "abc" }),
    });
    expect(response.headers.get("x-request-id")).toBeTruthy();
    expect(await response.json()).toEqual({ params: { apiId: "abc" }, caller: { actor: "ci-pipeline" } });
  });

  it("acts as the local console when no actor is named", async () => {
    const handler = withApiHandler(async ({ caller }) => Response.json(caller));
    const response = await handler(new Request("http://localhost/x"), { params: Promise.resolve({}) });
    expect(await response.json()).toEqual({ actor: "console" });
  });

  it("refuses an actor header with control characters", async () => {
    const handler = withApiHandler(async () => Response.json({}));
    const response = await handler(new Request("http://localhost/x", { headers: { "x-portico-actor": "a\tb" } }), {
      params: Promise.resolve({}),
    });
    expect(response.status).toBe(400);
  });
});
