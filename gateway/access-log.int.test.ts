import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCESS_LOG_PRESETS, type SnapshotInput } from "@/lib/contracts";
import { call } from "@/test/support/gateway/http";
import { API_ID, makeConsumers, makeSnapshot, mockRoute, proxyRoute } from "@/test/support/gateway/fixtures";
import { startTestGateway, type TestGateway } from "@/test/support/gateway/in-process";
import { startUpstream, type TestUpstream } from "@/test/support/gateway/upstream";
import { waitFor } from "@/test/support/wait-for";

const KEY = "access-log-key-value-42";
const SECRET_BODY = "body-that-must-not-be-logged";
let upstream: TestUpstream;
let gw: TestGateway;

function stageWith(stage: string, format: string | null, extra: Partial<SnapshotInput> = {}): SnapshotInput {
  return {
    ...makeSnapshot([
      proxyRoute("echo", "POST", "/echo", `${upstream.origin}/echo`, { apiKeyRequired: true }),
      mockRoute("ok", "GET", "/ok"),
    ]),
    stage,
    ...(format !== null ? { accessLogSettings: { format } } : {}),
    ...extra,
  };
}

beforeAll(async () => {
  upstream = await startUpstream();
  gw = await startTestGateway();
  for (const [name, format] of Object.entries(ACCESS_LOG_PRESETS)) {
    await gw.admin.applyStage(API_ID, name.toLowerCase(), stageWith(name.toLowerCase(), format));
  }
  await gw.admin.applyStage(
    API_ID,
    "custom",
    stageWith(
      "custom",
      '{"id":"$context.requestId","key":"$context.identity.apiKeyId","status":$context.status,"integrationLatency":"$context.integrationLatency","reason":"$context.portico.denialReason","type":"$context.error.responseType","message":"$context.error.message","authorizerError":"$context.authorizer.error","agent":"$context.identity.userAgent"}',
    ),
  );
  await gw.admin.applyStage(API_ID, "plain", stageWith("plain", null));
  await gw.admin.applyConsumers(
    makeConsumers(
      [{ id: "plan", apiStages: ["clf", "json", "xml", "csv", "custom", "plain"].map((stage) => ({ apiId: API_ID, stage })) }],
      [{ id: "k-log", value: KEY, planIds: ["plan"] }],
    ),
  );
});

afterAll(async () => {
  await gw?.close();
  await upstream?.close();
});

/** The raw lines written for one request id, once they are flushed. */
async function linesOf(requestId: string): Promise<string[]> {
  const lines = await waitFor(() => gw.rawAccessLines().filter((line) => line.includes(requestId)), {
    what: `the access-log line of ${requestId}`,
    until: (found) => found.length > 0,
  });
  return lines;
}

async function send(stage: string, headers: Record<string, string> = {}): Promise<string> {
  const response = await call(gw.proxyUrl, `/${API_ID}/${stage}/echo`, {
    method: "POST",
    headers: { "x-api-key": KEY, authorization: "Bearer a-token-that-stays-secret", "content-type": "text/plain", ...headers },
    body: SECRET_BODY,
  });
  expect(response.status).toBe(200);
  return String(response.headers["x-request-id"]);
}

