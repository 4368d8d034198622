import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, apiRequest, buildUrl, normalizeIssuePath } from "./api-client";

function respondWith(status: number, body: unknown) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  vi.stubGlobal(
    "fetch",
    vi.fn(() => Promise.resolve(new Response(text, { status }))),
  );
}

afterEach(() => vi.unstubAllGlobals());

describe("apiRequest", () => {
  it("turns a 422 error body into an ApiError with per-field messages", async () => {
    respondWith(422, {
      error: {
        code: "validation_failed",
        message: "Invalid input",
        details: [
          { path: "integration.uri", message: "URI is required for HTTP proxy integrations" },
          { path: ["requestParameters", 0, "name"], message: "Name is required" },
          { path: "integration.uri", message: "second message for the same field" },
        ],
      },
    });
    const error = await apiRequest("/api/v1/x").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(422);
    expect(apiError.code).toBe("validation_failed");
    expect(apiError.fieldErrors).toEqual({
      "integration.uri": "URI is required for HTTP proxy integrations",
      "requestParameters.0.name": "Name is required",
    });
  });

  it("reports a non-JSON failure with its status instead of a parse error", async () => {
    respondWith(502, "<html>Bad gateway</html>");
    const error = (await apiRequest("/api/v1/x").catch((caught: unknown) => caught)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(502);
    expect(error.message).toContain("502");
  });

  it("returns undefined for 204 No Content", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(() => Promise.resolve(new Response(null, { status: 204 }))),
    );
    await expect(apiRequest("/api/v1/x", { method: "DELETE" })).resolves.toBeUndefined();
  });
});

describe("buildUrl", () => {
  it("drops empty query values so an empty search does not filter", () => {
    expect(buildUrl("/api/v1/apis", { q: "", cursor: undefined, limit: 20 })).toBe("/api/v1/apis?limit=20");
  });
});

describe("normalizeIssuePath", () => {
  it("accepts dotted paths, JSON pointers and arrays alike", () => {
    expect(normalizeIssuePath("a.b")).toBe("a.b");
    expect(normalizeIssuePath("/a/0/b")).toBe("a.0.b");
    expect(normalizeIssuePath(["a", 0, "b"])).toBe("a.0.b");
  });
});
