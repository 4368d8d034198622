import { describe, expect, it } from "vitest";
import { ACCESS_LOG_PRESETS, accessLogSettingsSchema, parseAccessLogFormat } from "./access-log";

describe("access-log formats", () => {
  it("accept every preset", () => {
    for (const format of Object.values(ACCESS_LOG_PRESETS)) expect(accessLogSettingsSchema.safeParse({ format }).success).toBe(true);
  });

  it("name an unknown variable", () => {
    const result = accessLogSettingsSchema.safeParse({ format: "$context.requestId $context.statusCode" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/^Unknown variable \$context\.statusCode in the access-log format/);
  });

  it("refuse the API key itself, a format without a request id, and line breaks", () => {
    expect(() => parseAccessLogFormat("$context.requestId $context.identity.apiKey")).toThrow(/use \$context\.identity\.apiKeyId/);
    expect(() => parseAccessLogFormat("$context.status")).toThrow(/must include \$context\.requestId or \$context\.extendedRequestId/);
    expect(() => parseAccessLogFormat("$context.requestId\n$context.status")).toThrow(/one line/);
  });

  it("read authorizer entries and claims, and stop a variable at a trailing period", () => {
    expect(parseAccessLogFormat("id=$context.requestId. sub=$context.authorizer.claims.sub")).toEqual([
      { kind: "text", text: "id=" },
      { kind: "variable", name: "requestId" },
      { kind: "text", text: ". sub=" },
      { kind: "authorizer", path: ["claims", "sub"] },
    ]);
  });
});
