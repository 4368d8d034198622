import { IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { RequestContext } from "../pipeline";
import { identityReader } from "./identity";

function request(headers: Record<string, string>, query = ""): RequestContext {
  const req = new IncomingMessage(new Socket());
  req.method = "GET";
  for (const [name, value] of Object.entries(headers)) req.headers[name] = value;
  const ctx = new RequestContext(req, new ServerResponse(req), 0);
  ctx.path = "/pets";
  ctx.query = query;
  return ctx;
}

describe("identity sources", () => {
  it("reads headers by any case, query string parameters, stage variables and context variables", () => {
    const ctx = request({ authorization: "Bearer t", "x-tenant": "acme" }, "region=eu&region=us");
    expect(identityReader("method.request.header.Authorization", {})(ctx)).toBe("Bearer t");
    expect(identityReader("method.request.header.X-Tenant", {})(ctx)).toBe("acme");
    expect(identityReader("method.request.querystring.region", {})(ctx)).toBe("eu");
    expect(identityReader("stageVariables.env", { env: "prod" })(ctx)).toBe("prod");
    expect(identityReader("context.httpMethod", {})(ctx)).toBe("GET");
    expect(identityReader("context.path", {})(ctx)).toBe("/pets");
  });

  it("reads an absent or empty source as missing", () => {
    const ctx = request({ authorization: "" });
    expect(identityReader("method.request.header.Authorization", {})(ctx)).toBeUndefined();
    expect(identityReader("method.request.querystring.region", {})(ctx)).toBeUndefined();
    expect(identityReader("stageVariables.env", {})(ctx)).toBeUndefined();
    expect(identityReader("context.unknown", {})(ctx)).toBeUndefined();
  });
});
