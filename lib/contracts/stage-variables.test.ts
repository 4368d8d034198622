import { describe, expect, it } from "vitest";
import { fillStageVariables, resolveStageVariables, stageVariableNames } from "./stage-variables";

describe("stage variable references", () => {
  const uri = "https://${stageVariables.host}/v1/${stageVariables.fn}/${stageVariables.host}";

  it("names every reference in order", () => {
    expect(stageVariableNames(uri)).toEqual(["host", "fn", "host"]);
    expect(stageVariableNames("https://example.com/${stageVariables.bad-name}")).toEqual([]);
  });

  it("resolves with the stage's values and lets the caller refuse a missing one", () => {
    expect(
      resolveStageVariables(uri, { host: "api.example.com", fn: "orders" }, () => {
        throw new Error("unreachable");
      }),
    ).toBe("https://api.example.com/v1/orders/api.example.com");
    expect(() =>
      resolveStageVariables(uri, { host: "h" }, (name) => {
        throw new Error(`${name} is not set`);
      }),
    ).toThrow("fn is not set");
  });

  it("fills every reference with a stand-in", () => {
    expect(fillStageVariables(uri, "x")).toBe("https://x/v1/x/x");
  });
});
