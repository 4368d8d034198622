import { describe, expect, it } from "vitest";
import { CompiledPolicy, methodArnOf, PolicyError } from "./policy";

const ARN = (stage: string, method: string, path: string) => methodArnOf("us-east-1", "123456789012", "a123456789", stage, method, path);

function policy(...statements: { Effect: string; Action?: unknown; Resource: unknown }[]): CompiledPolicy {
  return CompiledPolicy.compile({
    Version: "2012-10-17",
    Statement: statements.map((statement) => ({ Action: "execute-api:Invoke", ...statement })),
  });
}

describe("IAM policies of Lambda authorizers", () => {
  it("builds API Gateway's method ARN from the request", () => {
    expect(ARN("test", "GET", "/pets/42")).toBe("arn:aws:execute-api:us-east-1:123456789012:a123456789/test/GET/pets/42");
    expect(ARN("test", "GET", "/")).toBe("arn:aws:execute-api:us-east-1:123456789012:a123456789/test/GET/");
  });

  // The resource expressions from API Gateway's documentation of execute-api policies.
  it("covers POST on every sub-resource of /mydemoresource in stage test: .../test/POST/mydemoresource/*", () => {
    const allow = policy({ Effect: "Allow", Resource: "arn:aws:execute-api:us-east-1:*:a123456789/test/POST/mydemoresource/*" });
    expect(allow.decide(ARN("test", "POST", "/mydemoresource/x"))).toBe("allow");
    expect(allow.decide(ARN("test", "POST", "/mydemoresource/x/y/z"))).toBe("allow");
    expect(allow.decide(ARN("test", "GET", "/mydemoresource/x"))).toBe("no-allow");
    expect(allow.decide(ARN("prod", "POST", "/mydemoresource/x"))).toBe("no-allow");
    expect(allow.decide(ARN("test", "POST", "/other/x"))).toBe("no-allow");
  });

  it("covers any stage and method with * in those parts: .../*/*/petstore/*", () => {
    const allow = policy({ Effect: "Allow", Resource: "arn:aws:execute-api:us-east-1:*:a123456789/*/*/petstore/*" });
    expect(allow.decide(ARN("dev", "DELETE", "/petstore/pets/1"))).toBe("allow");
    expect(allow.decide(ARN("dev", "DELETE", "/store/pets/1"))).toBe("no-allow");
  });

  it("covers a whole API with .../a123456789/*, and everything with * or arn:aws:execute-api:*:*:*", () => {
    expect(policy({ Effect: "Allow", Resource: "arn:aws:execute-api:us-east-1:*:a123456789/*" }).decide(ARN("x", "GET", "/a/b"))).toBe(
      "allow",
    );
    expect(policy({ Effect: "Allow", Resource: "arn:aws:execute-api:us-east-1:*:other-api/*" }).decide(ARN("x", "GET", "/a"))).toBe(
      "no-allow",
    );
    expect(policy({ Effect: "Allow", Resource: "*" }).decide(ARN("x", "GET", "/a"))).toBe("allow");
    expect(policy({ Effect: "Allow", Resource: "arn:aws:execute-api:*:*:*" }).decide(ARN("x", "GET", "/a"))).toBe("allow");
  });

  it("matches one character with ?, and one path part with a * in the middle", () => {
    const allow = policy({ Effect: "Allow", Resource: "arn:aws:execute-api:us-east-1:*:a123456789/v?/GET/user/*/profile" });
    expect(allow.decide(ARN("v1", "GET", "/user/42/profile"))).toBe("allow");
    expect(allow.decide(ARN("v10", "GET", "/user/42/profile"))).toBe("no-allow");
    expect(allow.decide(ARN("v1", "GET", "/user/42/settings"))).toBe("no-allow");
  });

  it("lets an explicit Deny win over any Allow, whatever the order", () => {
    const mixed = policy(
      { Effect: "Allow", Resource: "arn:aws:execute-api:*:*:a123456789/*" },
      { Effect: "Deny", Resource: "arn:aws:execute-api:*:*:a123456789/*/DELETE/*" },
    );
    expect(mixed.decide(ARN("prod", "GET", "/pets/1"))).toBe("allow");
    expect(mixed.decide(ARN("prod", "DELETE", "/pets/1"))).toBe("deny");
  });

  it("takes lists of resources and actions, actions case-insensitively, with wildcards", () => {
    const allow = policy({
      Effect: "Allow",
      Action: ["s3:GetObject", "EXECUTE-API:*"],
      Resource: [ARN("prod", "GET", "/a"), ARN("prod", "GET", "/b")],
    });
    expect(allow.decide(ARN("prod", "GET", "/b"))).toBe("allow");
    expect(allow.decide(ARN("prod", "GET", "/c"))).toBe("no-allow");
    expect(policy({ Effect: "Allow", Action: "s3:*", Resource: "*" }).decide(ARN("prod", "GET", "/a"))).toBe("no-allow");
  });

  it("denies when no statement allows (an empty policy included)", () => {
    expect(CompiledPolicy.compile({ Version: "2012-10-17", Statement: [] }).decide(ARN("p", "GET", "/"))).toBe("no-allow");
  });

  it("refuses documents API Gateway would treat as a configuration error", () => {
    expect(() => CompiledPolicy.compile("Allow")).toThrow(PolicyError);
    expect(() => CompiledPolicy.compile({ Statement: [{ Effect: "Maybe", Action: "*", Resource: "*" }] })).toThrow(PolicyError);
    expect(() => CompiledPolicy.compile({ Statement: [{ Effect: "Allow", Action: "*" }] })).toThrow(PolicyError);
  });

  it("accepts a single statement object, as IAM does", () => {
    expect(CompiledPolicy.compile({ Statement: { Effect: "Allow", Action: "*", Resource: "*" } }).decide(ARN("p", "GET", "/"))).toBe(
      "allow",
    );
  });
});
