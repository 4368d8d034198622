import { describe, expect, it } from "vitest";

import { tryItBodySchema, updatePortalSettingsBodySchema } from "./portal";

const base = { listingId: "listing", apiKey: "ptk_x", method: "GET" as const };

describe("try-it calls", () => {
  it("stay inside the listed stage: paths with . or .. segments, a query or a fragment are refused", () => {
    for (const path of ["/../other-api/prod/x", "/a/./b", "/..", "/a?b=1", "/a#b", "relative", "/a b"]) {
      expect(tryItBodySchema.safeParse({ ...base, path }).success, path).toBe(false);
    }
  });

  it("take ordinary paths and queries", () => {
    expect(tryItBodySchema.parse({ ...base, path: "/pets/42", query: "limit=5" })).toMatchObject({
      path: "/pets/42",
      query: "limit=5",
      headers: {},
    });
  });
});

describe("portal settings", () => {
  it("take a logo only from https or this site, and a colour only as #rrggbb", () => {
    for (const logoUrl of ["javascript:alert(1)", "data:image/svg+xml,<svg/>", "http://example.com/logo.png", "//evil.example/logo.png"]) {
      expect(updatePortalSettingsBodySchema.safeParse({ logoUrl }).success, logoUrl).toBe(false);
    }
    expect(updatePortalSettingsBodySchema.safeParse({ logoUrl: "https://cdn.example.com/logo.svg" }).success).toBe(true);
    expect(updatePortalSettingsBodySchema.safeParse({ logoUrl: "/logo.svg" }).success).toBe(true);
    expect(updatePortalSettingsBodySchema.safeParse({ accentColor: "red; background: url(x)" }).success).toBe(false);
    expect(updatePortalSettingsBodySchema.safeParse({ accentColor: "#2563eb" }).success).toBe(true);
  });
});
