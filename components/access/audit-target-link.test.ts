import { describe, expect, it } from "vitest";

import { auditTargetHref } from "./audit-target-link";

describe("auditTargetHref", () => {
  it("links each target to its page, through its API where it lives in one", () => {
    expect(auditTargetHref({ target: { type: "api", id: "a1", name: "Pets" }, apiId: "a1" })).toBe("/apis/a1");
    expect(auditTargetHref({ target: { type: "stage", id: "s1", name: "prod" }, apiId: "a1" })).toBe("/apis/a1/stages");
    expect(auditTargetHref({ target: { type: "method", id: "m1", name: "GET /pets" }, apiId: "a1" })).toBe("/apis/a1");
    expect(auditTargetHref({ target: { type: "usagePlan", id: "p 1", name: "Gold" }, apiId: null })).toBe("/usage-plans/p%201");
    expect(auditTargetHref({ target: { type: "user", id: "u1", name: "ana@example.com" }, apiId: null })).toBe("/users");
  });

  it("has no link for a target without a page", () => {
    expect(auditTargetHref({ target: { type: "stage", id: "s1", name: "prod" }, apiId: null })).toBeNull();
    expect(auditTargetHref({ target: { type: "setup", id: "", name: "" }, apiId: null })).toBeNull();
  });
});
