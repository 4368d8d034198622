import { describe, expect, it } from "vitest";
import { CompileError } from "../compile/compile-error";
import { classifyUpstreamError, parseUriTemplate, substituteStageVariables } from "./http-proxy";

function withCode(code: string): Error {
  return Object.assign(new Error(code), { code });
}

describe("integration URI templates", () => {
  it("splits origin and path, keeping path parameters for request time", () => {
    const template = parseUriTemplate("http://backend:8080/pets/{id}?x=1", "uri");
    expect(template.origin).toBe("http://backend:8080");
    expect(template.staticPath).toBeNull();
    expect(template.hasQuery).toBe(true);
    expect(template.parts).toEqual(["/pets/", { param: "id", greedy: false }, "?x=1"]);
  });

  it("treats the route's greedy parameter as greedy even when the URI writes it without '+'", () => {
    expect(parseUriTemplate("http://b/{proxy}", "uri", "proxy").parts).toEqual(["/", { param: "proxy", greedy: true }]);
  });

  it("uses a literal path when there are no parameters, and '/' when there is no path", () => {
    expect(parseUriTemplate("https://b.example", "uri").staticPath).toBe("/");
    expect(parseUriTemplate("https://b.example/health", "uri").staticPath).toBe("/health");
  });

  it("refuses parameters or credentials in the origin", () => {
    expect(() => parseUriTemplate("http://{host}/x", "uri")).toThrow(CompileError);
    expect(() => parseUriTemplate("http://user:pw@b/x", "uri")).toThrow(CompileError);
  });

  it("substitutes stage variables and names an undefined one", () => {
    expect(substituteStageVariables("http://${stageVariables.host}/v${stageVariables.v}", { host: "b:1", v: "2" }, "uri")).toBe(
      "http://b:1/v2",
    );
    expect(() => substituteStageVariables("http://${stageVariables.nope}/", {}, "routes[0].integration.uri")).toThrow(
      /stage variable 'nope'/,
    );
  });
});

describe("upstream error classification", () => {
  it("maps timeouts to 504 and connection failures to 502, each with a stable kind", () => {
    expect(classifyUpstreamError(withCode("UND_ERR_HEADERS_TIMEOUT"))).toMatchObject({ kind: "timeout", response: { status: 504 } });
    expect(classifyUpstreamError(withCode("UND_ERR_CONNECT_TIMEOUT"))).toMatchObject({ kind: "timeout", response: { status: 504 } });
    expect(classifyUpstreamError(withCode("ECONNREFUSED"))).toMatchObject({ kind: "refused", response: { status: 502 } });
    expect(classifyUpstreamError(withCode("ECONNRESET"))).toMatchObject({ kind: "reset", response: { status: 502 } });
    expect(classifyUpstreamError(withCode("UND_ERR_SOCKET"))).toMatchObject({ kind: "reset", response: { status: 502 } });
    expect(classifyUpstreamError(withCode("ENOTFOUND"))).toMatchObject({ kind: "dns", response: { status: 502 } });
    expect(classifyUpstreamError(new Error("odd"))).toMatchObject({ kind: "other", response: { status: 502 } });
  });
});
