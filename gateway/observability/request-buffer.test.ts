import { describe, expect, it } from "vitest";
import type { RequestRecord } from "@/lib/contracts/observability";
import { RequestBuffer } from "./request-buffer";

function record(requestId: string, status: number, at: number): RequestRecord {
  return {
    requestId,
    at,
    apiId: "api",
    stage: "prod",
    method: "GET",
    path: "/x",
    route: "x",
    status,
    latencyMs: 1,
    integrationLatencyMs: null,
    apiKeyId: null,
    reason: null,
  };
}

describe("RequestBuffer", () => {
  it("keeps errors after a flood of successes has pushed older successes out", () => {
    const buffer = new RequestBuffer({ errors: 3, successes: 3, successesPerSecond: 1_000 });
    buffer.add(record("e1", 500, 1));
    for (let i = 0; i < 10; i++) buffer.add(record(`s${i}`, 200, 2 + i));
    const ids = buffer.find({ limit: 100 }).map((item) => item.requestId);
    expect(ids).toEqual(["s9", "s8", "s7", "e1"]);
  });

  it("samples successes once a second held more than the budget, says at which rate, and keeps every error", () => {
    let now = 1_000_000;
    const buffer = new RequestBuffer({ errors: 100, successes: 100, successesPerSecond: 10, now: () => now, random: () => 0.5 });
    let kept = 0;
    for (let i = 0; i < 40; i++) if (buffer.wants(200, now)) kept += 1;
    expect(kept).toBe(40);
    now += 1_000;
    expect(buffer.successRate()).toBe(0.25);
    kept = 0;
    for (let i = 0; i < 40; i++) if (buffer.wants(200, now)) kept += 1;
    expect(kept).toBe(0); // random() = 0.5 is above the rate 0.25
    expect(buffer.wants(502, now)).toBe(true);
    now += 5_000;
    expect(buffer.successRate()).toBe(1);
  });
});
