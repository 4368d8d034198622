import { describe, expect, it } from "vitest";
import { makeSnapshot, proxyRoute } from "@/test/support/gateway/fixtures";
import { parseSnapshot, parseSnapshotSteps, snapshotSchema } from "@/lib/contracts";
import { hashSnapshot } from "@/lib/contracts/hash";
import type { Sliced } from "@/lib/contracts/steps";
import { hashDocumentSteps } from "./canonical";

/** Runs the work to its end, counting the yields and the most units between two of them. */
function drive<T>(work: Sliced<T>): { value: T; yields: number } {
  let yields = 0;
  for (;;) {
    const step = work.next();
    if (step.done === true) return { value: step.value, yields };
    yields += 1;
  }
}

const input = makeSnapshot(
  Array.from({ length: 2_000 }, (_, i) => proxyRoute(`r${i}`, "GET", `/g${i % 40}/items${i}/{id}`, "http://127.0.0.1:9/echo/{id}")),
);

describe("a push's validation and hash in slices", () => {
  it("validates a 2,000-route snapshot with a yield per route, to parseSnapshot's result", () => {
    const sliced = drive(parseSnapshotSteps(input));
    expect(sliced.yields).toBeGreaterThanOrEqual(20);
    const whole = parseSnapshot(input);
    expect(sliced.value.success && whole.success).toBe(true);
    if (sliced.value.success && whole.success) expect(sliced.value.data).toEqual(whole.data);
  });

  it("reports a broken rule across routes exactly as the schema does, also when it is found after a yield", () => {
    const broken = structuredClone(input) as { routes: { path: string }[] };
    broken.routes[1_900].path = broken.routes[3].path;
    const sliced = drive(parseSnapshotSteps(broken)).value;
    const schema = snapshotSchema.safeParse(broken);
    expect(sliced.success).toBe(false);
    expect(schema.success).toBe(false);
    if (!sliced.success && !schema.success) expect(sliced.error.issues).toEqual(schema.error.issues);
  });

  it("hashes with a yield per route and gives hashSnapshot's hash, with the canonical JSON to persist", () => {
    const parsed = snapshotSchema.parse(input);
    const { value, yields } = drive(hashDocumentSteps(parsed));
    expect(yields).toBeGreaterThanOrEqual(2_000);
    expect(value.hash).toBe(hashSnapshot(parsed));
    const written = JSON.parse(value.json) as { hash: string };
    expect(written.hash).toBe(value.hash);
    expect(hashSnapshot(written)).toBe(value.hash);
  });
});
