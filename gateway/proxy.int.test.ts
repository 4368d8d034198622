import { connect } from "node:net";
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "@/test/support/gateway/http";
import { API_ID, STAGE, makeSnapshot, mockRoute, proxyRoute } from "@/test/support/gateway/fixtures";
import { startTestGateway, type TestGateway } from "@/test/support/gateway/in-process";
import { startUpstream, type EchoBody, type TestUpstream } from "@/test/support/gateway/upstream";
import { waitFor } from "@/test/support/wait-for";

let upstream: TestUpstream;
let gw: TestGateway;
const base = `/${API_ID}/${STAGE}`;

beforeAll(async () => {
  upstream = await startUpstream();
  gw = await startTestGateway({ headersTimeoutMs: 1_000, requestTimeoutMs: 5_000, maxHeaderBytes: 8_192 });
  await gw.admin.applyStage(
    API_ID,
    STAGE,
    makeSnapshot(
      [
        proxyRoute("getPet", "GET", "/pets/{petId}", "${stageVariables.backend}/echo/pets/{petId}?from=gateway"),
        proxyRoute("listPets", "GET", "/pets", `${upstream.origin}/echo/pets`),
        mockRoute("createPet", "POST", "/pets", '{"created":true}'),
        proxyRoute("anyThing", "ANY", "/things/{id}", `${upstream.origin}/echo/things/{id}`),
        proxyRoute("thingGet", "GET", "/things/{id}", `${upstream.origin}/echo/things-get/{id}`),
        proxyRoute("upload", "POST", "/upload", `${upstream.origin}/echo/upload`),
        proxyRoute("hang", "GET", "/hang", `${upstream.origin}/hang`, {
          integration: { type: "http_proxy", uri: `${upstream.origin}/hang`, timeoutMs: 300 },
        }),
        proxyRoute("reset", "GET", "/reset", `${upstream.origin}/reset`),
        proxyRoute("refused", "GET", "/refused", "http://127.0.0.1:9/nothing"),
        proxyRoute("status", "GET", "/status/{code}", `${upstream.origin}/status/{code}`),
        proxyRoute("big", "GET", "/big", `${upstream.origin}/big/50`),
        {
          id: "teapot",
          method: "GET",
          path: "/teapot",
          integration: {
            type: "mock",
            mock: { statusCode: 418, headers: { "x-kind": "teapot", "content-type": "text/plain" }, body: "short and stout" },
          },
        },
        proxyRoute("proxy", "ANY", "/files/{proxy+}", `${upstream.origin}/echo/files/{proxy}`),
        {
          id: "mapped",
          method: "GET",
          path: "/mapped/{id}",
          integration: {
            type: "http",
            method: "POST",
            uri: `${upstream.origin}/echo/mapped`,
            requestParameters: {
              "integration.request.header.x-item": "method.request.path.id",
              "integration.request.header.x-env": "stageVariables.env",
              "integration.request.querystring.source": "'gateway'",
              "integration.request.querystring.user": "method.request.header.x-user",
            },
          },
        },
      ],
      { stageVariables: { backend: upstream.origin, env: "production" } },
    ),
  );
});

afterAll(async () => {
  await gw?.close();
  await upstream?.close();
});

