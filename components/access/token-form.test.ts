import { describe, expect, it } from "vitest";

import { EMPTY_TOKEN_FORM, tokenBodyFromForm } from "./token-form";

describe("tokenBodyFromForm", () => {
  it("sends 90 days and leaves the role to the server when nothing else is chosen", () => {
    expect(tokenBodyFromForm({ ...EMPTY_TOKEN_FORM, name: "  ci  " })).toEqual({ body: { name: "ci", expiresInDays: 90 }, errors: null });
  });

  it("sends null days for no expiry, whatever the days field holds, and the chosen role", () => {
    expect(tokenBodyFromForm({ name: "ci", role: "viewer", days: "", noExpiry: true })).toEqual({
      body: { name: "ci", role: "viewer", expiresInDays: null },
      errors: null,
    });
  });

  it("refuses a missing name, and days that are not a whole number from 1 to 366", () => {
    expect(tokenBodyFromForm({ ...EMPTY_TOKEN_FORM, name: " " }).errors).toHaveProperty("name");
    for (const days of ["", "abc", "0", "367", "1.5"]) {
      expect(tokenBodyFromForm({ ...EMPTY_TOKEN_FORM, name: "ci", days }).errors, days).toHaveProperty("expiresInDays");
    }
    expect(tokenBodyFromForm({ ...EMPTY_TOKEN_FORM, name: "ci", days: "366" }).errors).toBeNull();
  });
});
