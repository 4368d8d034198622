import { describe, expect, it } from "vitest";

import { waitFor } from "./wait-for";

describe("waitFor", () => {
  it("returns the first value that satisfies the condition", async () => {
    let reads = 0;
    const value = await waitFor(() => ++reads, { what: "three reads", until: (n) => n >= 3, intervalMs: 0 });
    expect(value).toBe(3);
    expect(reads).toBe(3);
  });

  it("waits for a truthy value by default, from async reads", async () => {
    let reads = 0;
    expect(await waitFor(() => Promise.resolve(++reads > 1 ? "ready" : ""), { what: "ready", intervalMs: 1 })).toBe("ready");
  });

  it("fails after the timeout naming what was awaited and the last value", async () => {
    await expect(
      waitFor(() => ({ status: 503 }), { what: "the node to answer", until: (r) => r.status === 200, timeoutMs: 30 }),
    ).rejects.toThrow('Timed out after 30 ms waiting for the node to answer (last value: {"status":503})');
  });
});
