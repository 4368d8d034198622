import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "@/test/support/gateway/http";
import { API_ID, STAGE, makeSnapshot, proxyRoute } from "@/test/support/gateway/fixtures";
import { startTestGateway, type TestGateway } from "@/test/support/gateway/in-process";
import { startUpstream, type EchoBody, type TestUpstream } from "@/test/support/gateway/upstream";
import { startTestIssuer, type TestIssuer } from "@/test/support/jwt-issuer";
import { waitFor } from "@/test/support/wait-for";

/** The parts of an OTLP/HTTP JSON export this test reads. */
interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: { key: string; value: { stringValue?: string; intValue?: string | number } }[];
}
interface ExportRequest {
  resourceSpans: {
    resource: { attributes: { key: string; value: { stringValue?: string } }[] };
    scopeSpans: { spans: ExportedSpan[] }[];
  }[];
}

/** A small OTLP/HTTP receiver: collects what is POSTed to /v1/traces. */
async function startReceiver(): Promise<{
  url: string;
  spans: () => ExportedSpan[];
  resources: () => string[];
  close: () => Promise<void>;
}> {
  const exports: ExportRequest[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      if (req.url === "/v1/traces" && req.method === "POST") exports.push(JSON.parse(body) as ExportRequest);
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans: () => exports.flatMap((doc) => doc.resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans))),
    resources: () =>
      exports.flatMap((doc) =>
        doc.resourceSpans.flatMap((resource) =>
          resource.resource.attributes.map((attribute) => `${attribute.key}=${attribute.value.stringValue ?? ""}`),
        ),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let receiver: Awaited<ReturnType<typeof startReceiver>>;
let upstream: TestUpstream;
let issuer: TestIssuer;
let gw: TestGateway;

beforeAll(async () => {
  receiver = await startReceiver();
  upstream = await startUpstream();
  issuer = await startTestIssuer();
  gw = await startTestGateway({ otlpEndpoint: receiver.url, otelServiceName: "edge-gateway" });
  await gw.admin.applyStage(
    API_ID,
    STAGE,
    makeSnapshot(
      [proxyRoute("secure", "GET", "/secure/{id}", `${upstream.origin}/slow/20/{id}`, { authorization: "JWT", authorizerId: "oidc" })],
      {
        api: {
          name: "Pet Store",
          authorizers: [{ id: "oidc", name: "OIDC", type: "JWT", issuer: issuer.issuer, audience: [issuer.audience] }],
        },
      },
    ),
  );
});

afterAll(async () => {
  await gw?.close();
  await issuer?.close();
  await upstream?.close();
  await receiver?.close();
});

describe("OTLP export", () => {
  it("sends a span per request, child of the caller's traceparent, with authorizer and integration spans inside it", async () => {
    const token = await issuer.sign();
    const traceId = "0af7651916cd43dd8448eb211c80319c";
    const callerSpan = "b7ad6b7169203331";
    const response = await call(gw.proxyUrl, `/${API_ID}/${STAGE}/secure/7`, {
      headers: { authorization: `Bearer ${token}`, traceparent: `00-${traceId}-${callerSpan}-01` },
    });
    expect(response.status).toBe(200);
    const gatewaySpan = String((response.json() as EchoBody).headers.traceparent).split("-")[2];

    const spans = await waitFor(() => receiver.spans().filter((span) => span.traceId === traceId), {
      what: "three exported spans of the trace",
      until: (found) => found.length >= 3,
    });
    const request = spans.find((span) => span.spanId === gatewaySpan);
    expect(request).toBeDefined();
    expect(request?.parentSpanId).toBe(callerSpan);
    expect(request?.name).toBe("GET /secure/{id}");
    expect(request?.kind).toBe(2); // OTLP's SPAN_KIND_SERVER
    const attribute = (key: string) => request?.attributes.find((entry) => entry.key === key)?.value;
    expect(Number(attribute("http.response.status_code")?.intValue)).toBe(200);
    expect(attribute("portico.request_id")?.stringValue).toBe(response.headers["x-request-id"]);
    const children = spans.filter((span) => span.parentSpanId === gatewaySpan).map((span) => span.name);
    expect(children.sort()).toEqual(["authorizer", "integration"]);
    const integration = spans.find((span) => span.name === "integration");
    const ms = (Number(BigInt(integration?.endTimeUnixNano ?? "0") - BigInt(integration?.startTimeUnixNano ?? "0")) / 1e6) | 0;
    expect(ms).toBeGreaterThanOrEqual(15);
    expect(receiver.resources()).toContain("service.name=edge-gateway");
  });

  it("starts a trace of its own for a request without traceparent", async () => {
    const token = await issuer.sign();
    const response = await call(gw.proxyUrl, `/${API_ID}/${STAGE}/secure/8`, { headers: { authorization: `Bearer ${token}` } });
    const [, traceId, spanId] = String((response.json() as EchoBody).headers.traceparent).split("-");
    const span = await waitFor(() => receiver.spans().find((candidate) => candidate.spanId === spanId), {
      what: "the request's span",
      until: (found) => found !== undefined,
    });
    expect(span?.traceId).toBe(traceId);
    expect(span?.parentSpanId ?? "").toBe("");
  });
});
