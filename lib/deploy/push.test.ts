import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { afterEach, describe, expect, it } from "vitest";

import type { Snapshot } from "@/lib/contracts";

import { pushToNodes } from "./push";

// A stand-in for a node's admin API whose answers each test scripts.
type Script = (attempt: number) => { status: number; body?: unknown } | "hang" | "reset";

const servers: Server[] = [];

async function fakeNode(script: Script): Promise<{ adminUrl: string; attempts: () => number; authorizations: string[] }> {
  let attempts = 0;
  const authorizations: string[] = [];
  const server = createServer((req, res) => {
    authorizations.push(req.headers.authorization ?? "");
    req.resume();
    req.on("end", () => {
      const answer = script(attempts++);
      if (answer === "hang") return;
      if (answer === "reset") {
        req.socket.destroy();
        return;
      }
      res.writeHead(answer.status, { "content-type": "application/json" });
      res.end(JSON.stringify(answer.body ?? {}));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { adminUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, attempts: () => attempts, authorizations };
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const doc = { kind: "stage" as const, apiId: "api1", stage: "dev", snapshot: { apiId: "api1", stage: "dev" } as unknown as Snapshot };
const target = (adminUrl: string, name = "n1") => ({ nodeId: name, name, adminUrl, adminToken: `token-of-${name}` });

describe("pushToNodes", () => {
  it("presents each node its own admin token and no other", async () => {
    const first = await fakeNode(() => ({ status: 200, body: { status: "applied", hash: "h" } }));
    const second = await fakeNode(() => ({ status: 200, body: { status: "applied", hash: "h" } }));
    await pushToNodes(doc, [target(first.adminUrl, "first"), target(second.adminUrl, "second")], { retries: 0, timeoutMs: 5_000 });
    expect(first.authorizations).toEqual(["Bearer token-of-first"]);
    expect(second.authorizations).toEqual(["Bearer token-of-second"]);
  });

  it("retries a node that answers 5xx or drops the connection, and reports it applied once it acknowledges", async () => {
    const node = await fakeNode((attempt) =>
      attempt === 0 ? { status: 503 } : attempt === 1 ? "reset" : { status: 200, body: { status: "applied", hash: "abc" } },
    );
    const [result] = await pushToNodes(doc, [target(node.adminUrl)], { retries: 3, timeoutMs: 5_000 });
    expect(result).toMatchObject({ status: "applied", hash: "abc" });
    expect(node.attempts()).toBe(3);
  });

  it("does not retry a document the node refuses as invalid, and reports the node's reason", async () => {
    const node = await fakeNode(() => ({ status: 400, body: { error: { code: "invalid_document", message: "routes[0].path is wrong" } } }));
    const [result] = await pushToNodes(doc, [target(node.adminUrl)], { retries: 3 });
    expect(result?.status).toBe("failed");
    expect(result?.error).toContain("routes[0].path is wrong");
    expect(node.attempts()).toBe(1);
  });

  it("reports a node that never answers as timed out within the deadline, without holding up the others", async () => {
    const slow = await fakeNode(() => "hang");
    const fast = await fakeNode(() => ({ status: 200, body: { status: "applied", hash: "h" } }));
    const started = performance.now();
    const results = await pushToNodes(doc, [target(slow.adminUrl, "slow"), target(fast.adminUrl, "fast")], { timeoutMs: 300 });
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(results.map((r) => [r.name, r.status])).toEqual([
      ["slow", "timeout"],
      ["fast", "applied"],
    ]);
  });

  it("treats removing a stage the node does not have as done", async () => {
    const node = await fakeNode(() => ({ status: 404, body: { error: { code: "not_found", message: "no such stage" } } }));
    const [result] = await pushToNodes({ ...doc, snapshot: null }, [target(node.adminUrl)]);
    expect(result).toMatchObject({ status: "applied", hash: null });
  });

  it("names the admin token as the problem when a node answers 401", async () => {
    const node = await fakeNode(() => ({ status: 401 }));
    const [result] = await pushToNodes(doc, [target(node.adminUrl)]);
    expect(result?.status).toBe("failed");
    expect(result?.error).toContain("GATEWAY_ADMIN_TOKEN");
  });

  it("reports each node's result before resolving, and a failing report does not change the results", async () => {
    const first = await fakeNode(() => ({ status: 200, body: { hash: "a".repeat(64) } }));
    const second = await fakeNode(() => ({ status: 200, body: { hash: "a".repeat(64) } }));
    const reported: string[] = [];
    const results = await pushToNodes(doc, [target(first.adminUrl, "first"), target(second.adminUrl, "second")], {
      onResult(result) {
        reported.push(result.name);
        if (result.name === "first") return Promise.reject(new Error("bookkeeping failed"));
        return Promise.resolve();
      },
    });
    expect(reported.sort()).toEqual(["first", "second"]);
    expect(results.map((result) => result.status)).toEqual(["applied", "applied"]);
  });
});
