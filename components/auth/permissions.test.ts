import { describe, expect, it } from "vitest";

import { permission } from "./permissions";

describe("permission", () => {
  it("lets viewers read only, with the reason", () => {
    expect(permission("viewer", "change")).toEqual({
      allowed: false,
      reason: "Viewers have read-only access; ask an admin for the developer role",
    });
    expect(permission("viewer", "changeStage").allowed).toBe(false);
    expect(permission("viewer", "administer").allowed).toBe(false);
  });

  it("lets developers change everything but protected stages and administration", () => {
    expect(permission("developer", "change").allowed).toBe(true);
    expect(permission("developer", "changeStage", { stageName: "dev", stageProtected: false }).allowed).toBe(true);
    expect(permission("developer", "changeStage", { stageName: "prod", stageProtected: true })).toEqual({
      allowed: false,
      reason: "Only admins can change the protected stage prod",
    });
    expect(permission("developer", "administer")).toEqual({ allowed: false, reason: "Only admins can do this" });
  });

  it("lets admins do everything, and nobody before the role is known", () => {
    expect(permission("admin", "changeStage", { stageProtected: true }).allowed).toBe(true);
    expect(permission("admin", "administer").allowed).toBe(true);
    expect(permission(undefined, "change").allowed).toBe(false);
  });
});
