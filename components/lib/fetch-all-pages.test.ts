import { afterEach, describe, expect, it, vi } from "vitest";

import { fetchAllPages } from "./fetch-all-pages";

afterEach(() => vi.unstubAllGlobals());

describe("fetchAllPages", () => {
  it("follows nextCursor to the last page, asking for the largest pages, and keeps the other query parameters", async () => {
    const pages: Record<string, { items: number[]; nextCursor: string | null }> = {
      "": { items: [1, 2], nextCursor: "c1" },
      c1: { items: [3, 4], nextCursor: "c2" },
      c2: { items: [5], nextCursor: null },
    };
    const urls: string[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn((url: string) => {
        urls.push(url);
        const cursor = new URL(url, "http://localhost").searchParams.get("cursor") ?? "";
        return Promise.resolve(Response.json(pages[cursor]));
      }),
    );
    await expect(fetchAllPages<number>("/api/v1/nodes", { query: { probe: false } })).resolves.toEqual([1, 2, 3, 4, 5]);
    expect(urls).toEqual([
      "/api/v1/nodes?probe=false&limit=200",
      "/api/v1/nodes?probe=false&limit=200&cursor=c1",
      "/api/v1/nodes?probe=false&limit=200&cursor=c2",
    ]);
  });

  it("stops when a page hands back the cursor it was asked with", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(() => Promise.resolve(Response.json({ items: [1], nextCursor: "same" }))),
    );
    await expect(fetchAllPages<number>("/api/v1/x")).resolves.toEqual([1, 1]);
  });

  it("passes an error page on as the ApiError it is", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(() => Promise.resolve(Response.json({ error: { code: "not_found", message: "no such API" } }, { status: 404 }))),
    );
    await expect(fetchAllPages("/api/v1/x")).rejects.toMatchObject({ status: 404, message: "no such API" });
  });
});
