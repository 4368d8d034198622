import { describe, expect, it } from "vitest";
import { z } from "zod";

import { ApiError } from "@/lib/errors/api-error";

import { parseQuery, readJson, readJsonBody } from "./read-json-body";

function post(body: string, contentType: string | null = "application/json"): Request {
  const headers = new Headers();
  if (contentType) headers.set("content-type", contentType);
  return new Request("http://localhost/api/v1/apis", { method: "POST", headers, body });
}

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

describe("reading JSON bodies", () => {
  it("refuses a body not declared as JSON with 415", async () => {
    expect((await caught(readJson(post("{}", "text/plain")))).status).toBe(415);
    expect((await caught(readJson(post("{}", null)))).status).toBe(415);
  });

  it("accepts JSON media types with parameters and +json suffixes", async () => {
    await expect(readJson(post('{"a":1}', "application/json; charset=utf-8"))).resolves.toEqual({ a: 1 });
    await expect(readJson(post('{"a":1}', "application/merge-patch+json"))).resolves.toEqual({ a: 1 });
  });

  it("answers malformed JSON with 400 and the parser's position", async () => {
    const error = await caught(readJson(post('{\n  "name": "x",\n}')));
    expect(error.status).toBe(400);
    expect(error.code).toBe("bad_request");
    expect(error.message).toMatch(/not valid JSON: .*position \d+/);
    expect(error.message).toContain("line 3, column 1");
  });

  it("answers an empty body with 400", async () => {
    expect((await caught(readJson(post("  ")))).status).toBe(400);
  });

  it("refuses bodies over the size limit with 413", async () => {
    expect((await caught(readJson(post(`"${"x".repeat(1024 * 1024)}"`)))).status).toBe(413);
  });

  it("validates the parsed body with the schema", async () => {
    await expect(readJsonBody(post('{"name":1}'), z.strictObject({ name: z.string() }))).rejects.toBeInstanceOf(z.ZodError);
  });
});

describe("query strings", () => {
  it("refuses a parameter given twice instead of picking one", () => {
    const request = new Request("http://localhost/x?limit=1&limit=2");
    expect(() => parseQuery(request, z.object({ limit: z.string() }))).toThrow(/given 2 times/);
  });
});

describe("truncated JSON", () => {
  it("says where the body ends", async () => {
    const error = await readJson(post('{"name":')).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toContain("ends after 8 characters");
  });
});

describe("the JSON size limit", () => {
  it("counts the bytes sent: a body under the limit in characters but over it in bytes is refused with 413", async () => {
    const body = `"${"€".repeat(400_000)}"`;
    expect(body.length).toBeLessThan(1024 * 1024);
    expect((await caught(readJson(post(body)))).status).toBe(413);
  });
});