describe("routing", () => {
  it("forwards path parameters into the URI template, with stage variables substituted and the client's query appended", async () => {
    const response = await call(gw.proxyUrl, `${base}/pets/42?color=red`);
    expect(response.status).toBe(200);
    const echo = response.json() as EchoBody;
    expect(echo.url).toBe("/echo/pets/42?from=gateway&color=red");
    expect(response.headers["x-portico-deployment"]).toMatch(/^dep/);
  });

  it("re-encodes decoded path parameters so they cannot alter the upstream path", async () => {
    const response = await call(gw.proxyUrl, `${base}/pets/a%2Fb%3Fc`);
    expect((response.json() as EchoBody).url).toBe("/echo/pets/a%2Fb%3Fc?from=gateway");
  });

  it("passes the rest of the path to a greedy {proxy+} parameter", async () => {
    const response = await call(gw.proxyUrl, `${base}/files/a/b/c.txt?x=1`);
    expect((response.json() as EchoBody).url).toBe("/echo/files/a/b/c.txt?x=1");
  });

  it("refuses dot segments, so a greedy route cannot reach upstream paths outside its own", async () => {
    const before = upstream.received("/echo");
    // Sent over a raw socket: URL-parsing clients would resolve the dot segments before sending.
    for (const path of ["/files/../secret", "/files/a/%2e%2e/secret", "/files/./x", "/files/a/.."]) {
      expect(await rawStatus(`${base}${path}`), path).toBe(404);
    }
    expect(upstream.received("/echo")).toBe(before);
    expect((await call(gw.proxyUrl, `${base}/files/.well-known/x..y`)).status).toBe(200);
  });

  it.each([
    ["..%2f..%2fadmin", "encoded slashes, lower case"],
    ["..%2F..%2Fadmin", "encoded slashes, upper case"],
    ["%2e%2e/%2e%2e/admin", "encoded dots, lower case"],
    ["%2E%2E/%2E%2E/admin", "encoded dots, upper case"],
    ["%2e%2E%2f%2E.%2Fadmin", "dots and slashes mixed in case and encoding"],
    [".%2e/admin", "one dot encoded"],
    ["a/..%2f..%2fadmin", "climbing from a deeper segment"],
    ["%2e%2e%2fadmin", "everything encoded"],
    ["..%5c..%5cadmin", "encoded backslashes, lower case"],
    ["..%5C..%5Cadmin", "encoded backslashes, upper case"],
    ["%2e%2e%5cadmin", "encoded dots and backslash"],
    ["%2e%2e", "a lone encoded dot-dot"],
    ["a/%2e", "a final encoded dot"],
  ])("refuses %s in {proxy+} (%s) without calling the upstream", async (rest) => {
    const before = upstream.received("/echo");
    expect(await rawStatus(`${base}/files/${rest}`)).toBe(404);
    expect(upstream.received("/echo")).toBe(before);
  });

  it("sends double-encoded dots and slashes on still encoded, inside the integration's prefix", async () => {
    const response = await call(gw.proxyUrl, `${base}/files/%252e%252e%252fadmin/x`);
    expect(response.status).toBe(200);
    expect((response.json() as EchoBody).url).toBe("/echo/files/%252e%252e%252fadmin/x");
  });

  it("refuses a decoded dot segment in a single-segment path parameter too", async () => {
    const before = upstream.received("/echo");
    expect(await rawStatus(`${base}/pets/..%2F..%2Fadmin`)).toBe(404);
    expect(upstream.received("/echo")).toBe(before);
  });

  it("answers 400 to a request with two Host headers, before routing it", async () => {
    const before = upstream.received("/echo");
    const answer = await rawRequest(`GET ${base}/pets HTTP/1.1\r\nhost: a.example\r\nHost: b.example\r\n\r\n`);
    expect(answer.slice(9, 12)).toBe("400");
    expect(answer.toLowerCase()).toContain("connection: close");
    expect(answer).toContain('{"message":"Bad Request"}');
    expect(upstream.received("/echo")).toBe(before);
    // One Host header, any case, is fine.
    expect((await rawRequest(`GET ${base}/pets HTTP/1.1\r\nHOST: a.example\r\nconnection: close\r\n\r\n`)).slice(9, 12)).toBe("200");
  });

  it("does not match {proxy+} with an empty remainder, as API Gateway", async () => {
    const response = await call(gw.proxyUrl, `${base}/files/`);
    expect(response.status).toBe(404);
  });

  it("lets an explicit method win over ANY on the same path, and ANY catch the other methods", async () => {
    expect(((await call(gw.proxyUrl, `${base}/things/7`)).json() as EchoBody).url).toBe("/echo/things-get/7");
    const del = await call(gw.proxyUrl, `${base}/things/7`, { method: "DELETE" });
    expect((del.json() as EchoBody).method).toBe("DELETE");
    expect((del.json() as EchoBody).url).toBe("/echo/things/7");
  });

  it("answers AWS-style JSON 404 for an unknown API, stage or route", async () => {
    for (const path of ["/nope/prod/pets", `/${API_ID}/nostage/pets`, `${base}/unknown`, "/", `/${API_ID}`]) {
      const response = await call(gw.proxyUrl, path);
      expect(response.status, path).toBe(404);
      expect(response.json()).toEqual({ message: "Not Found" });
      expect(response.headers["content-type"]).toBe("application/json");
    }
  });

  it("answers 405 with an Allow header when the path exists with other methods", async () => {
    const response = await call(gw.proxyUrl, `${base}/pets`, { method: "DELETE" });
    expect(response.status).toBe(405);
    expect(response.json()).toEqual({ message: "Method Not Allowed" });
    expect(response.headers.allow).toBe("GET, POST");
  });
});

