import { describe, expect, it } from "vitest";

import { describeNodeOutcomes } from "./node-outcomes";

describe("describeNodeOutcomes", () => {
  it("names every node that did not apply the change", () => {
    const text = describeNodeOutcomes([
      { nodeId: "1", name: "a", status: "applied", ms: 4 },
      { nodeId: "2", name: "b", status: "timeout", error: "no acknowledgement" },
    ]);
    expect(text).toContain("b (no acknowledgement)");
    expect(text).not.toContain("a (");
  });

  it("says when every node applied it, and when there is no node at all", () => {
    expect(describeNodeOutcomes([{ nodeId: "1", name: "a", status: "applied", ms: 7 }])).toBe("Applied on 1 gateway node in 7 ms.");
    expect(describeNodeOutcomes([])).toMatch(/No gateway node/);
  });
});
