import { describe, expect, it } from "vitest";

import { changeLines } from "./audit-changes";

describe("changeLines", () => {
  it("shows settings changes as before and after, and plain details as values", () => {
    expect(
      changeLines({
        role: { before: "developer", after: "viewer" },
        disabled: { before: false, after: true },
        prefix: "pct_ab12",
        expiresAt: null,
        fields: ["name"],
      }),
    ).toEqual([
      { field: "role", before: "developer", after: "viewer" },
      { field: "disabled", before: "false", after: "true" },
      { field: "prefix", after: "pct_ab12" },
      { field: "expiresAt", after: "—" },
      { field: "fields", after: '["name"]' },
    ]);
  });

  it("treats an object that merely has a before key among others as a value", () => {
    expect(changeLines({ window: { before: 1, after: 2, unit: "s" } })).toEqual([
      { field: "window", after: '{"before":1,"after":2,"unit":"s"}' },
    ]);
  });
});
