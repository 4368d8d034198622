import { describe, expect, it } from "vitest";

import { auditTargetHref } from "./audit-target-link";

describe("auditTargetHref", () => {
  it("links each target to its page, through its API where it lives in one", () => {
    expect(auditTargetHref({ action: "api.update", target: { type: "api", id: "a1", name: "Pets" }, apiId: "a1" })).toBe("/apis/a1");
    expect(auditTargetHref({ action: "stage.promote", target: { type: "stage", id: "s1", name: "prod" }, apiId: "a1" })).toBe(
      "/apis/a1/stages",
    );
    expect(auditTargetHref({ action: "resource.create", target: { type: "resource", id: "r1", name: "" }, apiId: "a1" })).toBe(
      "/apis/a1?resource=r1",
    );
    expect(auditTargetHref({ action: "method.create", target: { type: "method", id: "m1", name: "GET /pets" }, apiId: "a1" })).toBe(
      "/apis/a1",
    );
    expect(auditTargetHref({ action: "usageplan.update", target: { type: "usagePlan", id: "p 1", name: "Gold" }, apiId: null })).toBe(
      "/usage-plans/p%201",
    );
    expect(auditTargetHref({ action: "user.invite", target: { type: "user", id: "u1", name: "ana@example.com" }, apiId: null })).toBe(
      "/users",
    );
    expect(auditTargetHref({ action: "token.revoke", target: { type: "token", id: "t1", name: "ci" }, apiId: null })).toBe("/tokens");
  });

  it("has no link for a target without a page, and links a deleted target's list or API rather than its own page", () => {
    expect(auditTargetHref({ action: "stage.update", target: { type: "stage", id: "s1", name: "prod" }, apiId: null })).toBeNull();
    expect(auditTargetHref({ action: "setup.complete", target: { type: "setup", id: "", name: "" }, apiId: null })).toBeNull();
    expect(auditTargetHref({ action: "api.delete", target: { type: "api", id: "a1", name: "Pets" }, apiId: "a1" })).toBeNull();
    expect(auditTargetHref({ action: "resource.delete", target: { type: "resource", id: "r1", name: "" }, apiId: "a1" })).toBe("/apis/a1");
    expect(auditTargetHref({ action: "usageplan.delete", target: { type: "usagePlan", id: "p1", name: "Gold" }, apiId: null })).toBe(
      "/usage-plans",
    );
  });
});
