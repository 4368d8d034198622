import { describe, expect, it } from "vitest";
import { corsSchema } from "@/lib/contracts";
import { CorsPolicy } from "./cors";

function headersFor(policy: CorsPolicy, origin: string | undefined): Record<string, string> {
  const list: string[] = [];
  policy.appendResponseHeaders(origin, list);
  const out: Record<string, string> = {};
  for (let i = 0; i < list.length; i += 2) out[list[i]] = list[i + 1];
  return out;
}

describe("CORS policy", () => {
  it("answers any origin with '*' when credentials are off", () => {
    const policy = new CorsPolicy(corsSchema.parse({ allowOrigins: ["*"] }));
    expect(headersFor(policy, "https://a.example")).toEqual({ "access-control-allow-origin": "*" });
    expect(headersFor(policy, undefined)).toEqual({ "access-control-allow-origin": "*" });
  });

  it("echoes only listed origins, with Vary: Origin so caches keep them apart", () => {
    const policy = new CorsPolicy(corsSchema.parse({ allowOrigins: ["https://app.example"], exposeHeaders: ["x-request-id"] }));
    expect(headersFor(policy, "https://app.example")).toEqual({
      "access-control-allow-origin": "https://app.example",
      vary: "Origin",
      "access-control-expose-headers": "x-request-id",
    });
    expect(headersFor(policy, "https://evil.example")).toEqual({});
  });

  it("never combines '*' with credentials: it echoes the origin instead", () => {
    const policy = new CorsPolicy(corsSchema.parse({ allowOrigins: ["*"], allowCredentials: true }));
    expect(headersFor(policy, "https://a.example")).toMatchObject({
      "access-control-allow-origin": "https://a.example",
      "access-control-allow-credentials": "true",
    });
  });
});