describe("integrations", () => {
  it("answers a mock integration with its configured status, headers and body", async () => {
    const response = await call(gw.proxyUrl, `${base}/teapot`);
    expect(response.status).toBe(418);
    expect(response.headers["x-kind"]).toBe("teapot");
    expect(response.headers["content-type"]).toBe("text/plain");
    expect(response.text).toBe("short and stout");
  });

  it("strips hop-by-hop headers both ways, keeps end-to-end ones, adds X-Forwarded-* and keeps the API key from the upstream", async () => {
    const echo = await new Promise<{ body: EchoBody; headers: Record<string, unknown> }>((resolve, reject) => {
      const url = new URL(`${base}/pets`, gw.proxyUrl);
      const req = httpRequest(
        url,
        {
          headers: {
            connection: "keep-alive, x-hop",
            "x-hop": "secret-hop",
            "proxy-authorization": "Basic abc",
            te: "trailers",
            "x-api-key": "consumer-secret",
            "x-forwarded-for": "10.0.0.1",
            "x-custom": "kept",
          },
        },
        (res) => {
          let text = "";
          res.on("data", (chunk: Buffer) => (text += chunk.toString()));
          res.on("end", () => resolve({ body: JSON.parse(text) as EchoBody, headers: res.headers }));
        },
      );
      req.on("error", reject);
      req.end();
    });
    const sent = echo.body.headers;
    expect(sent["x-custom"]).toBe("kept");
    expect(sent["x-hop"]).toBeUndefined();
    expect(sent["proxy-authorization"]).toBeUndefined();
    expect(sent.te).toBeUndefined();
    expect(sent["x-api-key"]).toBeUndefined();
    expect(sent["x-forwarded-for"]).toBe("10.0.0.1, 127.0.0.1");
    expect(sent["x-forwarded-proto"]).toBe("http");
    expect(sent["x-forwarded-host"]).toBe(new URL(gw.proxyUrl).host);
    expect(sent.host).toBe(new URL(upstream.origin).host);
    // The upstream's Keep-Alive header is about its hop to the gateway, not the client's.
    expect(echo.headers["keep-alive"]).not.toBe("timeout=7");
    expect(echo.headers["x-upstream"]).toBe("yes");
    expect(echo.headers["set-cookie"]).toEqual(["a=1", "b=2"]);
  });

  it("streams a request body to the upstream byte for byte, with a known length or chunked", async () => {
    const body = Buffer.alloc(5 * 1024 * 1024, "x");
    const { createHash } = await import("node:crypto");
    const digest = createHash("sha256").update(body).digest("hex");
    const fixed = await call(gw.proxyUrl, `${base}/upload`, { method: "POST", body });
    expect((fixed.json() as EchoBody).bodySha256).toBe(digest);

    const chunked = await new Promise<EchoBody>((resolve, reject) => {
      const req = httpRequest(new URL(`${base}/upload`, gw.proxyUrl), { method: "POST" }, (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () => resolve(JSON.parse(text) as EchoBody));
      });
      req.on("error", reject);
      for (let i = 0; i < 5; i++) req.write(body.subarray(i * 1024 * 1024, (i + 1) * 1024 * 1024));
      req.end();
    });
    expect(chunked.bodySha256).toBe(digest);
    expect(chunked.headers["transfer-encoding"]).toBe("chunked");
  });

  it("maps path parameters, headers, stage variables and literals into an http integration's request, with its own method", async () => {
    const response = await call(gw.proxyUrl, `${base}/mapped/77?q=1`, { headers: { "x-user": "ann" } });
    const echo = response.json() as EchoBody;
    expect(echo.method).toBe("POST");
    expect(echo.url).toBe("/echo/mapped?q=1&source=gateway&user=ann");
    expect(echo.headers["x-item"]).toBe("77");
    expect(echo.headers["x-env"]).toBe("production");
  });

  it("passes upstream error statuses through unchanged", async () => {
    const response = await call(gw.proxyUrl, `${base}/status/503`);
    expect(response.status).toBe(503);
    expect((response.json() as EchoBody).url).toBe("/status/503");
  });

  it("answers 504 'Endpoint request timed out' when the upstream exceeds the integration timeout, and counts it", async () => {
    const started = performance.now();
    const response = await call(gw.proxyUrl, `${base}/hang`);
    expect(response.status).toBe(504);
    expect(response.json()).toEqual({ message: "Endpoint request timed out" });
    expect(performance.now() - started).toBeLessThan(5_000);
    const metrics = await gw.admin.request("GET", "/metrics");
    expect(String(metrics.body)).toMatch(
      /portico_upstream_errors_total\{api="petstore",stage="prod",route="GET \/hang",kind="timeout"\} [1-9]/,
    );
  });

  it("answers 502 'Bad Gateway' when the upstream refuses or resets the connection, typed in metrics", async () => {
    const refused = await call(gw.proxyUrl, `${base}/refused`);
    expect(refused.status).toBe(502);
    expect(refused.json()).toEqual({ message: "Bad Gateway" });
    const reset = await call(gw.proxyUrl, `${base}/reset`);
    expect(reset.status).toBe(502);
    const metrics = String((await gw.admin.request("GET", "/metrics")).body);
    expect(metrics).toMatch(/route="GET \/refused",kind="refused"\} [1-9]/);
    expect(metrics).toMatch(/route="GET \/reset",kind="reset"\} [1-9]/);
  });

  it("aborts the upstream request when the client goes away", async () => {
    const before = upstream.abandoned();
    const client = await new Promise<import("node:net").Socket>((resolve) => {
      const socket = connect(Number(new URL(gw.proxyUrl).port), "127.0.0.1", () => resolve(socket));
    });
    const hangCount = upstream.received("/hang");
    client.write(`GET ${base}/hang HTTP/1.1\r\nhost: x\r\n\r\n`);
    await waitFor(() => upstream.received("/hang") > hangCount, { what: "the request at the upstream", timeoutMs: 5_000, intervalMs: 0 });
    client.destroy();
    await waitFor(() => upstream.abandoned() > before, { what: "the upstream request to be abandoned", timeoutMs: 5_000, intervalMs: 0 });
    expect(upstream.abandoned()).toBeGreaterThan(before);
  });

  it("releases the upstream when a client stops reading a large response and leaves", async () => {
    const before = upstream.abandoned();
    const socket = connect(Number(new URL(gw.proxyUrl).port), "127.0.0.1");
    socket.write(`GET ${base}/big HTTP/1.1\r\nhost: x\r\n\r\n`);
    // Read the first bytes, then stop reading: the gateway must pause the upstream, not buffer 50 MB.
    await new Promise<void>((resolve) => socket.once("data", () => resolve()));
    socket.pause();
    socket.destroy();
    await waitFor(() => upstream.abandoned() > before, { what: "the upstream request to be abandoned", timeoutMs: 5_000, intervalMs: 0 });
    // The pool still works afterwards.
    expect((await call(gw.proxyUrl, `${base}/pets`)).status).toBe(200);
  });
});