describe("stage access-log formats", () => {
  it("write the JSON preset as valid JSON, whatever the request's headers hold", async () => {
    const id = await send("json", { "user-agent": 'evil" agent\\' });
    const [line] = await linesOf(id);
    const parsed = JSON.parse(line) as Record<string, string>;
    expect(parsed).toMatchObject({
      requestId: id,
      extendedRequestId: id,
      httpMethod: "POST",
      resourcePath: "/echo",
      status: "200",
      protocol: "HTTP/1.1",
    });
    expect(parsed.ip).toBe("127.0.0.1");
    expect(parsed.caller).toBe("-");
    expect(parsed.requestTime).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
  });

  it("write the CLF, XML and CSV presets in their shapes", async () => {
    const clf = (await linesOf(await send("clf")))[0];
    expect(clf).toMatch(/^127\.0\.0\.1 - - \[\d{2}\/\w{3}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000\] "POST \/echo HTTP\/1\.1" 200 (\d+|-) \S+ \S+$/);
    const xmlId = await send("xml");
    const xml = (await linesOf(xmlId))[0];
    expect(xml).toMatch(new RegExp(`^<request id="${xmlId}"> <extendedRequestId>${xmlId}</extendedRequestId> <ip>127\\.0\\.0\\.1</ip>`));
    expect(xml).toContain("<httpMethod>POST</httpMethod> <resourcePath>/echo</resourcePath> <status>200</status>");
    const csvId = await send("csv");
    const csv = (await linesOf(csvId))[0].split(",");
    expect(csv).toHaveLength(11);
    expect([csv[0], csv[4], csv[5], csv[6], csv[7], csv[9]]).toEqual(["127.0.0.1", "POST", "/echo", "HTTP/1.1", "200", csvId]);
  });

  it("log the key's id, latencies, and why a request was refused, as API Gateway's $context variables and Portico's denial reason", async () => {
    const id = await send("custom");
    const served = JSON.parse((await linesOf(id))[0]) as Record<string, unknown>;
    expect(served).toMatchObject({ id, key: "k-log", status: 200, reason: "-", type: "-" });
    expect(Number(served.integrationLatency)).toBeGreaterThanOrEqual(0);
    const refused = await call(gw.proxyUrl, `/${API_ID}/custom/echo`, { method: "POST", body: "x" });
    const denied = JSON.parse((await linesOf(String(refused.headers["x-request-id"])))[0]) as Record<string, unknown>;
    expect(denied).toMatchObject({
      status: 403,
      key: "-",
      reason: "key.missing",
      type: "INVALID_API_KEY",
      message: "Forbidden",
      integrationLatency: "-",
    });
  });

  it("never write the API key, a bearer token or a body, in any preset or in the default line", async () => {
    const ids = [];
    for (const stage of ["clf", "json", "xml", "csv", "custom", "plain"]) ids.push(await send(stage));
    for (const id of ids) await linesOf(id);
    const text = gw.rawAccessLines().join("\n");
    expect(text).not.toContain(KEY);
    expect(text).not.toContain("a-token-that-stays-secret");
    expect(text).not.toContain(SECRET_BODY);
  });

  it("keep the default JSON line for a stage without settings", async () => {
    const id = await send("plain");
    const line = JSON.parse((await linesOf(id))[0]) as Record<string, unknown>;
    expect(line).toMatchObject({ requestId: id, stage: "plain", route: "POST /echo", keyId: "k-log", status: 200 });
  });

  it("refuse a snapshot whose format names an unknown variable, saying which", async () => {
    const response = await gw.admin.putStage(API_ID, "bad", stageWith("bad", "$context.requestId $context.nope"));
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain("Unknown variable $context.nope");
  });
});

describe("access-log file", () => {
  it("takes the lines when GATEWAY_ACCESS_LOG_FILE is set, rotated by size", async () => {
    const dir = await mkdtemp(join(tmpdir(), "portico-access-log-"));
    const logged = await startTestGateway({
      accessLog: undefined,
      accessLogFile: join(dir, "access.log"),
      accessLogMaxBytes: 2048,
      accessLogFiles: 2,
    });
    try {
      await logged.admin.applyStage(API_ID, "json", {
        ...makeSnapshot([mockRoute("ok", "GET", "/ok")]),
        stage: "json",
        accessLogSettings: { format: ACCESS_LOG_PRESETS.JSON },
      });
      const ids: string[] = [];
      for (let i = 0; i < 30; i++) ids.push(String((await call(logged.proxyUrl, `/${API_ID}/json/ok`)).headers["x-request-id"]));
      const files = await waitFor(
        async () => {
          const names = await readdir(dir);
          const text = (await Promise.all(names.map((name) => readFile(join(dir, name), "utf8")))).join("");
          return { names, text };
        },
        // The gateway runs in this process and may flush between the readdir and the reads: wait for both to show the rotation.
        {
          what: "the last request's line, and two rotated files",
          until: ({ names, text }) => text.includes(ids[ids.length - 1]) && names.includes("access.log.2"),
        },
      );
      expect(files.names.sort()).toEqual(["access.log", "access.log.1", "access.log.2"]);
      for (const line of files.text.split("\n").filter((l) => l !== "")) expect(() => JSON.parse(line) as unknown).not.toThrow();
    } finally {
      await logged.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
