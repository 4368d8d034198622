import { describe, expect, it } from "vitest";
import { snapshotSchema } from "@/lib/contracts";
import { hashSnapshot } from "@/lib/contracts/hash";
import { benchSnapshot } from "@/bench/lib/gateway-fixture";
import { hashDocument } from "./canonical";

describe("the canonical JSON a pushed document is hashed and stored as", () => {
  it("gives a 1,000-route snapshot the hash hashSnapshot gives it, and stores JSON that parses back to the document with its hash", () => {
    const parsed = snapshotSchema.parse(
      benchSnapshot({ routes: 1000, upstreamOrigin: "http://127.0.0.1:1", deploymentId: "d", variant: "a" }),
    );
    const { hash, json } = hashDocument({ ...parsed, hash: "ignored" });
    expect(hash).toBe(hashSnapshot(parsed));
    expect(JSON.parse(json)).toEqual({ ...parsed, hash });
  });
});