describe("limits", () => {
  it("answers 413 to a 12 MB body with Content-Length, without reading it all", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        new URL(`${base}/upload`, gw.proxyUrl),
        { method: "POST", headers: { "content-length": String(12 * 1024 * 1024) } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.write(Buffer.alloc(64 * 1024));
    });
    expect(status).toBe(413);
  });

  it("answers 413 to a client that keeps sending a 12 MB body without Expect, then closes without a reset", async () => {
    const before = upstream.received("/echo");
    const outcome = await new Promise<{ status: number; body: string; error: string | null }>((resolve) => {
      let status = 0;
      let body = "";
      const req = httpRequest(
        new URL(`${base}/upload`, gw.proxyUrl),
        { method: "POST", headers: { "content-length": String(12 * 1024 * 1024) }, agent: false },
        (res) => {
          status = res.statusCode ?? 0;
          res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        },
      );
      // The client only learns of a reset by the error on its request: EPIPE or ECONNRESET.
      req.on("error", (error: NodeJS.ErrnoException) => resolve({ status, body, error: error.code ?? error.message }));
      req.on("close", () => resolve({ status, body, error: null }));
      req.end(Buffer.alloc(12 * 1024 * 1024, "z"));
    });
    expect(outcome).toEqual({ status: 413, body: JSON.stringify({ message: "Request Entity Too Large" }), error: null });
    expect(upstream.received("/echo")).toBe(before);
  });

  it("answers 413 to a chunked 12 MB body once it passes 10 MB", async () => {
    const before = upstream.received("/echo");
    const result = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(new URL(`${base}/upload`, gw.proxyUrl), { method: "POST" }, (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on("error", (error) => reject(error));
      const chunk = Buffer.alloc(1024 * 1024, "y");
      let sent = 0;
      const pump = (): void => {
        while (sent < 12) {
          sent += 1;
          if (!req.write(chunk)) {
            req.once("drain", pump);
            return;
          }
        }
        req.end();
      };
      pump();
    });
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body)).toEqual({ message: "Request Entity Too Large" });
    expect(upstream.received("/echo")).toBeGreaterThanOrEqual(before);
  });

  it("cuts loose a client that sends its headers one byte a second", async () => {
    const started = performance.now();
    const closed = await new Promise<string>((resolve) => {
      const socket = connect(Number(new URL(gw.proxyUrl).port), "127.0.0.1");
      const request = `GET ${base}/pets HTTP/1.1\r\nhost: x\r\nx-slow: ${"a".repeat(100)}\r\n\r\n`;
      let index = 0;
      let answer = "";
      const timer = setInterval(() => {
        if (socket.writable && index < request.length) socket.write(request[index++] ?? "");
      }, 1_000);
      socket.on("data", (chunk) => (answer += chunk.toString()));
      socket.on("error", () => undefined);
      socket.on("close", () => {
        clearInterval(timer);
        resolve(answer);
      });
    });
    // headersTimeout is 1 s in this suite; Node checks it every 250 ms.
    expect(performance.now() - started).toBeLessThan(8_000);
    expect(closed).toMatch(/^HTTP\/1\.1 408/);
  });

  it("answers 431 to headers over the size limit", async () => {
    const response = await call(gw.proxyUrl, `${base}/pets`, { headers: { "x-big": "b".repeat(10_000) } }).catch(() => null);
    expect(response?.status).toBe(431);
  });
});

/** Sends a request line exactly as given and resolves with the response status. */
/** Sends bytes as they are (no client normalises them) and resolves with everything answered until the connection closed. */
function rawRequest(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(gw.proxyUrl).port), "127.0.0.1", () => socket.write(request));
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk.toString()));
    socket.on("error", reject);
    socket.on("close", () => resolve(answer));
  });
}

function rawStatus(target: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(gw.proxyUrl).port), "127.0.0.1", () => {
      socket.write(`GET ${target} HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n`);
    });
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk.toString()));
    socket.on("error", reject);
    socket.on("close", () => resolve(Number(answer.slice(9, 12))));
  });
}
