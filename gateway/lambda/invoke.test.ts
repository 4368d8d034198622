import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { RawResult, sleep, startInvokeServer, type InvokeServer } from "@/test/support/lambda/invoke-server";
import { LambdaInvokeError, LambdaInvoker } from "./invoke";
import { LambdaTargetError, parseLambdaTarget } from "@/lib/contracts/lambda-target";

describe("parseLambdaTarget", () => {
  it("reads API Gateway's invocation URI", () => {
    expect(
      parseLambdaTarget(
        "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:orders/invocations",
      ),
    ).toEqual({ kind: "function", functionName: "arn:aws:lambda:eu-west-1:123456789012:function:orders", region: "eu-west-1" });
  });

  it("keeps an alias or version and takes the function's own region", () => {
    expect(
      parseLambdaTarget(
        "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-west-2:123456789012:function:orders:live/invocations",
      ),
    ).toEqual({ kind: "function", functionName: "arn:aws:lambda:us-west-2:123456789012:function:orders:live", region: "us-west-2" });
  });

  it("replaces stage variables, as a per-stage alias", () => {
    const uri =
      "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:orders:${stageVariables.alias}/invocations";
    expect(parseLambdaTarget(uri, { alias: "prod" })).toMatchObject({
      functionName: "arn:aws:lambda:us-east-1:123456789012:function:orders:prod",
    });
    expect(() => parseLambdaTarget(uri, {})).toThrow(/stage variable "alias" is not set/);
  });

  it("takes a bare name, a function ARN and an http(s) URL", () => {
    expect(parseLambdaTarget("orders")).toEqual({ kind: "function", functionName: "orders", region: null });
    expect(parseLambdaTarget("arn:aws:lambda:ap-south-1:123456789012:function:f")).toMatchObject({ region: "ap-south-1" });
    expect(parseLambdaTarget("https://auth.example.com/check")).toEqual({ kind: "url", url: "https://auth.example.com/check" });
  });

  it("refuses what names no function", () => {
    expect(() => parseLambdaTarget("arn:aws:apigateway:us-east-1:s3:path/bucket/key")).toThrow(LambdaTargetError);
    expect(() => parseLambdaTarget("not a function")).toThrow(/names no Lambda function/);
  });
});

describe("LambdaInvoker against an Invoke-compatible server", () => {
  let server: InvokeServer;
  let invoker: LambdaInvoker;
  const saved = { ...process.env };

  beforeAll(async () => {
    server = await startInvokeServer();
    process.env.AWS_ACCESS_KEY_ID = "AKIDEXAMPLE";
    process.env.AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    process.env.AWS_REGION = "us-east-1";
    process.env.AWS_ENDPOINT_URL_LAMBDA = server.endpoint;
    invoker = new LambdaInvoker();
  });
  afterEach(() => undefined);
  afterAll(async () => {
    invoker.close();
    await server.close();
    process.env = saved;
  });

  it("invokes through the SDK, signed, at AWS_ENDPOINT_URL_LAMBDA", async () => {
    server.define("echo", (event) => ({ got: event }));
    const result = await invoker.invoke({
      target: parseLambdaTarget(
        "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:echo/invocations",
      ),
      payload: JSON.stringify({ a: 1 }),
      timeoutMs: 5000,
    });
    expect(result.functionError).toBeNull();
    expect(JSON.parse(result.payload.toString())).toEqual({ got: { a: 1 } });
    expect(server.invocations("echo")).toBe(1);
    expect(server.lastAuthorization()).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/lambda\/aws4_request/);
  });

  it("reports a function error with its payload", async () => {
    server.define("fails", () => {
      throw new TypeError("boom");
    });
    const result = await invoker.invoke({ target: parseLambdaTarget("fails"), payload: "{}", timeoutMs: 5000 });
    expect(result.functionError).toBe("Unhandled");
    expect(JSON.parse(result.payload.toString())).toMatchObject({ errorMessage: "boom", errorType: "TypeError" });
  });

  it("passes garbage and binary results through as bytes", async () => {
    server.define("garbage", () => new RawResult(Buffer.from([0xff, 0x00, 0x7b])));
    const result = await invoker.invoke({ target: parseLambdaTarget("garbage"), payload: "{}", timeoutMs: 5000 });
    expect([...result.payload]).toEqual([0xff, 0x00, 0x7b]);
  });

  it("times out as a typed failure", async () => {
    server.define("slow", async () => {
      await sleep(2000);
      return {};
    });
    const started = Date.now();
    const failure = await invoker.invoke({ target: parseLambdaTarget("slow"), payload: "{}", timeoutMs: 150 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(LambdaInvokeError);
    expect((failure as LambdaInvokeError).kind).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("reports an unknown function as a failure naming it", async () => {
    const failure = await invoker.invoke({ target: parseLambdaTarget("missing"), payload: "{}", timeoutMs: 5000 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(LambdaInvokeError);
    expect((failure as LambdaInvokeError).kind).toBe("failure");
    expect((failure as Error).message).toMatch(/missing/);
  });

  it("posts the same event to a plain URL target", async () => {
    server.define("plain", (event) => ({ isAuthorized: true, event }));
    const result = await invoker.invoke({ target: parseLambdaTarget(`${server.endpoint}/url/plain`), payload: '{"x":2}', timeoutMs: 5000 });
    expect(JSON.parse(result.payload.toString())).toEqual({ isAuthorized: true, event: { x: 2 } });
    server.define("plainFails", () => {
      throw new Error("nope");
    });
    const failed = await invoker.invoke({ target: parseLambdaTarget(`${server.endpoint}/url/plainFails`), payload: "{}", timeoutMs: 5000 });
    expect(failed.functionError).toBe("Unhandled");
  });

  it("fails fast when nothing listens", async () => {
    const failure = await invoker
      .invoke({ target: parseLambdaTarget("http://127.0.0.1:1/nothing"), payload: "{}", timeoutMs: 5000 })
      .catch((e: unknown) => e);
    expect((failure as LambdaInvokeError).kind).toBe("failure");
  });
});
