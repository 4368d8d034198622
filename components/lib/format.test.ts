import { describe, expect, it } from "vitest";
import { formatRelative, pluralize } from "./format";

describe("formatRelative", () => {
  const now = Date.parse("2026-01-10T12:00:00Z");
  it("says just now for the last minute and counts larger units after", () => {
    expect(formatRelative("2026-01-10T11:59:30Z", now)).toBe("just now");
    expect(formatRelative("2026-01-10T11:55:00Z", now)).toBe("5 minutes ago");
    expect(formatRelative("2026-01-07T12:00:00Z", now)).toBe("3 days ago");
  });
});

describe("pluralize", () => {
  it("uses the singular only for exactly one", () => {
    expect(pluralize(1, "method")).toBe("1 method");
    expect(pluralize(0, "method")).toBe("0 methods");
    expect(pluralize(2, "child resource")).toBe("2 child resources");
  });
});
